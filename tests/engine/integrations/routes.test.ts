import { describe, expect, it, vi } from 'vitest';
import { runThroughFrontDoor } from '../../../src/engine/integrations/compare.ts';
import {
  createAlbEvent,
  createFunctionUrlEvent,
  createHttpApiV1Event,
  createHttpApiV2Event,
  createRestApiEvent,
} from '../../../src/engine/integrations/events.ts';
import { parseHttpRequestSpec, type HttpRequestSpec, type SimulationInputs } from '../../../src/engine/integrations/http-request.ts';
import { matchRoute, parseResourcePath, parseRouteKey } from '../../../src/engine/integrations/routes.ts';
import { utf8ByteLength } from '../../../src/engine/integrations/text.ts';
import { returned } from './record-factory.ts';

const sim: SimulationInputs = { requestId: 'gw-route-1', nowMs: 1_700_000_000_000, region: 'eu-west-1', accountId: '111122223333', functionName: 'items' };

function spec(input: unknown): HttpRequestSpec {
  const parsed = parseHttpRequestSpec(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('parseRouteKey / parseResourcePath', () => {
  it('reads a method, a template and a greedy variable', () => {
    const r = parseRouteKey('GET /items/{id}/files/{rest+}');
    expect(r.ok && r.value.method).toBe('GET');
    expect(r.ok && r.value.segments?.map((s) => s.kind)).toEqual(['literal', 'variable', 'literal', 'greedy']);
    const d = parseRouteKey('$default');
    expect(d.ok && d.value.path).toBeNull();
  });
  it.each([
    ['/items/{id}', /method and a path/],
    ['GET items', /must start with "\/"/],
    ['GET /{proxy+}/x', /must be the last segment/],
    ['GET /a/{id}/{id}', /appears twice/],
    ['GET /a/x{id}', /fills a whole segment/],
    ['GET /a//b', /empty segment/],
  ])('rejects %s with a clear message', (text, message) => {
    const r = parseRouteKey(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
  it('a REST resource takes the method it is given', () => {
    const r = parseResourcePath('/items/{id}', 'PUT');
    expect(r.ok && r.value.key).toBe('PUT /items/{id}');
  });
});

describe('matchRoute', () => {
  const route = (key: string) => {
    const r = parseRouteKey(key);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  it('fills variables with URL-decoded values', () => {
    expect(matchRoute(route('GET /items/{id}'), 'GET', '/items/a%20b%2Fc')).toEqual({ matched: true, pathParameters: { id: 'a b/c' } });
  });
  it('a greedy variable takes the rest of the path, and needs at least one segment', () => {
    expect(matchRoute(route('ANY /files/{proxy+}'), 'DELETE', '/files/2024/x.txt')).toEqual({ matched: true, pathParameters: { proxy: '2024/x.txt' } });
    expect(matchRoute(route('ANY /files/{proxy+}'), 'GET', '/files').matched).toBe(false);
    expect(matchRoute(route('ANY /{proxy+}'), 'GET', '/').matched).toBe(false);
  });
  it('refuses another method, a shorter, longer or different path', () => {
    expect(matchRoute(route('GET /items/{id}'), 'POST', '/items/1').matched).toBe(false);
    expect(matchRoute(route('GET /items/{id}'), 'GET', '/items').matched).toBe(false);
    expect(matchRoute(route('GET /items/{id}'), 'GET', '/items/1/2').matched).toBe(false);
    expect(matchRoute(route('GET /items/{id}'), 'GET', '/orders/1').matched).toBe(false);
  });
  it('does not let a variable named __proto__ reach Object.prototype', () => {
    const m = matchRoute(route('GET /x/{__proto__}'), 'GET', '/x/1');
    expect(m.matched && Object.hasOwn(m.pathParameters, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['1']).toBeUndefined();
  });
});

describe('--request fields', () => {
  it('route sets the method when none is given', () => {
    expect(spec({ route: 'POST /items/{id}', path: '/items/9' }).method).toBe('POST');
  });
  it('resource with httpMethod is the REST form of a route', () => {
    expect(spec({ resource: '/items/{id}', httpMethod: 'GET', path: '/items/9' }).route).toBe('GET /items/{id}');
  });
  it('explains bad combinations', () => {
    const a = parseHttpRequestSpec({ route: 'GET /a/{id}', resource: '/b/{id}' });
    expect(!a.ok && a.error).toMatch(/name different paths/);
    const b = parseHttpRequestSpec({ method: 'GET', httpMethod: 'POST' });
    expect(!b.ok && b.error).toMatch(/disagree/);
    const c = parseHttpRequestSpec({ route: 'GET /a/{id' });
    expect(!c.ok && c.error).toMatch(/^`route`: /);
  });
});

describe('events with a route', () => {
  const req = spec({ route: 'GET /items/{id}', path: '/items/caf%C3%A9' });

  it('REST: resource, path, pathParameters, requestContext.resourcePath/resourceId', () => {
    const e = createRestApiEvent(req, sim);
    expect(e.resource).toBe('/items/{id}');
    expect(e.path).toBe('/items/caf%C3%A9');
    expect(e.pathParameters).toEqual({ id: 'café' });
    expect(e.requestContext.resourcePath).toBe('/items/{id}');
    expect(e.requestContext.resourceId).toMatch(/^[a-z0-9]{6}$/);
    // The resource id names the resource, not the request path.
    expect(e.requestContext.resourceId).toBe(createRestApiEvent(spec({ route: 'GET /items/{id}', path: '/items/2' }), sim).requestContext.resourceId);
    expect(e.requestContext.resourceId).not.toBe(createRestApiEvent(spec({ path: '/items/2' }), sim).requestContext.resourceId);
  });

  it('REST without a route keeps resource = path and pathParameters null', () => {
    const e = createRestApiEvent(spec({ path: '/items/2' }), sim);
    expect(e.resource).toBe('/items/2');
    expect(e.pathParameters).toBeNull();
  });

  it('HTTP API 1.0: resource template, pathParameters, resourceId = route key', () => {
    const e = createHttpApiV1Event(req, sim);
    expect(e.resource).toBe('/items/{id}');
    expect(e.pathParameters).toEqual({ id: 'café' });
    expect(e.requestContext.resourcePath).toBe('/items/{id}');
    expect(e.requestContext.resourceId).toBe('GET /items/{id}');
    expect(createHttpApiV1Event(spec({ path: '/x' }), sim).requestContext.resourceId).toBeNull();
  });

  it('HTTP API 2.0: routeKey (top level and requestContext), rawPath, pathParameters', () => {
    const e = createHttpApiV2Event(req, sim);
    expect(e.routeKey).toBe('GET /items/{id}');
    expect(e.requestContext.routeKey).toBe('GET /items/{id}');
    expect(e.rawPath).toBe('/items/caf%C3%A9');
    expect(e.pathParameters).toEqual({ id: 'café' });
  });

  it('HTTP API 2.0 greedy route: routeKey keeps ANY, proxy holds the rest', () => {
    const e = createHttpApiV2Event(spec({ route: 'ANY /{proxy+}', method: 'PATCH', path: '/a/b' }), sim);
    expect(e.routeKey).toBe('ANY /{proxy+}');
    expect(e.pathParameters).toEqual({ proxy: 'a/b' });
  });

  it('HTTP API 2.0 without variables or without a route: no pathParameters key, $default', () => {
    const plain = createHttpApiV2Event(spec({ route: 'GET /health', path: '/health' }), sim);
    expect(plain.routeKey).toBe('GET /health');
    expect('pathParameters' in plain).toBe(false);
    const none = createHttpApiV2Event(spec({ path: '/items/1' }), sim);
    expect(none.routeKey).toBe('$default');
    expect('pathParameters' in none).toBe(false);
  });

  it('function URL: no routes, routeKey $default, no pathParameters', () => {
    const e = createFunctionUrlEvent(req, sim);
    expect(e.routeKey).toBe('$default');
    expect(e.requestContext.routeKey).toBe('$default');
    expect(e.rawPath).toBe('/items/caf%C3%A9');
    expect('pathParameters' in e).toBe(false);
  });

  it('ALB: no pathParameters, resource or routeKey key', () => {
    const e = createAlbEvent(req, sim) as unknown as Record<string, unknown>;
    expect(e['path']).toBe('/items/caf%C3%A9');
    for (const key of ['pathParameters', 'resource', 'routeKey']) expect(key in e).toBe(false);
  });
});

describe('a path that matches no route is answered before Lambda', () => {
  const unmatched = spec({ route: 'GET /items/{id}', path: '/items' });

  it('REST: 403 Missing Authentication Token, 42 bytes, not invoked', async () => {
    const invoke = vi.fn(async () => returned({ statusCode: 200, body: 'ok' }));
    const run = await runThroughFrontDoor('apigw-rest', unmatched, invoke, { sim });
    expect(invoke).not.toHaveBeenCalled();
    expect(run.invoked).toBe(false);
    expect(run.record).toBeNull();
    expect(run.response.statusCode).toBe(403);
    expect(run.response.body).toBe('{"message":"Missing Authentication Token"}');
    expect(run.response.headers['Content-Length']).toBe(String(utf8ByteLength(run.response.body)));
    expect(run.response.headers['Content-Length']).toBe('42');
    expect(run.response.headers['x-amzn-ErrorType']).toBe('MissingAuthenticationTokenException');
    expect(run.findings.map((f) => f.code)).toEqual(['LT-ROUTE-NOT-MATCHED']);
    expect(run.findings[0]?.cause).toBe('integration-config');
    expect(run.findings[0]?.message).toContain('no route for GET /items');
    expect(run.findings[0]?.message).toContain('not a missing token');
    expect(run.findings[0]?.message).toContain('GET /items/{id}');
  });

  it.each(['http-api-v1', 'http-api-v2'] as const)('%s: 404 {"message":"Not Found"}, not invoked', async (door) => {
    const invoke = vi.fn(async () => returned({ statusCode: 200, body: 'ok' }));
    const run = await runThroughFrontDoor(door, unmatched, invoke, { sim });
    expect(invoke).not.toHaveBeenCalled();
    expect(run.response.statusCode).toBe(404);
    expect(run.response.body).toBe('{"message":"Not Found"}');
    expect(run.findings[0]).toMatchObject({ code: 'LT-ROUTE-NOT-MATCHED', unverified: true });
  });

  it('a method the route does not accept is unmatched too', async () => {
    const invoke = vi.fn(async () => returned({ statusCode: 200, body: 'ok' }));
    const run = await runThroughFrontDoor('http-api-v2', spec({ route: 'GET /items/{id}', method: 'DELETE', path: '/items/1' }), invoke, { sim });
    expect(run.response.statusCode).toBe(404);
    expect(invoke).not.toHaveBeenCalled();
  });

  it.each(['function-url', 'alb'] as const)('%s has no routes: the function runs', async (door) => {
    const invoke = vi.fn(async () => returned({ statusCode: 200, body: 'ok' }));
    const run = await runThroughFrontDoor(door, unmatched, invoke, { sim });
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(run.response.statusCode).toBe(200);
  });

  it('the HTTP API access log names the matched route', async () => {
    const invoke = vi.fn(async () => returned({ statusCode: 200, body: 'ok' }));
    const run = await runThroughFrontDoor('http-api-v2', spec({ route: 'GET /items/{id}', path: '/items/7' }), invoke, { sim });
    expect(run.gatewayLogs.some((l) => l.includes('"routeKey":"GET /items/{id}"'))).toBe(true);
  });

  it('a matching path reaches the handler with pathParameters (REST)', async () => {
    const invoke = vi.fn(async (event: unknown) => returned({ statusCode: 200, body: JSON.stringify((event as { pathParameters: unknown }).pathParameters) }));
    const run = await runThroughFrontDoor('apigw-rest', spec({ resource: '/items/{id}', httpMethod: 'GET', path: '/items/42' }), invoke, { sim });
    expect(run.response.statusCode).toBe(200);
    expect(JSON.parse(run.response.body)).toEqual({ id: '42' });
  });
});
