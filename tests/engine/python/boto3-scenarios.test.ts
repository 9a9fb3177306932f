/**
 * The Python incident scenarios (content/scenarios/py-*: scenario.yaml + handler.py + solution.py) run through
 * the scenario runner with the Python executor: each broken handler fails with the failure its scenario is
 * about (tests/engine/scenarios/all-scenarios.test.ts runs them with every other scenario too).
 */
import { describe, expect, it } from 'vitest';
import { loadScenarios, loadWorldFactory } from '../../../src/cli/scenarios-command.ts';
import { runScenarioChecks } from '../../../src/engine/scenarios/index.ts';
import { createPythonExecutor } from '../../../src/engine/executor/python-executor.ts';
import { createNodeHostGuard } from '../../../src/cli/python-project.ts';
import { isPythonRuntime } from '../../../src/engine/lambda/runtime-ids.ts';
import { getTestQuickJS } from '../quickjs.ts';
import { freshPyodide } from './helpers.ts';

const loaded = await loadScenarios();
if (!loaded.ok) throw new Error(loaded.error);
const scenarios = loaded.value.filter((s) => isPythonRuntime(s.function.runtime));
const createWorld = await loadWorldFactory();

/** What the smallest failure of each broken handler must show: the failure the scenario is about. */
const EXPECTED_FAILURE: Record<string, RegExp> = {
  'py-cancel-without-body': /KeyError: 'body'/,
  'py-order-total-decimal': /Object of type Decimal is not JSON serializable/,
  'py-receipt-datetime': /Runtime\.MarshalError|Unable to marshal response: Object of type datetime is not JSON serializable/,
  'py-rest-body-dict': /Malformed Lambda proxy response/,
  'py-share-link-requests': /No module named 'requests'/,
  'py-slow-tax-service': /Task timed out after 3\.00 seconds/,
  'py-shipping-quote-hangs': /Task timed out after 6\.00 seconds/,
};

describe('Python scenarios', () => {
  it('content/scenarios has the Python scenarios (the six of issue 20 and later ones), each on a python runtime with a known failure', () => {
    expect(scenarios.map((s) => s.id).sort()).toEqual(Object.keys(EXPECTED_FAILURE).sort());
    for (const s of scenarios) expect(s.function.runtime).toBe('python3.13');
  });

  describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    const deps = async () => ({
      quickjs: await getTestQuickJS(),
      wallBudgetMs: 20_000,
      pythonExecutor: createPythonExecutor({ loadPyodide: freshPyodide, hostGuard: createNodeHostGuard() }),
      ...(createWorld ? { createWorld } : {}),
    });

    it('the broken handler fails, with a smallest failing case', async () => {
      const result = await runScenarioChecks(scenario, scenario.handler, await deps());
      expect(result.submissionError).toBeUndefined();
      expect(result.passed).toBe(false);
      const f = result.smallestFailure;
      expect(f?.detail.length).toBeGreaterThan(10);
      expect([f?.decisiveLogLine, f?.finding, f?.detail, f?.response.body].join('\n')).toMatch(EXPECTED_FAILURE[scenario.id] ?? /^$/);
    }, 120_000);

    it('the solution passes every check', async () => {
      const result = await runScenarioChecks(scenario, scenario.solution, await deps());
      const failed = result.checks.filter((c) => !c.passed).map((c) => ({ id: c.id, case: c.case?.name, detail: c.case?.detail }));
      expect(failed).toEqual([]);
      expect(result.passed).toBe(true);
    }, 120_000);
  });
});
