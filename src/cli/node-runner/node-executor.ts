/**
 * The Node runner: an {@link Executor} that runs the handler in real Node.js (the Node that runs the CLI),
 * one worker thread per execution environment, with the user's real files and `node_modules`. The
 * runtime process itself is `worker-runtime.ts`; this file starts it, answers its synchronous calls into
 * the simulated AWS world, keeps the shared virtual clock in step, caps memory and guards against code
 * that never yields.
 *
 * ```ts
 * const sim = createSimulator({ executor: createNodeExecutor({ taskRoot: '/path/to/project' }), services: world.services });
 * const record = await sim.createFunction({ handler: 'index.handler' }, {}).invoke({});
 * ```
 */
import { Worker, MessageChannel } from 'node:worker_threads';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { EnvironmentHost, EnvironmentSpec, ExecEnvironment, Executor, InitOutcome, InitRequest, InvokeOutcome, InvokeRequest } from '../../engine/executor/types.ts';
import type { ModuleResolver, SimModule } from '../../engine/sandbox/sandbox.ts';
import { SIMULATED_PACKAGES, unsupportedPackage } from '../../engine/aws/sdk-source.ts';
import type { FromWorker, PhaseEnd, ToWorker, WorkerStart } from './protocol.ts';

/**
 * Memory a Lambda Node.js process holds outside its JavaScript heap (binary, code, libuv, the runtime
 * client), MB, added to the worker's measured heap for REPORT's `Max Memory Used`. ILLUSTRATIVE: a
 * hello-world function on nodejs22.x reports ≈ 60–70 MB.
 */
export const NODE_PROCESS_OVERHEAD_MB = 48;

/**
 * V8 heap limits from the function's memory, as the Node.js runtime's bootstrap script sets them:
 * `new_space = memory / 10`, `--max-semi-space-size = new_space / 2`, `--max-old-space-size = memory -
 * new_space` (the `/var/runtime/bootstrap` of AWS's Node.js runtime images, as copied in public
 * repositories; not in AWS's documentation, so UNVERIFIED for current runtimes).
 */
export function heapLimitsFor(memoryMB: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  const newSpace = Math.floor(memoryMB / 10);
  return { maxOldGenerationSizeMb: memoryMB - newSpace, maxYoungGenerationSizeMb: newSpace };
}

/**
 * Real milliseconds a worker may run without reporting progress past the time its invocation has left,
 * before the runner stops it as a timeout (a `while (true) {}` never yields). ILLUSTRATIVE.
 */
export const RUNAWAY_GRACE_MS = 1_000;

/**
 * The worker's entry: the TypeScript source beside this file (run by Node's type stripping), or, when this
 * code runs from the built API (lib/api.mjs, scripts/api-build.mjs), the bundled worker beside that bundle:
 * Node does not strip types inside node_modules.
 */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './worker-runtime.ts' : './worker-runtime.mjs', import.meta.url);

/** Options of {@link createNodeExecutor}. */
export interface NodeExecutorOptions {
  /**
   * The real folder that plays `/var/task` (the handler's project). Without it, the environment's files
   * are written to a temporary folder for each environment.
   */
  taskRoot?: string;
  /** A `node_modules` folder linked into that temporary folder (ignored with `taskRoot`). */
  nodeModules?: string;
  /** `virtual` (default): timers, Date and performance on the simulated clock; `real`: the machine's clock. */
  clock?: 'virtual' | 'real';
  /** `simulated` (default): `@aws-sdk/*` resolve to the simulated clients; `real`: the installed packages and the network. */
  sdk?: 'simulated' | 'real';
  /** Simulated packages by bare specifier (default: the simulated AWS SDK of `engine/aws/sdk-source.ts`). */
  modules?: Record<string, SimModule>;
  /**
   * Asked for other `@aws-sdk/*` and `@smithy/*` specifiers (default: the simulated world's answer for
   * packages it does not model, `unsupportedPackage`); pass the world's `resolveModule` to match the sandbox.
   */
  resolveModule?: ModuleResolver;
}

/** The simulated packages written as files, one folder per set of modules (most processes need one). */
interface SimulatedFiles {
  dir: string;
  simulated: WorkerStart['simulated'];
}
const simulatedFolders = new WeakMap<Record<string, SimModule>, SimulatedFiles>();
/** Every folder written by this process, removed when it exits (one listener, however many runners are created). */
const foldersToRemove = new Set<string>();

/** The folder holding `modules` (written on first use) and where each module's files are. */
function simulatedFilesFor(modules: Record<string, SimModule>): SimulatedFiles {
  const known = simulatedFolders.get(modules);
  if (known) return known;
  const dir = mkdtempSync(path.join(tmpdir(), 'lambda-triage-sdk-'));
  if (foldersToRemove.size === 0) {
    process.once('exit', () => {
      for (const folder of foldersToRemove) rmSync(folder, { recursive: true, force: true });
    });
  }
  foldersToRemove.add(dir);
  const all: Record<string, SimModule> = { ...modules };
  all['lambda-triage:host'] = { format: 'cjs', source: "module.exports = globalThis[Symbol.for('lambda-triage.host')];" };
  const simulated: WorkerStart['simulated'] = {};
  let n = 0;
  for (const [spec, mod] of Object.entries(all)) {
    const base = path.join(dir, `${n++}-${spec.replace(/[^\w.-]+/g, '_')}`);
    if (mod.format === 'esm') {
      writeFileSync(`${base}.mjs`, mod.source);
      simulated[spec] = { cjs: `${base}.mjs`, esm: `${base}.mjs` };
    } else {
      writeFileSync(`${base}.cjs`, mod.source);
      simulated[spec] = { cjs: `${base}.cjs`, esm: `${base}.wrapper.mjs` };
    }
  }
  const files = { dir, simulated };
  simulatedFolders.set(modules, files);
  return files;
}

/** Create the Node runner. */
export function createNodeExecutor(options: NodeExecutorOptions = {}): Executor {
  const clockMode = options.clock ?? 'virtual';
  const sdkMode = options.sdk ?? 'simulated';
  return {
    kind: 'node',
    createEnvironment(spec, host) {
      // Written on the first environment of the process that needs them (simulatedFilesFor keeps them).
      const files = sdkMode === 'real' ? null : simulatedFilesFor(options.modules ?? SIMULATED_PACKAGES);
      return createNodeEnvironment(spec, host, {
        clock: clockMode,
        sdk: sdkMode,
        taskRoot: options.taskRoot,
        nodeModules: options.nodeModules,
        simulatedDir: files?.dir ?? null,
        simulated: files ? { ...files.simulated } : {},
        resolveModule: options.resolveModule ?? ((spec) => SIMULATED_PACKAGES[spec] ?? unsupportedPackage(spec)),
      });
    },
  };
}

interface EnvOptions {
  clock: 'virtual' | 'real';
  sdk: 'simulated' | 'real';
  taskRoot: string | undefined;
  nodeModules: string | undefined;
  simulatedDir: string | null;
  simulated: WorkerStart['simulated'];
  resolveModule: ModuleResolver;
}

/** Variables a real AWS SDK needs from the user's shell with `--sdk real` (credentials, profile). */
const REAL_SDK_PASSTHROUGH = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'HOME'];

function materialise(files: Record<string, string>, nodeModules: string | undefined): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambda-triage-task-'));
  for (const [name, text] of Object.entries(files)) {
    const rel = name.replace(/^\/var\/task\/?/, '').replace(/^\/+/, '');
    const target = path.join(dir, rel);
    if (!target.startsWith(dir + path.sep)) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  if (nodeModules && existsSync(nodeModules) && !existsSync(path.join(dir, 'node_modules'))) {
    symlinkSync(path.resolve(nodeModules), path.join(dir, 'node_modules'), 'dir');
  }
  return dir;
}

type Pending = { id: number; resolve: (end: PhaseEnd, pending: string[]) => void; deadlineUnixMs: number };

function createNodeEnvironment(spec: EnvironmentSpec, host: EnvironmentHost, o: EnvOptions): ExecEnvironment {
  const { clock } = host;
  const config = spec.config;
  const ownRoot = o.taskRoot === undefined;
  const taskRoot = o.taskRoot !== undefined ? path.resolve(o.taskRoot) : materialise(spec.files, o.nodeModules);
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const channel = new MessageChannel();
  const memoryLimitBytes = Math.max(16, config.memoryMB - NODE_PROCESS_OVERHEAD_MB) * 1024 * 1024;
  const env: Record<string, string> = { ...spec.env, LAMBDA_TASK_ROOT: taskRoot };
  if (o.sdk === 'real') for (const k of REAL_SDK_PASSTHROUGH) if (process.env[k] !== undefined) env[k] = process.env[k] as string;
  const start: WorkerStart = {
    handler: config.handler,
    runtime: config.runtime,
    taskRoot,
    logFormat: config.logFormat,
    clock: o.clock,
    startUnixMs: clock.epochMs + clock.nowMs(),
    memoryMB: config.memoryMB,
    memoryLimitBytes,
    simulatedDir: o.simulatedDir,
    simulated: o.simulated,
    hasServices: host.services !== undefined,
    signal,
    answers: channel.port2,
    functionName: config.functionName,
    functionVersion: spec.functionVersion,
    functionArn: spec.functionArn,
    logGroupName: spec.logGroupName,
    logStreamName: spec.logStreamName,
    seed: spec.seed,
  };
  const worker = new Worker(WORKER_URL, {
    workerData: start,
    transferList: [channel.port2],
    env,
    execArgv: ['--disable-warning=ExperimentalWarning'],
    resourceLimits: heapLimitsFor(config.memoryMB),
    stdout: false,
    stderr: false,
  });
  worker.unref();
  let seq = 0;
  let pending: Pending | null = null;
  let dead: PhaseEnd | null = null;
  let peakBytes = 0;
  let oom = false;
  let disposed = false;
  let watchdog: ReturnType<typeof setTimeout> | null = null;
  let lastUnixMs = start.startUnixMs;
  let requestId: string | null = null;

  const toClock = (unixMs: number): void => {
    lastUnixMs = Math.max(lastUnixMs, unixMs);
    clock.advanceToMs(unixMs - clock.epochMs);
  };
  const settle = (end: PhaseEnd, pendingWork: string[]): void => {
    if (watchdog) clearTimeout(watchdog);
    watchdog = null;
    const p = pending;
    pending = null;
    if (p) p.resolve(end, pendingWork);
  };
  let ready = false;
  const arm = (): void => {
    if (watchdog) clearTimeout(watchdog);
    if (!pending || !ready) return;
    const p = pending;
    // Runaway guard: no progress for longer than the time left (1 real ms ≈ 1 virtual ms of CPU) + grace.
    watchdog = setTimeout(() => {
      if (pending !== p) return;
      dead = { kind: 'timeout' };
      void worker.terminate();
      toClock(p.deadlineUnixMs);
      settle({ kind: 'timeout' }, ['a synchronous loop was still running (the function never yielded to the event loop)']);
    }, Math.max(0, p.deadlineUnixMs - lastUnixMs) + RUNAWAY_GRACE_MS);
  };

  worker.on('message', (m: FromWorker) => {
    if (m.type === 'ready') {
      ready = true;
      arm();
    } else if (m.type === 'log') host.onLog(m.line);
    else if (m.type === 'tick') {
      toClock(m.nowUnixMs);
      arm();
    } else if (m.type === 'call') {
      toClock(m.nowUnixMs);
      let answer: unknown;
      try {
        answer = m.name === 'lambda-triage.resolve'
          ? (o.resolveModule(JSON.parse(m.payload) as string) ?? null)
          : host.services
          ? host.services(m.name, JSON.parse(m.payload) as unknown, host.serviceInfo())
          : { error: { name: 'Error', message: `${m.name} is not available: the simulator has no AWS account (services)` } };
      } catch (e) {
        answer = { error: { name: 'Error', message: e instanceof Error ? e.message : String(e) } };
      }
      channel.port1.postMessage(JSON.stringify(answer));
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    } else if (m.type === 'done') {
      toClock(m.nowUnixMs);
      peakBytes = Math.max(peakBytes, m.peakBytes);
      if (m.end.kind === 'out-of-memory') oom = true;
      if (pending && pending.id === m.id) settle(m.end, m.pending);
    }
  });
  worker.on('error', (e: Error & { code?: string }) => {
    // resourceLimits reached: Node stops the worker with ERR_WORKER_OUT_OF_MEMORY.
    const end: PhaseEnd = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'out-of-memory' } : { kind: 'error', error: { errorType: e.name, errorMessage: e.message, trace: String(e.stack ?? '').split('\n') }, reset: true };
    if (end.kind === 'out-of-memory') oom = true;
    dead = end;
    settle(end, []);
  });
  worker.on('exit', (code) => {
    // `process.exit(code)` in the function ends the worker thread (the runtime process).
    if (dead === null) dead = { kind: 'exit', code };
    settle(dead, []);
  });

  const run = (msg: ToWorker, deadlineUnixMs: number): Promise<{ end: PhaseEnd; pending: string[] }> =>
    new Promise((resolve) => {
      if (dead !== null || disposed) {
        resolve({ end: dead ?? { kind: 'exit', code: 0 }, pending: [] });
        return;
      }
      pending = { id: msg.id, deadlineUnixMs, resolve: (end, p) => resolve({ end, pending: p }) };
      lastUnixMs = clock.epochMs + clock.nowMs();
      arm();
      worker.postMessage(msg);
    });

  return {
    async init(request: InitRequest): Promise<InitOutcome> {
      requestId = null;
      void requestId;
      const deadlineUnixMs = clock.epochMs + request.deadlineMs;
      const { end, pending: work } = await run({ type: 'init', id: ++seq, nowUnixMs: clock.epochMs + clock.nowMs(), deadlineUnixMs }, deadlineUnixMs);
      switch (end.kind) {
        case 'ready':
          return { ok: true };
        case 'init-error':
          return { ok: false, status: 'error', errorType: end.errorType, failure: end.error, oom: false, pending: [] };
        case 'timeout':
          toClock(deadlineUnixMs);
          return { ok: false, status: 'timeout', errorType: 'Runtime.Unknown', failure: null, oom: false, pending: work };
        case 'out-of-memory':
          return { ok: false, status: 'error', errorType: 'Runtime.OutOfMemory', failure: null, oom: true, pending: [] };
        case 'exit':
          // Code 13: Node's "unsettled top-level await" (https://nodejs.org/api/process.html#exit-codes).
          return { ok: false, status: 'error', errorType: end.code === 13 ? 'Runtime.NodeJsExit' : 'Runtime.ExitError', failure: null, oom: false, pending: [] };
        case 'error':
          return { ok: false, status: 'error', errorType: String(end.error['errorType'] ?? 'Runtime.Unknown'), failure: end.error, oom: false, pending: [] };
        default:
          return { ok: false, status: 'error', errorType: 'Runtime.Unknown', failure: null, oom: false, pending: [] };
      }
    },
    async invoke(request: InvokeRequest): Promise<InvokeOutcome> {
      requestId = request.requestId;
      const deadlineUnixMs = clock.epochMs + request.deadlineMs;
      const { end, pending: work } = await run(
        { type: 'invoke', id: ++seq, nowUnixMs: clock.epochMs + clock.nowMs(), requestId: request.requestId, payload: request.payload, deadlineUnixMs },
        deadlineUnixMs,
      );
      switch (end.kind) {
        case 'response':
          return { kind: 'response', payload: end.payload, processExit: end.processExit, pending: work };
        case 'error':
          return { kind: 'error', error: end.error, reset: end.reset, pending: work };
        case 'timeout':
          toClock(deadlineUnixMs);
          return { kind: 'timeout', pending: work };
        case 'out-of-memory':
          return { kind: 'out-of-memory' };
        case 'exit':
          return { kind: 'exit', code: end.code };
        default:
          return { kind: 'exit', code: 0 };
      }
    },
    maxMemoryUsedMB() {
      if (oom) return config.memoryMB;
      return Math.min(config.memoryMB, NODE_PROCESS_OVERHEAD_MB + Math.ceil(peakBytes / (1024 * 1024)));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (watchdog) clearTimeout(watchdog);
      void worker.terminate();
      channel.port1.close();
      if (ownRoot) rmSync(taskRoot, { recursive: true, force: true });
    },
  };
}
