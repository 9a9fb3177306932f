/**
 * Every scenario in content/scenarios/ runs through the engine: the broken handler fails its checks
 * (with a smallest failing case that says what the caller got) and the solution passes all of them.
 * A Python scenario's smallest failure must also show the failure the scenario is about (EXPECTED_FAILURE).
 *
 * The scenarios are split over the all-scenarios-<n>.test.ts files ({@link SHARDS} of them, by position in id
 * order), so that Vitest's workers share them: as one file they were ≈ 40 s of one worker at the end of the run
 * while the other had nothing left to do. A new scenario lands in a shard by itself.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarios, loadWorldFactory } from '../../../src/cli/scenarios-command.ts';
import { runScenarioChecks } from '../../../src/engine/scenarios/index.ts';
import { getTestQuickJS } from '../quickjs.ts';
import { scenarioPythonExecutor } from '../../../src/cli/scenarios-command.ts';
import { isPythonRuntime } from '../../../src/engine/lambda/runtime-ids.ts';

const loaded = await loadScenarios();
if (!loaded.ok) throw new Error(loaded.error);
const scenarios = loaded.value;
const createWorld = await loadWorldFactory();

/** What the smallest failure of each Python scenario's broken handler must show: the failure it is about. */
const EXPECTED_FAILURE: Record<string, RegExp> = {
  'py-cancel-without-body': /KeyError: 'body'/,
  'py-order-total-decimal': /Object of type Decimal is not JSON serializable/,
  'py-receipt-datetime': /Runtime\.MarshalError|Unable to marshal response: Object of type datetime is not JSON serializable/,
  'py-rest-body-dict': /Malformed Lambda proxy response/,
  'py-share-link-requests': /No module named 'requests'/,
  'py-slow-tax-service': /Task timed out after 3\.00 seconds/,
  'py-shipping-quote-hangs': /Task timed out after 6\.00 seconds/,
};

/** How many all-scenarios-<n>.test.ts files there are. */
export const SHARDS = 4;

/** Declares the tests of shard `shard` (1 to {@link SHARDS}); shard 1 also checks the list of Python scenarios. */
export function scenarioShard(shard: number): void {
  if (shard === 1) pythonScenarioList();
  const mine = [...scenarios].sort((a, b) => a.id.localeCompare(b.id)).filter((_, i) => i % SHARDS === shard - 1);
  it(`shard ${shard} of ${SHARDS} has scenarios`, () => expect(mine.length).toBeGreaterThan(0));
  describeScenarios(mine);
}

function pythonScenarioList(): void {
  it('every Python scenario names the failure its broken handler must show, and runs on python3.13', () => {
    const python = scenarios.filter((s) => isPythonRuntime(s.function.runtime));
    expect(python.map((s) => s.id).sort()).toEqual(Object.keys(EXPECTED_FAILURE).sort());
    for (const s of python) expect(s.function.runtime).toBe('python3.13');
  });
}

function describeScenarios(list: typeof scenarios): void {
  describe.each(list.map((s) => [s.id, s] as const))('scenario %s', (_id, scenario) => {
    // A generous wall-clock guard: on a busy machine a CPU-heavy case must not end early as a guard timeout.
    // Python scenarios get the Python executor (Pyodide from node_modules), as `lambda-triage scenario` gives them.
    const deps = async () => ({
      quickjs: await getTestQuickJS(),
      wallBudgetMs: 20_000,
      ...(createWorld ? { createWorld } : {}),
      ...(await scenarioPythonExecutor(scenario)),
    });

    it('the broken handler fails, and the report shows the smallest failing case', async () => {
      const result = await runScenarioChecks(
        scenario,
        scenario.config ? { handler: scenario.handler, config: scenario.config.broken } : scenario.handler,
        await deps(),
      );
      expect(result.submissionError).toBeUndefined();
      expect(result.passed).toBe(false);
      const failure = result.smallestFailure;
      expect(failure).toBeDefined();
      expect(failure?.detail.length).toBeGreaterThan(10);
      expect(failure?.response.status).toBeGreaterThan(0);
      if (isPythonRuntime(scenario.function.runtime)) {
        expect([failure?.decisiveLogLine, failure?.finding, failure?.detail, failure?.response.body].join('\n')).toMatch(EXPECTED_FAILURE[scenario.id] ?? /^$/);
      }
    }, 60_000);

    it('the solution passes every check', async () => {
      const result = await runScenarioChecks(
        scenario,
        scenario.config ? { handler: scenario.solution, config: scenario.config.solution } : scenario.solution,
        await deps(),
      );
      const failed = result.checks.filter((c) => !c.passed).map((c) => ({ id: c.id, case: c.case }));
      expect(result.submissionError).toBeUndefined();
      expect(failed).toEqual([]);
      expect(result.passed).toBe(true);
    }, 60_000);
  });
}
