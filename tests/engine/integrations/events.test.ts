import { describe, expect, it } from 'vitest';
import {
  createAlbEvent,
  createEvent,
  createFunctionUrlEvent,
  createHttpApiV1Event,
  createHttpApiV2Event,
  createRestApiEvent,
} from '../../../src/engine/integrations/events.ts';
import type { HttpRequestSpec, SimulationInputs } from '../../../src/engine/integrations/http-request.ts';

const sim: SimulationInputs = { requestId: 'req-1', nowMs: Date.UTC(2020, 2, 12, 19, 3, 58, 390), region: 'us-west-2', accountId: '123456789012', functionName: 'orders' };
const spec: HttpRequestSpec = {
  method: 'post',
  path: '/my/path',
  query: { parameter1: ['value1', 'value2'], parameter2: 'a b&c' },
  headers: { Header1: 'value1', Header2: ['value1', 'value2'], 'User-Agent': 'agent' },
  cookies: ['cookie1', 'cookie2'],
  body: 'Hello from client!',
  sourceIp: '123.123.123.123',
};

describe('REST API event', () => {
  const e = createRestApiEvent(spec, sim);
  it('has the v1 shape with request time from the virtual clock', () => {
    expect(e.httpMethod).toBe('POST');
    expect(e.path).toBe('/my/path');
    expect(e.requestContext.requestTime).toBe('12/Mar/2020:19:03:58 +0000');
    expect(e.requestContext.requestTimeEpoch).toBe(sim.nowMs);
    expect(e.requestContext.requestId).toBe('req-1');
    expect(e.requestContext.stage).toBe('prod');
    expect(e.requestContext.path).toBe('/prod/my/path');
    expect(e.requestContext.identity.sourceIp).toBe('123.123.123.123');
    expect(e.requestContext.accountId).toBe('123456789012');
    expect(e.requestContext.domainName).toMatch(/^[a-z0-9]{10}\.execute-api\.us-west-2\.amazonaws\.com$/);
    expect(e.requestContext.extendedRequestId).toMatch(/^.{15}=$/);
    expect(e.body).toBe('Hello from client!');
    expect(e.isBase64Encoded).toBe(false);
    expect('version' in e).toBe(false);
  });
  it('keeps header casing; headers has the last value, multiValueHeaders all', () => {
    expect(e.headers['Header2']).toBe('value2');
    expect(e.multiValueHeaders['Header2']).toEqual(['value1', 'value2']);
    expect(e.headers['Cookie']).toBe('cookie1; cookie2');
  });
  it('decodes query parameters', () => {
    expect(e.queryStringParameters).toEqual({ parameter1: 'value2', parameter2: 'a b&c' });
    expect(e.multiValueQueryStringParameters).toEqual({ parameter1: ['value1', 'value2'], parameter2: ['a b&c'] });
  });
  it('no query → null', () => {
    expect(createRestApiEvent({ method: 'GET', path: '/' }, sim).queryStringParameters).toBeNull();
  });
});

describe('HTTP API events', () => {
  it('1.0: version "1.0", lower-case headers, $default stage', () => {
    const e = createHttpApiV1Event(spec, sim);
    expect(e.version).toBe('1.0');
    expect(e.headers['header1']).toBe('value1');
    expect(e.requestContext.stage).toBe('$default');
  });
  it('2.0: raw path and query, comma-joined duplicates, cookies array', () => {
    const e = createHttpApiV2Event(spec, sim);
    expect(e.version).toBe('2.0');
    expect(e.routeKey).toBe('$default');
    expect(e.rawPath).toBe('/my/path');
    expect(e.rawQueryString).toBe('parameter1=value1&parameter1=value2&parameter2=a%20b%26c');
    expect(e.queryStringParameters).toEqual({ parameter1: 'value1,value2', parameter2: 'a b&c' });
    expect(e.headers['header2']).toBe('value1,value2');
    expect(e.headers['cookie']).toBeUndefined();
    expect(e.cookies).toEqual(['cookie1', 'cookie2']);
    expect(e.requestContext.http).toEqual({ method: 'POST', path: '/my/path', protocol: 'HTTP/1.1', sourceIp: '123.123.123.123', userAgent: 'agent' });
    expect(e.requestContext.time).toBe('12/Mar/2020:19:03:58 +0000');
    expect(e.requestContext.timeEpoch).toBe(sim.nowMs);
  });
  it('2.0 without body or query omits them', () => {
    const e = createHttpApiV2Event({ method: 'GET', path: '/' }, sim);
    expect('body' in e).toBe(false);
    expect('queryStringParameters' in e).toBe(false);
    expect(e.rawQueryString).toBe('');
  });
});

describe('Function URL event', () => {
  const e = createFunctionUrlEvent({ ...spec, stage: 'prod' }, sim);
  it('uses the lambda-url domain, $default route and stage', () => {
    expect(e.requestContext.domainName).toMatch(/^[a-z0-9]{32}\.lambda-url\.us-west-2\.on\.aws$/);
    expect(e.requestContext.domainPrefix).toBe(e.requestContext.apiId);
    expect(e.routeKey).toBe('$default');
    expect(e.requestContext.stage).toBe('$default');
    expect(e.headers['host']).toBe(e.requestContext.domainName);
  });
});

describe('ALB event', () => {
  it('single-value mode: encoded query (ALB does not decode), last values, lower-case headers', () => {
    const e = createAlbEvent(spec, sim);
    expect(e.requestContext.elb.targetGroupArn).toMatch(/^arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup\/orders-tg\/[0-9a-f]{16}$/);
    expect(e.queryStringParameters).toEqual({ parameter1: 'value2', parameter2: 'a%20b%26c' });
    expect(e.headers?.['header2']).toBe('value2');
    expect(e.multiValueHeaders).toBeUndefined();
    expect(e.body).toBe('Hello from client!');
  });
  it('multi-value mode', () => {
    const e = createAlbEvent(spec, sim, undefined, { multiValueHeaders: true });
    expect(e.multiValueQueryStringParameters?.['parameter1']).toEqual(['value1', 'value2']);
    expect(e.multiValueHeaders?.['header2']).toEqual(['value1', 'value2']);
    expect(e.headers).toBeUndefined();
  });
  it('no body → empty string', () => {
    expect(createAlbEvent({ method: 'GET', path: '/' }, sim).body).toBe('');
  });
  it('base64-encodes a body whose content type is not text (text/*, JSON, JavaScript, XML pass as they are)', () => {
    const post = (contentType: string, body = 'héllo') => createAlbEvent({ method: 'POST', path: '/', headers: { 'Content-Type': contentType }, body }, sim);
    const form = post('application/x-www-form-urlencoded', 'a=1&b=2');
    expect([form.body, form.isBase64Encoded]).toEqual(['YT0xJmI9Mg==', true]);
    const octets = post('application/octet-stream');
    expect([octets.body, octets.isBase64Encoded]).toEqual(['aMOpbGxv', true]);
    for (const t of ['text/plain; charset=utf-8', 'text/csv', 'application/json', 'Application/JSON', 'application/javascript', 'application/xml']) {
      const e = post(t);
      expect([t, e.body, e.isBase64Encoded]).toEqual([t, 'héllo', false]);
    }
    // Already base64 from the client (binary upload): not encoded twice.
    const bin = createAlbEvent({ method: 'POST', path: '/', headers: { 'content-type': 'image/png' }, body: 'iVBORw0K', isBase64Encoded: true }, sim);
    expect([bin.body, bin.isBase64Encoded]).toEqual(['iVBORw0K', true]);
  });
});

describe('createEvent', () => {
  it('invoke: body JSON becomes the event', () => {
    expect(createEvent('invoke', { method: 'POST', path: '/', body: '{"a":1}' }, sim)).toEqual({ a: 1 });
    expect(createEvent('invoke', { method: 'POST', path: '/', body: 'text' }, sim)).toBe('text');
  });
  it('is deterministic: same inputs, same event', () => {
    expect(JSON.stringify(createEvent('apigw-rest', spec, sim))).toBe(JSON.stringify(createEvent('apigw-rest', spec, sim)));
  });
  it('ids differ per function', () => {
    const a = createRestApiEvent(spec, sim).requestContext.apiId;
    const b = createRestApiEvent(spec, { ...sim, functionName: 'other' }).requestContext.apiId;
    expect(a).not.toBe(b);
  });
});
