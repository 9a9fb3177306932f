/**
 * The seed data of the simulated AWS account and its parser. Shape (every part optional):
 *
 * ```json
 * {
 *   "s3": { "buckets": { "my-bucket": { "config.json": "{\"a\":1}", "img.png": { "body": "iVBOR…", "base64": true, "contentType": "image/png" } } } },
 *   "dynamodb": { "tables": { "Orders": { "keySchema": { "pk": "id", "sk": "createdAt" }, "indexes": { "byUser": { "pk": "userId" } }, "items": [ { "id": "o1", "createdAt": 1 } ] } } },
 *   "sqs": { "queues": { "jobs": [ "first message body" ] } },
 *   "sns": { "topics": { "alerts": [] } },
 *   "secretsmanager": { "secrets": { "prod/db": "{\"password\":\"x\"}" } },
 *   "ssm": { "parameters": { "/app/url": "https://example.com", "/app/key": { "value": "s3cr3t", "type": "SecureString" } } },
 *   "http": { "api.example.com": { "routes": { "GET /price": { "status": 200, "body": "{\"price\":1}", "latencyMs": 50 } } } },
 *   "lambda": { "functions": { "pricing": { "response": { "price": 1 } }, "broken": { "error": { "errorType": "Error", "errorMessage": "boom" } } } },
 *   "events": { "buses": { "orders-bus": [] } },
 *   "bedrock": { "models": { "anthropic.claude-3-haiku-20240307-v1:0": { "reply": "{\"label\":\"ok\"}", "latencyMs": 2400 }, "amazon.nova-pro-v1:0": { "access": false } } }
 * }
 * ```
 * Regional resources (tables, queues, topics, secrets, parameters) live in the world's region; a
 * client configured for another region does not find them (as on AWS). Buckets are global.
 * `lambda.functions` are stubs for `@aws-sdk/client-lambda` Invoke: the simulator runs no other function, it answers
 * with the configured `response` (or the `error` document as an Unhandled function error). `events.buses` lists
 * custom EventBridge buses (the `default` bus always exists); PutEvents records the events there. `bedrock.models`
 * sets what Bedrock Runtime's Converse and InvokeModel answer for a model: its `reply` text, how long it takes
 * (`latencyMs`), or `"access": false` for a model the account may not use. Other models answer an illustrative reply.
 */
import { marshallItem, unmarshallItem, type AttributeMap } from './dynamodb.ts';
import { utf8Bytes } from '../text/utf8.ts';

/** A stored S3 object. */
export interface S3ObjectState {
  /** Body bytes as base64. */
  base64: string;
  contentType: string;
  lastModifiedMs: number;
}

/** A DynamoDB key schema (attribute names). */
export interface KeySchema {
  pk: string;
  sk?: string;
}

/** A DynamoDB table. */
export interface TableState {
  keySchema: KeySchema;
  indexes: Record<string, KeySchema>;
  items: AttributeMap[];
}

/** An SQS message. */
export interface SqsMessageState {
  messageId: string;
  body: string;
  receiveCount: number;
  /** Virtual ms (since the simulation epoch) before which the message is invisible. */
  visibleAtMs: number;
  receiptHandle: string | null;
}

/** An SSM parameter. */
export interface ParameterState {
  value: string;
  type: 'String' | 'StringList' | 'SecureString';
  version: number;
}

/** A stubbed Lambda function that `@aws-sdk/client-lambda` Invoke answers from (no code runs). */
export interface LambdaStubState {
  /** JSON value returned as the payload (RequestResponse). */
  response?: unknown;
  /** When set, the invocation answers as an Unhandled function error with this error document. */
  error?: { errorType: string; errorMessage: string };
}

/** One event put on a simulated EventBridge bus. */
export interface PutEventState {
  eventId: string;
  source: string;
  detailType: string;
  detail: string;
}

/** One HTTP route of a simulated dependency. */
export interface HttpRouteSpec {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** Fixed latency, ms (faults may override). */
  latencyMs?: number;
}

/** A simulated HTTP dependency (one host). */
export interface HttpHostSpec {
  routes: Record<string, HttpRouteSpec>;
}

/** The parsed, mutable state of the simulated account. */
export interface AwsState {
  buckets: Map<string, Map<string, S3ObjectState>>;
  tables: Map<string, TableState>;
  queues: Map<string, SqsMessageState[]>;
  topics: Map<string, Array<{ messageId: string; message: string; subject?: string }>>;
  secrets: Map<string, string>;
  parameters: Map<string, ParameterState>;
  http: Map<string, HttpHostSpec>;
  /** Stubbed functions for Lambda Invoke, by function name. */
  functions: Map<string, LambdaStubState>;
  /** EventBridge buses by name (`default` always present) with the events put on them. */
  buses: Map<string, PutEventState[]>;
  /** Bedrock models by model id: what Converse and InvokeModel answer. */
  models: Map<string, BedrockModelState>;
}

/** A Bedrock model as the world answers for it. */
export interface BedrockModelState {
  /** The text the model replies (default: an illustrative sentence naming the model). */
  reply?: string;
  /** False: the account may not use the model (AccessDeniedException). */
  access?: boolean;
  /** How long the model takes to answer, ms (default: the world's illustrative model latency). */
  latencyMs?: number;
}

/** Result of {@link parseAwsState}. */
export type ParseAwsStateResult = { ok: true; value: AwsState } | { ok: false; error: string };

const SECTIONS = ['s3', 'dynamodb', 'sqs', 'sns', 'secretsmanager', 'ssm', 'http', 'lambda', 'events', 'bedrock'];

function isObj(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Empty state. */
export function emptyAwsState(): AwsState {
  return { buckets: new Map(), tables: new Map(), queues: new Map(), topics: new Map(), secrets: new Map(), parameters: new Map(), http: new Map(), functions: new Map(), buses: new Map([['default', []]]), models: new Map() };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';


/** base64 of a UTF-8 string (pure TS: the engine has no DOM or Node APIs). */
export function utf8ToBase64(s: string): string {
  const b = utf8Bytes(s);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = ((b[i] ?? 0) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += (B64[(n >> 18) & 63] ?? '') + (B64[(n >> 12) & 63] ?? '') + (i + 1 < b.length ? (B64[(n >> 6) & 63] ?? '') : '=') + (i + 2 < b.length ? (B64[n & 63] ?? '') : '=');
  }
  return out;
}

/** UTF-8 text of base64 bytes; throws when the bytes are not valid UTF-8. */
export function base64ToUtf8(b64: string): string {
  const clean = b64.replace(/[^A-Za-z0-9+/]/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const n = (B64.indexOf(clean[i] ?? 'A') << 18) | (B64.indexOf(clean[i + 1] ?? 'A') << 12) | (B64.indexOf(clean[i + 2] ?? 'A') << 6) | B64.indexOf(clean[i + 3] ?? 'A');
    bytes.push((n >> 16) & 255);
    if (i + 2 < clean.length) bytes.push((n >> 8) & 255);
    if (i + 3 < clean.length) bytes.push(n & 255);
  }
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i] as number;
    const need = c < 0x80 ? 0 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : -1;
    if (need < 0 || i + need > bytes.length - 1) throw new Error('not UTF-8');
    let cp = need === 0 ? c : c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const x = bytes[i + k] as number;
      if ((x & 0xc0) !== 0x80) throw new Error('not UTF-8');
      cp = (cp << 6) | (x & 63);
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/**
 * Parse seed data (JSON text or a parsed value). `undefined`/`null` give an empty account. Errors
 * name the path of the bad value and say what is accepted.
 */
export function parseAwsState(input: unknown): ParseAwsStateResult {
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (e) {
      return { ok: false, error: `The AWS state is not valid JSON: ${e instanceof Error ? e.message : String(e)}.` };
    }
  }
  const st = emptyAwsState();
  if (doc === undefined || doc === null) return { ok: true, value: st };
  if (!isObj(doc)) return { ok: false, error: `The AWS state must be an object with ${SECTIONS.join(', ')} sections, not ${kind(doc)}.` };
  for (const k of Object.keys(doc)) {
    if (!SECTIONS.includes(k)) return { ok: false, error: `Unknown section "${k}" in the AWS state: use ${SECTIONS.map((s) => `"${s}"`).join(', ')}.` };
  }
  const fail = (path: string, msg: string): ParseAwsStateResult => ({ ok: false, error: `state.${path}: ${msg}` });
  const section = (name: string, inner: string): Record<string, unknown> | string | null => {
    const s = doc[name];
    if (s === undefined) return null;
    if (!isObj(s) || (inner !== '' && !isObj(s[inner]))) return `must be an object like { "${inner}": { … } }, not ${kind(inner !== '' && isObj(s) ? s[inner] : s)}.`;
    return inner === '' ? s : (s[inner] as Record<string, unknown>);
  };
  // S3
  const buckets = section('s3', 'buckets');
  if (typeof buckets === 'string') return fail('s3', buckets);
  for (const [b, objs] of Object.entries(buckets ?? {})) {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(b)) return fail(`s3.buckets.${b}`, 'bucket names are 3-63 lower-case letters, digits, dots and hyphens (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).');
    if (!isObj(objs)) return fail(`s3.buckets.${b}`, `must map object keys to bodies, not ${kind(objs)}.`);
    const m = new Map<string, S3ObjectState>();
    for (const [key, o] of Object.entries(objs)) {
      if (typeof o === 'string') m.set(key, { base64: utf8ToBase64(o), contentType: 'application/octet-stream', lastModifiedMs: 0 });
      else if (isObj(o) && typeof o['body'] === 'string') {
        const ct = typeof o['contentType'] === 'string' ? o['contentType'] : 'application/octet-stream';
        m.set(key, { base64: o['base64'] === true ? o['body'] : utf8ToBase64(o['body']), contentType: ct, lastModifiedMs: 0 });
      } else return fail(`s3.buckets.${b}.${key}`, 'an object is a string body or { "body": string, "contentType"?: string, "base64"?: true }.');
    }
    st.buckets.set(b, m);
  }
  // DynamoDB
  const tables = section('dynamodb', 'tables');
  if (typeof tables === 'string') return fail('dynamodb', tables);
  for (const [t, spec] of Object.entries(tables ?? {})) {
    const p = `dynamodb.tables.${t}`;
    if (!isObj(spec) || !isObj(spec['keySchema']) || typeof spec['keySchema']['pk'] !== 'string') {
      return fail(p, 'a table needs "keySchema": { "pk": "<partition key attribute>", "sk"?: "<sort key attribute>" }.');
    }
    const ks = spec['keySchema'];
    const keySchema: KeySchema = { pk: ks['pk'] as string };
    if (ks['sk'] !== undefined) {
      if (typeof ks['sk'] !== 'string') return fail(`${p}.keySchema.sk`, 'must be an attribute name (string).');
      keySchema.sk = ks['sk'];
    }
    const indexes: Record<string, KeySchema> = {};
    if (spec['indexes'] !== undefined) {
      if (!isObj(spec['indexes'])) return fail(`${p}.indexes`, 'must map index names to { "pk": …, "sk"?: … }.');
      for (const [i, ix] of Object.entries(spec['indexes'])) {
        if (!isObj(ix) || typeof ix['pk'] !== 'string') return fail(`${p}.indexes.${i}`, 'an index needs { "pk": "<attribute>", "sk"?: "<attribute>" }.');
        indexes[i] = typeof ix['sk'] === 'string' ? { pk: ix['pk'], sk: ix['sk'] } : { pk: ix['pk'] };
      }
    }
    const items: AttributeMap[] = [];
    const rawItems = spec['items'] ?? [];
    if (!Array.isArray(rawItems)) return fail(`${p}.items`, `must be an array of plain objects, not ${kind(rawItems)}.`);
    for (let i = 0; i < rawItems.length; i++) {
      const it = rawItems[i];
      if (!isObj(it)) return fail(`${p}.items[${i}]`, `must be an object, not ${kind(it)}.`);
      for (const k of [keySchema.pk, keySchema.sk]) {
        if (k !== undefined && (typeof it[k] !== 'string' && typeof it[k] !== 'number')) return fail(`${p}.items[${i}]`, `key attribute "${k}" must be a string or a number.`);
      }
      items.push(marshallItem(it));
    }
    st.tables.set(t, { keySchema, indexes, items });
  }
  // SQS
  const queues = section('sqs', 'queues');
  if (typeof queues === 'string') return fail('sqs', queues);
  let seq = 0;
  for (const [q, msgs] of Object.entries(queues ?? {})) {
    if (!Array.isArray(msgs) || !msgs.every((m) => typeof m === 'string')) return fail(`sqs.queues.${q}`, 'must be an array of message bodies (strings).');
    st.queues.set(q, msgs.map((body) => ({ messageId: `seed-${++seq}`, body: body as string, receiveCount: 0, visibleAtMs: 0, receiptHandle: null })));
  }
  // SNS
  const topics = section('sns', 'topics');
  if (typeof topics === 'string') return fail('sns', topics);
  for (const t of Object.keys(topics ?? {})) st.topics.set(t, []);
  // Secrets Manager
  const secrets = section('secretsmanager', 'secrets');
  if (typeof secrets === 'string') return fail('secretsmanager', secrets);
  for (const [id, v] of Object.entries(secrets ?? {})) {
    if (typeof v !== 'string') return fail(`secretsmanager.secrets.${id}`, 'a secret value is a string (JSON text for key/value secrets).');
    st.secrets.set(id, v);
  }
  // SSM
  const params = section('ssm', 'parameters');
  if (typeof params === 'string') return fail('ssm', params);
  for (const [name, v] of Object.entries(params ?? {})) {
    if (typeof v === 'string') st.parameters.set(name, { value: v, type: 'String', version: 1 });
    else if (isObj(v) && typeof v['value'] === 'string') {
      const type = v['type'] ?? 'String';
      if (type !== 'String' && type !== 'StringList' && type !== 'SecureString') return fail(`ssm.parameters.${name}.type`, 'must be "String", "StringList" or "SecureString".');
      st.parameters.set(name, { value: v['value'], type, version: 1 });
    } else return fail(`ssm.parameters.${name}`, 'a parameter is a string or { "value": string, "type"?: "String" | "StringList" | "SecureString" }.');
  }
  // HTTP dependencies
  const http = section('http', '');
  if (typeof http === 'string') return fail('http', http);
  for (const [host, spec] of Object.entries(http ?? {})) {
    const r = parseHttpHost(spec, `http.${host}`);
    if (typeof r === 'string') return { ok: false, error: `state.${r}` };
    st.http.set(host.toLowerCase(), r);
  }
  // Lambda functions answered by Invoke (stubs)
  const fns = section('lambda', 'functions');
  if (typeof fns === 'string') return fail('lambda', fns);
  for (const [name, v] of Object.entries(fns ?? {})) {
    const p = `lambda.functions.${name}`;
    if (!isObj(v)) return fail(p, 'a function stub is { "response": <JSON value> } or { "error": { "errorType": string, "errorMessage": string } }.');
    const stub: LambdaStubState = {};
    if (v['error'] !== undefined) {
      const e = v['error'];
      if (!isObj(e) || typeof e['errorType'] !== 'string' || typeof e['errorMessage'] !== 'string') return fail(`${p}.error`, 'must be { "errorType": string, "errorMessage": string }.');
      stub.error = { errorType: e['errorType'], errorMessage: e['errorMessage'] };
    }
    if (v['response'] !== undefined) stub.response = v['response'];
    st.functions.set(name, stub);
  }
  // EventBridge buses
  const buses = section('events', 'buses');
  if (typeof buses === 'string') return fail('events', buses);
  for (const [name, v] of Object.entries(buses ?? {})) {
    // Like SNS topics, a bus is declared by name; events listed in a snapshot are not replayed.
    if (!Array.isArray(v)) return fail(`events.buses.${name}`, `a bus is declared with an array (events put on it show there in snapshots), not ${kind(v)}.`);
    st.buses.set(name, []);
  }
  // Bedrock models
  const models = section('bedrock', 'models');
  if (typeof models === 'string') return fail('bedrock', models);
  for (const [id, v] of Object.entries(models ?? {})) {
    const p = `bedrock.models.${id}`;
    if (!isObj(v)) return fail(p, 'a model is { "reply"?: string, "latencyMs"?: number, "access"?: false }.');
    for (const k of Object.keys(v)) if (!['reply', 'latencyMs', 'access'].includes(k)) return fail(p, `unknown element "${k}" (use reply, latencyMs, access).`);
    const m: BedrockModelState = {};
    if (v['reply'] !== undefined) {
      if (typeof v['reply'] !== 'string') return fail(`${p}.reply`, `must be the reply's text (a string; JSON your code parses goes in as text), not ${kind(v['reply'])}.`);
      m.reply = v['reply'];
    }
    if (v['latencyMs'] !== undefined) {
      if (typeof v['latencyMs'] !== 'number' || !(v['latencyMs'] >= 0)) return fail(`${p}.latencyMs`, 'must be a number ≥ 0.');
      m.latencyMs = v['latencyMs'];
    }
    if (v['access'] !== undefined) {
      if (typeof v['access'] !== 'boolean') return fail(`${p}.access`, 'must be true or false.');
      m.access = v['access'];
    }
    st.models.set(id, m);
  }
  return { ok: true, value: st };
}

/** Parse one HTTP host spec `{ routes: { "GET /path": { status, body, headers?, latencyMs? } } }`; a string is an error. */
export function parseHttpHost(spec: unknown, path: string): HttpHostSpec | string {
  if (!isObj(spec) || !isObj(spec['routes'])) return `${path}: a host needs "routes": { "GET /path": { "status": 200, "body": "…" } }.`;
  const routes: Record<string, HttpRouteSpec> = {};
  for (const [route, r] of Object.entries(spec['routes'])) {
    if (!/^[A-Z]+ \/\S*$/.test(route)) return `${path}.routes: route "${route}" must look like "GET /path".`;
    if (!isObj(r)) return `${path}.routes["${route}"]: must be { "status": number, "body"?: string | object, "headers"?: {…}, "latencyMs"?: number }.`;
    const status = r['status'] ?? 200;
    if (typeof status !== 'number' || status < 100 || status > 599) return `${path}.routes["${route}"].status: must be an HTTP status (100-599).`;
    const body = r['body'] === undefined ? '' : typeof r['body'] === 'string' ? r['body'] : JSON.stringify(r['body']);
    const headers: Record<string, string> = {};
    if (r['headers'] !== undefined) {
      if (!isObj(r['headers'])) return `${path}.routes["${route}"].headers: must map header names to strings.`;
      for (const [k, v] of Object.entries(r['headers'])) headers[k.toLowerCase()] = String(v);
    }
    if (headers['content-type'] === undefined && typeof r['body'] === 'object' && r['body'] !== null) headers['content-type'] = 'application/json';
    const out: HttpRouteSpec = { status, body, headers };
    if (r['latencyMs'] !== undefined) {
      if (typeof r['latencyMs'] !== 'number' || r['latencyMs'] < 0) return `${path}.routes["${route}"].latencyMs: must be a number ≥ 0.`;
      out.latencyMs = r['latencyMs'];
    }
    routes[route] = out;
  }
  return { routes };
}

/** Deep copy of a state (for reset). */
export function cloneAwsState(s: AwsState): AwsState {
  return {
    buckets: new Map([...s.buckets].map(([b, m]) => [b, new Map([...m].map(([k, o]) => [k, { ...o }]))])),
    tables: new Map([...s.tables].map(([t, x]) => [t, { keySchema: { ...x.keySchema }, indexes: { ...x.indexes }, items: JSON.parse(JSON.stringify(x.items)) as AttributeMap[] }])),
    queues: new Map([...s.queues].map(([q, ms]) => [q, ms.map((m) => ({ ...m }))])),
    topics: new Map([...s.topics].map(([t, ms]) => [t, ms.map((m) => ({ ...m }))])),
    secrets: new Map(s.secrets),
    parameters: new Map([...s.parameters].map(([k, v]) => [k, { ...v }])),
    http: new Map(s.http),
    functions: new Map([...s.functions].map(([k, v]) => [k, JSON.parse(JSON.stringify(v)) as LambdaStubState])),
    buses: new Map([...s.buses].map(([k, v]) => [k, v.map((e) => ({ ...e }))])),
    models: new Map([...s.models].map(([k, v]) => [k, { ...v }])),
  };
}

/** A JSON view of the state in the seed shape (objects as text; items as plain JSON; SNS messages published). */
export function snapshotAwsState(s: AwsState): Record<string, unknown> {
  const buckets: Record<string, Record<string, unknown>> = {};
  for (const [b, m] of s.buckets) {
    buckets[b] = {};
    for (const [k, o] of m) {
      let text: string | null = null;
      try {
        text = base64ToUtf8(o.base64);
      } catch {
        text = null;
      }
      (buckets[b] as Record<string, unknown>)[k] = { body: text ?? o.base64, ...(text === null ? { base64: true } : {}), contentType: o.contentType };
    }
  }
  const tables: Record<string, unknown> = {};
  for (const [t, x] of s.tables) tables[t] = { keySchema: x.keySchema, ...(Object.keys(x.indexes).length ? { indexes: x.indexes } : {}), items: x.items.map(unmarshallItem) };
  const queues: Record<string, string[]> = {};
  for (const [q, ms] of s.queues) queues[q] = ms.map((m) => m.body);
  const topics: Record<string, unknown[]> = {};
  for (const [t, ms] of s.topics) topics[t] = ms.map((m) => ({ ...m }));
  const parameters: Record<string, unknown> = {};
  for (const [k, v] of s.parameters) parameters[k] = v.type === 'String' ? v.value : { value: v.value, type: v.type };
  return {
    s3: { buckets },
    dynamodb: { tables },
    sqs: { queues },
    sns: { topics },
    secretsmanager: { secrets: Object.fromEntries(s.secrets) },
    ssm: { parameters },
    lambda: { functions: Object.fromEntries(s.functions) },
    events: { buses: Object.fromEntries([...s.buses].map(([k, v]) => [k, v.map((e) => ({ ...e }))])) },
    // Only when models were declared: earlier snapshots (and the tests that compare them) have no bedrock section.
    ...(s.models.size ? { bedrock: { models: Object.fromEntries([...s.models].map(([k, v]) => [k, { ...v }])) } } : {}),
  };
}
