import { describe, expect, it, vi } from 'vitest';
import { compareFrontDoors, runThroughFrontDoor } from '../../../src/engine/integrations/compare.ts';
import { FUNCTION_URL_FORBIDDEN_BODY } from '../../../src/engine/integrations/gateway-replies.ts';
import type { SimulationInputs } from '../../../src/engine/integrations/http-request.ts';
import { isFrontDoorPermitted, isFunctionUrlAllowed, parseUrlPermissions } from '../../../src/engine/integrations/url-permissions.ts';
import { returned } from './record-factory.ts';

const sim: SimulationInputs = { requestId: 'gw-1', nowMs: 1_700_000_000_000, region: 'us-east-1', accountId: '111122223333', functionName: 'fn' };

describe('parseUrlPermissions', () => {
  it.each([
    ['InvokeFunctionUrl', ['InvokeFunctionUrl']],
    ['InvokeFunctionUrl,InvokeFunction', ['InvokeFunctionUrl', 'InvokeFunction']],
    ['lambda:InvokeFunction, lambda:invokefunctionurl', ['InvokeFunction', 'InvokeFunctionUrl']],
    ['InvokeFunction,InvokeFunction', ['InvokeFunction']],
    ['none', []],
    ['', []],
  ])('reads %j', (text, expected) => {
    expect(parseUrlPermissions(text)).toEqual({ ok: true, value: expected });
  });

  it('names the unknown permission and the accepted ones', () => {
    const r = parseUrlPermissions('InvokeFunctionUrl,InvokeAsync');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/"InvokeAsync".*InvokeFunctionUrl, InvokeFunction/);
  });
});

describe('function URL permissions', () => {
  it('needs both actions', () => {
    expect(isFunctionUrlAllowed(['InvokeFunctionUrl', 'InvokeFunction'])).toBe(true);
    expect(isFunctionUrlAllowed(['InvokeFunctionUrl'])).toBe(false);
    expect(isFunctionUrlAllowed(['InvokeFunction'])).toBe(false);
    expect(isFunctionUrlAllowed([])).toBe(false);
  });

  it('applies the list to the function URL only, and a refused policy to every door', () => {
    expect(isFrontDoorPermitted('function-url', true, ['InvokeFunctionUrl'])).toBe(false);
    expect(isFrontDoorPermitted('apigw-rest', true, ['InvokeFunctionUrl'])).toBe(true);
    expect(isFrontDoorPermitted('function-url', true, undefined)).toBe(true);
    expect(isFrontDoorPermitted('function-url', false, ['InvokeFunctionUrl', 'InvokeFunction'])).toBe(false);
  });

  it('a URL with only lambda:InvokeFunctionUrl answers 403 with the Forbidden body and never invokes', async () => {
    const invoke = vi.fn(async () => returned({ statusCode: 200, body: 'ok' }));
    const run = await runThroughFrontDoor('function-url', { request: { method: 'GET', path: '/' } }, invoke, { sim, urlPermissions: ['InvokeFunctionUrl'] });
    expect(invoke).not.toHaveBeenCalled();
    expect(run.response.statusCode).toBe(403);
    expect(run.response.body).toBe(FUNCTION_URL_FORBIDDEN_BODY);
    expect(run.response.body).toContain('Forbidden. For troubleshooting Function URL authorization issues');
  });

  it('a URL with both permissions invokes the function', async () => {
    const invoke = vi.fn(async () => returned({ statusCode: 200, body: 'ok' }));
    const run = await runThroughFrontDoor('function-url', { request: { method: 'GET', path: '/' } }, invoke, { sim, urlPermissions: ['InvokeFunctionUrl', 'InvokeFunction'] });
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(run.response.statusCode).toBe(200);
  });

  it('in a comparison, only the function URL is refused', async () => {
    const invoke = vi.fn(async () => returned({ statusCode: 200, body: 'ok' }));
    const runs = await compareFrontDoors({ method: 'GET', path: '/' }, invoke, { sim, urlPermissions: ['InvokeFunctionUrl'] });
    const status = Object.fromEntries(runs.map((r) => [r.frontDoor, r.response.statusCode]));
    expect(status['function-url']).toBe(403);
    expect(status['apigw-rest']).toBe(200);
    expect(status['alb']).toBe(200);
    expect(invoke).toHaveBeenCalledTimes(runs.length - 1);
  });
});
