/// <reference lib="webworker" />
/**
 * The engine worker: loads QuickJS (RELEASE_SYNC, wasm from our own origin), creates the engine host
 * and answers the page's requests one at a time. Python (Pyodide) loads only when a Python handler runs. This is the only code that posts messages.
 */
import { newQuickJSWASMModuleFromVariant, newVariant } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import wasmLocation from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import { createEngineHost, WORKER_WALL_BUDGET_MS, type AwsWorldFactory, type EngineHost, type LoadRunner } from './engine-host.ts';
import { isWorkerRequest, type WorkerResponse } from './protocol.ts';
import { loadPlugins } from './plugins.ts';
import { pyodideIndexPath } from './pyodide-files.ts';
import { createBrowserPythonProvider } from './python-loader.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: WorkerResponse): void {
  scope.postMessage(message);
}

async function startHost(): Promise<EngineHost> {
  const [quickjs, plugins] = await Promise.all([
    newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmLocation })),
    loadPlugins(),
  ]);
  const createAwsWorld: AwsWorldFactory | undefined = plugins.createAwsWorld;
  const runLoad: LoadRunner | undefined = plugins.runLoad;
  const createScenarioWorld = plugins.createScenarioWorld;
  // Pyodide is fetched from this site (never a CDN), and only when a Python handler first runs.
  const python = createBrowserPythonProvider({ indexURL: new URL(pyodideIndexPath(import.meta.env.BASE_URL), scope.location.origin).href, wallBudgetMs: WORKER_WALL_BUDGET_MS });
  return createEngineHost({ quickjs, python, ...(createAwsWorld ? { createAwsWorld } : {}), ...(createScenarioWorld ? { createScenarioWorld } : {}), ...(runLoad ? { runLoad } : {}) });
}

// Why: requests are answered strictly in order; the chain holds the host once it is ready.
let chain: Promise<EngineHost> = startHost();

scope.onmessage = (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (!isWorkerRequest(request)) {
    const id = typeof (request as { id?: unknown })?.id === 'number' ? (request as { id: number }).id : -1;
    post({ id, type: 'error', code: 'bad-input', message: 'The engine received a message it does not understand.' });
    return;
  }
  chain = chain.then(async (host) => {
    const started = performance.now();
    const answer = await host.handle(
      request,
      (message) => post({ id: request.id, type: 'progress', message }),
      (ms) => post({ id: request.id, type: 'watchdog', ms }),
    );
    const wallMs = performance.now() - started;
    if (answer.type === 'result') post({ id: request.id, type: 'result', payload: answer.payload, wallMs });
    else post({ id: request.id, type: 'error', code: answer.code, message: answer.message });
    return host;
  });
  chain.catch((error: unknown) => {
    post({ id: request.id, type: 'error', code: 'engine-failure', message: `The engine could not start: ${error instanceof Error ? error.message : String(error)}` });
  });
};
