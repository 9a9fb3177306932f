/**
 * The engine side of the worker protocol, without any messaging: it turns one {@link WorkerRequest}
 * into one result or error. The worker entry (`engine.worker.ts`) owns `postMessage`; this module is
 * plain code so Node tests can drive it with the shared QuickJS module.
 *
 * It keeps one simulated function per (files, config, AWS input), so "Run again" reuses the warm
 * execution environment exactly as Lambda would.
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { createSimulator, isPythonRuntime, parseFunctionConfig, type Executor, type ModuleResolver, type ServiceBridge, type SimFunction, type Simulator } from '../engine/index.ts';
import { compareFrontDoors, runThroughFrontDoor, type FrontDoorRun, type RunOptions } from '../engine/integrations/compare.ts';
import { requestBodyBytes, type SimulationInputs } from '../engine/integrations/http-request.ts';
import { utf8ByteLength } from '../engine/integrations/text.ts';
import type { Finding, FunctionConfig, InvocationRecord } from '../engine/types.ts';
import { isFrontDoor, type CauseId } from '../engine/vocabulary.ts';
import { runScenarioChecks, type ScenarioWorldFactory } from '../engine/scenarios/index.ts';
import { SimulatorLimitError } from '../engine/lambda/limits.ts';
import type {
  AwsInput,
  CallSpan,
  CheckScenarioRequest,
  ErrorResponse,
  FrontDoorOptions,
  FunctionInput,
  LoadView,
  LoadRunRequest,
  ResultPayload,
  RunView,
  WorkerRequest,
} from './protocol.ts';

/** The simulated AWS world of one function (Engine III), as the host uses it. */
export interface AwsWorld {
  resolveModule: ModuleResolver;
  services: ServiceBridge;
  /** The calls one invocation made, for the timeline and the diagnosis. */
  callsFor: (record: InvocationRecord) => CallSpan[];
  /** Causes those calls add to the record's own. */
  causesFor: (record: InvocationRecord) => CauseId[];
  /**
   * Findings for calls the simulator does not cover (LT-SIM-UNSUPPORTED), whatever the handler did with
   * the error; optional so worlds without that notion still fit.
   */
  gapFindingsFor?: (record: InvocationRecord) => Finding[];
}

/** Creates an AWS world from the page's policy, state and faults; throws with a friendly message on bad input. */
export type AwsWorldFactory = (input: AwsInput, config: FunctionConfig) => AwsWorld;

/** Runs a load test (Engine III); returns metrics. Absent until the load module exists. */
export type LoadRunner = (args: {
  request: LoadRunRequest;
  quickjs: QuickJSWASMModule;
  config: FunctionConfig;
  files: Record<string, string>;
  /** A fresh AWS world for the run, when Engine III is plugged in. */
  world: AwsWorld | null;
  wallBudgetMs: number;
}) => Promise<LoadView>;

/**
 * Python for the host (the worker's is src/worker/python-loader.ts): loads Pyodide and the Python executor on
 * first use. Absent, Python runtimes answer "unsupported".
 */
export interface PythonProvider {
  /** The Python executor; the first call downloads and starts Pyodide, later calls return the same promise. */
  load: () => Promise<Executor>;
  /** Has `load()` finished (so a run needs no "loading Python" notice)? */
  isReady: () => boolean;
}

/** What the page shows while Pyodide loads: the download (≈ 6 MB compressed, measured by `npm run bench`) happens once. */
export const LOADING_PYTHON_MESSAGE = 'Loading Python (≈ 6 MB, first time only)…';

/** While Pyodide loads, a progress message this often keeps the page's watchdog from counting the download as a hang, ms. */
export const PYTHON_LOAD_HEARTBEAT_MS = 1_000;

/**
 * The silence the page allows while a Python handler runs, ms: the engine's wall budget per invocation
 * (WORKER_WALL_BUDGET_MS) plus room to answer, as for a Node.js run (client.ts DEFAULT_WATCHDOG_MS). Starting a
 * Python environment keeps the request's own, longer allowance (client.ts PYTHON_WATCHDOG_MS): that is seconds
 * of silent work on a busy machine, while a handler past its budget is a C-level call CPython never interrupts.
 */
export const PYTHON_HANDLER_WATCHDOG_MS = 8_000;

/** Options of {@link createEngineHost}. */
export interface EngineHostOptions {
  quickjs: QuickJSWASMModule;
  /** Wall-clock budget per init or invocation before a runaway loop ends as a timeout, ms. */
  wallBudgetMs?: number;
  wallClock?: () => number;
  createAwsWorld?: AwsWorldFactory;
  /**
   * Builds a fresh simulated AWS world per scenario case, for "Check my fix" (`runScenarioChecks`);
   * Engine III's `createAwsWorld` fits as is. Scenarios with an `aws` section need it.
   */
  createScenarioWorld?: ScenarioWorldFactory;
  runLoad?: LoadRunner;
  /** How many distinct functions stay warm at once (least recently used are disposed). Default 4. */
  maxWarmFunctions?: number;
  /** Most real QuickJS heap one environment may use, bytes (default: the engine's; see SimulatorLimitError). */
  realMemoryBudgetBytes?: number;
  /** Runs `python*` functions and scenarios; without it they answer "unsupported". */
  python?: PythonProvider;
}

/** The answer of {@link EngineHost.handle}, without the id (the caller adds it). */
export type HostAnswer = { type: 'result'; payload: ResultPayload } | { type: 'error'; message: string; code: ErrorResponse['code'] };

/** Handles requests one at a time. */
export interface EngineHost {
  /**
   * `watchdog(ms)` tells the page how long the request may now stay silent (null: its own allowance): the host
   * shortens it while a Python handler runs after its environment started.
   */
  handle: (request: WorkerRequest, progress: (message: string) => void, watchdog?: (ms: number | null) => void) => Promise<HostAnswer>;
  /** Is Engine III (simulated AWS services) plugged in? */
  readonly hasAws: boolean;
  readonly hasLoad: boolean;
  dispose: () => void;
}

interface WarmEntry {
  sim: Simulator;
  fn: SimFunction;
  world: AwsWorld | null;
  /** {@link functionKey} of the code and config. */
  fnKey: string;
  /** Seed of this function's simulator ({@link seedForKey}); the front door's request ids follow it too. */
  seed: number;
  /** Front-door requests made so far through this function. */
  frontDoorRequests: number;
}

/**
 * The simulator seed of a function: the first 32 bits of the SHA-256 of its files, configuration and
 * AWS input. Different functions get different request ids and log stream names, while the same
 * function (e.g. from the same share link) replays the same ids in a fresh page.
 */
export function seedForKey(key: string): number {
  const digest = sha256(utf8ToBytes(key));
  // Why `|| 1`: the seeded random treats 0 like any other seed, but 1 is the engine's documented default.
  return (((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0) || 1;
}

/** Default wall budget in the browser: long enough for honest work, short enough that a hang is felt as a timeout. */
export const WORKER_WALL_BUDGET_MS = 3_000;

/** Largest handler or config text "Check my fix" accepts, characters (the playground's own state limit). */
export const MAX_SUBMISSION_CHARS = 1_000_000;

/** Shape check of a scenario sent by the page (it came from our own JSON, but the worker trusts no message). */
function checkScenarioRequest(request: CheckScenarioRequest): string | null {
  const s: unknown = request.scenario;
  if (!isPlainObject(s) || typeof s['id'] !== 'string' || !Array.isArray(s['checks']) || typeof s['frontDoor'] !== 'string' || !isPlainObject(s['function']) || !isPlainObject(s['variations'])) {
    return 'The scenario to check is incomplete (no id, function, variations or checks). Reload the page to fetch it again.';
  }
  if (!isFrontDoor(s['frontDoor'])) return `The scenario names an unknown front door "${String(s['frontDoor'])}".`;
  const sub: unknown = request.submission;
  const handler = typeof sub === 'string' ? sub : isPlainObject(sub) ? sub['handler'] : undefined;
  if (typeof handler !== 'string') return 'There is no handler code to check.';
  const config = isPlainObject(sub) ? sub['config'] : undefined;
  if (config !== undefined && typeof config !== 'string') return 'The configuration file to check is not text.';
  if (handler.length > MAX_SUBMISSION_CHARS || (typeof config === 'string' && config.length > MAX_SUBMISSION_CHARS)) {
    return `The submission is longer than ${MAX_SUBMISSION_CHARS.toLocaleString('en-US')} characters.`;
  }
  return null;
}

function badInput(message: string): HostAnswer {
  return { type: 'error', code: 'bad-input', message };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deterministic UUID-shaped id for the front door's own request id (API Gateway / ALB). */
export function frontDoorRequestId(n: number): string {
  const hex = (n * 2654435761 >>> 0).toString(16).padStart(8, '0');
  const tail = n.toString(16).padStart(12, '0');
  return `${hex}-f00d-4${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${tail}`;
}

function checkFunctionInput(fn: unknown): { ok: true; fn: FunctionInput; config: FunctionConfig } | { ok: false; message: string } {
  if (!isPlainObject(fn) || !isPlainObject(fn['files']) || !isPlainObject(fn['config'])) {
    return { ok: false, message: 'The request names no function files or configuration.' };
  }
  for (const [name, source] of Object.entries(fn['files'])) {
    if (typeof source !== 'string') return { ok: false, message: `File ${name} is not text.` };
  }
  const parsed = parseFunctionConfig(fn['config'] as Partial<FunctionConfig>);
  if (!parsed.ok) return { ok: false, message: parsed.error };
  return { ok: true, fn: fn as unknown as FunctionInput, config: parsed.config };
}

/** Create the engine host. */
export function createEngineHost(options: EngineHostOptions): EngineHost {
  const warm = new Map<string, WarmEntry>();
  const maxWarm = options.maxWarmFunctions ?? 4;

  function functionKey(fn: FunctionInput): string {
    return JSON.stringify([fn.files, fn.config]);
  }

  function keyOf(fn: FunctionInput, aws: AwsInput | undefined): string {
    return JSON.stringify([functionKey(fn), options.createAwsWorld ? (aws ?? null) : null]);
  }

  function dropEntry(key: string): void {
    const entry = warm.get(key);
    if (!entry) return;
    warm.delete(key);
    try {
      entry.fn.dispose();
    } catch {
      // A quarantined runtime cannot be freed (see SIMULATION.md); dropping the reference is enough.
    }
  }

  /** The request being handled's {@link EngineHost.handle} `watchdog` (a no-op between requests). */
  let watchdog: (ms: number | null) => void = () => {};

  /**
   * `executor` with the page's watchdog following its phases: the request's own allowance while an environment
   * starts (init; creating the environment runs nothing), {@link PYTHON_HANDLER_WATCHDOG_MS} while the handler
   * runs (invoke, which the simulator calls only after a successful init), and the request's own allowance again
   * after it.
   */
  function withHandlerWatchdog(executor: Executor): Executor {
    return {
      kind: executor.kind,
      createEnvironment(spec, host) {
        const env = executor.createEnvironment(spec, host);
        return {
          ...env,
          async init(request) {
            watchdog(null);
            return env.init(request);
          },
          async invoke(request) {
            watchdog(PYTHON_HANDLER_WATCHDOG_MS);
            try {
              return await env.invoke(request);
            } finally {
              watchdog(null);
            }
          },
        };
      },
    };
  }
  const watched = new WeakMap<Executor, Executor>();

  /** The Python executor for a `python*` runtime (loading Pyodide the first time, with a heartbeat), else undefined. */
  async function executorFor(runtime: string, progress: (message: string) => void): Promise<Executor | undefined> {
    if (!isPythonRuntime(runtime)) return undefined;
    const python = options.python;
    if (!python) throw new PythonUnavailableError(`${runtime} needs Python (Pyodide), which this engine was started without.`);
    const watchedOnce = (executor: Executor): Executor => {
      let w = watched.get(executor);
      if (!w) watched.set(executor, (w = withHandlerWatchdog(executor)));
      return w;
    };
    if (python.isReady()) return watchedOnce(await python.load());
    progress(LOADING_PYTHON_MESSAGE);
    const beat = setInterval(() => progress(LOADING_PYTHON_MESSAGE), PYTHON_LOAD_HEARTBEAT_MS);
    try {
      return watchedOnce(await python.load());
    } catch (error) {
      throw new PythonUnavailableError(`Python could not load (${error instanceof Error ? error.message : String(error)}). The first Python run downloads Pyodide from this site: check the connection and run again.`);
    } finally {
      clearInterval(beat);
    }
  }

  function getEntry(fn: FunctionInput, config: FunctionConfig, aws: AwsInput | undefined, executor?: Executor): WarmEntry {
    const key = keyOf(fn, aws);
    const existing = warm.get(key);
    if (existing) {
      // Why: Map keeps insertion order, so re-inserting marks the entry as most recently used.
      warm.delete(key);
      warm.set(key, existing);
      return existing;
    }
    const world = options.createAwsWorld && aws ? options.createAwsWorld(aws, config) : null;
    const seed = seedForKey(key);
    const sim = createSimulator({
      quickjs: options.quickjs,
      ...(executor ? { executor } : {}),
      seed,
      wallBudgetMs: options.wallBudgetMs ?? WORKER_WALL_BUDGET_MS,
      ...(options.wallClock ? { wallClock: options.wallClock } : {}),
      ...(options.realMemoryBudgetBytes !== undefined ? { realMemoryBudgetBytes: options.realMemoryBudgetBytes } : {}),
      ...(world ? { resolveModule: world.resolveModule, services: world.services } : {}),
    });
    const entry: WarmEntry = { sim, fn: sim.createFunction(config, fn.files), world, fnKey: functionKey(fn), seed, frontDoorRequests: 0 };
    warm.set(key, entry);
    while (warm.size > maxWarm) {
      const oldest = warm.keys().next().value;
      if (oldest === undefined) break;
      dropEntry(oldest);
    }
    return entry;
  }

  function simInputs(entry: WarmEntry, config: FunctionConfig): SimulationInputs {
    entry.frontDoorRequests += 1;
    return { requestId: frontDoorRequestId((entry.seed + entry.frontDoorRequests) >>> 0), nowMs: entry.sim.now(), region: config.region, accountId: config.accountId, functionName: config.functionName };
  }

  function runOptions(entry: WarmEntry, config: FunctionConfig, fd: FrontDoorOptions | undefined): RunOptions {
    const o: RunOptions = { sim: simInputs(entry, config) };
    if (fd?.invokePermission !== undefined) o.invokePermission = fd.invokePermission;
    if (fd?.integrationTimeoutMs !== undefined) o.integrationTimeoutMs = fd.integrationTimeoutMs;
    if (fd?.throttled !== undefined) o.throttled = fd.throttled;
    return o;
  }

  function toView(run: FrontDoorRun, requestBytes: number | null, entry: WarmEntry): RunView {
    const eventText = (() => {
      try {
        return JSON.stringify(run.event) ?? 'null';
      } catch {
        return 'null';
      }
    })();
    const eventBytes = utf8ByteLength(eventText);
    const record = run.record;
    return {
      frontDoor: run.frontDoor,
      response: run.response,
      // Calls the simulator does not cover say so plainly, as in the CLI (src/cli/invoke-command.ts).
      findings: record && run.invoked && entry.world?.gapFindingsFor ? [...run.findings, ...entry.world.gapFindingsFor(record)] : run.findings,
      gatewayLogs: run.gatewayLogs,
      invoked: run.invoked,
      clientLatencyMs: run.clientLatencyMs,
      record: run.record,
      event: run.event,
      requestBytes: requestBytes ?? eventBytes,
      eventBytes,
      payloadBytes: run.record?.payload != null ? utf8ByteLength(run.record.payload) : null,
      calls: record && entry.world ? entry.world.callsFor(record) : [],
      callCauses: record && entry.world ? entry.world.causesFor(record) : [],
    };
  }

  async function checkScenario(request: CheckScenarioRequest, progress: (message: string) => void): Promise<HostAnswer> {
    const problem = checkScenarioRequest(request);
    if (problem) return badInput(problem);
    const scenario = request.scenario;
    if (scenario.aws && !options.createScenarioWorld) {
      return { type: 'error', code: 'unsupported', message: 'This scenario needs the simulated AWS services (Engine III), which this build does not include.' };
    }
    const pythonExecutor = await executorFor(scenario.function.runtime, progress);
    progress(`Checking your fix on the shown request and the hidden variations…`);
    const result = await runScenarioChecks(scenario, request.submission, {
      quickjs: options.quickjs,
      ...(pythonExecutor ? { pythonExecutor } : {}),
      wallBudgetMs: options.wallBudgetMs ?? WORKER_WALL_BUDGET_MS,
      ...(options.wallClock ? { wallClock: options.wallClock } : {}),
      ...(options.createScenarioWorld ? { createWorld: options.createScenarioWorld } : {}),
    });
    return { type: 'result', payload: { kind: 'check-scenario', result } };
  }

  async function handleUnsafe(request: WorkerRequest, progress: (message: string) => void): Promise<HostAnswer> {
    if (request.type === 'check-scenario') return checkScenario(request, progress);
    const checked = checkFunctionInput((request as { fn?: unknown }).fn);
    if (!checked.ok) return badInput(checked.message);
    const { fn, config } = checked;

    if (request.type === 'reset-environment') {
      // Whatever AWS input it ran with, every warm copy of this code and config starts cold next time.
      const fnKey = functionKey(fn);
      for (const e of warm.values()) if (e.fnKey === fnKey) e.fn.newEnvironment();
      return { type: 'result', payload: { kind: 'reset-environment' } };
    }

    if (request.type === 'load-run' && isPythonRuntime(config.runtime)) {
      return { type: 'error', code: 'unsupported', message: 'Load runs simulate Node.js functions only; Python handlers run one request at a time here (Run, Compare).' };
    }
    const needsAws = 'aws' in request && request.aws !== undefined;
    const executor = request.type === 'load-run' ? undefined : await executorFor(config.runtime, progress);
    let entry: WarmEntry;
    try {
      entry = getEntry(fn, config, needsAws ? request.aws : undefined, executor);
    } catch (error) {
      return badInput(error instanceof Error ? error.message : String(error));
    }
    const invoke = (event: unknown) => entry.fn.invoke(event);

    if (request.type === 'run') {
      if (!isFrontDoor(request.frontDoor)) return badInput(`Unknown front door "${String(request.frontDoor)}".`);
      if (request.fresh) entry.fn.newEnvironment();
      progress('Running the function…');
      const input = request.input;
      const run =
        input.kind === 'http'
          ? await runThroughFrontDoor(request.frontDoor, { request: input.request }, invoke, runOptions(entry, config, request.options))
          : await runThroughFrontDoor(request.frontDoor, { rawEvent: input.event }, invoke, runOptions(entry, config, request.options));
      const view = toView(run, input.kind === 'http' ? requestBodyBytes(input.request) : null, entry);
      return { type: 'result', payload: { kind: 'run', run: view, coldStart: run.record?.coldStart ?? false, functionConfig: config } };
    }

    if (request.type === 'compare') {
      progress('Comparing the front doors…');
      const runs = await compareFrontDoors(request.request, async (event, door) => {
        progress(`Running through ${door}…`);
        return invoke(event);
      }, runOptions(entry, config, request.options));
      const bytes = requestBodyBytes(request.request);
      return { type: 'result', payload: { kind: 'compare', runs: runs.map((r) => toView(r, bytes, entry)), functionConfig: config } };
    }

    if (request.type === 'load-run') {
      if (!options.runLoad) return { type: 'error', code: 'unsupported', message: 'Load runs need the load simulator (Engine III), which this build does not include yet.' };
      progress(`Running ${request.load.requests} requests…`);
      let world: AwsWorld | null = null;
      try {
        world = options.createAwsWorld && request.aws ? options.createAwsWorld(request.aws, config) : null;
      } catch (error) {
        return badInput(error instanceof Error ? error.message : String(error));
      }
      const load = await options.runLoad({
        request,
        quickjs: options.quickjs,
        config,
        files: fn.files,
        world,
        wallBudgetMs: options.wallBudgetMs ?? WORKER_WALL_BUDGET_MS,
      });
      return { type: 'result', payload: { kind: 'load-run', load, functionConfig: config } };
    }
    return badInput('Unknown request type.');
  }

  return {
    hasAws: options.createAwsWorld !== undefined,
    hasLoad: options.runLoad !== undefined,
    async handle(request, progress, onWatchdog) {
      watchdog = onWatchdog ?? (() => {});
      try {
        return await handleUnsafe(request, progress);
      } catch (error) {
        if (error instanceof PythonUnavailableError) return { type: 'error', code: 'unsupported', message: error.message };
        // A bug or an engine failure: drop every warm function (they may be inconsistent) and say so.
        for (const key of [...warm.keys()]) dropEntry(key);
        const message = error instanceof Error ? error.message : String(error);
        // The real-memory budget (SimulatorLimitError) is not a simulator bug: its message already says what to do.
        if (error instanceof SimulatorLimitError) return { type: 'error', code: 'unsupported', message };
        return { type: 'error', code: 'engine-failure', message: `The simulator failed: ${message}. The environment was reset; run again.` };
      } finally {
        watchdog = () => {};
      }
    },
    dispose() {
      for (const key of [...warm.keys()]) dropEntry(key);
    },
  };
}

/** Python cannot run in this host (no provider, or Pyodide failed to load): a plain "unsupported" answer, not a bug. */
class PythonUnavailableError extends Error {}
