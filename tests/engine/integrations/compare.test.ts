import { describe, expect, it, vi } from 'vitest';
import { compareFrontDoors, runThroughFrontDoor } from '../../../src/engine/integrations/compare.ts';
import type { SimulationInputs } from '../../../src/engine/integrations/http-request.ts';
import type { InvocationRecord } from '../../../src/engine/types.ts';
import type { FrontDoor } from '../../../src/engine/vocabulary.ts';
import { FRONT_DOORS } from '../../../src/engine/vocabulary.ts';
import { returned, threw } from './record-factory.ts';

const sim: SimulationInputs = { requestId: 'gw-1', nowMs: 1_700_000_000_000, region: 'us-east-1', accountId: '111122223333', functionName: 'fn' };

describe('compareFrontDoors', () => {
  it('same thrown error, six different answers', async () => {
    const invoke = vi.fn(async (): Promise<InvocationRecord> => threw('Error', 'boom'));
    const runs = await compareFrontDoors({ method: 'GET', path: '/' }, invoke, { sim });
    expect(runs.map((r) => r.frontDoor)).toEqual([...FRONT_DOORS]);
    const status = Object.fromEntries(runs.map((r) => [r.frontDoor, r.response.statusCode]));
    expect(status).toEqual({ invoke: 200, 'apigw-rest': 502, 'http-api-v1': 500, 'http-api-v2': 500, 'function-url': 502, alb: 502 });
    expect(invoke).toHaveBeenCalledTimes(6);
  });

  it('passes each front door its own event', async () => {
    const seen: Record<string, unknown> = {};
    const invoke = async (event: unknown, fd: FrontDoor) => {
      seen[fd] = event;
      return returned({ statusCode: 200, body: 'ok' });
    };
    await compareFrontDoors({ method: 'POST', path: '/x', body: '{"n":1}' }, invoke, { sim });
    expect(seen['invoke']).toEqual({ n: 1 });
    expect((seen['apigw-rest'] as { httpMethod: string }).httpMethod).toBe('POST');
    expect((seen['http-api-v2'] as { version: string }).version).toBe('2.0');
    expect((seen['alb'] as { requestContext: { elb: unknown } }).requestContext.elb).toBeDefined();
  });

  it('does not invoke when the front door answers first', async () => {
    const invoke = vi.fn(async () => returned({ statusCode: 200 }));
    const runs = await compareFrontDoors({ method: 'GET', path: '/' }, invoke, { sim, invokePermission: false });
    expect(invoke).not.toHaveBeenCalled();
    expect(runs.every((r) => !r.invoked && r.record === null)).toBe(true);
    expect(runs.find((r) => r.frontDoor === 'function-url')?.response.statusCode).toBe(403);
  });

  it('ALB skips the invoke for a body over 1 MB but API Gateway does not', async () => {
    const invoke = vi.fn(async () => returned({ statusCode: 200 }));
    const body = 'x'.repeat(1_100_000);
    const alb = await runThroughFrontDoor('alb', { method: 'POST', path: '/', body }, invoke, { sim });
    expect(alb.response.statusCode).toBe(413);
    expect(invoke).not.toHaveBeenCalled();
    const rest = await runThroughFrontDoor('apigw-rest', { method: 'POST', path: '/', body }, invoke, { sim });
    expect(rest.response.statusCode).toBe(200);
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it('REST: an event over 6 MB is rejected by Lambda → 500 without invoking', async () => {
    const invoke = vi.fn(async () => returned({ statusCode: 200 }));
    const run = await runThroughFrontDoor('apigw-rest', { method: 'POST', path: '/', body: 'x'.repeat(6_300_000) }, invoke, { sim });
    expect(run.response.statusCode).toBe(500);
    expect(run.findings[0]?.code).toBe('LT-INVOKE-PAYLOAD-TOO-LARGE');
    expect(run.gatewayLogs.some((l) => /byte payload is too large for the RequestResponse invocation type \(limit 6291456 bytes\)/.test(l))).toBe(true);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('runThroughFrontDoor accepts a raw event', async () => {
    const invoke = vi.fn(async (event: unknown) => returned({ statusCode: 200, body: JSON.stringify(event) }));
    const run = await runThroughFrontDoor('apigw-rest', { rawEvent: { custom: true } }, invoke, { sim });
    expect(run.event).toEqual({ custom: true });
    expect(run.response.body).toBe('{"custom":true}');
  });
});
