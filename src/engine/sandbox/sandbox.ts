/**
 * One QuickJS runtime + context holding one simulated Node.js process (an execution environment).
 *
 * The host side is deliberately thin: it owns the QuickJS handles, the module loader, the interrupt
 * handler and the memory limit; everything Node-like lives in the prelude (`prelude-runtime.ts`),
 * which the host drives through a small control object. All values cross the boundary as strings
 * or numbers, so handle lifetimes stay local to each call.
 */
import type {
  QuickJSContext,
  QuickJSHandle,
  QuickJSRuntime,
  QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import { runtimeSource } from './prelude-runtime.ts';
import { countRuntimePartEvaluation, runtimePartSource } from './prelude-parts.ts';
import { BUILTIN_SOURCES } from './builtins/index.ts';
import { BYTES_PER_STORAGE_MB, DEFAULT_EPHEMERAL_STORAGE_MB, createTmpFs } from './builtins/tmp-fs.ts';
import { hasModuleSyntax, prepareUserSource, type PreparedSource } from './user-source.ts';
import { createModuleResolver, createRecordFileView, isTypeScriptPath, type ModuleFormat } from './module-resolution.ts';
import { prepareTypeScriptSource, stripTypeScript, type TypeScriptPreparedSource } from './typescript.ts';
import { findV8SyntaxError } from './v8-syntax-errors.ts';

/** File name under which the simulator's own runtime code is evaluated; its stack frames are hidden. */
export const RUNTIME_FILENAME = 'lambda-triage:runtime';

/** Node built-in module names the prelude provides (fully, minimally or as "not available" stubs). */
export const BUILTIN_MODULES: readonly string[] = [
  'util', 'crypto', 'buffer', 'events', 'path', 'path/posix', 'process', 'timers', 'timers/promises', 'url',
  'querystring', 'assert', 'os', 'fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dns',
  'child_process', 'stream', 'zlib', 'worker_threads', 'vm', 'lambda-triage:host',
  'stream/promises', 'string_decoder', 'async_hooks', 'console', 'tty', 'stream/web',
  'diagnostics_channel', 'assert/strict',
];

/** A simulated package registered with the simulator (e.g. an AWS SDK client), keyed by its specifier. */
export interface SimModule {
  /** Module source text, evaluated inside the sandbox. */
  source: string;
  /** `cjs` (default) or `esm`. */
  format?: 'cjs' | 'esm';
}

/** Resolves a bare specifier to a simulated package, or undefined when unknown. */
export type ModuleResolver = (specifier: string) => SimModule | undefined;

/**
 * Result of a host service call made by simulated packages through `lambda-triage:host`: a result or an
 * error after `latencyMs` of virtual time, or `hang` (the call never answers; it keeps the event loop
 * alive, so the invocation ends in its timeout and `pending` lists `label`).
 */
export type ServiceResult =
  | { result: unknown; latencyMs?: number; callId?: number }
  | { error: { name: string; message: string; [key: string]: unknown }; latencyMs?: number; callId?: number }
  | { hang: true; label?: string; callId?: number };

/** What the host knows about the moment a service is called. */
export interface ServiceCallInfo {
  /** Virtual time, ms since the simulation epoch. */
  nowMs: number;
  /** Request id of the invocation in progress, or null during init. */
  requestId: string | null;
}

/**
 * Host services reachable from simulated packages (`require('lambda-triage:host').call(name, payload)`).
 * `info` is supplied by the engine (absent when a sandbox is driven without a simulated function).
 */
export type ServiceBridge = (name: string, payload: unknown, info?: ServiceCallInfo) => ServiceResult;

/** Static configuration handed to the prelude. */
export interface PreludeConfig {
  seed: number;
  epochMs: number;
  env: Record<string, string>;
  files: Record<string, string>;
  handler: string;
  runtime: string;
  nodeVersion: string;
  functionName: string;
  functionVersion: string;
  functionArn: string;
  memoryMB: number;
  logGroupName: string;
  logStreamName: string;
  logFormat: 'Text' | 'JSON';
  /**
   * Size of the function's /tmp, MB (FunctionConfig.ephemeralStorageMB); absent: the Lambda default
   * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html).
   */
  ephemeralStorageMB?: number | undefined;
}

/**
 * Why the sandbox stopped running guest code. `host-stack-overflow`: a deep native recursion inside
 * QuickJS (e.g. `JSON.stringify` calling `toJSON` without end) exhausted the host's own stack before
 * QuickJS's stack check fired; the runtime is unusable afterwards (see {@link createSandbox}).
 */
export type StopReason = 'timeout' | 'wall-clock' | 'out-of-memory' | 'exit' | 'host-stack-overflow';

/**
 * Extra bytes QuickJS may allocate above the configured limit before its own allocator fails. The
 * configured limit is enforced by the interrupt poll instead (see {@link createSandbox}), so that a
 * heap that fills up with small objects ends as a clean out-of-memory stop rather than QuickJS's
 * last-resort `throw null` (it throws null when even the "out of memory" error cannot be allocated).
 * ILLUSTRATIVE: well above what a loop allocates between two interrupt polls (≈ 1 MB measured).
 */
export const MEMORY_HEADROOM_BYTES = 8 * 1024 * 1024;

/**
 * Smallest growth of QuickJS's allocation counter between two exact heap measurements, in the
 * counter's units (8 per block in this wasm build, see `findMallocSizeAddress`): the counter counts
 * blocks, not bytes, so only `computeMemoryUsage` (a heap walk) tells a heap of small objects from one
 * of large strings; the interrupt poll schedules those walks from an estimate (see `overMemoryLimit`).
 * ILLUSTRATIVE: 32 Ki blocks.
 */
export const EXACT_MEMORY_CHECK_UNITS = 32 * 1024 * 8;
/**
 * Bytes of ArrayBuffer data the guest may allocate between two exact measurements
 * ({@link Sandbox} `reserveMemory`): the prelude asks before each buffer, because QuickJS counts a
 * buffer of any size as one block and polls only every ≈ 10,000 bytecode steps, so a loop of
 * `new Uint8Array(1 << 24)` would otherwise reach gigabytes between two polls. ILLUSTRATIVE: 1 MiB.
 */
export const BUFFER_CHECK_BYTES = 1024 * 1024;

/** Callbacks and limits for {@link createSandbox}. */
export interface SandboxOptions {
  quickjs: QuickJSWASMModule;
  config: PreludeConfig;
  /** Initial QuickJS memory limit, bytes (-1: none); see {@link Sandbox.setMemoryLimit}. */
  memoryLimitBytes: number;
  maxStackBytes: number;
  /** Virtual ms since the process started. */
  now: () => number;
  /** Called on every QuickJS interrupt poll; return a reason to stop the guest. */
  onInterrupt: () => StopReason | null;
  /** Called once per user file the first time it is loaded, with its length (characters), to charge parse/compile time. */
  onSourceLoaded?: ((chars: number) => void) | undefined;
  onLog: (line: string) => void;
  resolveModule: ModuleResolver;
  services?: ServiceBridge | undefined;
  /** Time and request id handed to `services` with each call. */
  serviceInfo?: (() => ServiceCallInfo) | undefined;
}

/** Outcome of a call into the guest. */
export type GuestResult = { ok: true; value: unknown } | { ok: false; error: string; stop: StopReason | null };

/** A running sandbox. Dispose it exactly once. */
export interface Sandbox {
  /** Call a method of the prelude's control object with string/number arguments. */
  call: (method: string, ...args: Array<string | number>) => GuestResult;
  /** Start evaluating an ES module file; returns a promise handle id or an error. */
  evalMainModule: (path: string) => GuestResult;
  /** State of the main module's evaluation promise: 'pending' | 'fulfilled' | JSON of the init failure. */
  mainModuleState: () => { state: 'pending' | 'fulfilled' } | { state: 'rejected'; failure: string };
  /** Run queued promise jobs (microtasks). */
  runMicrotasks: () => GuestResult;
  /** QuickJS heap bytes in use (QuickJS's own count): a walk of the whole heap, ≈ 0.2-9 ms. */
  memoryUsedBytes: () => number;
  /**
   * Two cheap numbers that grow with the heap: QuickJS's block counter (8 units per block, see
   * `findMallocSizeAddress`) and the size of wasm memory, which grows for large blocks. Null when the counter
   * cannot be read. They tell whether a heap walk ({@link memoryUsedBytes}) could show anything new.
   */
  allocationCounters: () => { units: number; wasmBytes: number } | null;
  /**
   * Set the memory limit, bytes of QuickJS allocations. When the allocator counter can be read (see
   * {@link createSandbox}), the limit is checked at every interrupt poll and QuickJS's own hard limit
   * sits {@link MEMORY_HEADROOM_BYTES} above it; otherwise QuickJS enforces the limit itself.
   */
  setMemoryLimit: (bytes: number) => void;
  /**
   * True when the heap, measured exactly, is at or above the limit. Cheap when nothing grew: the heap is
   * only measured when QuickJS's block counter or the wasm memory grew since the last measurement.
   */
  overMemoryLimit: () => boolean;
  /** The reason guest code was stopped, if any. */
  stopReason: () => StopReason | null;
  /**
   * Keep this runtime instead of freeing it at dispose: the executor calls it when the environment ran
   * out of memory, because a heap that large can hold objects QuickJS counts but cannot free, and
   * freeing such a runtime aborts the whole wasm module (JS_FreeRuntime gc_obj_list assertion).
   */
  quarantine: () => void;
  /** Forget the stop reason (to read diagnostics after a stop). */
  clearStop: () => void;
  /** Exit code passed to process.exit, if called. */
  exitCode: () => number | null;
  dispose: () => void;
}

function isRelative(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/');
}

let preludeText: string | null = null;

/**
 * Source text of the prelude function every sandbox evaluates: `(function (host, configJson) {…})` around
 * prelude-runtime.ts. The same string for the whole host process.
 */
export function preludeSource(): string {
  preludeText ??= `(function (host, configJson) {\n  return (${runtimeSource.toString()})(host, JSON.parse(configJson));\n})`;
  return preludeText;
}

/**
 * What every sandbox starts from: a new runtime and context in which {@link preludeSource} is evaluated (its
 * function compiled, not yet called). Nothing else has happened in them.
 */
export interface PreludeStart {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  /** The prelude function; createSandbox calls it with the host object and the configuration. */
  preludeFn: QuickJSHandle;
  /**
   * How many times QuickJS polled for interrupts while it evaluated the prelude (it polls while compiling a large
   * script). createSandbox passes each poll on to its interrupt handler once that is in place, as if it had been
   * there from the start: every poll is guest CPU time on the virtual clock.
   */
  interruptPolls: number;
  /**
   * Where QuickJS's allocation counter of this runtime is in wasm memory (found before the prelude was compiled,
   * while the heap is small to walk), or null when it could not be found; see findMallocSizeAddress.
   */
  mallocSizeAddress: number | null;
}

/**
 * The first steps of {@link createSandbox}, on their own so that a host can keep their result: a new runtime and
 * context of `quickjs`, and the prelude evaluated in them (QuickJS compiles it: ≈ 10-20 ms). Throws on host bugs.
 */
export function startPrelude(quickjs: QuickJSWASMModule): PreludeStart {
  const runtime = quickjs.newRuntime();
  let interruptPolls = 0;
  runtime.setInterruptHandler(() => {
    interruptPolls++;
    return false;
  });
  const context = runtime.newContext();
  const mallocSizeAddress = findMallocSizeAddress(quickjs, runtime, context);
  const r = context.evalCode(preludeSource(), RUNTIME_FILENAME, { type: 'global', strict: true });
  if (r.error) {
    const msg = JSON.stringify(context.dump(r.error));
    r.error.dispose();
    context.dispose();
    runtime.dispose();
    throw new Error(`Lambda Triage prelude failed to evaluate: ${msg}`);
  }
  return { runtime, context, preludeFn: r.value, interruptPolls, mallocSizeAddress };
}

/** Per QuickJS module: where createSandbox takes a ready {@link PreludeStart} from before making one. */
const preludeStartSources = new WeakMap<QuickJSWASMModule, () => PreludeStart | null>();

/**
 * Gives createSandbox a source of ready prelude starts for `quickjs`: it calls `take` for each new sandbox and
 * makes its own start when `take` answers null. A start must be exactly what {@link startPrelude} gives on a fresh
 * module (the CLI restores one from a memory image of that, src/cli/quickjs.ts), so a sandbox behaves the same
 * either way. Replaces an earlier source.
 */
export function setPreludeStartSource(quickjs: QuickJSWASMModule, take: () => PreludeStart | null): void {
  preludeStartSources.set(quickjs, take);
}

/** Create a sandbox: a fresh QuickJS runtime with the prelude evaluated. Throws only on host bugs. */
export function createSandbox(opts: SandboxOptions): Sandbox {
  // The runtime, its context and the compiled prelude come first, before the limits and host functions below,
  // so that a start taken from setPreludeStartSource is in the same state as one made here.
  const start = preludeStartSources.get(opts.quickjs)?.() ?? startPrelude(opts.quickjs);
  const runtime: QuickJSRuntime = start.runtime;
  const ctx: QuickJSContext = start.context;
  let stop: StopReason | null = null;
  let exitCode: number | null = null;
  let tainted = false;
  // Set after the host's own stack overflowed inside QuickJS: the C code was abandoned mid-way, so
  // the runtime is never entered again and is quarantined instead of freed.
  let broken = false;
  let lastMemoryUsed = 0;
  let mallocSize: (() => number | null) | null = null;
  let softLimit = -1;
  const applyLimit = (bytes: number): void => {
    softLimit = bytes;
    runtime.setMemoryLimit(bytes < 0 || !mallocSize ? bytes : bytes + MEMORY_HEADROOM_BYTES);
  };
  // Exact measurements (computeMemoryUsage walks the heap, ≈ 1-50 ms) are scheduled from an estimate:
  // the bytes measured last time, plus the block counter's growth at the bytes per unit measured then,
  // plus any growth of wasm memory (large blocks). A measurement is due when the estimate has covered
  // half the distance to the limit, so a heap that grows towards the limit is measured O(log n) times.
  let lastExact = { units: 0, bytes: 0, wasm: 0, due: 0 };
  let pollsSinceExact = 0;
  let bufferBytesSinceExact = 0;
  const wasmBytes = (): number => (opts.quickjs as unknown as { module?: { HEAPU8?: Uint8Array } }).module?.HEAPU8?.length ?? 0;
  const overMemoryLimit = (): boolean => {
    if (softLimit < 0 || broken) return false;
    const units = mallocSize ? mallocSize() : null;
    const wasm = wasmBytes();
    pollsSinceExact++;
    if (units === null) {
      // Without the counter, measure every 64th poll (ILLUSTRATIVE) or when wasm memory grew.
      if (pollsSinceExact < 64 && wasm === lastExact.wasm) return false;
    } else {
      const perUnit = lastExact.units > 0 ? lastExact.bytes / lastExact.units : 1;
      const estimate = lastExact.bytes + Math.max(0, units - lastExact.units) * perUnit + Math.max(0, wasm - lastExact.wasm);
      if (estimate < lastExact.due && units - lastExact.units < EXACT_MEMORY_CHECK_UNITS * 64) return false;
    }
    return exactOverLimit(units ?? 0, wasm);
  };
  function exactOverLimit(units: number, wasm: number): boolean {
    const bytes = memoryUsedBytes();
    pollsSinceExact = 0;
    bufferBytesSinceExact = 0;
    const perUnit = units > 0 ? bytes / units : 1;
    lastExact = { units, bytes, wasm, due: bytes + Math.max(EXACT_MEMORY_CHECK_UNITS * perUnit, (softLimit - bytes) / 2) };
    return bytes >= softLimit;
  }
  runtime.setMaxStackSize(opts.maxStackBytes);
  const onInterrupt = (): boolean => {
    if (stop !== null) return true;
    const r = opts.onInterrupt();
    if (r !== null) {
      stop = r;
      return true;
    }
    if (overMemoryLimit()) {
      stop = 'out-of-memory';
      return true;
    }
    return false;
  };
  runtime.setInterruptHandler(onInterrupt);
  // The polls of the prelude's evaluation (see PreludeStart.interruptPolls), charged as if the handler had been in
  // place then. Nothing has run that could stop here.
  for (let i = 0; i < start.interruptPolls; i++) onInterrupt();
  const readWord = start.mallocSizeAddress === null ? null : wasmWordReader(opts.quickjs, runtime);
  const sizeAddress = start.mallocSizeAddress;
  mallocSize = readWord && sizeAddress !== null ? () => readWord(sizeAddress) : null;
  applyLimit(opts.memoryLimitBytes);
  let control: QuickJSHandle | null = null;
  let mainPromise: QuickJSHandle | null = null;
  const files = opts.config.files;
  // User files as QuickJS runs them (async functions routed through the prelude's tracker) and the
  // position maps back to the user's text; see user-source.ts.
  const prepared = new Map<string, PreparedSource>();
  const handlerSites = new Map<string, { offset: number; exportName: string }>();
  const userFile = (path: string, source: string): boolean =>
    Object.prototype.hasOwnProperty.call(files, path) && files[path] === source;
  const prepare = (path: string, source: string, kind: 'cjs' | 'esm'): PreparedSource => {
    const key = `${kind}:${path}`;
    let p = prepared.get(key);
    if (!p) {
      p = isTypeScriptPath(path) ? prepareTypeScriptSource(source, kind, path) : prepareUserSource(source, kind, path);
      prepared.set(key, p);
      opts.onSourceLoaded?.(source.length);
    }
    return p;
  };
  // Node's module resolution over the function's files (module-resolution.ts), shared by require and import.
  const resolver = createModuleResolver(createRecordFileView(files));
  const formats = new Map<string, ModuleFormat>();
  /** How Node runs a file; a `.ts` file is judged by its stripped JavaScript (typescript.ts). */
  const formatOf = (path: string): ModuleFormat => {
    let f = formats.get(path);
    if (!f) {
      let js: string | undefined;
      if (path.endsWith('.ts')) {
        const stripped = stripTypeScript(files[path] ?? '', path);
        js = stripped.ok ? stripped.code : '';
      }
      f = resolver.format(path, js);
      formats.set(path, f);
    }
    return f;
  };
  const preparedFor = (path: string): PreparedSource | undefined => prepared.get(`esm:${path}`) ?? prepared.get(`cjs:${path}`);
  /** The handler's export name when the function starting at `fnStart` in `path` is the handler, else ''. */
  const handlerExportAt = (path: string, fnStart: number): string => {
    const site = handlerSites.get(path);
    return site && site.offset === fnStart ? site.exportName : '';
  };
  const esmSource = (path: string): string => {
    const source = files[path] ?? '';
    return userFile(path, source) ? prepare(path, source, 'esm').code : source;
  };

  // quickjs-emscripten 0.32 ignores a normalizer failure (the loader is then called with an empty
  // name), so the normalizer returns a `missing:` id and the loader fails with Node's error.
  const missingModule = (message: string, code = 'ERR_MODULE_NOT_FOUND'): string => `missing:${code}:${encodeURIComponent(message)}`;
  const missingModuleError = (id: string): QuickJSHandle => {
    const rest = id.slice('missing:'.length);
    const code = rest.slice(0, rest.indexOf(':'));
    const message = decodeURIComponent(rest.slice(code.length + 1));
    const e = ctx.newError({ name: 'Error', message });
    for (const [k, v] of [['name', 'Error'], ['message', message]] as const) {
      const h = ctx.newString(v);
      ctx.defineProp(e, k, { value: h, enumerable: false, configurable: true });
      h.dispose();
    }
    const codeH = ctx.newString(code);
    ctx.setProp(e, 'code', codeH);
    codeH.dispose();
    const stack = ctx.newString(`Error [${code}]: ${message}`);
    ctx.setProp(e, 'stack', stack);
    stack.dispose();
    return e;
  };

  const callControlForString = (method: string, ...args: string[]): string => {
    const r = call(method, ...args);
    if (!r.ok) throw new Error(`prelude ${method} failed: ${r.error}`);
    return String(r.value);
  };

  // ES module resolution: relative files must exist exactly (no extension search, as in Node's ESM);
  // built-ins and simulated packages are re-exported through generated shims.
  runtime.setModuleLoader(
    (name) => {
      try {
        if (name.startsWith('missing:')) return { error: missingModuleError(name) };
        if (name.startsWith('builtin:')) return callControlForString('esmShim', 'builtin', name.slice(8));
        if (name.startsWith('sim:')) {
          const spec = name.slice(4);
          const mod = opts.resolveModule(spec);
          if (mod && mod.format === 'esm') return mod.source;
          return callControlForString('esmShim', 'sim', spec);
        }
        if (formatOf(name) === 'esm') return esmSource(name);
        return callControlForString('esmShim', 'cjs', name);
      } catch (e) {
        // A CommonJS module (or built-in) that throws while an ES module imports it: the import fails
        // with that module's error, as in Node, not with the simulator's wrapper text.
        const m = e instanceof Error ? /^prelude esmShim failed: (\w*Error): ([^]*)$/.exec(e.message) : null;
        if (m) {
          const err = new Error(m[2]);
          err.name = m[1]!;
          return { error: err };
        }
        return { error: e instanceof Error ? e : new Error(String(e)) };
      }
    },
    (base, requested) => {
      const bare = requested.startsWith('node:') ? requested.slice(5) : requested;
      if (BUILTIN_MODULES.includes(bare)) return `builtin:${bare}`;
      if (!isRelative(requested) && !requested.startsWith('#') && opts.resolveModule(requested)) return `sim:${requested}`;
      // Node's ES module resolver (module-resolution.ts): exact relative files, node_modules, exports, imports.
      // A missing package reads "Cannot find package 'aws-sdk' imported from /var/task/index.mjs" (errorType
      // Error: the RIC wraps only MODULE_NOT_FOUND into Runtime.ImportModuleError,
      // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/UserFunction.js).
      const r = resolver.resolve(requested, base, 'import');
      if (r.ok) return r.path;
      return missingModule(r.message, r.code);
    },
  );

  const host = ctx.newObject();
  const fn = (name: string, impl: (...args: QuickJSHandle[]) => QuickJSHandle | { error: QuickJSHandle } | void) => {
    const f = ctx.newFunction(name, impl);
    ctx.setProp(host, name, f);
    f.dispose();
  };
  fn('now', () => ctx.newNumber(opts.now()));
  fn('emit', (line) => {
    opts.onLog(ctx.getString(line as QuickJSHandle));
  });
  fn('compile', (pathH, sourceH) => {
    const path = ctx.getString(pathH as QuickJSHandle);
    const source = ctx.getString(sourceH as QuickJSHandle);
    // Node's CommonJS wrapper, kept on the first line so line numbers match (user-source.ts).
    const wrapped = userFile(path, source)
      ? prepare(path, source, 'cjs').code
      : `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
    const r = ctx.evalCode(wrapped, path, { type: 'global', strict: false });
    if (r.error) return { error: r.error };
    return r.value;
  });
  fn('requireEsm', (pathH) => {
    const path = ctx.getString(pathH as QuickJSHandle);
    const source = path.startsWith('sim:') ? (opts.resolveModule(path.slice(4))?.source ?? '') : esmSource(path);
    const r = ctx.evalCode(source, path, { type: 'module' });
    if (r.error) return { error: r.error };
    const state = ctx.getPromiseState(r.value);
    if (state.type === 'fulfilled') {
      if (!state.notAPromise) r.value.dispose();
      return state.value;
    }
    if (state.type === 'rejected') {
      r.value.dispose();
      return { error: state.error };
    }
    r.value.dispose();
    const e = ctx.newError({ name: 'Error', message: `require() cannot be used on an ESM graph with top-level await. Use import() instead.\n  From ${path} ` });
    return { error: e };
  });
  // A QuickJS frame position in a user file, as JSON: the original column (`raw`), the column V8 would
  // print (`column`), whether it lies in inserted wrapper text, and the enclosing function's names.
  fn('frameInfo', (pathH, lineH, colH, topH) => {
    const path = ctx.getString(pathH as QuickJSHandle);
    const line = ctx.getNumber(lineH as QuickJSHandle);
    const col = ctx.getNumber(colH as QuickJSHandle);
    const top = topH !== undefined && ctx.dump(topH as QuickJSHandle) === true;
    const p = preparedFor(path);
    if (!p) return ctx.newString('null');
    const f = p.frame(line, col, top);
    return ctx.newString(
      JSON.stringify({ line: f.line, raw: f.rawColumn, column: f.column, synthetic: f.synthetic, mapped: p.transformed, fn: f.fn, handler: handlerExportAt(path, f.fnStart) }),
    );
  });
  fn('v8Column', (pathH, lineH, colH, kindH, nameH) => {
    const p = preparedFor(ctx.getString(pathH as QuickJSHandle));
    const kind = ctx.getString(kindH as QuickJSHandle);
    const name = nameH ? ctx.getString(nameH as QuickJSHandle) : '';
    if (!p || (kind !== 'not-defined' && kind !== 'assign')) return ctx.newNumber(0);
    return ctx.newNumber(p.v8Column(ctx.getNumber(lineH as QuickJSHandle), ctx.getNumber(colH as QuickJSHandle), kind, name) ?? 0);
  });
  // `await` sites ("path:line:col", original coordinates; a JSON list) → the frame V8 prints for
  // each (`at async NAME (…)`), or null where the function is already among the error's synchronous
  // frames (`rawStack`, QuickJS coordinates), for which V8 prints no async frame.
  fn('asyncFrames', (sitesH, rawH) => {
    const sites = JSON.parse(ctx.getString(sitesH as QuickJSHandle)) as string[];
    const raw = ctx.getString(rawH as QuickJSHandle);
    // The functions of the synchronous frames, once for all sites.
    const syncFunctions = new Set<string>();
    for (const f of raw.matchAll(/\((\/var\/task\/[^():]+):(\d+):(\d+)\)/g)) {
      const fr = preparedFor(f[1]!)?.frame(Number(f[2]), Number(f[3]));
      if (fr && !fr.synthetic) syncFunctions.add(`${f[1]}#${fr.fnStart}`);
    }
    const out = sites.map((site) => {
      const m = /^(.*):(\d+):(\d+)$/.exec(site);
      const p = m ? preparedFor(m[1]!) : undefined;
      if (!m || !p) return null;
      const path = m[1]!;
      const at = p.functionAtPosition(Number(m[2]), Number(m[3]));
      if (syncFunctions.has(`${path}#${at.fnStart}`)) return null;
      const ts = (p as Partial<TypeScriptPreparedSource>).sourceColumn;
      const column = ts ? ts(Number(m[2]), Number(m[3])) : Number(m[3]);
      return { path, line: Number(m[2]), column, mapped: p.transformed, fn: at.fn, handler: handlerExportAt(path, at.fnStart) };
    });
    return ctx.newString(JSON.stringify(out));
  });
  fn('generatedColumn', (pathH, lineH, colH) => {
    const p = preparedFor(ctx.getString(pathH as QuickJSHandle));
    const line = ctx.getNumber(lineH as QuickJSHandle);
    const col = ctx.getNumber(colH as QuickJSHandle);
    return ctx.newNumber(p ? p.generatedColumn(line, col) : col);
  });
  // The handler's source text (Function.prototype.toString) → where it starts in which user file, so
  // its frames get V8's `Runtime.handler` name (the runtime calls it as a method of its Runtime object).
  fn('markHandler', (textH, exportH) => {
    const text = ctx.getString(textH as QuickJSHandle);
    const exportName = ctx.getString(exportH as QuickJSHandle);
    for (const [key, p] of prepared) {
      const offset = p.locate(text);
      if (offset !== null) {
        handlerSites.set(key.slice(key.indexOf(':') + 1), { offset, exportName });
        return;
      }
    }
  });
  // A user function's `toString()` text → the text the user wrote (without the simulator's insertions).
  fn('originalSource', (textH) => {
    const text = ctx.getString(textH as QuickJSHandle);
    for (const p of prepared.values()) {
      const o = p.original(text);
      if (o !== null) return ctx.newString(o);
    }
    return ctx.newString(text);
  });
  fn('memoryUsage', () => {
    const used = memoryUsedBytes();
    const o = ctx.newObject();
    for (const [k, v] of [['rss', used], ['heapTotal', opts.memoryLimitBytes], ['heapUsed', used], ['external', 0], ['arrayBuffers', 0]] as const) {
      const n = ctx.newNumber(v);
      ctx.setProp(o, k, n);
      n.dispose();
    }
    return o;
  });
  fn('exit', (codeH) => {
    exitCode = ctx.getNumber(codeH as QuickJSHandle);
    stop = 'exit';
  });
  fn('oom', () => {
    stop = 'out-of-memory';
  });
  // The prelude asks before it creates an ArrayBuffer or typed array of `bytes` (see BUFFER_CHECK_BYTES).
  // Over the limit: the environment is out of memory (Lambda ends a process whose memory passes its size:
  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html); a single buffer larger than
  // the whole limit only fails (V8 throws RangeError "Array buffer allocation failed" when the allocator
  // refuses; that the process survives it on Lambda is UNVERIFIED). Answers true when the buffer may be made.
  fn('reserveMemory', (bytesH) => {
    const bytes = ctx.getNumber(bytesH as QuickJSHandle);
    if (softLimit < 0 || broken || !(bytes > 0)) return ctx.true;
    if (bytes >= softLimit) return ctx.false;
    bufferBytesSinceExact += bytes;
    if (bufferBytesSinceExact < BUFFER_CHECK_BYTES) return ctx.true;
    if (!exactOverLimit(mallocSize?.() ?? 0, wasmBytes()) && lastExact.bytes + bytes < softLimit) return ctx.true;
    stop = 'out-of-memory';
    return ctx.false;
  });
  // Node's syntax detection for an ambiguous .js file of the function (user-source.ts hasModuleSyntax).
  fn('hasModuleSyntax', (pathH) => (hasModuleSyntax(opts.config.files[ctx.getString(pathH as QuickJSHandle)] ?? '') ? ctx.true : ctx.false));
  // Node's resolution for the prelude's require(): JSON { ok, path } or { ok: false, code, message }.
  fn('resolve', (specH, parentH, kindH) => {
    const kind = ctx.getString(kindH as QuickJSHandle) === 'import' ? 'import' : 'require';
    return ctx.newString(JSON.stringify(resolver.resolve(ctx.getString(specH as QuickJSHandle), ctx.getString(parentH as QuickJSHandle), kind)));
  });
  fn('moduleFormat', (pathH) => ctx.newString(formatOf(ctx.getString(pathH as QuickJSHandle))));
  // V8's message for a syntax error in a user file (v8-syntax-errors.ts, acorn on the host): JSON or ''.
  fn('v8SyntaxError', (pathH) => {
    const path = ctx.getString(pathH as QuickJSHandle);
    const source = files[path];
    if (typeof source !== 'string' || path.endsWith('.ts') || path.endsWith('.json')) return ctx.newString('');
    const found = findV8SyntaxError(source, formatOf(path) === 'esm' ? 'esm' : 'cjs');
    return ctx.newString(found ? JSON.stringify(found) : '');
  });
  // A built-in module of builtins/ (evaluated on first require, its frames hidden as the runtime's).
  fn('builtin', (nameH) => {
    const name = ctx.getString(nameH as QuickJSHandle);
    const source = Object.prototype.hasOwnProperty.call(BUILTIN_SOURCES, name) ? BUILTIN_SOURCES[name] : undefined;
    if (source === undefined) return { error: ctx.newError(`No built-in module "${name}" in the Lambda Triage simulator.`) };
    const r = ctx.evalCode(source, RUNTIME_FILENAME, { type: 'global', strict: true });
    if (r.error) return { error: r.error };
    return r.value;
  });
  // A part of the runtime evaluated on first use (prelude-parts.ts), its frames hidden as the runtime's.
  fn('runtimePart', (nameH) => {
    const name = ctx.getString(nameH as QuickJSHandle);
    const source = runtimePartSource(name);
    if (source === undefined) return { error: ctx.newError(`No runtime part "${name}" in the Lambda Triage simulator.`) };
    countRuntimePartEvaluation(name);
    const r = ctx.evalCode(source, RUNTIME_FILENAME, { type: 'global', strict: true });
    if (r.error) return { error: r.error };
    return r.value;
  });
  // The environment's /tmp (builtins/tmp-fs.ts): lives as long as this sandbox, so it survives warm
  // invocations and starts empty on a cold start. Its bytes are host memory, not the guest's heap.
  const tmpFs = createTmpFs((opts.config.ephemeralStorageMB ?? DEFAULT_EPHEMERAL_STORAGE_MB) * BYTES_PER_STORAGE_MB);
  fn('tmpFs', (opH, pathH, argH, bufferH, offsetH, lengthH) => {
    const arg = JSON.parse(ctx.getString(argH as QuickJSHandle)) as Record<string, unknown> | null;
    let data: Uint8Array | null = null;
    if (bufferH !== undefined && offsetH !== undefined && lengthH !== undefined) {
      const offset = ctx.getNumber(offsetH as QuickJSHandle);
      const view = ctx.getArrayBuffer(bufferH as QuickJSHandle);
      data = view.value.slice(offset, offset + ctx.getNumber(lengthH as QuickJSHandle));
      view.dispose();
    }
    const r = tmpFs.run(ctx.getString(opH as QuickJSHandle), ctx.getString(pathH as QuickJSHandle), arg, data, opts.config.epochMs + opts.now());
    const o = ctx.newObject();
    const json = ctx.newString(JSON.stringify(r.ok ? { ok: true, value: r.value } : r));
    ctx.setProp(o, 'json', json);
    json.dispose();
    if (r.ok && r.data) {
      const bytes = ctx.newArrayBuffer(r.data.slice().buffer);
      ctx.setProp(o, 'data', bytes);
      bytes.dispose();
    }
    return o;
  });
  fn('hasServices', () => (opts.services ? ctx.true : ctx.false));
  fn('hasSimModule', (specH) => (opts.resolveModule(ctx.getString(specH as QuickJSHandle)) ? ctx.true : ctx.false));
  fn('simModule', (specH) => {
    const mod = opts.resolveModule(ctx.getString(specH as QuickJSHandle));
    const o = ctx.newObject();
    const f = ctx.newString(mod?.format ?? 'cjs');
    const s = ctx.newString(mod?.source ?? '');
    ctx.setProp(o, 'format', f);
    ctx.setProp(o, 'source', s);
    f.dispose();
    s.dispose();
    return o;
  });
  fn('call', (nameH, payloadH) => {
    const name = ctx.getString(nameH as QuickJSHandle);
    const payload: unknown = JSON.parse(ctx.getString(payloadH as QuickJSHandle));
    let out: ServiceResult;
    if (!opts.services) {
      out = { error: { name: 'Error', message: `No simulated service handles "${name}" in the Lambda Triage simulator.` } };
    } else {
      try {
        out = opts.services(name, payload, opts.serviceInfo ? opts.serviceInfo() : { nowMs: opts.now(), requestId: null });
      } catch (e) {
        out = { error: { name: 'Error', message: e instanceof Error ? e.message : String(e) } };
      }
    }
    return ctx.newString(JSON.stringify({ latencyMs: 0, ...out }));
  });

  // Call the prelude (evaluated by startPrelude): (runtime source)(host, config) gives control. The parts it needs
  // only sometimes (prelude-parts.ts: util.inspect, error rewriting, Buffer, URL, the web globals, …) are evaluated
  // on first use.
  const cfg = ctx.newString(JSON.stringify(opts.config));
  const controlResult = ctx.callFunction(start.preludeFn, ctx.undefined, host, cfg);
  cfg.dispose();
  start.preludeFn.dispose();
  host.dispose();
  if (controlResult.error) {
    const msg = JSON.stringify(ctx.dump(controlResult.error));
    controlResult.error.dispose();
    ctx.dispose();
    runtime.dispose();
    throw new Error(`Lambda Triage prelude failed to start: ${msg}`);
  }
  control = controlResult.value;

  function describeError(h: QuickJSHandle): string {
    try {
      const d: unknown = ctx.dump(h);
      if (d && typeof d === 'object') {
        const o = d as { name?: unknown; message?: unknown };
        return `${String(o.name)}: ${String(o.message)}`;
      }
      return String(d);
    } catch {
      return 'unknown error';
    }
  }

  /**
   * Run `body`, which enters QuickJS. A host `RangeError` thrown out of the wasm code means the host's
   * native stack ran out inside a QuickJS C recursion (JSON.stringify → toJSON → … is the usual path:
   * measured, it exhausts the host stack before QuickJS's own 256 KiB check fires). QuickJS could not
   * unwind, so the runtime is marked broken and never entered again.
   */
  function guarded(body: () => GuestResult): GuestResult {
    if (broken) return { ok: false, error: HOST_STACK_MESSAGE, stop };
    try {
      return body();
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      broken = true;
      tainted = true;
      stop = 'host-stack-overflow';
      return { ok: false, error: HOST_STACK_MESSAGE, stop };
    }
  }

  function call(method: string, ...args: Array<string | number>): GuestResult {
    return guarded(() => callUnguarded(method, ...args));
  }

  function callUnguarded(method: string, ...args: Array<string | number>): GuestResult {
    if (!control) return { ok: false, error: 'sandbox disposed', stop };
    const f = ctx.getProp(control, method);
    const handles = args.map((a) => (typeof a === 'number' ? ctx.newNumber(a) : ctx.newString(a)));
    let r;
    try {
      r = ctx.callFunction(f, control, handles);
    } finally {
      for (const h of handles) h.dispose();
      f.dispose();
    }
    if (r.error) {
      const msg = describeError(r.error);
      r.error.dispose();
      return { ok: false, error: msg, stop };
    }
    let value: unknown;
    try {
      value = ctx.dump(r.value);
    } finally {
      r.value.dispose();
    }
    return { ok: true, value };
  }

  function callWithHandle(method: string, arg: QuickJSHandle): GuestResult {
    return guarded(() => callWithHandleUnguarded(method, arg));
  }

  function callWithHandleUnguarded(method: string, arg: QuickJSHandle): GuestResult {
    if (!control) return { ok: false, error: 'sandbox disposed', stop };
    const f = ctx.getProp(control, method);
    const r = ctx.callFunction(f, control, arg);
    f.dispose();
    if (r.error) {
      const msg = describeError(r.error);
      r.error.dispose();
      return { ok: false, error: msg, stop };
    }
    const value: unknown = ctx.dump(r.value);
    r.value.dispose();
    return { ok: true, value };
  }

  function memoryUsedBytes(): number {
    if (broken) return lastMemoryUsed;
    lastMemoryUsed = memoryUsedBytesUnguarded();
    return lastMemoryUsed;
  }

  function memoryUsedBytesUnguarded(): number {
    const mu = runtime.computeMemoryUsage();
    try {
      const v = ctx.getProp(mu, 'memory_used_size');
      const n = ctx.getNumber(v);
      v.dispose();
      return n;
    } finally {
      mu.dispose();
    }
  }

  return {
    call,
    evalMainModule(path) {
      return guarded(() => {
        const r = ctx.evalCode(esmSource(path), path, { type: 'module' });
        if (r.error) {
          // Link/parse errors: let the prelude wrap and log them like the RIC does.
          const d = callWithHandle('initFailure', r.error);
          r.error.dispose();
          return d.ok ? { ok: false, error: String(d.value), stop } : d;
        }
        mainPromise = r.value;
        return { ok: true, value: null };
      });
    },
    mainModuleState() {
      if (!mainPromise || broken) return { state: 'rejected', failure: 'null' };
      const st = ctx.getPromiseState(mainPromise);
      if (st.type === 'pending') return { state: 'pending' };
      if (st.type === 'fulfilled') {
        const r = callWithHandle('finishEsm', st.value);
        if (!st.notAPromise) st.value.dispose();
        mainPromise.dispose();
        mainPromise = null;
        if (!r.ok) return { state: 'rejected', failure: 'null' };
        return { state: 'fulfilled' };
      }
      const d = callWithHandle('initFailure', st.error);
      st.error.dispose();
      mainPromise.dispose();
      mainPromise = null;
      return { state: 'rejected', failure: d.ok ? String(d.value) : 'null' };
    },
    runMicrotasks() {
      return guarded(() => {
        const r = runtime.executePendingJobs(-1);
        // A promise job interrupted (timeout, OOM) leaks QuickJS objects; freeing that runtime would
        // abort the whole wasm module (JS_FreeRuntime gc_obj_list assertion), so it is quarantined.
        if (stop !== null && stop !== 'exit') tainted = true;
        if (r.error) {
          const msg = describeError(r.error);
          r.error.dispose();
          return { ok: false, error: msg, stop };
        }
        r.dispose();
        return { ok: true, value: null };
      });
    },
    memoryUsedBytes,
    allocationCounters() {
      const units = mallocSize && !broken ? mallocSize() : null;
      return units === null ? null : { units, wasmBytes: wasmBytes() };
    },
    setMemoryLimit: applyLimit,
    overMemoryLimit,
    stopReason: () => stop,
    quarantine: () => {
      tainted = true;
    },
    clearStop: () => {
      // A broken runtime stays stopped: nothing may run in it again.
      if (!broken) stop = null;
    },
    exitCode: () => exitCode,
    dispose() {
      if (mainPromise) {
        mainPromise.dispose();
        mainPromise = null;
      }
      if (broken) {
        // Handles of a runtime abandoned mid-call cannot be freed safely either.
        control = null;
        quarantinedRuntimes++;
        return;
      }
      if (control) {
        control.dispose();
        control = null;
      }
      if (tainted) {
        quarantinedRuntimes++;
        return;
      }
      ctx.dispose();
      runtime.dispose();
    },
  };
}

/** What a broken sandbox reports for every call (V8's text for the same condition). */
const HOST_STACK_MESSAGE = 'RangeError: Maximum call stack size exceeded';

/** Byte offset of `malloc_state.malloc_limit` searched for in QuickJS's `JSRuntime` struct. */
const RUNTIME_STRUCT_SCAN_BYTES = 64;

/**
 * Where QuickJS's allocation counter (`JSRuntime.malloc_state.malloc_size`) is in wasm memory, or null: read
 * there, it is a cheap measure of the heap. `computeMemoryUsage` walks the whole heap (≈ 0.2-9 ms measured), too
 * slow for every interrupt poll; the counter itself is one 32-bit word in wasm memory. quickjs-emscripten exposes
 * neither, so the word is located once per runtime (startPrelude, before the prelude fills the heap): set a
 * distinctive limit, find it in the first bytes of the struct (`malloc_limit`, right after `malloc_size`), and check
 * its neighbours (`malloc_count`, `malloc_size`) against `computeMemoryUsage`. If anything does not match (another
 * QuickJS build), the address is null and QuickJS's own limit applies.
 */
function findMallocSizeAddress(quickjs: QuickJSWASMModule, runtime: QuickJSRuntime, ctx: QuickJSContext): number | null {
  try {
    const ptr = (runtime as unknown as { rt?: { value?: unknown } }).rt?.value;
    const read = wasmWordReader(quickjs, runtime);
    if (!read || typeof ptr !== 'number' || ptr <= 0) return null;
    const marker = 0x7a3c_51e8;
    runtime.setMemoryLimit(marker);
    let limitOffset = -1;
    for (let off = 4; off < RUNTIME_STRUCT_SCAN_BYTES; off += 4) {
      if (read(ptr + off) === marker) {
        limitOffset = off;
        break;
      }
    }
    runtime.setMemoryLimit(-1);
    if (limitOffset < 0) return null;
    const sizeAddr = ptr + limitOffset - 4;
    const mu = runtime.computeMemoryUsage();
    // Two numbers read directly (ctx.dump would serialise the whole report to JSON and back inside QuickJS).
    const readNumber = (key: string): number | undefined => {
      const h = ctx.getProp(mu, key);
      const v = ctx.typeof(h) === 'number' ? ctx.getNumber(h) : undefined;
      h.dispose();
      return v;
    };
    const reported = { malloc_count: readNumber('malloc_count'), memory_used_size: readNumber('memory_used_size') };
    mu.dispose();
    // The dump has no malloc_size; the word before it is malloc_count (same struct). Each block adds
    // at least its 8-byte overhead to malloc_size (this wasm build has no malloc_usable_size, so
    // measured: exactly 8 per block; the limit QuickJS enforces is in these units too).
    const count = read(sizeAddr - 4);
    const size = read(sizeAddr);
    const { malloc_count: mc, memory_used_size: mus } = reported;
    if (typeof mc !== 'number' || typeof mus !== 'number' || count === null || size === null) return null;
    if (Math.abs(count - mc) > 256 || size < count * 8 || size > count * 8 + mus * 4) return null;
    return sizeAddr;
  } catch {
    return null;
  }
}

/** A reader of 32-bit words of the module's wasm memory, or null when the module does not expose it. */
function wasmWordReader(quickjs: QuickJSWASMModule, runtime: QuickJSRuntime): ((addr: number) => number | null) | null {
  const mod = (quickjs as unknown as { module?: { HEAPU8?: Uint8Array } }).module ?? (runtime as unknown as { module?: { HEAPU8?: Uint8Array } }).module;
  if (!mod) return null;
  return (addr: number): number | null => {
    const heap = mod.HEAPU8; // re-read: the view is replaced when wasm memory grows
    if (!heap || addr + 4 > heap.length) return null;
    return (heap[addr]! | (heap[addr + 1]! << 8) | (heap[addr + 2]! << 16) | (heap[addr + 3]! << 24)) >>> 0;
  };
}

let quarantinedRuntimes = 0;

/**
 * Runtimes not freed because a promise job was interrupted inside them (see runMicrotasks). Their
 * wasm memory stays allocated; tests assert this stays 0 for ordinary outcomes.
 */
export function quarantinedRuntimeCount(): number {
  return quarantinedRuntimes;
}
