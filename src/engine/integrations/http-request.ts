/**
 * The simple HTTP request description a user writes (`HttpRequestSpec`), its parser for untrusted
 * input, and the normalised form the event builders share.
 */
import { base64DecodedLength, describeType, encodeQueryComponent, isBase64, isJsonObject, utf8ByteLength } from './text.ts';
import { parseResourcePath, parseRouteKey, type ParsedRoute } from './routes.ts';

/** An HTTP request as a caller sends it, before any front door touches it. */
export interface HttpRequestSpec {
  method: string;
  /** Path starting with `/`. A `?query` part is moved into `query`. */
  path: string;
  /** Decoded query parameters; a list means the key is repeated. */
  query?: Record<string, string | string[]>;
  /** Request headers as the client sends them; a list means the header is repeated. */
  headers?: Record<string, string | string[]>;
  /** Cookies: `{ name: value }` or ready-made `name=value` strings. Sent as one `Cookie` header. */
  cookies?: Record<string, string> | string[];
  body?: string | null;
  /** True when `body` is base64 of binary data. */
  isBase64Encoded?: boolean;
  sourceIp?: string;
  /** API Gateway stage name (REST default `prod`, HTTP API default `$default`). */
  stage?: string;
  /**
   * The API Gateway route the request is sent to: `GET /items/{id}`, `ANY /{proxy+}` or `$default`
   * (HTTP API route key form). REST reads its path as the resource, its method as the method.
   * Absent: every front door behaves as without routes (`$default`, resource = path).
   */
  route?: string;
}

/** Result of {@link parseHttpRequestSpec}. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** The values the simulation supplies to every event: ids, the virtual clock, the account. */
export interface SimulationInputs {
  /** The front door's request id (API Gateway / ALB). */
  requestId: string;
  /** Virtual clock, epoch ms. Never the wall clock. */
  nowMs: number;
  region: string;
  accountId: string;
  functionName: string;
}

const METHOD_RE = /^[A-Za-z]{1,20}$/;
const HEADER_NAME_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const STAGE_RE = /^[A-Za-z0-9_$-]{1,128}$/;

function what(value: unknown): string {
  const t = describeType(value);
  if (t === 'string') return 'a string';
  if (t === 'number') return `the number ${String(value)}`;
  if (t === 'boolean') return `the boolean ${String(value)}`;
  if (t === 'array') return 'a list';
  if (t === 'object') return 'an object';
  return t;
}

function parseValueMap(
  field: 'query' | 'headers',
  raw: unknown,
): ParseResult<Record<string, string | string[]> | undefined> {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  if (!isJsonObject(raw)) return { ok: false, error: `\`${field}\` must be an object of names to values; got ${what(raw)}.` };
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (field === 'headers' && !HEADER_NAME_RE.test(name)) {
      return { ok: false, error: `\`headers\` has an invalid header name ${JSON.stringify(name)}: use letters, digits and - only.` };
    }
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
    else if (Array.isArray(value)) {
      const list: string[] = [];
      for (const item of value) {
        if (typeof item === 'string') list.push(item);
        else if (typeof item === 'number' || typeof item === 'boolean') list.push(String(item));
        else return { ok: false, error: `\`${field}.${name}\` must be a string or a list of strings; the list contains ${what(item)}.` };
      }
      out[name] = list;
    } else {
      return { ok: false, error: `\`${field}.${name}\` must be a string or a list of strings; got ${what(value)}.` };
    }
  }
  return { ok: true, value: out };
}

function splitQuery(queryString: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of queryString.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    const key = safeDecode(rawKey);
    (out[key] ??= []).push(safeDecode(rawValue));
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Parse untrusted input (JSON from a user, a scenario file, a URL) into an {@link HttpRequestSpec}.
 * Never throws; an error says which field is wrong and how to fix it.
 */
export function parseHttpRequestSpec(input: unknown): ParseResult<HttpRequestSpec> {
  try {
    return parseUnsafe(input);
  } catch (error) {
    // Why: proxies or getters in hostile input can throw while being read.
    return { ok: false, error: `The request could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function parseUnsafe(input: unknown): ParseResult<HttpRequestSpec> {
  if (!isJsonObject(input)) {
    return { ok: false, error: `A request must be an object like { "method": "GET", "path": "/" }; got ${what(input)}.` };
  }
  const known = new Set(['method', 'httpMethod', 'path', 'route', 'resource', 'query', 'headers', 'cookies', 'body', 'isBase64Encoded', 'sourceIp', 'stage']);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      return { ok: false, error: `Unknown field \`${key}\`. Allowed fields: ${[...known].join(', ')}.` };
    }
  }
  const route = parseRouteFields(input);
  if (!route.ok) return route;
  const method = input['method'] ?? input['httpMethod'] ?? (route.value?.method && route.value.method !== 'ANY' ? route.value.method : 'GET');
  if (typeof method !== 'string' || !METHOD_RE.test(method)) {
    return { ok: false, error: `\`method\` must be an HTTP method such as "GET" or "POST"; got ${typeof method === 'string' ? JSON.stringify(method) : what(method)}.` };
  }
  const rawPath = input['path'] ?? '/';
  if (typeof rawPath !== 'string' || !rawPath.startsWith('/')) {
    return { ok: false, error: `\`path\` must be a string starting with "/", such as "/orders/42"; got ${typeof rawPath === 'string' ? JSON.stringify(rawPath) : what(rawPath)}.` };
  }
  if (/[\s\u0000-\u001f\u007f]/.test(rawPath)) {
    return { ok: false, error: '`path` must not contain spaces or control characters; percent-encode them (%20).' };
  }
  const query = parseValueMap('query', input['query']);
  if (!query.ok) return query;
  const headers = parseValueMap('headers', input['headers']);
  if (!headers.ok) return headers;

  const spec: HttpRequestSpec = { method: method.toUpperCase(), path: rawPath };
  if (route.value) spec.route = route.value.key;
  const q = rawPath.indexOf('?');
  let mergedQuery: Record<string, string | string[]> | undefined = query.value;
  if (q !== -1) {
    spec.path = rawPath.slice(0, q) || '/';
    const fromPath = splitQuery(rawPath.slice(q + 1));
    mergedQuery = { ...(mergedQuery ?? {}) };
    for (const [key, values] of Object.entries(fromPath)) {
      const existing = mergedQuery[key];
      const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
      const all = [...list, ...values];
      mergedQuery[key] = all.length === 1 ? (all[0] ?? '') : all;
    }
  }
  if (mergedQuery !== undefined) spec.query = mergedQuery;
  if (headers.value !== undefined) spec.headers = headers.value;

  const cookies = input['cookies'];
  if (cookies !== undefined && cookies !== null) {
    if (Array.isArray(cookies)) {
      if (!cookies.every((c) => typeof c === 'string')) return { ok: false, error: '`cookies` as a list must contain only "name=value" strings.' };
      spec.cookies = cookies as string[];
    } else if (isJsonObject(cookies)) {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(cookies)) {
        if (typeof value !== 'string') return { ok: false, error: `\`cookies.${name}\` must be a string; got ${what(value)}.` };
        out[name] = value;
      }
      spec.cookies = out;
    } else {
      return { ok: false, error: `\`cookies\` must be an object { name: value } or a list of "name=value" strings; got ${what(cookies)}.` };
    }
  }

  const body = input['body'];
  if (body !== undefined) {
    if (body !== null && typeof body !== 'string') {
      return { ok: false, error: `\`body\` must be a string (use JSON.stringify for JSON) or null; got ${what(body)}.` };
    }
    spec.body = body;
  }
  const b64 = input['isBase64Encoded'];
  if (b64 !== undefined) {
    if (typeof b64 !== 'boolean') return { ok: false, error: `\`isBase64Encoded\` must be true or false; got ${what(b64)}.` };
    if (b64 && typeof body === 'string' && !isBase64(body)) {
      return { ok: false, error: '`isBase64Encoded` is true but `body` is not valid base64.' };
    }
    spec.isBase64Encoded = b64;
  }
  const sourceIp = input['sourceIp'];
  if (sourceIp !== undefined) {
    if (typeof sourceIp !== 'string' || !/^[0-9a-fA-F:.]{2,45}$/.test(sourceIp)) {
      return { ok: false, error: '`sourceIp` must be an IPv4 or IPv6 address such as "203.0.113.7".' };
    }
    spec.sourceIp = sourceIp;
  }
  const stage = input['stage'];
  if (stage !== undefined) {
    if (typeof stage !== 'string' || !STAGE_RE.test(stage)) {
      return { ok: false, error: '`stage` must be a stage name of letters, digits, "-" or "_" (or "$default").' };
    }
    spec.stage = stage;
  }
  return { ok: true, value: spec };
}

/**
 * Read `route` (a route key) or `resource` (a REST resource path, method from `method`/`httpMethod`).
 * Both may be given only when they name the same path; `method` and `httpMethod` must agree.
 */
function parseRouteFields(input: Record<string, unknown>): ParseResult<ParsedRoute | null> {
  const { method, httpMethod } = input;
  if (method !== undefined && httpMethod !== undefined && method !== httpMethod) {
    return { ok: false, error: `\`method\` (${JSON.stringify(method)}) and \`httpMethod\` (${JSON.stringify(httpMethod)}) disagree: give one of them.` };
  }
  const explicitMethod = typeof (method ?? httpMethod) === 'string' ? String(method ?? httpMethod).toUpperCase() : null;
  let parsed: ParsedRoute | null = null;
  if (input['route'] !== undefined && input['route'] !== null) {
    const r = parseRouteKey(input['route']);
    if (!r.ok) return { ok: false, error: `\`route\`: ${r.error}` };
    parsed = r.value;
  }
  if (input['resource'] !== undefined && input['resource'] !== null) {
    const r = parseResourcePath(input['resource'], explicitMethod ?? parsed?.method ?? 'ANY');
    if (!r.ok) return { ok: false, error: `\`resource\`: ${r.error}` };
    if (parsed && parsed.path !== r.value.path) {
      return { ok: false, error: `\`route\` (${JSON.stringify(parsed.key)}) and \`resource\` (${JSON.stringify(r.value.path)}) name different paths: give one of them.` };
    }
    parsed ??= r.value;
  }
  // A method other than the route's is not an input error: the gateway answers it itself (no route matches).
  return { ok: true, value: parsed };
}

/** One header or query parameter with every value, in the order the client sent them. */
export interface NamedValues {
  name: string;
  values: string[];
}

/** The request with defaults applied, shared by the event builders. */
export interface NormalisedRequest {
  method: string;
  path: string;
  /** Decoded query parameters in order. */
  query: NamedValues[];
  /** Headers in client casing, in order, without Cookie (see `cookies`). */
  headers: NamedValues[];
  /** `name=value` cookie strings. */
  cookies: string[];
  body: string | null;
  isBase64Encoded: boolean;
  sourceIp: string;
  userAgent: string;
  stage: string | undefined;
  /** The parsed route, or null when the request names none (`$default`, no path parameters). */
  route: ParsedRoute | null;
}

/** Default source IP: TEST-NET-3 (RFC 5737), never a real client. */
export const DEFAULT_SOURCE_IP = '203.0.113.10';
/** Default User-Agent when the request names none. */
export const DEFAULT_USER_AGENT = 'lambda-triage/1.0';

function toList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

/** Apply defaults and split cookies out of the headers. */
export function normaliseRequest(spec: HttpRequestSpec): NormalisedRequest {
  const headers: NamedValues[] = [];
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    if (name.toLowerCase() === 'cookie') {
      for (const line of toList(value)) for (const c of line.split(';')) if (c.trim()) cookies.push(c.trim());
      continue;
    }
    headers.push({ name, values: toList(value) });
  }
  if (Array.isArray(spec.cookies)) cookies.push(...spec.cookies);
  else if (spec.cookies) for (const [n, v] of Object.entries(spec.cookies)) cookies.push(`${n}=${v}`);
  const ua = headers.find((h) => h.name.toLowerCase() === 'user-agent');
  return {
    method: spec.method.toUpperCase(),
    path: spec.path,
    query: Object.entries(spec.query ?? {}).map(([name, value]) => ({ name, values: toList(value) })),
    headers,
    cookies,
    body: spec.body ?? null,
    isBase64Encoded: spec.isBase64Encoded ?? false,
    sourceIp: spec.sourceIp ?? DEFAULT_SOURCE_IP,
    userAgent: ua?.values[ua.values.length - 1] ?? DEFAULT_USER_AGENT,
    stage: spec.stage,
    route: parseSpecRoute(spec.route),
  };
}

function parseSpecRoute(route: string | undefined): ParsedRoute | null {
  if (route === undefined) return null;
  const parsed = parseRouteKey(route);
  // A spec built in code (not through the parser) may carry a bad route; treat it as no route.
  return parsed.ok ? parsed.value : null;
}

/** The query string as the client puts it on the wire (percent-encoded), without the `?`. */
export function encodeQueryString(query: readonly NamedValues[]): string {
  return query
    .flatMap(({ name, values }) => values.map((v) => `${encodeQueryComponent(name)}=${encodeQueryComponent(v)}`))
    .join('&');
}

/** Bytes of the request body on the wire (base64 bodies count their decoded bytes). */
export function requestBodyBytes(spec: Pick<HttpRequestSpec, 'body' | 'isBase64Encoded'>): number {
  if (spec.body === undefined || spec.body === null) return 0;
  return spec.isBase64Encoded ? base64DecodedLength(spec.body) : utf8ByteLength(spec.body);
}
