/**
 * Host-side implementations of the simulated AWS operations: IAM action and resource per operation,
 * then the operation against the world's state. Outputs use the SDK v3 output shapes.
 */
import {
  ddbConditionalCheckFailed,
  ddbKeySchemaMismatch,
  ddbResourceNotFound,
  ddbTransactionCanceled,
  ddbValidation,
  lambdaFunctionNotFound,
  serviceError,
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
  avCompare,
  projectItem,
  type AttributeMap,
  type AttributeValue,
  type ExprContext,
} from './dynamodb.ts';
import { base64ToUtf8, utf8ToBase64, type AwsState, type TableState } from './state.ts';
import { converse, invokeModel, modelRef } from './bedrock.ts';

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

/** Supported operations per service (every other operation answers SimulatorUnsupportedOperation). */
export const OPERATIONS: Record<AwsService, readonly string[]> = {
  s3: ['GetObject', 'PutObject', 'HeadObject', 'ListObjects', 'ListObjectsV2', 'DeleteObject', 'CopyObject'],
  dynamodb: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems'],
  sqs: ['SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'GetQueueUrl'],
  sns: ['Publish'],
  secretsmanager: ['GetSecretValue'],
  ssm: ['GetParameter', 'GetParameters', 'GetParametersByPath'],
  lambda: ['Invoke', 'GetAccountSettings'],
  events: ['PutEvents'],
  'bedrock-runtime': ['Converse', 'InvokeModel'],
};

/** Most items one BatchGetItem may request — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html ("up to 100 items"). */
export const MAX_BATCH_GET_ITEMS = 100;
/** Most put/delete requests in one BatchWriteItem — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html ("up to 25 item put or delete operations"). */
export const MAX_BATCH_WRITE_ITEMS = 25;
/** Most actions in one TransactWriteItems / TransactGetItems — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html ("groups up to 100 action requests"). */
export const MAX_TRANSACT_ITEMS = 100;
/** Most entries in one PutEvents — https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html (Entries: "Maximum number of 10 items"). */
export const MAX_PUT_EVENTS_ENTRIES = 10;
/** Most entries in one SQS SendMessageBatch / DeleteMessageBatch — https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-batch-api-actions.html ("up to 10 messages"). */
export const MAX_SQS_BATCH_ENTRIES = 10;
/** Most names in one SSM GetParameters — https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameters.html (Names: "Maximum number of 10 items"). */
export const MAX_GET_PARAMETERS_NAMES = 10;
/** Largest MaxResults of GetParametersByPath — https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html (MaxResults 1-10). */
export const MAX_PARAMETERS_BY_PATH_RESULTS = 10;

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

/** Split an S3 CopySource (`bucket/key`, optionally with a leading `/` and URL-encoded) into bucket and key. */
function parseCopySource(v: unknown): { bucket: string; key: string } {
  let raw = str(v);
  try {
    raw = decodeURIComponent(raw);
  } catch {
    /* keep it as given */
  }
  raw = raw.replace(/^\//, '').replace(/\?versionId=.*$/, '');
  const i = raw.indexOf('/');
  return i < 0 ? { bucket: raw, key: '' } : { bucket: raw.slice(0, i), key: raw.slice(i + 1) };
}

/** A Lambda FunctionName (name, `name:qualifier`, partial ARN or ARN) as name, qualifier and the function ARN. */
export function resolveFunctionName(v: unknown, qualifier: unknown, ctx: { region: string; accountId: string }): { name: string; qualifier: string; arn: string } {
  const raw = str(v);
  let name = raw;
  let q = typeof qualifier === 'string' ? qualifier : '';
  let region = ctx.region;
  let account = ctx.accountId;
  const full = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([^:]+)(?::(.+))?$/.exec(raw);
  const partial = /^(\d{12}):function:([^:]+)(?::(.+))?$/.exec(raw);
  if (full) {
    region = full[1] ?? region;
    account = full[2] ?? account;
    name = full[3] ?? '';
    if (full[4]) q = full[4];
  } else if (partial) {
    account = partial[1] ?? account;
    name = partial[2] ?? '';
    if (partial[3]) q = partial[3];
  } else if (raw.includes(':')) {
    const i = raw.indexOf(':');
    name = raw.slice(0, i);
    q = raw.slice(i + 1);
  }
  const arn = `arn:aws:lambda:${region}:${account}:function:${name}${q ? `:${q}` : ''}`;
  return { name, qualifier: q, arn };
}

/** Every IAM check of a call, in order: batch and transaction calls need one per table or item (service authorization reference, per operation). */
export function iamTargets(service: AwsService, operation: string, input: In, ctx: OpContext): IamTarget[] {
  const r = ctx.region;
  const a = ctx.accountId;
  const table = (t: string): string => `arn:aws:dynamodb:${r}:${a}:table/${t}`;
  const one = (action: string, resource: string): IamTarget => ({ action, resource, shown: resource });
  if (service === 'dynamodb') {
    if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
      // Resource-level actions dynamodb:BatchGetItem / dynamodb:BatchWriteItem on each table —
      // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
      const ri = input['RequestItems'];
      const names = ri && typeof ri === 'object' ? Object.keys(ri) : [];
      return names.map((t) => one(`dynamodb:${operation}`, table(t)));
    }
    if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
      // "Permissions for Put, Update, Delete, and Get actions are governed by the permissions used for the underlying
      // PutItem, UpdateItem, DeleteItem, and GetItem operations. For the ConditionCheck action, you can use the
      // dynamodb:ConditionCheckItem permission" — https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html
      const items = Array.isArray(input['TransactItems']) ? (input['TransactItems'] as unknown[]) : [];
      const out: IamTarget[] = [];
      const actions: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };
      for (const it of items) {
        if (!it || typeof it !== 'object') continue;
        for (const [k, act] of Object.entries(actions)) {
          const body = (it as In)[k];
          if (body && typeof body === 'object') out.push(one(`dynamodb:${act}`, table(str((body as In)['TableName']))));
        }
      }
      return out;
    }
  }
  if (service === 'ssm' && operation === 'GetParameters') {
    // ssm:GetParameters on each parameter ARN — https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html
    const names = Array.isArray(input['Names']) ? (input['Names'] as unknown[]).map(str) : [];
    return names.map((n) => one('ssm:GetParameters', n.startsWith('arn:') ? n : `arn:aws:ssm:${r}:${a}:parameter/${n.replace(/^\//, '')}`));
  }
  if (service === 's3' && operation === 'CopyObject') {
    // CopyObject needs s3:GetObject on the source and s3:PutObject on the destination —
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html ("Permissions")
    const src = parseCopySource(input['CopySource']);
    return [one('s3:GetObject', `arn:aws:s3:::${src.bucket}/${src.key}`), one('s3:PutObject', `arn:aws:s3:::${str(input['Bucket'])}/${str(input['Key'])}`)];
  }
  if (service === 'events') {
    // events:PutEvents on each event bus ARN — https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html
    const entries = Array.isArray(input['Entries']) ? (input['Entries'] as unknown[]) : [];
    const buses = new Set<string>();
    for (const e of entries) buses.add(busArn(e && typeof e === 'object' ? (e as In)['EventBusName'] : undefined, ctx));
    if (buses.size === 0) buses.add(busArn(undefined, ctx));
    return [...buses].map((b) => one('events:PutEvents', b));
  }
  return [iamTarget(service, operation, input, ctx)];
}

function busArn(name: unknown, ctx: { region: string; accountId: string }): string {
  const n = str(name) || 'default';
  return n.startsWith('arn:') ? n : `arn:aws:events:${ctx.region}:${ctx.accountId}:event-bus/${n}`;
}

/** IAM action and resource ARN of a single-resource call (service authorization reference, per operation). */
export function iamTarget(service: AwsService, operation: string, input: In, ctx: OpContext): IamTarget {
  const r = ctx.region;
  const a = ctx.accountId;
  switch (service) {
    case 'lambda': {
      // GetAccountSettings has no resource: a statement grants it with "Resource": "*" only —
      // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html (no resource type).
      if (operation === 'GetAccountSettings') return { action: 'lambda:GetAccountSettings', resource: '*', shown: '*' };
      // lambda:InvokeFunction on the function ARN (with its qualifier) —
      // https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html
      const fn = resolveFunctionName(input['FunctionName'], input['Qualifier'], { region: r, accountId: a });
      return { action: 'lambda:InvokeFunction', resource: fn.arn, shown: fn.arn };
    }
    case 'bedrock-runtime': {
      // Converse and InvokeModel both need bedrock:InvokeModel on the model (or inference profile) —
      // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html ("requires permission for the
      // bedrock:InvokeModel action"); resource types in https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html.
      const m = modelRef(input['modelId'], r, a);
      return { action: 'bedrock:InvokeModel', resource: m.arn, shown: m.arn };
    }
    case 'events': {
      const b = busArn(undefined, { region: r, accountId: a });
      return { action: 'events:PutEvents', resource: b, shown: b };
    }
    case 's3': {
      const bucket = str(input['Bucket']);
      // ListObjects and ListObjectsV2 both need s3:ListBucket on the bucket —
      // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html ("Permissions")
      if (operation === 'ListObjectsV2' || operation === 'ListObjects') return { action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}`, shown: `arn:aws:s3:::${bucket}` };
      const action = operation === 'HeadObject' ? 's3:GetObject' : `s3:${operation}`;
      const res = `arn:aws:s3:::${bucket}/${str(input['Key'])}`;
      return { action, resource: res, shown: res };
    }
    case 'dynamodb': {
      const table = str(input['TableName']);
      const idx = (operation === 'Query' || operation === 'Scan') && typeof input['IndexName'] === 'string' ? `/index/${input['IndexName']}` : '';
      const res = `arn:aws:dynamodb:${r}:${a}:table/${table}${idx}`;
      return { action: `dynamodb:${operation}`, resource: res, shown: res };
    }
    case 'sqs': {
      // The batch actions are authorised as SendMessage / DeleteMessage ("You cannot set permissions explicitly for
      // SendMessageBatch, DeleteMessageBatch …") — https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-batch-api-actions.html
      const action = operation === 'SendMessageBatch' ? 'SendMessage' : operation === 'DeleteMessageBatch' ? 'DeleteMessage' : operation;
      const name = operation === 'GetQueueUrl' ? str(input['QueueName']) : queueName(str(input['QueueUrl']));
      const res = `arn:aws:sqs:${r}:${a}:${name}`;
      return { action: `sqs:${action}`, resource: res, shown: res };
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
      // GetParametersByPath is authorised on the path's parameter ARN (UNVERIFIED: whether a trailing /* in the
      // policy also matches) — https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html
      const name = operation === 'GetParametersByPath' ? str(input['Path']) : str(input['Name']);
      const res = name.startsWith('arn:') ? name : `arn:aws:ssm:${r}:${a}:parameter/${name.replace(/^\//, '')}`;
      return { action: `ssm:${operation}`, resource: res, shown: res };
    }
  }
}

/** What one operation answered: its output (and HTTP status when not 200), or a service error. */
export type OpResult = { ok: true; output: Record<string, unknown>; latencyMs?: number; httpStatusCode?: number } | { ok: false; error: WireError };
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
    case 'lambda':
      return operation === 'GetAccountSettings' ? accountSettings(ctx) : lambdaInvoke(input, ctx);
    case 'events':
      return putEvents(input, ctx);
    case 'bedrock-runtime':
      return operation === 'Converse' ? converse(input, ctx.state, ctx.region, ctx.accountId) : invokeModel(input, ctx.state, ctx.region, ctx.accountId);
    case 'ssm': {
      if (operation === 'GetParametersByPath') return parametersByPath(input, ctx);
      if (operation === 'GetParameters') return getParameters(input, ctx);
      const parameter = parameterOutput(str(input['Name']), input, ctx);
      return parameter ? { ok: true, output: { Parameter: parameter } } : fail(ssmParameterNotFound());
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
    case 'CopyObject': {
      // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html: CopySource is "bucket/key" (URL-encoded);
      // the answer is CopyObjectResult { ETag, LastModified }; a missing source key is NoSuchKey.
      const src = parseCopySource(input['CopySource']);
      const from = ctx.state.buckets.get(src.bucket);
      if (!from) return fail(s3NoSuchBucket());
      const o = from.get(src.key);
      if (!o) return fail(s3NoSuchKey());
      const ct = input['MetadataDirective'] === 'REPLACE' && typeof input['ContentType'] === 'string' ? input['ContentType'] : o.contentType;
      bucket.set(key, { base64: o.base64, contentType: ct, lastModifiedMs: ctx.nowMs });
      return { ok: true, output: { CopyObjectResult: { ETag: etagOf(o.base64), LastModified: isoDate(ctx.epochMs + ctx.nowMs) } } };
    }
    case 'ListObjects':
    case 'ListObjectsV2':
      return listObjects(operation, bucketName, bucket, input, ctx);
  }
  return fail(ddbValidation(`Unsupported operation ${operation}`));
}

/**
 * ListObjects (v1: Marker / NextMarker) and ListObjectsV2 (ContinuationToken / StartAfter / KeyCount), with Prefix,
 * Delimiter (CommonPrefixes) and MaxKeys (default 1,000) — https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html. Keys come back in UTF-8 binary order. The
 * continuation token is the last key returned (real tokens are opaque: ILLUSTRATIVE).
 */
function listObjects(operation: string, bucketName: string, bucket: Map<string, { base64: string; lastModifiedMs: number }>, input: In, ctx: OpContext): OpResult {
  const v2 = operation === 'ListObjectsV2';
  const prefix = str(input['Prefix']);
  const delimiter = str(input['Delimiter']);
  const max = typeof input['MaxKeys'] === 'number' ? input['MaxKeys'] : 1000;
  const after = v2 ? str(input['ContinuationToken']) || str(input['StartAfter']) : str(input['Marker']);
  const keys = [...bucket.keys()].filter((k) => k.startsWith(prefix) && (after === '' || k > after)).sort();
  // Group keys under a common prefix (up to the first delimiter after Prefix); each group counts once toward MaxKeys.
  const rows: Array<{ key: string } | { prefix: string; last: string }> = [];
  for (const k of keys) {
    const i = delimiter ? k.indexOf(delimiter, prefix.length) : -1;
    if (i >= 0) {
      const p = k.slice(0, i + delimiter.length);
      const prev = rows[rows.length - 1];
      if (prev && 'prefix' in prev && prev.prefix === p) prev.last = k;
      else rows.push({ prefix: p, last: k });
    } else rows.push({ key: k });
  }
  const page = rows.slice(0, max);
  const truncated = rows.length > page.length;
  const contents = page.filter((x): x is { key: string } => 'key' in x).map((x) => {
    const o = bucket.get(x.key) as { base64: string; lastModifiedMs: number };
    return { Key: x.key, LastModified: isoDate(ctx.epochMs + o.lastModifiedMs), ETag: etagOf(o.base64), Size: byteLength(o.base64), StorageClass: 'STANDARD' };
  });
  const prefixes = page.filter((x): x is { prefix: string; last: string } => 'prefix' in x).map((x) => ({ Prefix: x.prefix }));
  const last = page[page.length - 1];
  const lastKey = last === undefined ? '' : 'key' in last ? last.key : last.last;
  const out: Record<string, unknown> = { IsTruncated: truncated, MaxKeys: max, Name: bucketName, Prefix: prefix };
  if (contents.length) out['Contents'] = contents;
  if (prefixes.length) out['CommonPrefixes'] = prefixes;
  if (delimiter) out['Delimiter'] = delimiter;
  if (v2) {
    out['KeyCount'] = page.length;
    if (typeof input['ContinuationToken'] === 'string') out['ContinuationToken'] = input['ContinuationToken'];
    if (typeof input['StartAfter'] === 'string') out['StartAfter'] = input['StartAfter'];
    if (truncated) out['NextContinuationToken'] = lastKey;
  } else {
    out['Marker'] = after;
    // "NextMarker: This element is returned only if you have the delimiter request parameter specified." (API_ListObjects)
    if (truncated && delimiter) out['NextMarker'] = lastKey;
  }
  return { ok: true, output: out };
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

function tableOf(ctx: OpContext, name: unknown): TableState | undefined {
  return ctx.region === ctx.worldRegion ? ctx.state.tables.get(str(name)) : undefined;
}

/** The key attributes of `item` for the table's schema (and an index's, for LastEvaluatedKey of index reads). */
function keyOf(item: AttributeMap, ...schemas: Array<{ pk: string; sk?: string }>): AttributeMap {
  const out: AttributeMap = {};
  for (const s of schemas) for (const n of [s.pk, s.sk]) if (n !== undefined && item[n] !== undefined) out[n] = item[n] as AttributeValue;
  return out;
}

/**
 * Query and Scan share paging: ExclusiveStartKey resumes after that item, Limit is the number of items *evaluated*
 * before FilterExpression ("the maximum number of items to evaluate (not necessarily the number of matching items)"),
 * LastEvaluatedKey is set when items remain, Select COUNT omits Items —
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html, API_Scan.html. The 1 MB page size is
 * not simulated.
 */
function readPage(candidates: AttributeMap[], table: TableState, index: { pk: string; sk?: string } | null, input: In, ectx: ExprContext): OpResult {
  let start = 0;
  const esk = input['ExclusiveStartKey'];
  if (esk && typeof esk === 'object') {
    const want = esk as AttributeMap;
    const i = candidates.findIndex((it) => Object.keys(want).every((k) => avEquals(it[k], want[k])));
    // An unknown start key starts after where it would sort (ILLUSTRATIVE: here, at the end).
    start = i >= 0 ? i + 1 : candidates.length;
  }
  const limit = typeof input['Limit'] === 'number' ? input['Limit'] : Infinity;
  const evaluated = candidates.slice(start, start + limit);
  const more = start + evaluated.length < candidates.length;
  let items = evaluated;
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
  const out: Record<string, unknown> = { Count: items.length, ScannedCount: evaluated.length };
  if (input['Select'] !== 'COUNT') {
    const projected: AttributeMap[] = [];
    for (const it of items) {
      const r = projectItem(it, input['ProjectionExpression'], ectx.names);
      if (!r.ok) return fail(r.error);
      projected.push(r.value);
    }
    out['Items'] = projected;
  }
  const last = evaluated[evaluated.length - 1];
  if (more && last) out['LastEvaluatedKey'] = index ? keyOf(last, table.keySchema, index) : keyOf(last, table.keySchema);
  return { ok: true, output: out };
}

function sortBy(items: AttributeMap[], sk: string | undefined): AttributeMap[] {
  if (!sk) return items;
  return items.sort((x, y) => avCompare(x[sk], y[sk]) ?? 0);
}

function dynamodb(operation: string, input: In, ctx: OpContext): OpResult {
  if (operation === 'BatchGetItem') return batchGetItem(input, ctx);
  if (operation === 'BatchWriteItem') return batchWriteItem(input, ctx);
  if (operation === 'TransactWriteItems') return transactWriteItems(input, ctx);
  if (operation === 'TransactGetItems') return transactGetItems(input, ctx);
  const table = tableOf(ctx, input['TableName']);
  if (!table) return fail(ddbResourceNotFound());
  const ectx = exprCtx(input);
  const checkCondition = (existing: AttributeMap | undefined): OpResult | null => {
    const ce = input['ConditionExpression'];
    if (typeof ce !== 'string') return null;
    const r = evaluateCondition(ce, existing, ectx, 'ConditionExpression');
    if (!r.ok) return fail(r.error);
    if (r.value) return null;
    // ReturnValuesOnConditionCheckFailure: ALL_OLD puts the item in the exception's Item member —
    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html#DDB-PutItem-request-ReturnValuesOnConditionCheckFailure
    return fail(input['ReturnValuesOnConditionCheckFailure'] === 'ALL_OLD' && existing ? { ...ddbConditionalCheckFailed(), Item: existing } : ddbConditionalCheckFailed());
  };
  const returnOld = input['ReturnValues'] === 'ALL_OLD';
  switch (operation) {
    case 'GetItem': {
      if (!keyMatches(table, input['Key'])) return fail(ddbKeySchemaMismatch());
      const i = findIndex(table, input['Key']);
      if (i < 0) return { ok: true, output: {} };
      const r = projectItem(table.items[i] as AttributeMap, input['ProjectionExpression'], ectx.names);
      return r.ok ? { ok: true, output: { Item: r.value } } : fail(r.error);
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
      // ReturnValues NONE | ALL_OLD | UPDATED_OLD | ALL_NEW | UPDATED_NEW — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html
      const rv = input['ReturnValues'];
      // UPDATED_*: the non-key attributes whose value changed (an attribute SET to its current value is left out:
      // ILLUSTRATIVE, DynamoDB returns every attribute the expression names).
      const changed = (from: AttributeMap, other: AttributeMap | undefined): AttributeMap => {
        const o: AttributeMap = {};
        for (const [k, v] of Object.entries(from)) if (k !== table.keySchema.pk && k !== table.keySchema.sk && (!other || !avEquals(v, other[k]))) o[k] = v;
        return o;
      };
      const attrs = rv === 'ALL_NEW' ? next : rv === 'ALL_OLD' ? existing : rv === 'UPDATED_NEW' ? changed(next, existing) : rv === 'UPDATED_OLD' && existing ? changed(existing, next) : undefined;
      return { ok: true, output: attrs && Object.keys(attrs).length ? { Attributes: attrs } : {} };
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
      // The two conditions may come in either order (`sk = :s AND pk = :p`): read them against the key schema
      // (UNVERIFIED that DynamoDB accepts both orders).
      if (kc.value.pkName === schema.sk && kc.value.sk?.op === '=' && kc.value.sk.name === schema.pk && kc.value.sk.values[0]) {
        kc.value = { pkName: schema.pk, pkValue: kc.value.sk.values[0], sk: { name: schema.sk, op: '=', values: [kc.value.pkValue] } };
      }
      // UNVERIFIED text
      if (kc.value.pkName !== schema.pk || (kc.value.sk && kc.value.sk.name !== schema.sk)) return fail(ddbValidation('Query condition missed key schema element: ' + schema.pk));
      // Results are ordered by the sort key, ascending unless ScanIndexForward is false (API_Query).
      const items = sortBy(table.items.filter((it) => matchesKeyCondition(it, kc.value)), schema.sk);
      if (input['ScanIndexForward'] === false) items.reverse();
      return readPage(items, table, typeof indexName === 'string' ? schema : null, input, ectx);
    }
    case 'Scan': {
      // Items in the table's stored order (DynamoDB's is hash order: ILLUSTRATIVE). An index holds only items that
      // have its key attributes (sparse indexes). Parallel scan: each item belongs to exactly one of TotalSegments
      // segments (here by a hash of its partition key: ILLUSTRATIVE), so the segments together return every item once —
      // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan
      const indexName = input['IndexName'];
      let index: { pk: string; sk?: string } | null = null;
      if (typeof indexName === 'string') {
        const ix = table.indexes[indexName];
        // UNVERIFIED text
        if (!ix) return fail(ddbValidation(`The table does not have the specified index: ${indexName}`));
        index = ix;
      }
      let items = index ? table.items.filter((it) => it[(index as { pk: string }).pk] !== undefined && (index?.sk === undefined || it[index.sk] !== undefined)) : table.items.slice();
      const seg = input['Segment'];
      const total = input['TotalSegments'];
      if (seg !== undefined || total !== undefined) {
        // UNVERIFIED texts (the bounds are documented: TotalSegments 1-1,000,000, 0 <= Segment < TotalSegments)
        if (typeof seg !== 'number' || typeof total !== 'number') return fail(ddbValidation('The TotalSegments parameter is required but was not present in the request when Segment parameter is present'));
        if (total < 1 || total > 1_000_000 || seg < 0 || seg >= total) return fail(ddbValidation(`The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${seg} is not less than TotalSegments: ${total}`));
        const pk = table.keySchema.pk;
        items = items.filter((it) => {
          const text = JSON.stringify(it[pk] ?? null);
          let h = 2166136261;
          for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
          return h % total === seg;
        });
      }
      return readPage(items, table, index, input, ectx);
    }
  }
  return fail(ddbValidation(`Unsupported operation ${operation}`));
}

function countOf(ri: Record<string, unknown>, field: string | null): number {
  let n = 0;
  for (const v of Object.values(ri)) {
    const list = field ? (v && typeof v === 'object' ? (v as In)[field] : undefined) : v;
    n += Array.isArray(list) ? list.length : 0;
  }
  return n;
}

/**
 * BatchGetItem: RequestItems { table: { Keys, ProjectionExpression?, ExpressionAttributeNames? } } → Responses
 * { table: items } and UnprocessedKeys {} (the simulator never leaves keys unprocessed) —
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html. Order within a table is not
 * guaranteed on AWS; here it follows the request.
 */
function batchGetItem(input: In, ctx: OpContext): OpResult {
  const ri = input['RequestItems'];
  if (!ri || typeof ri !== 'object' || Object.keys(ri).length === 0) return fail(ddbValidation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null")); // UNVERIFIED text
  // "If you request more than 100 items, BatchGetItem returns a ValidationException with the message "Too many items
  // requested for the BatchGetItem call."" — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
  if (countOf(ri as In, 'Keys') > MAX_BATCH_GET_ITEMS) return fail(ddbValidation('Too many items requested for the BatchGetItem call'));
  const responses: Record<string, AttributeMap[]> = {};
  for (const [name, spec] of Object.entries(ri as In)) {
    const table = tableOf(ctx, name);
    if (!table) return fail(ddbResourceNotFound());
    const keys = spec && typeof spec === 'object' && Array.isArray((spec as In)['Keys']) ? ((spec as In)['Keys'] as unknown[]) : [];
    const seen = new Set<string>();
    const found: AttributeMap[] = [];
    for (const k of keys) {
      if (!keyMatches(table, k)) return fail(ddbKeySchemaMismatch());
      const id = JSON.stringify(keyOf(k, table.keySchema));
      // UNVERIFIED text
      if (seen.has(id)) return fail(ddbValidation('Provided list of item keys contains duplicates'));
      seen.add(id);
      const i = findIndex(table, k);
      if (i >= 0) {
        const r = projectItem(table.items[i] as AttributeMap, (spec as In)['ProjectionExpression'], ((spec as In)['ExpressionAttributeNames'] as Record<string, string>) ?? {});
        if (!r.ok) return fail(r.error);
        found.push(r.value);
      }
    }
    responses[name] = found;
  }
  return { ok: true, output: { Responses: responses, UnprocessedKeys: {} } };
}

/**
 * BatchWriteItem: RequestItems { table: [ { PutRequest: { Item } } | { DeleteRequest: { Key } } ] }, at most 25 requests,
 * no conditions; answers UnprocessedItems {} — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html.
 * Validation happens before any write (the whole batch is rejected).
 */
function batchWriteItem(input: In, ctx: OpContext): OpResult {
  const ri = input['RequestItems'];
  if (!ri || typeof ri !== 'object' || Object.keys(ri).length === 0) return fail(ddbValidation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null")); // UNVERIFIED text
  // One table's list over 25 fails the request's map constraint (text recorded in dtan4/valec#46 and
  // elegantdevelopment/aws-cdk-dynamodb-seeder#3; the Value part, a Java rendering of the map, is ILLUSTRATIVE here).
  for (const [name, list] of Object.entries(ri as In)) {
    if (Array.isArray(list) && list.length > MAX_BATCH_WRITE_ITEMS) {
      return fail(ddbValidation(`1 validation error detected: Value '{${name}=[${list.length} WriteRequests]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]`));
    }
  }
  // Over 25 across tables: "Too many items requested for the BatchWriteItem call" (captured from DynamoDB Local in
  // 99x/serverless-dynamodb-local#175; the service's text is UNVERIFIED).
  if (countOf(ri as In, null) > MAX_BATCH_WRITE_ITEMS) return fail(ddbValidation('Too many items requested for the BatchWriteItem call'));
  const plan: Array<{ table: TableState; put?: AttributeMap; del?: AttributeMap }> = [];
  for (const [name, list] of Object.entries(ri as In)) {
    const table = tableOf(ctx, name);
    if (!table) return fail(ddbResourceNotFound());
    for (const req of Array.isArray(list) ? list : []) {
      const put = req && typeof req === 'object' ? ((req as In)['PutRequest'] as In | undefined) : undefined;
      const del = req && typeof req === 'object' ? ((req as In)['DeleteRequest'] as In | undefined) : undefined;
      if (put && put['Item'] && typeof put['Item'] === 'object') {
        const item = put['Item'] as AttributeMap;
        for (const k of [table.keySchema.pk, table.keySchema.sk]) {
          if (k !== undefined && item[k] === undefined) return fail(ddbValidation(`One or more parameter values were invalid: Missing the key ${k} in the item`)); // UNVERIFIED text
        }
        plan.push({ table, put: item });
      } else if (del && keyMatches(table, del['Key'])) plan.push({ table, del: del['Key'] });
      else return fail(ddbKeySchemaMismatch());
    }
  }
  for (const p of plan) {
    if (p.put) {
      const i = findIndex(p.table, keyOf(p.put, p.table.keySchema));
      if (i >= 0) p.table.items[i] = p.put;
      else p.table.items.push(p.put);
    } else if (p.del) {
      const i = findIndex(p.table, p.del);
      if (i >= 0) p.table.items.splice(i, 1);
    }
  }
  return { ok: true, output: { UnprocessedItems: {} } };
}

/**
 * TransactWriteItems: up to 100 Put / Update / Delete / ConditionCheck actions, all or nothing. Every condition is
 * checked first; a failed one cancels the transaction with TransactionCanceledException and one CancellationReason per
 * action ({ Code: 'None' } for the others) — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html.
 */
function transactWriteItems(input: In, ctx: OpContext): OpResult {
  const items = Array.isArray(input['TransactItems']) ? (input['TransactItems'] as In[]) : [];
  // UNVERIFIED texts (the 1-100 bounds are documented)
  if (items.length === 0) return fail(ddbValidation("1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"));
  if (items.length > MAX_TRANSACT_ITEMS) return fail(ddbValidation(`1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TRANSACT_ITEMS}`));
  const steps: Array<{ kind: string; body: In; table: TableState; key: AttributeMap }> = [];
  const targets = new Set<string>();
  for (const it of items) {
    const kind = ['Put', 'Update', 'Delete', 'ConditionCheck'].find((k) => it && typeof it === 'object' && it[k] && typeof it[k] === 'object');
    if (!kind) return fail(ddbValidation('TransactItems can only contain one of Check, Put, Update or Delete')); // UNVERIFIED text
    const body = it[kind] as In;
    const table = tableOf(ctx, body['TableName']);
    if (!table) return fail(ddbResourceNotFound());
    let key: AttributeMap;
    if (kind === 'Put') {
      const item = body['Item'] as AttributeMap | undefined;
      if (!item || typeof item !== 'object' || item[table.keySchema.pk] === undefined || (table.keySchema.sk !== undefined && item[table.keySchema.sk] === undefined)) return fail(ddbKeySchemaMismatch());
      key = keyOf(item, table.keySchema);
    } else {
      if (!keyMatches(table, body['Key'])) return fail(ddbKeySchemaMismatch());
      key = body['Key'];
    }
    const id = `${str(body['TableName'])}|${JSON.stringify(keyOf(key, table.keySchema))}`;
    // "no two actions can target the same item" (API_TransactWriteItems); message UNVERIFIED
    if (targets.has(id)) return fail(ddbValidation('Transaction request cannot include multiple operations on one item'));
    targets.add(id);
    steps.push({ kind, body, table, key });
  }
  const reasons: Array<{ Code: string; Message?: string }> = [];
  let cancelled = false;
  for (const st of steps) {
    const ce = st.body['ConditionExpression'];
    if (typeof ce !== 'string') {
      reasons.push({ Code: 'None' });
      continue;
    }
    const i = findIndex(st.table, st.key);
    const r = evaluateCondition(ce, i >= 0 ? st.table.items[i] : undefined, exprCtx(st.body), 'ConditionExpression');
    if (!r.ok) return fail(r.error);
    if (r.value) reasons.push({ Code: 'None' });
    else {
      cancelled = true;
      // Reason text as in the recorded cancellations (erlcloud/erlcloud#607).
      reasons.push({ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' });
    }
  }
  if (cancelled) return fail(ddbTransactionCanceled(reasons));
  // Apply on copies so that a failing update expression leaves every table as it was (all or nothing).
  const saved = new Map<TableState, AttributeMap[]>();
  for (const st of steps) if (!saved.has(st.table)) saved.set(st.table, st.table.items.slice());
  for (const st of steps) {
    if (st.kind === 'ConditionCheck') continue;
    const { ConditionExpression: _ce, ...rest } = st.body;
    const op = st.kind === 'Put' ? 'PutItem' : st.kind === 'Update' ? 'UpdateItem' : 'DeleteItem';
    const r = dynamodb(op, rest, ctx);
    if (!r.ok) {
      for (const [t, before] of saved) t.items = before;
      return r;
    }
  }
  return { ok: true, output: {} };
}

/** TransactGetItems: up to 100 Get actions → Responses [{ Item }] in order ({} for a missing item) — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html. */
function transactGetItems(input: In, ctx: OpContext): OpResult {
  const items = Array.isArray(input['TransactItems']) ? (input['TransactItems'] as In[]) : [];
  if (items.length === 0 || items.length > MAX_TRANSACT_ITEMS) return fail(ddbValidation(`1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TRANSACT_ITEMS}`)); // UNVERIFIED text
  const responses: Array<Record<string, unknown>> = [];
  for (const it of items) {
    const body = it && typeof it === 'object' ? (it['Get'] as In | undefined) : undefined;
    if (!body) return fail(ddbValidation('TransactItems can only contain Get')); // UNVERIFIED text
    const table = tableOf(ctx, body['TableName']);
    if (!table) return fail(ddbResourceNotFound());
    if (!keyMatches(table, body['Key'])) return fail(ddbKeySchemaMismatch());
    const i = findIndex(table, body['Key']);
    if (i < 0) {
      responses.push({});
      continue;
    }
    const r = projectItem(table.items[i] as AttributeMap, body['ProjectionExpression'], (body['ExpressionAttributeNames'] as Record<string, string>) ?? {});
    if (!r.ok) return fail(r.error);
    responses.push({ Item: r.value });
  }
  return { ok: true, output: { Responses: responses } };
}

/**
 * SSM GetParametersByPath: parameters under Path (one level unless Recursive), at most MaxResults (default and maximum
 * 10) per page with NextToken — https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html.
 * The token is the last name returned (ILLUSTRATIVE: real tokens are opaque).
 */
function parametersByPath(input: In, ctx: OpContext): OpResult {
  const path = str(input['Path']);
  // UNVERIFIED text
  if (!path.startsWith('/')) return fail(serviceError('ValidationException', 'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".', 400));
  const max = typeof input['MaxResults'] === 'number' ? input['MaxResults'] : MAX_PARAMETERS_BY_PATH_RESULTS;
  if (max < 1 || max > MAX_PARAMETERS_BY_PATH_RESULTS) return fail(serviceError('ValidationException', `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_PARAMETERS_BY_PATH_RESULTS}`, 400)); // UNVERIFIED text
  const base = path.endsWith('/') ? path : `${path}/`;
  const names = ctx.region === ctx.worldRegion ? [...ctx.state.parameters.keys()].map((n) => (n.startsWith('/') ? n : `/${n}`)).filter((n) => n.startsWith(base) && (input['Recursive'] === true || !n.slice(base.length).includes('/'))).sort() : [];
  const after = str(input['NextToken']);
  const rest = after ? names.filter((n) => n > after) : names;
  const page = rest.slice(0, max);
  const params = page.map((n) => parameterOutput(n, input, ctx)).filter((x): x is Record<string, unknown> => x !== null);
  const out: Record<string, unknown> = { Parameters: params };
  if (rest.length > page.length) out['NextToken'] = page[page.length - 1];
  return { ok: true, output: out };
}

/** Lambda's default quotas (bytes and executions) — https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html. */
export const LAMBDA_DEFAULT_QUOTAS = {
  /** "Concurrent executions: 1,000" (new accounts may start lower). */
  concurrentExecutions: 1000,
  /** "Storage for uploaded functions (.zip file archives) and layers: 75 GB". */
  totalCodeSizeBytes: 75 * 1024 ** 3,
  /** Deployment package (.zip) "50 MB (zipped, when uploaded through the Lambda API or SDKs)". */
  codeSizeZippedBytes: 50 * 1024 ** 2,
  /** "250 MB" unzipped, "including layers and custom runtimes". */
  codeSizeUnzippedBytes: 250 * 1024 ** 2,
};

/**
 * Lambda GetAccountSettings — https://docs.aws.amazon.com/lambda/latest/api/API_GetAccountSettings.html: AccountLimit
 * with the default quotas above (UnreservedConcurrentExecutions: all of it, as no function of the world reserves any),
 * AccountUsage with the world's functions (this one and the stubs it declares). AccountUsage.TotalCodeSize is
 * ILLUSTRATIVE: the world does not know the deployment packages' sizes.
 */
function accountSettings(ctx: OpContext): OpResult {
  const q = LAMBDA_DEFAULT_QUOTAS;
  const functionCount = 1 + ctx.state.functions.size;
  return {
    ok: true,
    output: {
      AccountLimit: {
        TotalCodeSize: q.totalCodeSizeBytes,
        CodeSizeUnzipped: q.codeSizeUnzippedBytes,
        CodeSizeZipped: q.codeSizeZippedBytes,
        ConcurrentExecutions: q.concurrentExecutions,
        UnreservedConcurrentExecutions: q.concurrentExecutions,
      },
      AccountUsage: { TotalCodeSize: functionCount * ILLUSTRATIVE_PACKAGE_BYTES, FunctionCount: functionCount },
    },
  };
}

/** The size each function's package counts for in AccountUsage.TotalCodeSize (ILLUSTRATIVE). */
const ILLUSTRATIVE_PACKAGE_BYTES = 4096;

/**
 * Lambda Invoke answered from a stub in the world's state (no other function runs): RequestResponse → StatusCode 200,
 * Payload (bytes), ExecutedVersion; a stub error → FunctionError "Unhandled" with the error document as the payload
 * (status still 200); Event → 202, DryRun → 204, empty payload — https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html.
 */
function lambdaInvoke(input: In, ctx: OpContext): OpResult {
  const fn = resolveFunctionName(input['FunctionName'], input['Qualifier'], { region: ctx.region, accountId: ctx.accountId });
  const stub = ctx.region === ctx.worldRegion && (fn.qualifier === '' || fn.qualifier === '$LATEST') ? ctx.state.functions.get(fn.name) : undefined;
  if (!stub) return fail(lambdaFunctionNotFound(fn.arn));
  const payload = input['Payload'];
  const b64 = typeof payload === 'string' ? utf8ToBase64(payload) : payload && typeof payload === 'object' && typeof (payload as In)['$bytes'] === 'string' ? ((payload as In)['$bytes'] as string) : '';
  if (b64 !== '') {
    let text = '';
    try {
      text = base64ToUtf8(b64);
      JSON.parse(text);
    } catch (e) {
      // InvalidRequestContentException, 400 (API_Invoke errors); message text UNVERIFIED
      return fail(serviceError('InvalidRequestContentException', `Could not parse request body into json: ${e instanceof Error ? e.message : String(e)}`, 400));
    }
  }
  const type = str(input['InvocationType']) || 'RequestResponse';
  if (type === 'Event') return { ok: true, output: { StatusCode: 202, Payload: { $blob: '' } }, httpStatusCode: 202 };
  if (type === 'DryRun') return { ok: true, output: { StatusCode: 204, Payload: { $blob: '' } }, httpStatusCode: 204 };
  const out: Record<string, unknown> = { StatusCode: 200, ExecutedVersion: '$LATEST' };
  if (stub.error) {
    out['FunctionError'] = 'Unhandled';
    out['Payload'] = { $blob: utf8ToBase64(JSON.stringify({ errorType: stub.error.errorType, errorMessage: stub.error.errorMessage, trace: [] })) };
  } else out['Payload'] = { $blob: utf8ToBase64(stub.response === undefined ? 'null' : JSON.stringify(stub.response)) };
  return { ok: true, output: out };
}

/**
 * EventBridge PutEvents: 1-10 entries; each answers { EventId } or { ErrorCode, ErrorMessage } in request order and
 * FailedEntryCount counts the failures — https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html.
 * A Detail that is not a JSON object (text, an array, broken JSON, a JSON string) → MalformedDetail "Detail is malformed."
 * (API_PutEventsResultEntry; recorded in localstack/localstack test_events.snapshot.json test_put_event_malformed_detail
 * and baselime/lambda-node-opentelemetry#1). A bus that does not exist still answers success (aws/aws-cli#9186): the event is
 * dropped, as on AWS.
 */
function putEvents(input: In, ctx: OpContext): OpResult {
  const entries = Array.isArray(input['Entries']) ? (input['Entries'] as In[]) : [];
  if (entries.length === 0 || entries.length > MAX_PUT_EVENTS_ENTRIES) {
    // "1 validation error detected: Value '[PutEventsRequestEntry(…), …]' at 'entries' failed to satisfy constraint: Member
    // must have length less than or equal to 10" (recorded against AWS: localstack/localstack
    // tests/aws/services/events/test_events.snapshot.json, test_put_events_exceed_limit_ten_entries). The Value part, a
    // Java rendering of the entries, is ILLUSTRATIVE here; the text for an empty list is UNVERIFIED.
    const shown = `[${entries.map((e) => `PutEventsRequestEntry(source=${str(e?.['Source']) || 'null'}, detailType=${str(e?.['DetailType']) || 'null'})`).join(', ')}]`;
    return fail(serviceError('ValidationException', `1 validation error detected: Value '${shown}' at 'entries' failed to satisfy constraint: Member must have length ${entries.length === 0 ? 'greater than or equal to 1' : `less than or equal to ${MAX_PUT_EVENTS_ENTRIES}`}`, 400));
  }
  const results: Array<Record<string, string>> = [];
  let failed = 0;
  for (const e of entries) {
    const source = str(e?.['Source']);
    const detailType = str(e?.['DetailType']);
    const detail = str(e?.['Detail']);
    let ok = true;
    try {
      const d: unknown = JSON.parse(detail);
      ok = !!d && typeof d === 'object' && !Array.isArray(d);
    } catch {
      ok = false;
    }
    // A missing Source, DetailType or Detail: InvalidArgument "Parameter <X> is not valid. Reason: <X> is a required
    // argument." (recorded against AWS in localstack/localstack tests/aws/services/events/test_events.snapshot.json:
    // test_put_events_without_source, test_put_event_without_detail_type, test_put_event_without_detail). Which one is
    // reported when several are missing is UNVERIFIED.
    const missing = source === '' ? 'Source' : detailType === '' ? 'DetailType' : e?.['Detail'] === undefined || detail === '' ? 'Detail' : null;
    if (missing) {
      failed++;
      results.push({ ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${missing} is not valid. Reason: ${missing} is a required argument.` });
      continue;
    }
    if (!ok) {
      failed++;
      results.push({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
      continue;
    }
    const eventId = ctx.id();
    const busName = str(e['EventBusName']) || 'default';
    const bus = ctx.region === ctx.worldRegion ? ctx.state.buses.get(busName.startsWith('arn:') ? (busName.split('event-bus/')[1] ?? '') : busName) : undefined;
    if (bus) bus.push({ eventId, source, detailType, detail });
    results.push({ EventId: eventId });
  }
  return { ok: true, output: { FailedEntryCount: failed, Entries: results } };
}

/** SSM parameter output shape (GetParameter, GetParameters, GetParametersByPath); SecureString values stay encrypted without WithDecryption. */
function parameterOutput(raw: string, input: In, ctx: OpContext): Record<string, unknown> | null {
  const name = raw.startsWith('arn:') ? `/${raw.split(':parameter/')[1] ?? ''}` : raw;
  const p = ctx.region === ctx.worldRegion ? (ctx.state.parameters.get(name) ?? ctx.state.parameters.get(name.replace(/^\//, ''))) : undefined;
  if (!p) return null;
  // SecureString without WithDecryption returns the ciphertext (ILLUSTRATIVE blob).
  const value = p.type === 'SecureString' && input['WithDecryption'] !== true ? `AQICAHh${utf8ToBase64(p.value).replace(/=+$/, '')}` : p.value;
  return { Name: raw.startsWith('arn:') ? name : raw, Type: p.type, Value: value, Version: p.version, LastModifiedDate: isoDate(ctx.epochMs), ARN: `arn:aws:ssm:${ctx.worldRegion}:${ctx.accountId}:parameter/${name.replace(/^\//, '')}`, DataType: 'text' };
}

/**
 * SSM GetParameters: up to 10 names; found ones in Parameters, the others listed in InvalidParameters (no error) —
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameters.html.
 */
function getParameters(input: In, ctx: OpContext): OpResult {
  const names = Array.isArray(input['Names']) ? (input['Names'] as unknown[]).map(str) : [];
  if (names.length === 0 || names.length > MAX_GET_PARAMETERS_NAMES) {
    // UNVERIFIED text (the 1-10 bounds are documented)
    return fail(serviceError('ValidationException', `1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length ${names.length === 0 ? 'greater than or equal to 1' : `less than or equal to ${MAX_GET_PARAMETERS_NAMES}`}`, 400));
  }
  const found: Array<Record<string, unknown>> = [];
  const invalid: string[] = [];
  for (const n of names) {
    const o = parameterOutput(n, input, ctx);
    if (o) found.push(o);
    else invalid.push(n);
  }
  return { ok: true, output: { Parameters: found, InvalidParameters: invalid } };
}

function sqs(operation: string, input: In, ctx: OpContext): OpResult {
  if (operation === 'GetQueueUrl') {
    // GetQueueUrl: QueueName → QueueUrl — https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueUrl.html
    const n = str(input['QueueName']);
    if (ctx.region !== ctx.worldRegion || !ctx.state.queues.has(n)) return fail(sqsQueueDoesNotExist());
    return { ok: true, output: { QueueUrl: `https://sqs.${ctx.worldRegion}.amazonaws.com/${ctx.accountId}/${n}` } };
  }
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
    case 'SendMessageBatch':
    case 'DeleteMessageBatch': {
      // Up to 10 entries, each with an Id unique in the request; results per entry in Successful / Failed —
      // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html,
      // API_DeleteMessageBatch.html. Error names per those pages; their message texts are UNVERIFIED.
      const entries = Array.isArray(input['Entries']) ? (input['Entries'] as In[]) : [];
      if (entries.length === 0) return fail(serviceError('EmptyBatchRequest', `There should be at least one ${operation}RequestEntry in the request.`, 400));
      if (entries.length > MAX_SQS_BATCH_ENTRIES) return fail(serviceError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${MAX_SQS_BATCH_ENTRIES}. You have sent ${entries.length}.`, 400));
      const ids = entries.map((e) => str(e?.['Id']));
      if (new Set(ids).size !== ids.length) return fail(serviceError('BatchEntryIdsNotDistinct', 'Id ' + (ids.find((x, i) => ids.indexOf(x) !== i) ?? '') + ' repeated.', 400));
      const successful: Array<Record<string, unknown>> = [];
      for (const e of entries) {
        if (operation === 'SendMessageBatch') {
          const messageId = ctx.id();
          const body = str(e['MessageBody']);
          const delay = typeof e['DelaySeconds'] === 'number' ? e['DelaySeconds'] * 1000 : 0;
          q.push({ messageId, body, receiveCount: 0, visibleAtMs: ctx.nowMs + delay, receiptHandle: null });
          successful.push({ Id: str(e['Id']), MessageId: messageId, MD5OfMessageBody: etagOf(utf8ToBase64(body)).slice(1, -1) });
        } else {
          const i = q.findIndex((m) => m.receiptHandle !== null && m.receiptHandle === e['ReceiptHandle']);
          if (i >= 0) q.splice(i, 1);
          successful.push({ Id: str(e['Id']) });
        }
      }
      return { ok: true, output: { Successful: successful, Failed: [] } };
    }
  }
  return fail(ddbValidation(`Unsupported operation ${operation}`));
}
