/**
 * The Python executor behind the executor seam (see `types.ts`): one Pyodide (CPython compiled to
 * WebAssembly) per execution environment, loaded only when a Python environment starts, through the
 * injected `loadPyodide`. It plays the runtime process: `/var/runtime/bootstrap.py`
 * (`../python/bootstrap-source.ts`) loads the handler and runs invocations as AWS's Python runtime interface
 * client does; this file wires that to the service's virtual clock, log, simulated AWS world, deadlines and
 * memory limit.
 *
 * - Time: `time.sleep`, `time.time`, `time.monotonic`, `time.perf_counter`, `datetime.now/utcnow` and asyncio's
 *   event loop read and advance the shared {@link VirtualClock} (`_lt_runtime.py`).
 * - Runaway code: CPython polls Pyodide's interrupt buffer every 50 eval-breaker checks. The buffer here is
 *   an object whose element 0 is a getter, so each poll runs {@link PythonEnvironmentGuard}: it charges
 *   virtual CPU and, past the deadline (or the wall-clock budget), answers SIGINT, which the runtime turns
 *   into a stop that user code's `except Exception` cannot swallow. No SharedArrayBuffer is needed.
 * - HTTP: CPython's `http.client` (so `urllib.request`) reaches the simulated world's HTTP dependencies through the
 *   host service `http`, as Node's fetch does (`../python/urllib-source.ts`); real sockets stay unreachable.
 * - Memory: the environment's WebAssembly memory may grow only up to the function's memory size (mapped by
 *   {@link PYTHON_BYTES_PER_WASM_BYTE}) or the simulator's real-memory budget, whichever is lower; a refused
 *   growth makes CPython raise MemoryError and the invocation ends as `Runtime.OutOfMemory` (or
 *   {@link SimulatorLimitError} when it was the budget).
 */
import { DEFAULT_REAL_MEMORY_BUDGET_BYTES, DEFAULT_WALL_BUDGET_MS, ONE_VCPU_MEMORY_MB, SimulatorLimitError } from '../lambda/limits.ts';
import { PYTHON_BOOTSTRAP_SOURCE, PYTHON_HOST_MODULE_SOURCE, PYTHON_RUNTIME_SOURCE } from '../python/bootstrap-source.ts';
import {
  PYTHON_BASELINE_MB,
  PYTHON_BYTES_PER_WASM_BYTE,
  PYTHON_CPU_US_PER_POLL_AT_ONE_VCPU,
  PYTHON_MIN_POLLS_FOR_WALL_GUARD,
  MAX_LIVE_PYTHON_ENVIRONMENTS,
  WASM_PAGE_BYTES,
} from '../python/python-limits.ts';
import { loadPythonSitePackages } from '../python/site-packages.ts';
import { PYTHON_HTTP_SOURCE } from '../python/urllib-source.ts';
import type { EnvironmentHost, EnvironmentSpec, ExecEnvironment, Executor, InitOutcome, InitRequest, InvokeOutcome, InvokeRequest } from './types.ts';

const MIB = 1024 * 1024;
/** Largest object wasm32 CPython can hold (`PY_SSIZE_T_MAX` = 2 GiB − 1), in MB. */
const WASM32_OBJECT_LIMIT_MB = 2048;

/** The WebAssembly memory of a Pyodide instance (the part the executor touches). */
export interface PyodideMemoryLike {
  readonly buffer: { readonly byteLength: number };
  grow: (pages: number) => number;
}

/** A Python object seen from JavaScript (a PyProxy): the module and functions the executor calls. */
export interface PyProxyLike {
  [name: string]: unknown;
  destroy?: () => void;
}

/** The part of Pyodide's API the executor uses (structural, so the engine needs no Pyodide types). */
export interface PyodideLike {
  runPython: (code: string) => unknown;
  registerJsModule: (name: string, module: object) => void;
  setStdout: (options: { batched: (line: string) => void }) => void;
  setStderr: (options: { batched: (line: string) => void }) => void;
  setStdin?: (options: { stdin: () => string | null }) => void;
  setInterruptBuffer: (buffer: unknown) => void;
  FS: { mkdirTree: (path: string) => void; writeFile: (path: string, data: string) => void; ErrnoError?: new (errno: number) => Error };
  /** Emscripten's module object; `memory` is the instance's WebAssembly memory, `SOCKFS` its socket layer. */
  _module: { memory?: PyodideMemoryLike; SOCKFS?: { websocket_sock_ops?: { createPeer?: unknown } } };
}

/** What the Python executor needs from its caller. */
export interface PythonExecutorOptions {
  /** Loads a fresh Pyodide instance (`loadPyodide` from the `pyodide` package, with its index URL). Called once per environment. */
  loadPyodide: () => Promise<PyodideLike>;
  /** Wall clock for the runaway-CPU guard only. Never used for simulated time. */
  wallClock?: (() => number) | undefined;
  /** Wall-clock budget per init or invocation before the guard ends it as a timeout, ms. */
  wallBudgetMs?: number | undefined;
  /** Most real memory one environment's Python heap may grow by, bytes (default {@link DEFAULT_REAL_MEMORY_BUDGET_BYTES}). */
  realMemoryBudgetBytes?: number | undefined;
  /** Most environments alive at once (default {@link MAX_LIVE_PYTHON_ENVIRONMENTS}); one more stops the run with {@link SimulatorLimitError}. */
  maxLiveEnvironments?: number | undefined;
  /**
   * Packages the runtime ships: path under site-packages → source. Default: the simulated boto3/botocore
   * (`../python/boto3-source.ts`, loaded when the first environment starts); `{}` ships nothing.
   */
  sitePackages?: Record<string, string> | undefined;
  /**
   * Called around every stretch of guest Python (`enter` before, `leave` after): the host refuses what Pyodide
   * could otherwise do on its behalf there. In Node, Emscripten's `system()` runs a real shell command through
   * `child_process.spawnSync`; the CLI's guard makes `child_process` refuse while Python runs.
   */
  hostGuard?: { enter: () => void; leave: () => void } | undefined;
  /**
   * Runs one synchronous stretch of guest Python (the runtime's init, or one invocation) and says whether it had
   * to stop it. CPython polls the interrupt buffer only between bytecodes, so one long C-level call
   * (`sum(range(10**11))`, a huge regular expression) never reaches the watchdog and would hold the host's thread.
   * A host that can interrupt synchronous code (the CLI: node:vm's `timeout`) passes this; a stopped call ends
   * the init or invocation as a timeout whose pending work says so, and the environment is discarded as after any
   * timeout. `wallBudgetMs` is the executor's wall-clock budget; the host should allow a little more, so that the
   * poll-based guard ends ordinary Python loops first. Default: the call runs directly.
   */
  runGuest?: ((call: () => unknown, wallBudgetMs: number) => GuestCallResult) | undefined;
}

/** What {@link PythonExecutorOptions.runGuest} reports: the call's return value, or that the host stopped it after `afterMs` of wall time. */
export type GuestCallResult = { stopped: false; value: unknown } | { stopped: true; afterMs: number };

/**
 * The pending-work note of an init or invocation whose C-level call the host stopped (see
 * {@link PythonExecutorOptions.runGuest}). ILLUSTRATIVE: wall time here is not Lambda's CPU time, so the call
 * might have finished within the function's timeout on Lambda; the note says so.
 */
export function longCCallNote(afterMs: number): string {
  return (
    `a long C-level call (such as sum(range(10**11))) that never checks for interrupts: the simulator stopped it after ` +
    `${(afterMs / 1000).toFixed(1)} s of real time and reports a timeout (on Lambda it runs until it finishes or the function's timeout ends it)`
  );
}

/**
 * Compiled standard-library modules, shared by every Python environment of this process. Pyodide's standard
 * library is a zip of sources, and Python 3.14's zipimport compiles a module twice per import (once to name its
 * file, once to run it): an environment whose handler imports urllib.request took ≈ 580 ms to start in Node,
 * ≈ 360 ms of it compiling; with the cache, a later environment starts in ≈ 270 ms. Only C functions run on either
 * path ({@link cachedCompile}), so the Python code an environment runs is the same with or without an entry. The
 * virtual clock charges CPU per interrupt poll, and a compile makes a few polls of its own (CPython's periodic signal
 * check also runs inside C code): an environment that finds its modules compiled reports an Init Duration lower by
 * a fraction of a millisecond (0.2 ms for urllib.request at 128 MB, measured) than the first one. Values are
 * marshalled code, base64.
 */
const compiledStdlib = new Map<string, string>();
/** Most text {@link compiledStdlib} holds (every module of the standard library comes to less). */
const COMPILED_STDLIB_MAX_CHARS = 32 * 1024 * 1024;
let compiledStdlibChars = 0;

/** How many compiled modules this process keeps (for tests). */
export function compiledStdlibModuleCount(): number {
  return compiledStdlib.size;
}

/** Empty the cache of compiled modules (for tests). */
export function forgetCompiledStdlib(): void {
  compiledStdlib.clear();
  compiledStdlibChars = 0;
}

/** A Python callable seen from JavaScript. */
type PyCallable = ((...args: unknown[]) => unknown) & { callKwargs: (...args: unknown[]) => unknown; copy?: () => PyCallable };

/**
 * The `compile` zipimport calls instead of the built-in (`install_code_cache` in the runtime source): the
 * built-in's result, kept under the Python version, the file's path in the archive, the mode and the source's
 * CRC-32 and length, so another Pyodide or a changed file never meets another's entry. Arguments are Python's
 * `compile`, `marshal.loads`, `marshal.dumps`, `binascii.a2b_base64`, `binascii.b2a_base64`, `zlib.crc32` and
 * `sys.version`; Pyodide destroys argument proxies when the call returns, so the function keeps copies.
 */
function cachedCompile(...args: unknown[]): unknown {
  const [compile, loads, dumps, fromBase64, toBase64, crc32] = args.slice(0, 6).map((f) => (f as PyCallable).copy?.() ?? (f as PyCallable));
  const version = String(args[6]);
  if (!compile || !loads || !dumps || !fromBase64 || !toBase64 || !crc32) return undefined;
  return (source: { length?: number }, pathname: unknown, mode: unknown): unknown => {
    const key = `${version}\n${String(pathname)}\n${String(mode)}\n${String(crc32(source))}:${String(source.length)}`;
    const stored = compiledStdlib.get(key);
    if (stored !== undefined) return loads(fromBase64(stored));
    const code = compile.callKwargs(source, pathname, mode, { dont_inherit: true });
    if (compiledStdlibChars < COMPILED_STDLIB_MAX_CHARS) {
      const bytes = dumps(code) as { destroy?: () => void };
      const text = toBase64.callKwargs(bytes, { newline: false }) as { decode: (encoding: string) => string; destroy?: () => void };
      const value = text.decode('ascii');
      bytes.destroy?.();
      text.destroy?.();
      compiledStdlib.set(key, value);
      compiledStdlibChars += value.length;
    }
    return code;
  };
}

/** Emscripten's errno for "Network is unreachable" (ERRNO_CODES.ENETUNREACH in pyodide.asm.mjs). */
const EMSCRIPTEN_ENETUNREACH = 40;

/** Create the Python executor. */
export function createPythonExecutor(options: PythonExecutorOptions): Executor {
  const live = { count: 0 };
  return {
    kind: 'python',
    createEnvironment: (spec, host) => createPythonEnvironment(options, spec, host, live),
  };
}

/** `python3.13` → `3.13`. */
function pythonVersionOf(runtime: string): string {
  return runtime.replace(/^python/, '');
}

/**
 * `sys.path` as Lambda's Python runtimes set it: the function first, then layers, then the runtime's own
 * packages (boto3). https://docs.aws.amazon.com/lambda/latest/dg/python-package.html ("Dependency search path
 * and runtime-included libraries"; the exact order after /var/task is ILLUSTRATIVE). Pyodide's standard
 * library paths follow.
 */
export function lambdaSysPath(runtime: string): string[] {
  const v = pythonVersionOf(runtime);
  return ['/var/task', `/opt/python/lib/python${v}/site-packages`, '/opt/python', `/var/lang/lib/python${v}/site-packages`, '/var/runtime'];
}

type Stop = null | 'timeout' | 'memory' | 'budget';

/** The Python source that prepares a fresh interpreter (runs once per environment, before user code). */
function setupSource(spec: EnvironmentSpec): string {
  const lit = (v: unknown): string => JSON.stringify(JSON.stringify(v));
  return [
    'import sys, os, json',
    // Pure-Python datetime (Lib/_pydatetime.py) reads time.time(), which runs on the virtual clock;
    // the C accelerator would read the host's clock.
    "sys.modules['_datetime'] = None",
    "sys.modules.pop('datetime', None)",
    `_lt_paths = json.loads(${lit(lambdaSysPath(spec.config.runtime))})`,
    'sys.path[:] = _lt_paths + [p for p in sys.path if p not in _lt_paths]',
    'os.environ.clear()',
    `os.environ.update(json.loads(${lit(spec.env)}))`,
    "os.chdir('/var/task')",
    'import _lt_runtime',
    '_lt_runtime.install_code_cache()',
    '_lt_runtime.install_time()',
    '_lt_runtime.install_asyncio()',
    // http.client (urllib.request) reaches the simulated HTTP dependencies, as Node's fetch does.
    'import _lt_http',
    '_lt_http.install()',
    'import signal',
    'def _lt_on_interrupt(signum, frame):',
    '    raise _lt_runtime.SimulatorStop()',
    'signal.signal(signal.SIGINT, _lt_on_interrupt)',
    'import datetime, bootstrap',
    '_lt_runtime.install_walls()',
    '_lt_runtime.install_gap_notes()',
    'del _lt_paths, _lt_on_interrupt, _lt_http',
  ].join('\n');
}

/** Create every folder of `path` (absolute) and write the file. */
function writeFile(py: PyodideLike, path: string, text: string): void {
  const dir = path.slice(0, path.lastIndexOf('/'));
  if (dir) py.FS.mkdirTree(dir);
  py.FS.writeFile(path, text);
}

function createPythonEnvironment(options: PythonExecutorOptions, spec: EnvironmentSpec, host: EnvironmentHost, live: { count: number }): ExecEnvironment {
  const { clock } = host;
  const { config } = spec;
  const wallClock = options.wallClock ?? (() => Date.now());
  const wallBudgetMs = options.wallBudgetMs ?? DEFAULT_WALL_BUDGET_MS;
  const cpuUsPerPoll = (PYTHON_CPU_US_PER_POLL_AT_ONE_VCPU * ONE_VCPU_MEMORY_MB) / Math.min(config.memoryMB, ONE_VCPU_MEMORY_MB);

  let py: PyodideLike | null = null;
  // Whether this environment counts toward the executor's live environments.
  let started = false;
  let bootstrap: PyProxyLike | null = null;
  let disposed = false;
  // Guard state for the phase in progress.
  let active = false;
  let deadlineMs = Infinity;
  let wallStart = 0;
  let polls = 0;
  let cpuCarryUs = 0;
  let stop: Stop = null;
  let pending: string[] = [];
  // Memory: the wasm memory size after the runtime was set up, the limit in force, and the peak.
  let baselineBytes = 0;
  let mappedLimitBytes = Infinity;
  let limitBytes = Infinity;
  let peakBytes = 0;

  const isStopping = (): boolean => stop !== null;

  /** One watchdog poll (CPython asks every 50 eval-breaker checks). Returns the signal to raise: 2 (SIGINT) or 0. */
  function poll(): number {
    if (!active) return 0;
    // Once stopped, the process is as good as gone: the runtime's own unwinding costs no virtual time.
    if (stop) return 2;
    polls++;
    cpuCarryUs += cpuUsPerPoll;
    if (cpuCarryUs >= 1) {
      const whole = Math.floor(cpuCarryUs);
      clock.advanceMicros(whole);
      cpuCarryUs -= whole;
    }
    if (clock.nowMs() >= deadlineMs) {
      stop = 'timeout';
      return 2;
    }
    if (polls >= PYTHON_MIN_POLLS_FOR_WALL_GUARD && wallClock() - wallStart > wallBudgetMs) {
      stop = 'timeout';
      return 2;
    }
    return 0;
  }

  // Pyodide reads element 0 at each poll and writes 0 back; both must be allowed (a failed write loses the read).
  const interruptBuffer = {
    get 0(): number {
      return poll();
    },
    set 0(_value: number) {
      // The poll is computed afresh each time.
    },
  };

  /** Advance the virtual clock by `ms`; true when that reaches the deadline (the phase then stops). */
  function waitMs(ms: number, label: string): boolean {
    if (stop) return true;
    const wait = Number.isFinite(ms) && ms > 0 ? ms : 0;
    if (clock.nowMs() + wait >= deadlineMs) {
      clock.advanceToMs(deadlineMs);
      if (label) pending.push(label);
      stop = 'timeout';
      return true;
    }
    clock.advanceMicros(wait * 1000);
    return false;
  }

  const jsModule = {
    cached_compile: cachedCompile,
    log: (text: string) => host.onLog(String(text)),
    epoch_us: () => clock.epochMs * 1000 + clock.nowMicros(),
    now_us: () => clock.nowMicros(),
    stopping: () => isStopping(),
    wait_ms: (ms: number, label?: string) => waitMs(Number(ms), typeof label === 'string' ? label : ''),
    hang: (label: string) => {
      if (!stop) {
        pending.push(String(label));
        clock.advanceToMs(deadlineMs);
        stop = 'timeout';
      }
    },
    oom: () => {
      // A MemoryError the growth hook did not cause: the allocation was past wasm32's 4 GiB address space (or
      // its 2 GiB object sizes). A function with up to 2 GB would have been killed for it; a larger one might not.
      if (!stop) stop = config.memoryMB <= WASM32_OBJECT_LIMIT_MB ? 'memory' : 'budget';
    },
    call: (name: string, payloadJson: string): string => {
      if (!host.services) {
        return JSON.stringify({ error: { name: 'SimulatorError', message: 'This simulation has no simulated AWS world to call.' } });
      }
      let payload: unknown;
      try {
        payload = JSON.parse(String(payloadJson));
      } catch (e) {
        return JSON.stringify({ error: { name: 'SimulatorError', message: `The call's payload is not JSON: ${e instanceof Error ? e.message : String(e)}` } });
      }
      return JSON.stringify(host.services(String(name), payload, host.serviceInfo()));
    },
  };

  /** Refuse WebAssembly memory growth past the limit: CPython's allocation fails with MemoryError. */
  function limitMemory(memory: PyodideMemoryLike): void {
    const grow = memory.grow.bind(memory);
    Object.defineProperty(memory, 'grow', {
      configurable: true,
      value: (pages: number): number => {
        const next = memory.buffer.byteLength + pages * WASM_PAGE_BYTES;
        if (next > limitBytes) {
          if (!stop) stop = limitBytes < mappedLimitBytes ? 'budget' : 'memory';
          throw new RangeError('The simulated function is out of memory.');
        }
        const r = grow(pages);
        if (memory.buffer.byteLength > peakBytes) peakBytes = memory.buffer.byteLength;
        return r;
      },
    });
  }

  function memoryNow(): number {
    return py?._module.memory?.buffer.byteLength ?? 0;
  }

  function simulatedMB(bytes: number): number {
    const mb = PYTHON_BASELINE_MB + Math.ceil((Math.max(0, bytes - baselineBytes) * PYTHON_BYTES_PER_WASM_BYTE) / MIB);
    return Math.min(mb, config.memoryMB);
  }

  function begin(deadline: number): void {
    options.hostGuard?.enter();
    deadlineMs = deadline;
    wallStart = wallClock();
    polls = 0;
    stop = null;
    pending = [];
    active = true;
  }

  function end(): void {
    options.hostGuard?.leave();
    active = false;
    const now = memoryNow();
    if (now > peakBytes) peakBytes = now;
  }

  /** The budget, not the function's memory size, ran out: no outcome is invented. */
  function budgetError(): SimulatorLimitError {
    const err = new SimulatorLimitError(limitBytes - baselineBytes, simulatedMB(limitBytes), config.memoryMB);
    err.message =
      `This program needs more than the ${Math.round((limitBytes - baselineBytes) / MIB)} MiB of real memory the simulator may use ` +
      `(it had reached about ${simulatedMB(limitBytes)} MB of simulated Python memory, below the function's ${config.memoryMB} MB, so on ` +
      'Lambda it would still be running). The simulator stops here rather than invent an outcome: lower the memory the program needs.';
    return err;
  }

  /** Call a bootstrap function; a Python exception that escaped it (a stop raised in its own code) is null. */
  function callBootstrap(name: string, ...args: unknown[]): Record<string, unknown> | null {
    const fn = bootstrap?.[name];
    if (typeof fn !== 'function') return null;
    try {
      const call = (): unknown => (fn as (...a: unknown[]) => unknown)(...args);
      let text: unknown;
      if (options.runGuest) {
        const r = options.runGuest(call, wallBudgetMs);
        if (r.stopped) {
          // The interpreter was stopped mid-call: treat it as gone (the timeout discards the environment).
          if (!stop) {
            stop = 'timeout';
            pending.push(longCCallNote(r.afterMs));
          }
          return null;
        }
        text = r.value;
      } else {
        text = call();
      }
      const v: unknown = JSON.parse(String(text));
      return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    } finally {
      try {
        (fn as unknown as PyProxyLike).destroy?.();
      } catch {
        // An interpreter stopped mid-call may refuse; the environment is discarded anyway.
      }
    }
  }

  async function start(): Promise<PyodideLike> {
    const max = options.maxLiveEnvironments ?? MAX_LIVE_PYTHON_ENVIRONMENTS;
    if (live.count >= max) {
      const err = new SimulatorLimitError(0, PYTHON_BASELINE_MB, config.memoryMB);
      err.message =
        `This run needs more than ${max} Python execution environments at once; each is a whole Pyodide (about 30 MiB of real memory ` +
        'before the function allocates anything). The simulator stops here rather than invent an outcome: lower the concurrency ' +
        '(--load/--rate, --reserved-concurrency).';
      throw err;
    }
    live.count++;
    started = true;
    const instance = await options.loadPyodide();
    if (disposed) throw new Error('The Python environment was disposed while Pyodide loaded.');
    py = instance;
    instance.setStdout({ batched: (line) => host.onLog(line) });
    instance.setStderr({ batched: (line) => host.onLog(line) });
    // A Lambda function has no input stream: input() meets end of file (never the host's terminal).
    instance.setStdin?.({ stdin: () => null });
    instance.registerJsModule('_lt_js', jsModule);
    for (const [path, text] of Object.entries(spec.files)) {
      if (path.startsWith('/var/task/')) writeFile(instance, path, text);
    }
    writeFile(instance, '/var/runtime/_lt_runtime.py', PYTHON_RUNTIME_SOURCE);
    writeFile(instance, '/var/runtime/_lambda_triage_host.py', PYTHON_HOST_MODULE_SOURCE);
    writeFile(instance, '/var/runtime/_lt_http.py', PYTHON_HTTP_SOURCE);
    writeFile(instance, '/var/runtime/bootstrap.py', PYTHON_BOOTSTRAP_SOURCE);
    const site = `/var/lang/lib/python${pythonVersionOf(config.runtime)}/site-packages`;
    instance.FS.mkdirTree(site);
    const packages = options.sitePackages ?? (await loadPythonSitePackages());
    for (const [path, text] of Object.entries(packages)) writeFile(instance, `${site}/${path.replace(/^\/+/, '')}`, text);
    // No network: Emscripten's sockets would open real WebSocket connections (the `ws` package in Node).
    const sockOps = instance._module.SOCKFS?.websocket_sock_ops;
    const ErrnoError = instance.FS.ErrnoError;
    if (sockOps) {
      sockOps.createPeer = () => {
        throw ErrnoError ? new ErrnoError(EMSCRIPTEN_ENETUNREACH) : new Error('Network is unreachable');
      };
    }
    options.hostGuard?.enter();
    try {
      instance.runPython(setupSource(spec));
      bootstrap = instance.runPython('import bootstrap\nbootstrap') as PyProxyLike;
    } finally {
      options.hostGuard?.leave();
    }
    instance.setInterruptBuffer(interruptBuffer);
    const memory = instance._module.memory;
    baselineBytes = memoryNow();
    peakBytes = baselineBytes;
    mappedLimitBytes = baselineBytes + Math.round((Math.max(1, config.memoryMB - PYTHON_BASELINE_MB) * MIB) / PYTHON_BYTES_PER_WASM_BYTE);
    limitBytes = Math.min(mappedLimitBytes, baselineBytes + (options.realMemoryBudgetBytes ?? DEFAULT_REAL_MEMORY_BUDGET_BYTES));
    if (memory) limitMemory(memory);
    return instance;
  }

  async function init(request: InitRequest): Promise<InitOutcome> {
    if (!py) await start();
    begin(request.deadlineMs);
    const r = callBootstrap('init', config.handler);
    end();
    if (stop === 'budget') throw budgetError();
    if (stop === 'memory') return { ok: false, status: 'error', errorType: 'Runtime.OutOfMemory', failure: null, oom: true, pending: [] };
    if (stop === 'timeout') {
      clock.advanceToMs(request.deadlineMs);
      return { ok: false, status: 'timeout', errorType: 'Runtime.Unknown', failure: null, oom: false, pending };
    }
    if (r && r['ok'] === true) return { ok: true };
    if (r && typeof r['exit'] === 'number') {
      return { ok: false, status: 'error', errorType: 'Runtime.ExitError', failure: null, oom: false, pending: [] };
    }
    const failure = r && r['error'] && typeof r['error'] === 'object' ? (r['error'] as Record<string, unknown>) : null;
    const errorType = failure && typeof failure['errorType'] === 'string' ? failure['errorType'] : 'Runtime.Unknown';
    const text = r && typeof r['text'] === 'string' ? r['text'] : undefined;
    return { ok: false, status: 'error', errorType, failure, oom: false, pending: [], ...(text !== undefined ? { failureText: text } : {}) };
  }

  async function invoke(request: InvokeRequest): Promise<InvokeOutcome> {
    begin(request.deadlineMs);
    const r = callBootstrap('invoke', request.payload, request.requestId, clock.epochMs + request.deadlineMs, spec.functionArn);
    end();
    if (stop === 'budget') throw budgetError();
    if (stop === 'memory') return { kind: 'out-of-memory' };
    if (stop === 'timeout') return { kind: 'timeout', pending };
    if (r && r['kind'] === 'response') return { kind: 'response', payload: String(r['payload']), processExit: null, pending: [] };
    if (r && r['kind'] === 'error' && r['error'] && typeof r['error'] === 'object') {
      const text = typeof r['text'] === 'string' ? r['text'] : undefined;
      return { kind: 'error', error: r['error'] as Record<string, unknown>, reset: false, pending: [], ...(text !== undefined ? { payloadText: text } : {}) };
    }
    if (r && r['kind'] === 'exit' && typeof r['code'] === 'number') {
      if (r['code'] === 0) {
        // The process ended cleanly without answering: "Runtime exited without providing a reason"
        // (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html, invoke-phase failures).
        const errorMessage = `RequestId: ${request.requestId} Error: Runtime exited without providing a reason`;
        return { kind: 'error', error: { errorType: 'Runtime.ExitError', errorMessage }, reset: true, pending: [] };
      }
      return { kind: 'exit', code: r['code'] };
    }
    // The runtime's own code failed without an answer (should not happen): the process ends without a reason.
    const errorMessage = `RequestId: ${request.requestId} Error: Runtime exited without providing a reason`;
    return { kind: 'error', error: { errorType: 'Runtime.ExitError', errorMessage }, reset: true, pending: [] };
  }

  return {
    init,
    invoke,
    maxMemoryUsedMB: () => simulatedMB(peakBytes),
    dispose() {
      if (disposed) return;
      disposed = true;
      active = false;
      if (started) live.count--;
      try {
        bootstrap?.destroy?.();
        py?.setInterruptBuffer(undefined);
      } catch {
        // The instance is dropped either way.
      }
      bootstrap = null;
      py = null;
    },
  };
}
