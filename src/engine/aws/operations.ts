/**
 * Host-side implementations of the simulated AWS operations: IAM action and resource per operation,
 * then the operation against the world's state. Outputs use the SDK v3 output shapes.
 */
import {
  ddbConditionalCheckFailed,
  ddbKeySchemaMismatch,
  ddbResourceNotFound,
  ddbValidation,
  s3AccessDeniedNoList,
  s3HeadNotFound,
  s3NoSuchBucket,
  s3NoSuchKey,
  secretNotFound,
  snsTopicNotFound,
  sqsQueueDoesNotExist,
  ssmParameterNotFound,
  type AwsService,
  type WireError,
} from './errors.ts';
import {
  applyUpdate,
  evaluateCondition,
  isAttributeValue,
  matchesKeyCondition,
  parseKeyCondition,
  avEquals,
  type AttributeMap,
  type AttributeValue,
  type ExprContext,
} from './dynamodb.ts';
import { utf8ToBase64, type AwsState, type TableState } from './state.ts';

/** Everything an operation needs besides its input. */
export interface OpContext {
  state: AwsState;
  accountId: string;
  /** The world's region (where regional resources live). */
  worldRegion: string;
  /** The client's region. */
  region: string;
  nowMs: number;
  epochMs: number;
  /** Deterministic id source. */
  id: () => string;
  /** Is the caller allowed `action` on `resource`? (S3 uses it for the NoSuchKey vs AccessDenied rule.) */
  isAllowed: (action: string, resource: string) => boolean;
}

/** IAM target of one call. */
export interface IamTarget {
  action: string;
  resource: string;
  /** The resource as AWS prints it in AccessDenied messages (Secrets Manager prints the SecretId). */
  shown: string;
}

/** Supported operations per service. */
export const OPERATIONS: Record<AwsService, readonly string[]> = {
  s3: ['GetObject', 'PutObject', 'HeadObject', 'ListObjectsV2', 'DeleteObject'],
  dynamodb: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'],
  sqs: ['SendMessage', 'ReceiveMessage', 'DeleteMessage'],
  sns: ['Publish'],
  secretsmanager: ['GetSecretValue'],
  ssm: ['GetParameter'],
};

type In = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Deterministic 6-character suffix of a secret ARN (AWS appends `-` + 6 random characters). */
export function secretSuffix(name: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  let out = '';
  for (let i = 0; i < 6; i++) {
    out += alphabet[h % alphabet.length];
    h = Math.imul(h ^ (h >>> 13), 2246822519) >>> 0;
  }
  return out;
}

function queueName(url: string): string {
  // https://sqs.<region>.amazonaws.com/<account>/<name>
  const parts = url.split('/').filter((p) => p !== '');
  return parts[parts.length - 1] ?? '';
}

function topicName(arn: string): string {
  return arn.split(':').pop() ?? '';
}

/** Find a secret by name or ARN; returns its name. */
function findSecret(ctx: OpContext, id: string): string | null {
  if (ctx.region !== ctx.worldRegion) return null;
  if (ctx.state.secrets.has(id)) return id;
  for (const name of ctx.state.secrets.keys()) {
    const arn = secretArn(ctx, name);
    if (id === arn || id === arn.slice(0, -7)) return name;
  }
  return null;
}

function secretArn(ctx: OpContext, name: string): string {
  return `arn:aws:secretsmanager:${ctx.worldRegion}:${ctx.accountId}:secret:${name}-${secretSuffix(name)}`;
}

/** IAM action and resource ARN of a call (service authorization reference, per operation). */
export function iamTarget(service: AwsService, operation: string, input: In, ctx: OpContext): IamTarget {
  const r = ctx.region;
  const a = ctx.accountId;
  switch (service) {
    case 's3': {
      const bucket = str(input['Bucket']);
      if (operation === 'ListObjectsV2') return { action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}`, shown: `arn:aws:s3:::${bucket}` };
      const action = operation === 'HeadObject' ? 's3:GetObject' : `s3:${operation}`;
      const res = `arn:aws:s3:::${bucket}/${str(input['Key'])}`;
      return { action, resource: res, shown: res };
    }
    case 'dynamodb': {
      const table = str(input['TableName']);
      const idx = operation === 'Query' && typeof input['IndexName'] === 'string' ? `/index/${input['IndexName']}` : '';
      const res = `arn:aws:dynamodb:${r}:${a}:table/${table}${idx}`;
      return { action: `dynamodb:${operation}`, resource: res, shown: res };
    }
    case 'sqs': {
      const res = `arn:aws:sqs:${r}:${a}:${queueName(str(input['QueueUrl']))}`;
      return { action: `sqs:${operation}`, resource: res, shown: res };
    }
    case 'sns': {
      const arn = str(input['TopicArn']);
      return { action: 'sns:Publish', resource: arn, shown: arn };
    }
    case 'secretsmanager': {
      const id = str(input['SecretId']);
      const name = findSecret(ctx, id);
      const res = id.startsWith('arn:') ? id : name !== null ? secretArn(ctx, name) : `arn:aws:secretsmanager:${r}:${a}:secret:${id}`;
      return { action: 'secretsmanager:GetSecretValue', resource: res, shown: id };
    }
    case 'ssm': {
      const name = str(input['Name']);
      const res = name.startsWith('arn:') ? name : `arn:aws:ssm:${r}:${a}:parameter/${name.replace(/^\//, '')}`;
      return { action: 'ssm:GetParameter', resource: res, shown: res };
    }
  }
}

type OpResult = { ok: true; output: Record<string, unknown>; latencyMs?: number } | { ok: false; error: WireError };
const fail = (error: WireError): OpResult => ({ ok: false, error });

function isoDate(ms: number): { $date: string } {
  return { $date: new Date(ms).toISOString() };
}

/** Run one operation against the state. */
export function runOperation(service: AwsService, operation: string, input: In, ctx: OpContext): OpResult {
  switch (service) {
    case 's3':
      return s3(operation, input, ctx);
    case 'dynamodb':
      return dynamodb(operation, input, ctx);
    case 'sqs':
      return sqs(operation, input, ctx);
    case 'sns': {
      const name = topicName(str(input['TopicArn']));
      const topic = ctx.region === ctx.worldRegion && str(input['TopicArn']) === `arn:aws:sns:${ctx.worldRegion}:${ctx.accountId}:${name}` ? ctx.state.topics.get(name) : undefined;
      if (!topic) return fail(snsTopicNotFound());
      const messageId = ctx.id();
      const rec: { messageId: string; message: string; subject?: string } = { messageId, message: str(input['Message']) };
      if (typeof input['Subject'] === 'string') rec.subject = input['Subject'];
      topic.push(rec);
      return { ok: true, output: { MessageId: messageId } };
    }
    case 'secretsmanager': {
      const name = findSecret(ctx, str(input['SecretId']));
      if (name === null) return fail(secretNotFound());
      return {
        ok: true,
        output: { ARN: secretArn(ctx, name), Name: name, VersionId: `v1-${secretSuffix(name)}`, SecretString: ctx.state.secrets.get(name), VersionStages: ['AWSCURRENT'], CreatedDate: isoDate(ctx.epochMs) },
      };
    }
    case 'ssm': {
      const raw = str(input['Name']);
      const name = raw.startsWith('arn:') ? `/${raw.split(':parameter/')[1] ?? ''}` : raw;
      const p = ctx.region === ctx.worldRegion ? (ctx.state.parameters.get(name) ?? ctx.state.parameters.get(name.replace(/^\//, ''))) : undefined;
      if (!p) return fail(ssmParameterNotFound());
      // SecureString without WithDecryption returns the ciphertext (ILLUSTRATIVE blob).
      const value = p.type === 'SecureString' && input['WithDecryption'] !== true ? `AQICAHh${utf8ToBase64(p.value).replace(/=+$/, '')}` : p.value;
      return {
        ok: true,
        output: {
          Parameter: { Name: raw.startsWith('arn:') ? name : raw, Type: p.type, Value: value, Version: p.version, LastModifiedDate: isoDate(ctx.epochMs), ARN: `arn:aws:ssm:${ctx.worldRegion}:${ctx.accountId}:parameter/${name.replace(/^\//, '')}`, DataType: 'text' },
        },
      };
    }
  }
}

function etagOf(b64: string): string {
  let h = 0;
  for (let i = 0; i < b64.length; i++) h = (Math.imul(h, 31) + b64.charCodeAt(i)) >>> 0;
  // Real ETags are MD5 hex; this is a deterministic 32-hex stand-in (ILLUSTRATIVE).
  return `"${(h.toString(16).padStart(8, '0')).repeat(4)}"`;
}

function byteLength(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
}

function s3(operation: string, input: In, ctx: OpContext): OpResult {
  const bucketName = str(input['Bucket']);
  const bucket = ctx.state.buckets.get(bucketName);
  if (!bucket) return fail(operation === 'HeadObject' ? { ...s3HeadNotFound() } : s3NoSuchBucket());
  const key = str(input['Key']);
  switch (operation) {
    case 'GetObject':
    case 'HeadObject': {
      const o = bucket.get(key);
      if (!o) {
        // API_GetObject: 404 NoSuchKey with s3:ListBucket on the bucket, else 403 AccessDenied.
        if (!ctx.isAllowed('s3:ListBucket', `arn:aws:s3:::${bucketName}`)) return fail(operation === 'HeadObject' ? { ...s3AccessDeniedNoList(), name: 'Forbidden', message: 'UnknownError' } : s3AccessDeniedNoList());
        return fail(operation === 'HeadObject' ? s3HeadNotFound() : s3NoSuchKey());
      }
      const out: Record<string, unknown> = {
        AcceptRanges: 'bytes',
        ContentLength: byteLength(o.base64),
        ContentType: o.contentType,
        ETag: etagOf(o.base64),
        LastModified: isoDate(ctx.epochMs + o.lastModifiedMs),
        Metadata: {},
      };
      if (operation === 'GetObject') out['Body'] = { $stream: o.base64 };
      return { ok: true, output: out };
    }
    case 'PutObject': {
      const body = input['Body'];
      const b64 = typeof body === 'string' ? utf8ToBase64(body) : body && typeof body === 'object' && typeof (body as In)['$bytes'] === 'string' ? ((body as In)['$bytes'] as string) : '';
      bucket.set(key, { base64: b64, contentType: str(input['ContentType']) || 'application/octet-stream', lastModifiedMs: ctx.nowMs });
      return { ok: true, output: { ETag: etagOf(b64) } };
    }
    case 'DeleteObject':
      bucket.delete(key);
      return { ok: true, output: {} };
    case 'ListObjectsV2': {
      const prefix = str(input['Prefix']);
      const max = typeof input['MaxKeys'] === 'number' ? input['MaxKeys'] : 1000;
      const after = str(input['ContinuationToken']) || str(input['StartAfter']);
      const keys = [...bucket.keys()].filter((k) => k.startsWith(prefix) && (after === '' || k > after)).sort();
      const page = keys.slice(0, max);
      const truncated = keys.length > page.length;
      const out: Record<string, unknown> = {
        Contents: page.map((k) => {
          const o = bucket.get(k) as { base64: string; lastModifiedMs: number };
          return { Key: k, LastModified: isoDate(ctx.epochMs + o.lastModifiedMs), ETag: etagOf(o.base64), Size: byteLength(o.base64), StorageClass: 'STANDARD' };
        }),
        IsTruncated: truncated,
        KeyCount: page.length,
        MaxKeys: max,
        Name: bucketName,
        Prefix: prefix,
      };
      if (page.length === 0) delete out['Contents'];
      if (truncated) out['NextContinuationToken'] = page[page.length - 1];
      return { ok: true, output: out };
    }
  }
  return fail(ddbValidation(`Unsupported operation ${operation}`));
}

function exprCtx(input: In): ExprContext {
  return {
    names: (input['ExpressionAttributeNames'] as Record<string, string>) ?? {},
    values: (input['ExpressionAttributeValues'] as Record<string, AttributeValue>) ?? {},
  };
}

function keyMatches(table: TableState, key: unknown): key is AttributeMap {
  if (!key || typeof key !== 'object') return false;
  const names = Object.keys(key);
  const want = [table.keySchema.pk, table.keySchema.sk].filter((x): x is string => x !== undefined);
  return names.length === want.length && want.every((n) => isAttributeValue((key as Record<string, unknown>)[n]) && !('NULL' in ((key as Record<string, AttributeValue>)[n] as object)));
}

function findIndex(table: TableState, key: AttributeMap): number {
  return table.items.findIndex((it) => avEquals(it[table.keySchema.pk], key[table.keySchema.pk]) && (table.keySchema.sk === undefined || avEquals(it[table.keySchema.sk], key[table.keySchema.sk])));
}

function dynamodb(operation: string, input: In, ctx: OpContext): OpResult {
  const table = ctx.region === ctx.worldRegion ? ctx.state.tables.get(str(input['TableName'])) : undefined;
  if (!table) return fail(ddbResourceNotFound());
  const ectx = exprCtx(input);
  const checkCondition = (existing: AttributeMap | undefined): OpResult | null => {
    const ce = input['ConditionExpression'];
    if (typeof ce !== 'string') return null;
    const r = evaluateCondition(ce, existing, ectx, 'ConditionExpression');
    if (!r.ok) return fail(r.error);
    return r.value ? null : fail(ddbConditionalCheckFailed());
  };
  const returnOld = input['ReturnValues'] === 'ALL_OLD';
  switch (operation) {
    case 'GetItem': {
      if (!keyMatches(table, input['Key'])) return fail(ddbKeySchemaMismatch());
      const i = findIndex(table, input['Key']);
      return { ok: true, output: i >= 0 ? { Item: table.items[i] } : {} };
    }
    case 'PutItem': {
      const item = input['Item'] as AttributeMap | undefined;
      if (!item || typeof item !== 'object') return fail(ddbValidation('One or more parameter values were invalid: Missing the key ' + table.keySchema.pk + ' in the item'));
      for (const k of [table.keySchema.pk, table.keySchema.sk]) {
        // DynamoDB text (UNVERIFIED): "One or more parameter values were invalid: Missing the key <k> in the item"
        if (k !== undefined && item[k] === undefined) return fail(ddbValidation(`One or more parameter values were invalid: Missing the key ${k} in the item`));
      }
      const key: AttributeMap = { [table.keySchema.pk]: item[table.keySchema.pk] as AttributeValue };
      if (table.keySchema.sk) key[table.keySchema.sk] = item[table.keySchema.sk] as AttributeValue;
      const i = findIndex(table, key);
      const existing = i >= 0 ? table.items[i] : undefined;
      const c = checkCondition(existing);
      if (c) return c;
      if (i >= 0) table.items[i] = item;
      else table.items.push(item);
      return { ok: true, output: returnOld && existing ? { Attributes: existing } : {} };
    }
    case 'UpdateItem':
    case 'DeleteItem': {
      if (!keyMatches(table, input['Key'])) return fail(ddbKeySchemaMismatch());
      const i = findIndex(table, input['Key']);
      const existing = i >= 0 ? table.items[i] : undefined;
      const c = checkCondition(existing);
      if (c) return c;
      if (operation === 'DeleteItem') {
        if (i >= 0) table.items.splice(i, 1);
        return { ok: true, output: returnOld && existing ? { Attributes: existing } : {} };
      }
      const ue = input['UpdateExpression'];
      const base: AttributeMap = existing ?? { ...(input['Key'] as AttributeMap) };
      let next = base;
      if (typeof ue === 'string') {
        const r = applyUpdate(ue, base, ectx);
        if (!r.ok) return fail(r.error);
        next = r.value;
      }
      if (i >= 0) table.items[i] = next;
      else table.items.push(next);
      const rv = input['ReturnValues'];
      return { ok: true, output: rv === 'ALL_NEW' ? { Attributes: next } : rv === 'ALL_OLD' && existing ? { Attributes: existing } : {} };
    }
    case 'Query': {
      const kce = input['KeyConditionExpression'];
      // UNVERIFIED text
      if (typeof kce !== 'string') return fail(ddbValidation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.'));
      const indexName = input['IndexName'];
      let schema = table.keySchema;
      if (typeof indexName === 'string') {
        const ix = table.indexes[indexName];
        // UNVERIFIED text
        if (!ix) return fail(ddbValidation(`The table does not have the specified index: ${indexName}`));
        schema = ix;
      }
      const kc = parseKeyCondition(kce, ectx);
      if (!kc.ok) return fail(kc.error);
      // UNVERIFIED text
      if (kc.value.pkName !== schema.pk || (kc.value.sk && kc.value.sk.name !== schema.sk)) return fail(ddbValidation('Query condition missed key schema element: ' + schema.pk));
      let items = table.items.filter((it) => matchesKeyCondition(it, kc.value));
      if (schema.sk) {
        const sk = schema.sk;
        items.sort((x, y) => {
          const a = x[sk];
          const b = y[sk];
          if (!a || !b) return 0;
          if ('N' in a && 'N' in b) return Number(a.N) - Number(b.N);
          const sa = JSON.stringify(a);
          const sb = JSON.stringify(b);
          return sa < sb ? -1 : sa > sb ? 1 : 0;
        });
      }
      if (input['ScanIndexForward'] === false) items.reverse();
      const scanned = items.length;
      const fe = input['FilterExpression'];
      if (typeof fe === 'string') {
        const kept: AttributeMap[] = [];
        for (const it of items) {
          const r = evaluateCondition(fe, it, ectx, 'FilterExpression');
          if (!r.ok) return fail(r.error);
          if (r.value) kept.push(it);
        }
        items = kept;
      }
      if (typeof input['Limit'] === 'number') items = items.slice(0, input['Limit']);
      return { ok: true, output: { Items: items, Count: items.length, ScannedCount: scanned } };
    }
  }
  return fail(ddbValidation(`Unsupported operation ${operation}`));
}

function sqs(operation: string, input: In, ctx: OpContext): OpResult {
  const url = str(input['QueueUrl']);
  const name = queueName(url);
  const okUrl = url === `https://sqs.${ctx.worldRegion}.amazonaws.com/${ctx.accountId}/${name}` && ctx.region === ctx.worldRegion;
  const q = okUrl ? ctx.state.queues.get(name) : undefined;
  if (!q) return fail(sqsQueueDoesNotExist());
  switch (operation) {
    case 'SendMessage': {
      const messageId = ctx.id();
      const delay = typeof input['DelaySeconds'] === 'number' ? input['DelaySeconds'] * 1000 : 0;
      q.push({ messageId, body: str(input['MessageBody']), receiveCount: 0, visibleAtMs: ctx.nowMs + delay, receiptHandle: null });
      return { ok: true, output: { MessageId: messageId, MD5OfMessageBody: etagOf(utf8ToBase64(str(input['MessageBody']))).slice(1, -1) } };
    }
    case 'ReceiveMessage': {
      const max = typeof input['MaxNumberOfMessages'] === 'number' ? input['MaxNumberOfMessages'] : 1;
      const vis = (typeof input['VisibilityTimeout'] === 'number' ? input['VisibilityTimeout'] : 30) * 1000;
      const visible = q.filter((m) => m.visibleAtMs <= ctx.nowMs).slice(0, max);
      for (const m of visible) {
        m.receiveCount++;
        m.visibleAtMs = ctx.nowMs + vis;
        m.receiptHandle = `rh-${ctx.id()}`;
      }
      const waitMs = visible.length === 0 && typeof input['WaitTimeSeconds'] === 'number' ? input['WaitTimeSeconds'] * 1000 : undefined;
      const out: Record<string, unknown> = visible.length ? { Messages: visible.map((m) => ({ MessageId: m.messageId, ReceiptHandle: m.receiptHandle, MD5OfBody: etagOf(utf8ToBase64(m.body)).slice(1, -1), Body: m.body })) } : {};
      return waitMs !== undefined ? { ok: true, output: out, latencyMs: waitMs } : { ok: true, output: out };
    }
    case 'DeleteMessage': {
      const i = q.findIndex((m) => m.receiptHandle !== null && m.receiptHandle === input['ReceiptHandle']);
      if (i >= 0) q.splice(i, 1);
      return { ok: true, output: {} };
    }
  }
  return fail(ddbValidation(`Unsupported operation ${operation}`));
}
