/**
 * The programmatic API as a user's test would use it, asserting what each front door answers. It imports
 * the sources (src/api.ts) so it tests the code as it is now; `package.test.ts` installs the packed
 * package into a project without TypeScript and imports `lambda-triage` by name from plain JavaScript.
 */
import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { compare, invoke } from '../../src/api.ts';

const SAMPLE = path.join(import.meta.dirname, '..', 'check', 'sample-project', 'src');

describe("import { invoke } from 'lambda-triage'", () => {
  it('REST API: a body that is an object is a 502 with API Gateway\'s own body (malformed proxy response)', async () => {
    const r = await invoke({ file: path.join(SAMPLE, 'report.mjs'), frontDoor: 'apigw-rest', request: { method: 'GET', path: '/report' } });
    // https://repost.aws/knowledge-center/malformed-502-api-gateway
    expect(r.response.statusCode).toBe(502);
    expect(r.response.body).toBe('{"message": "Internal server error"}');
    expect(r.outcome).toBe('success');
    expect(r.findings.map((f) => f.code)).toContain('LT-RESP-BODY-NOT-STRING');
  }, 60_000);

  it('HTTP API: an unguarded JSON.parse of a broken body is a 500 "Internal Server Error"', async () => {
    const r = await invoke({ file: path.join(SAMPLE, 'items.mjs'), frontDoor: 'http-api-v2', request: { method: 'POST', path: '/items', body: '{"name": ' } });
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html
    expect(r.response.statusCode).toBe(500);
    expect(r.response.body).toBe('{"message":"Internal Server Error"}');
    expect(r.errorType).toBe('SyntaxError');
  }, 60_000);

  it('function URL and ALB: the same healthy handler answers 200 with its own body', async () => {
    for (const frontDoor of ['function-url', 'alb'] as const) {
      const r = await invoke({ file: path.join(SAMPLE, 'health.mjs'), frontDoor, request: { method: 'GET', path: '/health' }, environment: { STAGE: 'api' } });
      expect(r.response.statusCode).toBe(200);
      expect(JSON.parse(r.response.body)).toEqual({ ok: true, stage: 'api' });
    }
  }, 60_000);

  it('compare: every front door at once, and the sandbox runner gives the same answers', async () => {
    const doors = await compare({ file: path.join(SAMPLE, 'users.js'), request: { method: 'GET', path: '/users/1' }, runner: 'sandbox' });
    // pathParameters is null without a matched route: the handler throws, each door answers in its own words.
    expect(doors['apigw-rest'].response.statusCode).toBe(502);
    expect(doors['http-api-v2'].response.statusCode).toBe(500);
    expect(doors['function-url'].response.statusCode).toBe(502);
    expect(doors.alb.response.statusCode).toBe(502);
    expect(doors.invoke.errorType).toBe('TypeError');
  }, 120_000);

  it('bad options are readable errors', async () => {
    await expect(invoke({ file: 'nope/missing.mjs' })).rejects.toThrow(/handler file nope\/missing\.mjs does not exist/);
    await expect(invoke({ file: path.join(SAMPLE, 'health.mjs'), frontDoor: 'soap' as never })).rejects.toThrow(/frontDoor must be one of invoke, apigw-rest/);
  });
});
