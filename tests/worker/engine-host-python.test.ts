/**
 * Python in the engine host: a `python*` function runs with the provider's executor (Pyodide loaded once, with a
 * "loading Python" notice and heartbeats only the first time), through the front doors like Node.js; without a
 * provider, or when Pyodide cannot load, the answer is a plain "unsupported" error and the next try loads again.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';
import { createEngineHost, LOADING_PYTHON_MESSAGE, PYTHON_HANDLER_WATCHDOG_MS, type HostAnswer, type PythonProvider } from '../../src/worker/engine-host.ts';
import { createBrowserPythonProvider } from '../../src/worker/python-loader.ts';
import { createStoredSnapshotPyodideLoader } from '../../src/cli/python-project.ts';
import type { FunctionInput, ResultPayload, WorkerRequest } from '../../src/worker/protocol.ts';
import { getTestQuickJS } from '../engine/quickjs.ts';
import { loadScenarios } from '../../src/cli/scenarios-command.ts';

// Node's Pyodide reads its files by path; the browser's by URL (the worker passes <origin><base>pyodide/<version>/).
const PACKAGE_URL = `${fileURLToPath(new URL('../../node_modules/pyodide/', import.meta.url))}`;

/** The worker's provider, with `import()` of pyodide.mjs replaced by the installed package (Node cannot import by http URL). */
function provider(): PythonProvider & { imports: string[] } {
  const imports: string[] = [];
  const p = createBrowserPythonProvider({
    indexURL: PACKAGE_URL,
    wallBudgetMs: 20_000,
    importModule: async (url) => {
      imports.push(url);
      return { loadPyodide };
    },
    // The worker starts Pyodide with an empty `jsglobals`: its own start-up snapshot, kept on disk like the CLI's.
    createLoader: (load) => createStoredSnapshotPyodideLoader(load, { loadOptions: '{ indexURL, jsglobals: {} }' }),
  });
  return Object.assign(p, { imports });
}

const keyError: FunctionInput = {
  files: { 'lambda_function.py': 'import json\n\ndef lambda_handler(event, context):\n    body = json.loads(event["body"])\n    return {"statusCode": 200, "body": json.dumps(body)}\n' },
  config: { runtime: 'python3.13', handler: 'lambda_function.lambda_handler', timeoutSeconds: 3 },
};

function payloadOf(answer: HostAnswer): ResultPayload {
  if (answer.type !== 'result') throw new Error(`expected a result, got ${answer.message}`);
  return answer.payload;
}

function run(fn: FunctionInput, body?: string): WorkerRequest {
  return { id: 1, type: 'run', fn, frontDoor: 'apigw-rest', input: { kind: 'http', request: { method: 'POST', path: '/orders', ...(body !== undefined ? { body } : {}) } } };
}

describe('engine host: Python', () => {
  it('loads Pyodide once, then runs the KeyError handler to a 502 and the fixed request to a 200', async () => {
    const p = provider();
    const h = createEngineHost({ quickjs: await getTestQuickJS(), python: p, wallBudgetMs: 20_000 });
    const progress: string[] = [];
    const broken = payloadOf(await h.handle(run({ ...keyError, files: { 'lambda_function.py': keyError.files['lambda_function.py']!.replace('event["body"]', 'event["missing"]') } }), (m) => progress.push(m)));
    expect(progress[0]).toBe(LOADING_PYTHON_MESSAGE);
    expect(p.imports).toEqual([`${PACKAGE_URL}pyodide.mjs`]);
    expect(broken.kind === 'run' && broken.run.response.statusCode).toBe(502);
    const logs = broken.kind === 'run' ? (broken.run.record?.logs ?? []).join('\n') : '';
    expect(logs).toMatch(/\[ERROR\] KeyError: 'missing'/);
    const fixedProgress: string[] = [];
    // The page's watchdog: the request's own allowance (null) while the environment starts (init), the
    // short one while the handler runs, then the request's own again; a warm environment has no start.
    const watchdog: Array<number | null> = [];
    const fixed = payloadOf(await h.handle(run(keyError, '{"id": 7}'), (m) => fixedProgress.push(m), (ms) => watchdog.push(ms)));
    expect(fixed.kind === 'run' && fixed.run.response.statusCode).toBe(200);
    expect(watchdog).toEqual([null, PYTHON_HANDLER_WATCHDOG_MS, null]);
    const warm: Array<number | null> = [];
    payloadOf(await h.handle(run(keyError, '{"id": 8}'), () => {}, (ms) => warm.push(ms)));
    expect(warm).toEqual([PYTHON_HANDLER_WATCHDOG_MS, null]);
    expect(fixed.kind === 'run' && fixed.run.response.body).toBe('{"id": 7}');
    // Loaded already: no second notice, no second import.
    expect(fixedProgress).not.toContain(LOADING_PYTHON_MESSAGE);
    expect(p.imports).toHaveLength(1);
    h.dispose();
  }, 120_000);

  it("gives Python an empty js module: the worker's globals are out of reach", async () => {
    const h = createEngineHost({ quickjs: await getTestQuickJS(), python: provider(), wallBudgetMs: 20_000 });
    // The import wall stops `import js` in user code; this reaches past it the way a determined user could.
    const files = { 'lambda_function.py': 'import sys\n\ndef lambda_handler(event, context):\n    js = sys.modules.get("js")\n    return sorted(n for n in ("postMessage", "fetch", "self", "importScripts", "setTimeout") if js is not None and hasattr(js, n))\n' };
    const p = payloadOf(await h.handle({ id: 2, type: 'run', fn: { files, config: { runtime: 'python3.12', handler: 'lambda_function.lambda_handler' } }, frontDoor: 'invoke', input: { kind: 'event', event: {} } }, () => {}));
    expect(p.kind === 'run' && p.run.record?.outcome).toBe('success');
    expect(p.kind === 'run' && p.run.response.body).toBe('[]');
    h.dispose();
  }, 120_000);

  it('answers "unsupported" without a provider, and when Pyodide fails to load (then tries again)', async () => {
    const none = createEngineHost({ quickjs: await getTestQuickJS() });
    const a = await none.handle(run(keyError, '{}'), () => {});
    expect(a).toMatchObject({ type: 'error', code: 'unsupported' });
    expect(a.type === 'error' && a.message).toMatch(/python3\.13 needs Python/);
    let attempts = 0;
    const failing = createBrowserPythonProvider({
      indexURL: 'https://example.invalid/pyodide/',
      wallBudgetMs: 3_000,
      importModule: async () => {
        attempts++;
        throw new Error('Failed to fetch dynamically imported module');
      },
    });
    const h = createEngineHost({ quickjs: await getTestQuickJS(), python: failing });
    const b = await h.handle(run(keyError, '{}'), () => {});
    expect(b).toMatchObject({ type: 'error', code: 'unsupported' });
    expect(b.type === 'error' && b.message).toMatch(/Python could not load \(Failed to fetch dynamically imported module\)/);
    await h.handle(run(keyError, '{}'), () => {});
    expect(attempts).toBe(2);
  });

  it('checks a Python scenario ("Check my fix"): the broken handler fails, the solution passes', async () => {
    const loaded = await loadScenarios();
    if (!loaded.ok) throw new Error(loaded.error);
    const scenario = loaded.value.find((s) => s.id === 'py-cancel-without-body');
    expect(scenario?.function.runtime).toBe('python3.13');
    const h = createEngineHost({ quickjs: await getTestQuickJS(), python: provider(), wallBudgetMs: 20_000 });
    const broken = payloadOf(await h.handle({ id: 6, type: 'check-scenario', scenario: scenario!, submission: scenario!.handler }, () => {}));
    expect(broken.kind === 'check-scenario' && broken.result.passed).toBe(false);
    expect(broken.kind === 'check-scenario' && broken.result.smallestFailure?.response.status).toBe(500);
    const fixed = payloadOf(await h.handle({ id: 7, type: 'check-scenario', scenario: scenario!, submission: scenario!.solution }, () => {}));
    expect(fixed.kind === 'check-scenario' && fixed.result.checks.filter((c) => !c.passed)).toEqual([]);
    h.dispose();
  }, 180_000);

  it('refuses load runs of a Python function in plain words', async () => {
    const h = createEngineHost({ quickjs: await getTestQuickJS(), python: provider(), runLoad: async () => ({ seconds: [], series: [], totals: { requests: 0, invocations: 0, errors: 0, throttles: 0, maxConcurrentExecutions: 0 } }) });
    const a = await h.handle({ id: 5, type: 'load-run', fn: keyError, frontDoor: 'apigw-rest', input: { kind: 'http', request: { method: 'GET', path: '/' } }, load: { requests: 10, model: 'rate', ratePerSecond: 5, clients: 1, reservedConcurrency: null } }, () => {});
    expect(a).toMatchObject({ type: 'error', code: 'unsupported' });
    expect(a.type === 'error' && a.message).toMatch(/Load runs simulate Node\.js functions only/);
  });
});
