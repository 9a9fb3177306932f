/**
 * API Gateway routes: parse a route key (`GET /items/{id}`, `ANY /{proxy+}`, `$default`) or a REST
 * resource path (`/items/{id}`), match a request against it, and answer as the gateway does when the
 * request matches no route (the function is never called).
 *
 * Sources:
 * - HTTP API routes, path variables, greedy `{proxy+}`, `ANY`, `$default`, and "API Gateway decodes
 *   URL-encoded request parameters before passing them to your backend integration":
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 * - REST resources and `{proxy+}`: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-simple-proxy.html
 */

/** One segment of a route path: a literal, a `{name}` variable, or a greedy `{name+}` variable. */
export type RouteSegment =
  | { kind: 'literal'; text: string }
  | { kind: 'variable'; name: string }
  | { kind: 'greedy'; name: string };

/** A parsed route. `path` and `segments` are null for the `$default` route. */
export interface ParsedRoute {
  /** The route key as API Gateway writes it in `routeKey`: `GET /items/{id}` or `$default`. */
  key: string;
  /** Upper-case method, `ANY`, or null for `$default`. */
  method: string | null;
  /** The resource path template, e.g. `/items/{id}`; null for `$default`. */
  path: string | null;
  segments: RouteSegment[] | null;
}

/** Result of the route parsers. */
export type RouteParseResult = { ok: true; value: ParsedRoute } | { ok: false; error: string };

/** The `$default` route key: catches every request no other route matches (HTTP API routes page). */
export const DEFAULT_ROUTE_KEY = '$default';

const ROUTE_METHOD_RE = /^(ANY|[A-Z]{1,20})$/;
/** Variable names: letters, digits, `_`, `-`, `.` (our choice, covering the names AWS examples use). */
const VARIABLE_RE = /^\{([A-Za-z0-9_.-]{1,128})(\+?)\}$/;
const LITERAL_RE = /^[A-Za-z0-9._~!$&'()*,;=:@%-]+$/;

/**
 * Parse a resource path template such as `/items/{id}` or `/files/{proxy+}`. Untrusted input: the
 * error says what is wrong and what a valid template looks like.
 */
export function parseResourcePath(text: unknown, method: string | null = null): RouteParseResult {
  if (typeof text !== 'string' || !text.startsWith('/')) {
    return { ok: false, error: `A resource path must start with "/", such as "/items/{id}"; got ${typeof text === 'string' ? JSON.stringify(text) : typeof text}.` };
  }
  if (text.includes('?')) return { ok: false, error: `A resource path has no query string; got ${JSON.stringify(text)}.` };
  const parts = text === '/' ? [] : text.slice(1).split('/');
  const segments: RouteSegment[] = [];
  const names = new Set<string>();
  for (const [i, part] of parts.entries()) {
    if (part === '') return { ok: false, error: `The resource path ${JSON.stringify(text)} has an empty segment ("//" or a trailing "/").` };
    const v = VARIABLE_RE.exec(part);
    if (v) {
      const name = v[1]!;
      if (names.has(name)) return { ok: false, error: `The path variable {${name}} appears twice in ${JSON.stringify(text)}.` };
      names.add(name);
      if (v[2] === '+') {
        // "The greedy path variable must be at the end of the resource path." (HTTP API routes page)
        if (i !== parts.length - 1) return { ok: false, error: `The greedy variable {${name}+} must be the last segment of ${JSON.stringify(text)}.` };
        segments.push({ kind: 'greedy', name });
      } else {
        segments.push({ kind: 'variable', name });
      }
      continue;
    }
    if (part.includes('{') || part.includes('}')) {
      return { ok: false, error: `The segment ${JSON.stringify(part)} of ${JSON.stringify(text)} is not a path variable: a variable fills a whole segment, like {id} or {proxy+}.` };
    }
    if (!LITERAL_RE.test(part)) return { ok: false, error: `The segment ${JSON.stringify(part)} of ${JSON.stringify(text)} has characters a path cannot hold; percent-encode them.` };
    segments.push({ kind: 'literal', text: part });
  }
  const m = method ?? 'ANY';
  return { ok: true, value: { key: `${m} ${text}`, method: m, path: text, segments } };
}

/**
 * Parse an HTTP API route key: `$default`, or a method (or `ANY`) and a resource path separated by
 * one space, e.g. `GET /items/{id}` (the form of `routeKey` in the payload 2.0 event).
 */
export function parseRouteKey(text: unknown): RouteParseResult {
  if (typeof text !== 'string') return { ok: false, error: `A route must be a string such as "GET /items/{id}" or "$default"; got ${typeof text}.` };
  if (text === DEFAULT_ROUTE_KEY) return { ok: true, value: { key: DEFAULT_ROUTE_KEY, method: null, path: null, segments: null } };
  const space = text.indexOf(' ');
  const method = space === -1 ? '' : text.slice(0, space);
  const path = space === -1 ? text : text.slice(space + 1);
  if (!ROUTE_METHOD_RE.test(method)) {
    return { ok: false, error: `A route is a method and a path, such as "GET /items/{id}" or "ANY /{proxy+}" (or "$default"); got ${JSON.stringify(text)}.` };
  }
  return parseResourcePath(path, method);
}

/** Outcome of {@link matchRoute}. `pathParameters` holds decoded values, empty when the route has no variables. */
export type RouteMatch = { matched: true; pathParameters: Record<string, string> } | { matched: false; reason: string };

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    // A malformed escape such as "%E0%A4%A" stays as sent: UNVERIFIED what API Gateway does with it.
    return raw;
  }
}

/**
 * Does a request (`method`, raw `path` as the client sent it, without the query) match `route`?
 * Variable values are URL-decoded: documented for HTTP APIs ("API Gateway decodes URL-encoded request
 * parameters", HTTP API routes page); for REST the same decoding of `pathParameters` is what
 * LocalStack's AWS-parity fix records (https://github.com/localstack/localstack/pull/7728): UNVERIFIED
 * against an AWS document. A greedy variable takes one or more whole segments (so `/{proxy+}` does not
 * match `/`), its value is the rest of the path without the leading "/".
 */
export function matchRoute(route: ParsedRoute, method: string, path: string): RouteMatch {
  if (route.segments === null) return { matched: true, pathParameters: {} };
  const m = method.toUpperCase();
  if (route.method !== null && route.method !== 'ANY' && route.method !== m) {
    return { matched: false, reason: `the route accepts ${route.method}, the request is ${m}` };
  }
  const parts = path === '/' ? [] : path.slice(1).split('/');
  const params: Record<string, string> = {};
  const put = (name: string, value: string) => Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true });
  for (const [i, seg] of route.segments.entries()) {
    if (seg.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.every((p) => p === '')) return { matched: false, reason: `{${seg.name}+} needs at least one path segment after ${'/' + parts.slice(0, i).join('/')}` };
      put(seg.name, rest.map(decodeSegment).join('/'));
      return { matched: true, pathParameters: params };
    }
    const part = parts[i];
    if (part === undefined || part === '') return { matched: false, reason: `the path ${JSON.stringify(path)} is shorter than the route ${route.path}` };
    if (seg.kind === 'literal') {
      if (decodeSegment(part) !== decodeSegment(seg.text)) return { matched: false, reason: `segment ${i + 1} is ${JSON.stringify(part)}, the route wants ${JSON.stringify(seg.text)}` };
    } else {
      put(seg.name, decodeSegment(part));
    }
  }
  if (parts.length !== route.segments.length) return { matched: false, reason: `the path ${JSON.stringify(path)} is longer than the route ${route.path}` };
  return { matched: true, pathParameters: params };
}
