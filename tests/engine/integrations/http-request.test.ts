import { describe, expect, it } from 'vitest';
import { parseHttpRequestSpec, requestBodyBytes } from '../../../src/engine/integrations/http-request.ts';

describe('parseHttpRequestSpec', () => {
  it('accepts a full request and upper-cases the method', () => {
    const r = parseHttpRequestSpec({ method: 'post', path: '/a', query: { x: ['1', '2'] }, headers: { Accept: 'text/html' }, body: '{}', sourceIp: '10.0.0.1', stage: 'dev' });
    expect(r).toEqual({ ok: true, value: { method: 'POST', path: '/a', query: { x: ['1', '2'] }, headers: { Accept: 'text/html' }, body: '{}', sourceIp: '10.0.0.1', stage: 'dev' } });
  });
  it('defaults method and path', () => {
    expect(parseHttpRequestSpec({})).toEqual({ ok: true, value: { method: 'GET', path: '/' } });
  });
  it('moves ?query from the path into query', () => {
    const r = parseHttpRequestSpec({ path: '/a?x=1&x=2&y=hello%20world' });
    expect(r.ok && r.value).toEqual({ method: 'GET', path: '/a', query: { x: ['1', '2'], y: 'hello world' } });
  });
  it.each([
    [null, /must be an object/],
    ['GET /', /must be an object/],
    [{ method: 3 }, /`method` must be an HTTP method/],
    [{ path: 'orders' }, /`path` must be a string starting with "\/"/],
    [{ path: '/a b' }, /spaces/],
    [{ headers: [] }, /`headers` must be an object/],
    [{ headers: { 'bad name': 'x' } }, /invalid header name/],
    [{ headers: { a: { b: 1 } } }, /`headers.a` must be a string or a list/],
    [{ query: { a: [null] } }, /`query.a` must be a string or a list/],
    [{ body: { a: 1 } }, /`body` must be a string/],
    [{ isBase64Encoded: 'yes' }, /`isBase64Encoded` must be true or false/],
    [{ body: '***', isBase64Encoded: true }, /not valid base64/],
    [{ cookies: 5 }, /`cookies` must be/],
    [{ sourceIp: 'localhost' }, /`sourceIp`/],
    [{ stage: 'a/b' }, /`stage`/],
    [{ methd: 'GET' }, /Unknown field `methd`/],
  ])('rejects %j with a clear message', (input, message) => {
    const r = parseHttpRequestSpec(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
  it('never throws on hostile getters', () => {
    const evil = Object.defineProperty({}, 'method', { enumerable: true, get() { throw new Error('nope'); } });
    const r = parseHttpRequestSpec(evil);
    expect(r.ok).toBe(false);
  });
});

describe('requestBodyBytes', () => {
  it('counts UTF-8 bytes and decoded base64 bytes', () => {
    expect(requestBodyBytes({ body: 'héllo €' })).toBe(10);
    expect(requestBodyBytes({ body: '😀' })).toBe(4);
    expect(requestBodyBytes({ body: 'AAEC', isBase64Encoded: true })).toBe(3);
    expect(requestBodyBytes({ body: 'AA==', isBase64Encoded: true })).toBe(1);
    expect(requestBodyBytes({ body: null })).toBe(0);
  });
});
