/**
 * "Check my fix" through the engine host: the `check-scenario` request runs `runScenarioChecks` with
 * the host's QuickJS module and, for scenarios with an AWS section, the world factory the worker plugs in.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarios, loadWorldFactory } from '../../src/cli/scenarios-command.ts';
import { createEngineHost, type HostAnswer } from '../../src/worker/engine-host.ts';
import type { ResultPayload, WorkerRequest } from '../../src/worker/protocol.ts';
import type { ScenarioResult } from '../../src/engine/scenarios/types.ts';
import { getTestQuickJS } from '../engine/quickjs.ts';

const loaded = await loadScenarios();
if (!loaded.ok) throw new Error(loaded.error);
const byId = (id: string) => {
  const s = loaded.value.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
};
const createWorld = await loadWorldFactory();

function resultOf(answer: HostAnswer): ScenarioResult {
  if (answer.type !== 'result') throw new Error(`expected a result, got ${answer.message}`);
  const p: ResultPayload = answer.payload;
  if (p.kind !== 'check-scenario') throw new Error(`expected check-scenario, got ${p.kind}`);
  return p.result;
}

describe('engine host: check-scenario', () => {
  it('fails the broken handler with the smallest failing case (502 and the gateway log line)', async () => {
    const host = createEngineHost({ quickjs: await getTestQuickJS(), wallBudgetMs: 20_000 });
    const scenario = byId('product-body-object');
    const progress: string[] = [];
    const result = resultOf(await host.handle({ id: 1, type: 'check-scenario', scenario, submission: scenario.handler }, (m) => progress.push(m)));
    expect(result.passed).toBe(false);
    expect(result.smallestFailure?.response.status).toBe(502);
    expect(result.smallestFailure?.decisiveLogLine).toMatch(/Malformed Lambda proxy response/);
    expect(result.checks.some((c) => !c.passed)).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    host.dispose();
  }, 60_000);

  it('passes the solution', async () => {
    const host = createEngineHost({ quickjs: await getTestQuickJS(), wallBudgetMs: 20_000 });
    const scenario = byId('product-body-object');
    const result = resultOf(await host.handle({ id: 2, type: 'check-scenario', scenario, submission: { handler: scenario.solution } }, () => {}));
    expect(result.passed).toBe(true);
    expect(result.checks.every((c) => c.passed)).toBe(true);
  }, 60_000);

  it('uses the plugged-in AWS world for a scenario with an aws section and an edited config file', async () => {
    if (!createWorld) throw new Error('Engine III (src/engine/aws) is expected in this tree');
    const host = createEngineHost({ quickjs: await getTestQuickJS(), wallBudgetMs: 20_000, createScenarioWorld: createWorld });
    const scenario = byId('receipts-s3-access-denied');
    expect(scenario.config).toBeDefined();
    const broken = resultOf(await host.handle({ id: 3, type: 'check-scenario', scenario, submission: { handler: scenario.handler, config: scenario.config!.broken } }, () => {}));
    expect(broken.passed).toBe(false);
    const fixed = resultOf(await host.handle({ id: 4, type: 'check-scenario', scenario, submission: { handler: scenario.solution, config: scenario.config!.solution } }, () => {}));
    expect(fixed.passed).toBe(true);
  }, 60_000);

  it('says so when a scenario needs the AWS world and none is plugged in', async () => {
    const host = createEngineHost({ quickjs: await getTestQuickJS() });
    const scenario = byId('receipts-s3-access-denied');
    const answer = await host.handle({ id: 5, type: 'check-scenario', scenario, submission: scenario.handler }, () => {});
    expect(answer).toMatchObject({ type: 'error', code: 'unsupported' });
  });

  it('refuses an incomplete scenario or a submission without code, with a sentence', async () => {
    const host = createEngineHost({ quickjs: await getTestQuickJS() });
    const bad = { id: 6, type: 'check-scenario', scenario: { id: 'x' }, submission: 'export const handler = 1' } as unknown as WorkerRequest;
    const a = await host.handle(bad, () => {});
    expect(a.type).toBe('error');
    if (a.type === 'error') expect(a.message).toMatch(/incomplete/);
    const scenario = byId('product-body-object');
    const b = await host.handle({ id: 7, type: 'check-scenario', scenario, submission: { handler: 42 } } as unknown as WorkerRequest, () => {});
    expect(b).toMatchObject({ type: 'error', code: 'bad-input' });
  });

  it('reports a config file that is not JSON as a submission error, not a crash', async () => {
    const host = createEngineHost({ quickjs: await getTestQuickJS(), ...(createWorld ? { createScenarioWorld: createWorld } : {}) });
    const scenario = byId('receipts-s3-access-denied');
    const result = resultOf(await host.handle({ id: 8, type: 'check-scenario', scenario, submission: { handler: scenario.solution, config: '{ not json' } }, () => {}));
    expect(result.passed).toBe(false);
    expect(result.submissionError).toMatch(/not valid JSON/);
  });
});
