// The request editor's route: kept in share links and autosave, parsed into the spec the worker sends.
import { describe, expect, it } from 'vitest';
import { runThroughFrontDoor } from '../../src/engine/integrations/compare.ts';
import { REQUEST_SAMPLES } from '../../src/playground/samples.ts';
import { summariseRun } from '../../src/playground/summary.ts';
import { createDefaultState, encodeShareHash, parsePlaygroundState, parseRequestInput, parseShareHash, serialiseState } from '../../src/playground/state.ts';

const ROUTED = '{ "route": "GET /orders/{id}", "path": "/orders/42" }';

describe('the request editor route', () => {
  it('survives a share link and reaches the worker request as spec.route', async () => {
    const state = { ...createDefaultState(), request: ROUTED, requestMode: 'http' as const };
    const back = await parseShareHash(await encodeShareHash(state));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    const input = parseRequestInput(back.value.state.request, back.value.state.requestMode);
    expect(input.ok && input.value.kind === 'http' && input.value.request.route).toBe('GET /orders/{id}');
  });

  it('survives autosave', () => {
    const state = { ...createDefaultState(), request: ROUTED };
    const back = parsePlaygroundState(JSON.parse(serialiseState(state)));
    expect(back.ok && back.value.state.request).toBe(ROUTED);
  });

  it('an old link without a route still loads (no route, $default)', () => {
    const input = parseRequestInput('{ "method": "GET", "path": "/orders/42" }', 'http');
    expect(input.ok && input.value.kind === 'http' && input.value.request.route).toBeUndefined();
  });

  it('a bad route is a sentence for the page, not a crash', () => {
    const input = parseRequestInput('{ "route": "GET /orders/{id", "path": "/orders/42" }', 'http');
    expect(input.ok).toBe(false);
    expect(!input.ok && input.error).toMatch(/^The request: `route`: /);
  });

  it('the route sample parses and is offered on the API Gateway front doors only', () => {
    const sample = REQUEST_SAMPLES.find((s) => s.id === 'route');
    expect(sample?.frontDoors).toEqual(['apigw-rest', 'http-api-v1', 'http-api-v2']);
    const input = parseRequestInput(sample!.text, sample!.mode);
    expect(input.ok && input.value.kind === 'http' && input.value.request.route).toBe('GET /orders/{id}');
  });

  it('a path off the route: the summary says the gateway answered without invoking, and why', async () => {
    const input = parseRequestInput('{ "route": "GET /orders/{id}", "path": "/orders" }', 'http');
    if (!input.ok || input.value.kind !== 'http') throw new Error('the request should parse');
    const sim = { requestId: 'r-1', nowMs: 0, region: 'us-east-1', accountId: '123456789012', functionName: 'fn' };
    const run = await runThroughFrontDoor('http-api-v2', input.value.request, async () => { throw new Error('must not invoke'); }, { sim });
    expect(summariseRun(run)).toMatch(/answered 404 without invoking the function: the request matches no API Gateway route\.$/);
  });
});
