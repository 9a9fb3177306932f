/**
 * The Lambda runtime *process* for the Node runner, run in a worker thread by `node-executor.ts`: real
 * Node.js, the user's real files and `node_modules`. It does what AWS's Node.js runtime interface client
 * (RIC) does around the user's code and nothing the Lambda service does (START/END/REPORT come from the
 * service). Each piece follows the RIC file named next to it:
 * https://github.com/aws/aws-lambda-nodejs-runtime-interface-client (snapshot da5777a), `src/…`.
 *
 * Time: with `clock: 'virtual'` the process runs on @sinonjs/fake-timers (timers, Date, performance,
 * hrtime); the driver below advances that clock by the real time the code spends running, and jumps it
 * to the next timer when the code only waits, so a 300 s timeout takes milliseconds. With `clock:
 * 'real'` nothing is faked.
 *
 * This file runs only inside the worker (Node built-ins allowed; never imported by the engine).
 */
import { parentPort, workerData, receiveMessageOnPort, threadId } from 'node:worker_threads';
import { createRequire, registerHooks, stripTypeScriptTypes, syncBuiltinESMExports } from 'node:module';
import { createHash } from 'node:crypto';
import { parse as acornParse } from 'acorn';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import * as util from 'node:util';
import * as v8 from 'node:v8';
import FakeTimers from '@sinonjs/fake-timers';
import type { FromWorker, PhaseEnd, ToWorker, WorkerStart } from './protocol.ts';

const start = workerData as WorkerStart;
const port = parentPort as NonNullable<typeof parentPort>;
const runtimeRequire = createRequire(import.meta.url);

// The real clock, captured before any faking: the driver measures real work with it.
const realNow = performance.now.bind(performance);
const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;
const SELF_URL = import.meta.url;
const SELF_PATH = fileURLToPath(import.meta.url);

function send(m: FromWorker): void {
  port.postMessage(m);
}

// ---------------------------------------------------------------- paths as Lambda shows them
/** The real task root and the worker file are shown as `/var/task` and `/var/runtime/index.mjs`. */
const TASK_ROOT = path.resolve(start.taskRoot);
function lambdaPaths(text: string): string {
  return text
    .split(SELF_URL).join('file:///var/runtime/index.mjs')
    .split(SELF_PATH).join('/var/runtime/index.mjs')
    .split(pathToFileURL(TASK_ROOT).href).join('file:///var/task')
    .split(TASK_ROOT).join('/var/task');
}

// ---------------------------------------------------------------- virtual clock
const clock = start.clock === 'virtual'
  ? FakeTimers.install({
      now: start.startUnixMs,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'Date', 'performance', 'hrtime'],
      loopLimit: 1_000_000,
    })
  : null;
// ES modules that import `setTimeout` from 'node:timers' see the faked functions too.
syncBuiltinESMExports();
const realStart = realNow();
/**
 * CPU time this worker thread has used, in ms (user + system, `process.threadCpuUsage`, Node >= 22.19): what
 * the virtual clock charges for code that runs, so a busy machine does not lengthen Duration. Falls back to
 * the wall clock on a Node without it.
 */
const threadCpuMs: () => number = typeof process.threadCpuUsage === 'function'
  ? () => { const u = process.threadCpuUsage(); return (u.user + u.system) / 1000; }
  : realNow;
/** Thread CPU time (ms) up to which the running phase has been charged to the virtual clock. */
let cpuMark = threadCpuMs();
/** Sub-millisecond remainder of charged real time not yet applied to the fake clock. */
let residualMs = 0;

/** Current instant of the process, Unix ms (fractional). */
function nowUnixMs(): number {
  if (!clock) return start.startUnixMs + (realNow() - realStart);
  return clock.now + residualMs;
}

/** Move the virtual clock forward by `ms`, running timers that fall due (their throws are uncaught exceptions). */
function advance(ms: number): void {
  if (!clock || !(ms > 0)) return;
  residualMs += ms;
  const whole = Math.floor(residualMs);
  if (whole <= 0) return;
  residualMs -= whole;
  try {
    clock.tick(whole);
  } catch (e) {
    onUncaught(e);
  }
}

/** Jump the virtual clock to `unixMs` (never back). */
function advanceTo(unixMs: number): void {
  const d = unixMs - nowUnixMs();
  if (d > 0) advance(d);
}

/** Timer ids created unref'd by the simulated SDK (`host.timer(…, ref = false)`): they keep nothing alive. */
const unrefTimers = new Set<number>();
/** Labels of host timers (SDK calls in flight, calls that never answer), for `pending` at a timeout. */
const timerLabels = new Map<number, string>();

interface FakeTimer {
  id: number;
  callAt: number;
  func: unknown;
  interval?: number;
}

function liveTimers(): FakeTimer[] {
  const c = clock as unknown as { timers?: Map<number, FakeTimer> } | null;
  return c && c.timers ? [...c.timers.values()] : [];
}

/** Due time (Unix ms) of the next timer that keeps the loop alive, or null. */
function nextRefTimer(): number | null {
  let next: number | null = null;
  for (const t of liveTimers()) {
    if (unrefTimers.has(t.id)) continue;
    if (next === null || t.callAt < next) next = t.callAt;
  }
  return next;
}

// ---------------------------------------------------------------- real work still pending
function countResources(): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) m.set(r, (m.get(r) ?? 0) + 1);
  return m;
}
let baseline = new Map<string, number>();
/** True when real I/O (sockets, file reads, real timers with `clock: 'real'`) is still pending. */
function hasRealWork(): boolean {
  for (const [k, n] of countResources()) if (n > (baseline.get(k) ?? 0)) return true;
  return false;
}

// ---------------------------------------------------------------- memory
let peakBytes = 0;
/** Heap plus external memory of this isolate; updates the peak; true when over the function's memory. */
function overMemory(): boolean {
  const h = v8.getHeapStatistics();
  const used = h.used_heap_size + h.external_memory;
  if (used > peakBytes) peakBytes = used;
  return used > start.memoryLimitBytes;
}

// ---------------------------------------------------------------- errors (src/Errors.js)
class RuntimeErrorBase extends Error {}
/** `ImportModuleError` … `UnhandledPromiseRejection` with `name = 'Runtime.' + class name` (src/Errors.js). */
class ImportModuleError extends RuntimeErrorBase {}
class HandlerNotFound extends RuntimeErrorBase {}
class MalformedHandlerName extends RuntimeErrorBase {}
class UserCodeSyntaxError extends RuntimeErrorBase {}
class CallbackHandlerDeprecated extends RuntimeErrorBase {}
class NodeJsExit extends RuntimeErrorBase {
  constructor() {
    // src/Errors.js NodeJsExit
    super(
      'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
    );
  }
}
class UnhandledPromiseRejection extends RuntimeErrorBase {
  reason: unknown;
  promise: unknown;
  constructor(reason: unknown, promise: unknown) {
    super(reason as string);
    this.reason = reason;
    this.promise = promise;
  }
}
/** RIC v4 (nodejs24.x): a result JSON.stringify cannot encode (src/utils/errors.ts, src/utils/serialize.ts). */
class JSONStringifyError extends RuntimeErrorBase {
  constructor() {
    super('Unable to stringify response body');
  }
}
for (const C of [ImportModuleError, HandlerNotFound, MalformedHandlerName, UserCodeSyntaxError, CallbackHandlerDeprecated, NodeJsExit, UnhandledPromiseRejection, JSONStringifyError]) {
  C.prototype.name = `Runtime.${C.name}`;
}

function isErrorLike(o: unknown): o is Error {
  const e = o as Error | null;
  return !!e && typeof e.name === 'string' && typeof e.message === 'string' && typeof e.stack === 'string' && !!e.name && !!e.message && !!e.stack;
}

/**
 * An error's stack as Lambda prints it: paths under `/var/task` and `/var/runtime/index.mjs`, and no frames
 * below the runtime's `Runtime.handleOnceNonStreaming` (v3) or `BufferedInvokeProcessor.processInvoke` (v4):
 * the worker's own plumbing has no Lambda equivalent.
 */
function lambdaStack(stack: string): string {
  // Frames in the simulated packages' files and in the fake clock are the simulator's own, not Lambda's.
  const own = (l: string): boolean => /^\s+at /.test(l) && ((start.simulatedDir !== null && l.includes(start.simulatedDir)) || l.includes('/@sinonjs/fake-timers/'));
  const lines = lambdaPaths(stack).split('\n').filter((l) => !own(l));
  const at = lines.findIndex((l) => /^\s+at (async )?(Runtime\.handleOnceNonStreaming|BufferedInvokeProcessor\.processInvoke) /.test(l));
  return (at >= 0 ? lines.slice(0, at + 1) : lines).join('\n');
}

/** Rewrite an error's own `stack` (see {@link lambdaStack}) before the runtime logs or posts it. */
function asLambdaError(e: unknown): unknown {
  if (e instanceof Error && typeof e.stack === 'string') {
    try {
      Object.defineProperty(e, 'stack', { value: lambdaStack(e.stack), writable: true, configurable: true, enumerable: false });
    } catch {
      // a frozen error keeps its stack
    }
  }
  return e;
}

/** src/Errors.js `intoError`. */
function intoError(err: unknown): Error {
  return err instanceof Error ? err : new Error(err as string);
}

/** src/Errors.js `toRapidResponse`: the error document posted to the Runtime API. */
function toRapidResponse(error: unknown): Record<string, unknown> {
  try {
    if (util.types.isNativeError(error) || isErrorLike(error)) {
      const e = error as Error;
      return {
        errorType: e.name?.replaceAll('\x7F', '%7F'),
        errorMessage: lambdaPaths(e.message?.replaceAll('\x7F', '%7F') ?? ''),
        trace: lambdaStack((e.stack as string).replaceAll('\x7F', '%7F')).split('\n'),
      };
    }
    return { errorType: typeof error, errorMessage: String((error as { toString: () => string }).toString()), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/** src/Errors.js `_withEnumerableProperties` (replacer of `toFormatted`). */
function withEnumerableProperties(value: unknown): unknown {
  if (value instanceof Error) {
    const ret = Object.assign({ errorType: value.name, errorMessage: value.message, code: (value as { code?: unknown }).code }, value) as unknown as Record<string, unknown>;
    if (typeof value.stack === 'string') ret['stack'] = value.stack.split('\n');
    return ret;
  }
  return value;
}

/** src/Errors.js `toFormatted`: a tab, then the error as JSON with its enumerable properties. */
function toFormatted(error: unknown): string {
  try {
    return '\t' + JSON.stringify(error, (_k, v: unknown) => withEnumerableProperties(v));
  } catch {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}

// ---------------------------------------------------------------- console (src/LogPatch.js)
let currentRequestId: string | undefined;
const LEVELS = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 } as const;
type Level = keyof typeof LEVELS;
const jsonFormat = (process.env['AWS_LAMBDA_LOG_FORMAT'] ?? '').toUpperCase() === 'JSON';

/** LogPatch.js `jsonErrorReplacer`: errors as `{ errorType: constructor.name, errorMessage, stackTrace, …own }`. */
function jsonErrorReplacer(_k: string, value: unknown): unknown {
  if (value instanceof Error) {
    return Object.assign(
      {
        errorType: value?.constructor?.name ?? 'UnknownError',
        errorMessage: value.message,
        stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
      },
      value,
    );
  }
  return value;
}

/** LogPatch.js `formatJsonMessage`. */
function formatJsonMessage(requestId: string | undefined, timestamp: string, level: Level, params: unknown[]): string {
  const result: Record<string, unknown> = { timestamp, level, requestId };
  if (params.length === 1) {
    result['message'] = params[0];
    try {
      return JSON.stringify(result, jsonErrorReplacer);
    } catch {
      result['message'] = util.format(result['message']);
      return JSON.stringify(result);
    }
  }
  result['message'] = util.format(...params);
  for (const p of params) {
    if (p instanceof Error) {
      result['errorType'] = p?.constructor?.name ?? 'UnknownError';
      result['errorMessage'] = p.message;
      result['stackTrace'] = typeof p.stack === 'string' ? p.stack.split('\n') : [];
      break;
    }
  }
  return JSON.stringify(result);
}

/**
 * One console entry. Lambda runs the RIC with `_LAMBDA_TELEMETRY_LOG_FD` set, so an entry keeps its
 * newlines (LogPatch.js `logTextToFd` / `logJsonToFd`; only the stdout fallback turns `\n` into `\r`).
 */
function writeEntry(level: Level, params: unknown[]): void {
  const time = new Date().toISOString();
  const line = jsonFormat
    ? formatJsonMessage(currentRequestId, time, level, params)
    : `${time}\t${currentRequestId}\t${level}\t${util.format(...params)}`;
  send({ type: 'log', line: lambdaPaths(line) });
}

/** LogPatch.js `_patchConsoleWith`: levels below `AWS_LAMBDA_LOG_LEVEL` become no-ops; FATAL always logs. */
function patchConsole(): void {
  const min = LEVELS[(process.env['AWS_LAMBDA_LOG_LEVEL'] ?? '').toUpperCase() as Level] ?? LEVELS.TRACE;
  const c = console as unknown as Record<string, (...a: unknown[]) => void>;
  const make = (level: Level) => (LEVELS[level] >= min ? (...a: unknown[]) => writeEntry(level, a) : () => undefined);
  c['trace'] = make('TRACE');
  c['debug'] = make('DEBUG');
  c['info'] = make('INFO');
  c['log'] = c['info'];
  c['warn'] = make('WARN');
  c['error'] = make('ERROR');
  c['fatal'] = (...a: unknown[]) => writeEntry('FATAL', a);
  // Raw writes (process.stdout.write) reach CloudWatch as they are, one entry per line.
  for (const stream of [process.stdout, process.stderr]) {
    (stream as unknown as { write: (chunk: unknown) => boolean }).write = (chunk: unknown) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      for (const l of text.replace(/\n$/, '').split('\n')) send({ type: 'log', line: lambdaPaths(l) });
      return true;
    };
  }
}

/** LogPatch.js `structuredConsole.logError`: text `console.error(label, toFormatted(err))`, JSON `console.error(err)`. */
function logError(label: string, err: unknown): void {
  asLambdaError(err);
  if (err instanceof UnhandledPromiseRejection) asLambdaError(err.reason);
  if (jsonFormat) console.error(intoError(err));
  else console.error(label, toFormatted(intoError(err)));
}

// ---------------------------------------------------------------- simulated packages (module hooks)
const hostTimer = (ms: number, label: string | undefined, fn: () => void, ref?: boolean): (() => void) => {
  const never = !(typeof ms === 'number' && ms >= 0 && ms < 1e15);
  // A call that never answers keeps the loop alive like an open socket: an interval that does nothing.
  const h = never ? setInterval(() => undefined, 2 ** 31 - 1) : setTimeout(fn, ms);
  const id = Number(h);
  if (ref === false) unrefTimers.add(id);
  if (label) timerLabels.set(id, String(label));
  return () => {
    clearTimeout(h);
    clearInterval(h);
    timerLabels.delete(id);
    unrefTimers.delete(id);
  };
};
const signal = new Int32Array(start.signal);
/** Synchronous host-service call: post it, block until the parent answers (SharedArrayBuffer + Atomics). */
function callSync(name: string, payload: unknown): Record<string, unknown> {
  Atomics.store(signal, 0, 0);
  send({ type: 'call', name: String(name), payload: JSON.stringify(payload === undefined ? null : payload), nowUnixMs: nowUnixMs() });
  Atomics.wait(signal, 0, 0);
  const m = receiveMessageOnPort(start.answers);
  if (!m) throw new Error(`lambda-triage: no answer from the simulator for host call ${name}`);
  return JSON.parse(m.message as string) as Record<string, unknown>;
}
/** The `lambda-triage:host` module the simulated SDK (src/engine/aws/sdk-core.ts) talks to. */
const hostModule = {
  callSync,
  timer: hostTimer,
  /**
   * The simulated SDK made its error in a timer callback, where V8 sees no awaiting caller; taken again where `send`
   * rethrows it, the stack has the handler's `at async …` frames, as a real SDK error's does (the simulated SDK's
   * own frames are cut by lambdaStack, as the sandbox shows none).
   */
  restack(e: unknown) {
    if (e instanceof Error) Error.captureStackTrace(e, hostModule.restack);
  },
  hasServices: () => start.hasServices,
  wait(ms: number, label?: string) {
    let cancel: () => void = () => undefined;
    const promise = new Promise<void>((resolve) => {
      cancel = hostTimer(ms, label, () => resolve(), true);
    });
    return { promise, cancel };
  },
  call(name: string, payload: unknown) {
    const r = callSync(name, payload);
    return new Promise((resolve, reject) => {
      if (r['hang']) {
        hostTimer(-1, (r['label'] as string) || `call ${name} still waiting for a response`, () => undefined, true);
        return;
      }
      hostTimer((r['latencyMs'] as number) ?? 0, `call ${name} in flight`, () => {
        const err = r['error'] as Record<string, unknown> | undefined;
        if (err) reject(Object.assign(new Error(String(err['message'])), err));
        else resolve(r['result']);
      }, true);
    });
  },
};
(globalThis as Record<symbol, unknown>)[Symbol.for('lambda-triage.host')] = hostModule;

/** Names an ES module imports from `specifier` (`import { A, B as C } from '…'`), read with acorn. */
function importedNames(parentURL: string | undefined, specifier: string): string[] {
  if (!parentURL || !parentURL.startsWith('file:')) return [];
  try {
    let text = readFileSync(fileURLToPath(parentURL), 'utf8');
    if (/\.[mc]?ts$/.test(parentURL)) text = stripTypeScriptTypes(text);
    const ast = acornParse(text.replace(/^#!.*/, ''), { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true }) as unknown as {
      body: Array<{ type: string; source?: { value?: unknown }; specifiers?: Array<{ type: string; imported?: { name?: string; value?: string } }> }>;
    };
    const names: string[] = [];
    for (const n of ast.body) {
      if ((n.type !== 'ImportDeclaration' && n.type !== 'ExportNamedDeclaration') || n.source?.value !== specifier) continue;
      for (const sp of n.specifiers ?? []) {
        const name = sp.imported?.name ?? sp.imported?.value ?? (sp as { local?: { name?: string } }).local?.name;
        if ((sp.type === 'ImportSpecifier' || sp.type === 'ExportSpecifier') && name && name !== 'default') names.push(name);
      }
    }
    return names;
  } catch {
    return [];
  }
}

/**
 * ES module wrapper of a simulated CommonJS package: its own export names plus the names the importing
 * file asks for (a package the world does not model answers any name), written once per name set.
 */
function esmWrapper(spec: string, parentURL: string | undefined): string {
  const files = start.simulated[spec] as { cjs: string; esm: string };
  const own = Object.keys(runtimeRequire(files.cjs) as object);
  const names = [...new Set([...own, ...importedNames(parentURL, spec)])].filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default').sort();
  const target = files.esm.replace(/\.mjs$/, `.${createHash('sha1').update(names.join(',')).digest('hex').slice(0, 12)}.mjs`);
  if (!existsSync(target)) {
    const url = pathToFileURL(files.cjs).href;
    // Written under a unique name, then renamed: other environments may be writing the same wrapper.
    const tmp = `${target}.${threadId}.tmp`;
    writeFileSync(tmp, `import m from ${JSON.stringify(url)};\nexport default m;\n${names.map((n) => `export const ${n} = m[${JSON.stringify(n)}];`).join('\n')}\n`);
    renameSync(tmp, target);
  }
  return target;
}

/**
 * A simulated package the static list does not hold (another `@aws-sdk/*` client): the parent's resolver
 * (the simulated world's `resolveModule`, as the sandbox uses it) decides, through the synchronous call.
 */
const dynamicSimulated = new Map<string, boolean>();
function askSimulated(specifier: string): boolean {
  const known = dynamicSimulated.get(specifier);
  if (known !== undefined) return known;
  let found = false;
  if (start.simulatedDir !== null && /^(@aws-sdk|@smithy)\//.test(specifier)) {
    const r = callSync('lambda-triage.resolve', specifier) as { format?: string; source?: string } | null;
    if (r && typeof r.source === 'string') {
      const base = path.join(start.simulatedDir, `dyn-${threadId}-${dynamicSimulated.size}-${specifier.replace(/[^\w.-]+/g, '_')}`);
      const file = `${base}${r.format === 'esm' ? '.mjs' : '.cjs'}`;
      writeFileSync(file, r.source);
      start.simulated[specifier] = { cjs: file, esm: r.format === 'esm' ? file : `${base}.wrapper.mjs` };
      found = true;
    }
  }
  dynamicSimulated.set(specifier, found);
  return found;
}

if (start.simulatedDir !== null) {
  // Node's synchronous module customization hooks (https://nodejs.org/api/module.html#synchronous-hooks-accepted-by-moduleregisterhooks)
  // resolve both `require` and `import` of a simulated package to its file, in this thread.
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (Object.prototype.hasOwnProperty.call(start.simulated, specifier) || askSimulated(specifier)) {
        const viaImport = (context.conditions ?? []).includes('import');
        const file = viaImport ? esmWrapper(specifier, context.parentURL) : (start.simulated[specifier] as { cjs: string }).cjs;
        return { url: pathToFileURL(file).href, format: viaImport ? 'module' : 'commonjs', shortCircuit: true };
      }
      return nextResolve(specifier, context);
    },
  });
}

/**
 * TypeScript files of the function: compiled with sucrase (types removed, imports used only as types
 * dropped, as tsc and esbuild do when a project bundles for Lambda). Node's own type stripping keeps
 * `import { Handler } from 'aws-lambda'` and fails on the types-only package.
 */
registerHooks({
  load(url, context, nextLoad) {
    const loaded = nextLoad(url, context);
    const format = String(loaded.format ?? '');
    if (!url.startsWith('file:') || !/\.[mc]?ts$/.test(url) || url.includes('/node_modules/') || !/typescript$/.test(format)) return loaded;
    const text = typeof loaded.source === 'string' ? loaded.source : Buffer.from(loaded.source as Uint8Array).toString('utf8');
    // Loaded on first use: most functions have no TypeScript.
    const { transform } = runtimeRequire('sucrase') as typeof import('sucrase');
    const code = transform(text, { transforms: ['typescript'], filePath: fileURLToPath(url), disableESTransforms: true }).code;
    return { format: format === 'commonjs-typescript' ? 'commonjs' : 'module', source: code, shortCircuit: true };
  },
});

// ---------------------------------------------------------------- loading the handler (src/UserFunction.js)
// `awslambda.streamifyResponse` and `awslambda.HttpResponseStream` (UserFunction.js `_loadUserApp`). This runner
// does not stream: wrapping a handler fails at load with a message that says so (the sandbox streams:
// src/engine/streaming/).
const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const NO_STREAMING =
  'awslambda.streamifyResponse: the Node runner (--runner node) does not simulate response streaming yet. Run this handler in the sandbox (--runner sandbox, the default), which streams through a function URL (--invoke-mode RESPONSE_STREAM), a REST API (--response-transfer-mode STREAM) or InvokeWithResponseStream.';
(globalThis as Record<string, unknown>)['awslambda'] = {
  streamifyResponse: () => {
    throw new Error(NO_STREAMING);
  },
  HttpResponseStream: {
    from: () => {
      throw new Error(NO_STREAMING);
    },
  },
};

function splitHandler(full: string): { moduleRoot: string; module: string; handlerPath: string } {
  if (full.includes('..')) {
    throw new MalformedHandlerName(`'${full}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const base = path.basename(full);
  const moduleRoot = full.substring(0, full.indexOf(base));
  const m = /^([^.]*)\.(.*)$/.exec(base);
  if (!m) throw new MalformedHandlerName('Bad handler');
  return { moduleRoot, module: m[1] as string, handlerPath: m[2] as string };
}

function hasFolderTypeModule(folder: string): boolean {
  if (folder.endsWith('/node_modules')) return false;
  const pj = path.join(folder, '/package.json');
  if (existsSync(pj)) {
    try {
      const pkg = JSON.parse(readFileSync(pj, 'utf8')) as { type?: string } | null;
      if (pkg) return pkg.type === 'module';
    } catch (e) {
      console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, e);
      return false;
    }
  }
  if (folder === '/') return false;
  return hasFolderTypeModule(path.resolve(folder, '..'));
}

/** UserFunction.js `_tryRequire`, plus `.ts`/`.mts`/`.cts` last (the simulator's addition: Lambda runs compiled JavaScript). */
async function tryRequire(moduleRoot: string, module: string): Promise<unknown> {
  const lambdaStylePath = path.resolve(TASK_ROOT, moduleRoot, module);
  const tryRequireFile = (ext: string): unknown => (existsSync(lambdaStylePath + ext) ? runtimeRequire(lambdaStylePath + ext) : undefined);
  const tryImport = async (ext: string): Promise<unknown> => (existsSync(lambdaStylePath + ext) ? await import(pathToFileURL(lambdaStylePath + ext).href) : undefined);
  const extensionless = tryRequireFile('');
  if (extensionless) return extensionless;
  const pjHasModule = existsSync(lambdaStylePath + '.js') && hasFolderTypeModule(path.dirname(lambdaStylePath + '.js'));
  if (!pjHasModule) {
    const loaded = tryRequireFile('.js');
    if (loaded) return loaded;
  }
  const loaded = (pjHasModule && (await tryImport('.js'))) || (await tryImport('.mjs')) || tryRequireFile('.cjs') || (await tryImport('.ts')) || (await tryImport('.mts')) || (await tryImport('.cts'));
  if (loaded) return loaded;
  const nodeStylePath = runtimeRequire.resolve(module, { paths: [TASK_ROOT, moduleRoot] });
  return runtimeRequire(nodeStylePath);
}

/** UserFunction.js `load` + `_loadUserApp`: the handler function, or a Runtime.* error. */
async function loadHandler(full: string): Promise<(...a: unknown[]) => unknown> {
  const { moduleRoot, module, handlerPath } = splitHandler(full);
  let app: unknown;
  try {
    app = await tryRequire(moduleRoot, module);
  } catch (e) {
    if (e instanceof SyntaxError) throw new UserCodeSyntaxError(e as unknown as string);
    if ((e as { code?: unknown }).code === 'MODULE_NOT_FOUND') throw new ImportModuleError(e as unknown as string);
    throw e;
  }
  const fn = handlerPath.split('.').reduce<unknown>((n, k) => (n ? (n as Record<string, unknown>)[k] : n), app);
  if (!fn) throw new HandlerNotFound(`${full} is undefined or not exported`);
  if (typeof fn !== 'function') throw new HandlerNotFound(`${full} is not a function`);
  return fn as (...a: unknown[]) => unknown;
}

/** UserFunction.js `_isAsync`. */
function isAsync(fn: unknown): boolean {
  try {
    return typeof fn === 'function' && fn.constructor?.name === 'AsyncFunction';
  } catch {
    return false;
  }
}

/** WarningForCallbackHandlers.js (RIC 3.x): printed for callback handlers on nodejs20.x/22.x. */
const CALLBACK_WARNING =
  'AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later. For more information and to provide feedback on this change, see https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.';
/**
 * Node.js 24 (RIC v4) rejects callback handlers; message as logged by the nodejs24.x runtime
 * (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html; public captures in
 * open-telemetry/opentelemetry-js-contrib#3251 and H4ad/serverless-adapter#378).
 */
const CALLBACK_REMOVED =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

// ---------------------------------------------------------------- process failures (src/index.mjs)
/** Set when the process would exit: uncaught exception (exit 129) or unhandled rejection (exit 128). */
let processFailure: Record<string, unknown> | null = null;
let phase: 'init' | 'invoke' | 'idle' = 'idle';
const initLabel = start.runtime === 'nodejs24.x' ? 'Init Error' : 'Uncaught Exception';

function onUncaught(error: unknown): void {
  if (processFailure) return;
  // index.mjs: logError('Uncaught Exception', error); then postInitError / postInvocationError and exit(129).
  logError(phase === 'init' ? initLabel : 'Uncaught Exception', error);
  processFailure = toRapidResponse(error);
}
/**
 * nodejs24.x: runtime interface client v4 registers no 'uncaughtException' or 'unhandledRejection' listener (the
 * published v4 client, npm aws-lambda-ric 4.0.2 index.mjs, has neither), so Node's defaults apply: the error is
 * printed to stderr, with no timestamp, request id or level (https://github.com/aws/aws-lambda-base-images/issues/392),
 * and Node exits with code 1 (https://nodejs.org/api/process.html#exit-codes). The lines are Node's own layout:
 * location, source line, caret, blank line, util.inspect(error), blank line, `Node.js <version>`.
 */
const nodeDefaultFatal = start.runtime === 'nodejs24.x';
/** Set once Node's default fatal-error handling ended the process (exit code 1). */
let fatalExit = false;
function onNodeFatal(error: unknown): void {
  if (processFailure) return;
  fatalExit = true;
  const err =
    error instanceof Error
      ? error
      : Object.assign(
          new Error(
            `This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${String(error)}".`,
          ),
          { code: 'ERR_UNHANDLED_REJECTION' },
        );
  if (!(error instanceof Error)) {
    Object.defineProperty(err, 'name', { value: 'UnhandledPromiseRejection', configurable: true, writable: true, enumerable: false });
    // Node's own internal frames (node:internal/process/promises) are left out: their Node 24 line numbers are UNVERIFIED.
    err.stack = `UnhandledPromiseRejection: ${err.message}`;
  }
  const lines: string[] = [];
  const first = /\n\s+at (?:.*? \()?((?:file:\/\/)?([^():]+)):(\d+):(\d+)\)?/.exec('\n' + String(err.stack).split('\n').slice(1, 2).join(''));
  if (first) {
    try {
      const file = first[1]?.startsWith('file://') ? fileURLToPath(first[1]) : (first[2] ?? '');
      const source = readFileSync(file, 'utf8').split(/\r?\n/)[Number(first[3]) - 1];
      if (source !== undefined) lines.push(`${first[1]}:${first[3]}`, source, `${' '.repeat(Math.max(0, Number(first[4]) - 1))}^`, '');
    } catch {
      // a frame outside the readable files: Node would show its source; the location block is left out
    }
  }
  lines.push(...util.inspect(err).split('\n'), '', `Node.js ${process.version}`);
  for (const l of lines) send({ type: 'log', line: lambdaPaths(l) });
  processFailure = { errorType: 'Runtime.ExitError', errorMessage: 'exit status 1' };
}
process.on('uncaughtException', (e) => (nodeDefaultFatal ? onNodeFatal(e) : onUncaught(e)));
process.on('unhandledRejection', (reason, promise) => {
  if (nodeDefaultFatal) return onNodeFatal(reason);
  if (processFailure) return;
  // index.mjs: new UnhandledPromiseRejection(reason, promise), logged as 'Unhandled Promise Rejection', exit(128).
  const error = new UnhandledPromiseRejection(reason, promise);
  logError('Unhandled Promise Rejection', error);
  processFailure = toRapidResponse(error);
});

// ---------------------------------------------------------------- the driver
type DriveEnd = 'done' | 'timeout' | 'dead' | 'oom' | 'empty';
/** Consecutive quiet turns of the real event loop before the loop counts as empty. ILLUSTRATIVE. */
const QUIET_TURNS = 4;
let lastTick = 0;

/**
 * Run the event loop until `isDone()`, the deadline, the process's death, memory exhaustion, or an
 * empty loop. The thread's CPU time spent running code is charged to the virtual clock, a wait for real
 * I/O its wall time; waiting for a fake timer jumps it.
 */
async function drive(isDone: () => boolean, deadlineUnixMs: number, onEmpty: (() => boolean) | null): Promise<DriveEnd> {
  // A turn that runs code is charged the thread's CPU time (from the phase's start, cpuMark); a wait for
  // real I/O is charged its wall time.
  let emptyTurns = 0;
  for (;;) {
    await new Promise<void>((r) => realSetImmediate(r));
    const t = threadCpuMs();
    advance(t - cpuMark);
    cpuMark = threadCpuMs();
    if (isDone()) return 'done';
    if (processFailure) return 'dead';
    if (overMemory()) return 'oom';
    if (nowUnixMs() >= deadlineUnixMs) return 'timeout';
    if (nowUnixMs() - lastTick > 100) {
      lastTick = nowUnixMs();
      send({ type: 'tick', nowUnixMs: lastTick });
    }
    const real = hasRealWork();
    const next = nextRefTimer();
    if (next !== null || real) emptyTurns = 0;
    if (next !== null && !real) {
      if (next > deadlineUnixMs) {
        advanceTo(deadlineUnixMs);
        return 'timeout';
      }
      advanceTo(next);
      cpuMark = threadCpuMs();
      continue;
    }
    if (real || (clock === null && next === null && hasRealWork())) {
      const waitStart = realNow();
      await new Promise<void>((r) => realSetTimeout(r, 1));
      advance(realNow() - waitStart);
      cpuMark = threadCpuMs();
      continue;
    }
    // Nothing visible is pending. A rejection that resumes an `await` inside try/catch can take more than
    // one turn to settle here, so the loop counts as empty only after a few quiet turns in a row.
    if (++emptyTurns < QUIET_TURNS) continue;
    emptyTurns = 0;
    // Nothing left to run: Node would emit 'beforeExit' (the RIC's BeforeExitListener), then exit.
    if (onEmpty && onEmpty()) continue;
    return 'empty';
  }
}

function describePending(extra: string[]): string[] {
  const out: string[] = [];
  const now = nowUnixMs();
  for (const t of liveTimers()) {
    const label = timerLabels.get(t.id);
    if (label) out.push(label);
    else {
      const name = typeof t.func === 'function' && (t.func as { name?: string }).name ? ` ${(t.func as { name: string }).name}` : '';
      out.push(`${t.interval ? 'setInterval' : 'setTimeout'}${name} due in ${Math.max(0, Math.round(t.callAt - now))} ms${unrefTimers.has(t.id) ? ' (unref)' : ''}`);
    }
  }
  if (clock === null && hasRealWork()) out.push('real I/O still pending');
  return [...out, ...extra];
}

function finish(id: number, end: PhaseEnd, pending: string[] = []): void {
  overMemory();
  send({ type: 'done', id, end, nowUnixMs: nowUnixMs(), peakBytes, pending });
}

/**
 * End an invoke whose answer the runtime posted. A process failure (uncaught exception, unhandled rejection) in
 * the same turn still ends the process after the answer: a response keeps its payload and records the exit, an
 * error document resets the environment.
 */
function finishPosted(id: number, post: PhaseEnd): void {
  if (post.kind === 'response' && processFailure) {
    const f = processFailure;
    post.processExit = { errorType: typeof f['errorType'] === 'string' ? f['errorType'] : null, errorMessage: typeof f['errorMessage'] === 'string' ? f['errorMessage'] : null };
  }
  if (post.kind === 'error' && processFailure) post.reset = true;
  phase = 'idle';
  return finish(id, post);
}

/** End an invoke during which the process died before answering: the failure is the invocation's error, and the environment resets. */
function finishDied(id: number, failure: Record<string, unknown>): void {
  phase = 'idle';
  return finish(id, { kind: 'error', error: failure, reset: true });
}

// ---------------------------------------------------------------- init
let handlerFn: ((...a: unknown[]) => unknown) | null = null;

async function runInit(id: number, deadlineUnixMs: number): Promise<void> {
  phase = 'init';
  currentRequestId = undefined;
  let loaded = false;
  let loadError: unknown = null;
  let failed = false;
  void loadHandler(start.handler).then(
    (fn) => {
      handlerFn = fn;
      loaded = true;
    },
    (e: unknown) => {
      loadError = e;
      failed = true;
    },
  );
  const end = await drive(() => loaded || failed, deadlineUnixMs, null);
  if (end === 'oom') return finish(id, { kind: 'out-of-memory' });
  if (end === 'timeout') return finish(id, { kind: 'timeout' }, describePending(['the function\'s init code had not finished']));
  if (fatalExit) return finish(id, { kind: 'exit', code: 1 });
  if (end === 'dead' && processFailure) return finish(id, { kind: 'init-error', error: processFailure, errorType: String(processFailure['errorType']) });
  if (end === 'empty') return finish(id, { kind: 'exit', code: 13 });
  if (failed) {
    // index.mjs: a load error reaches the top-level handlers: logged, then posted to /init/error.
    logError(initLabel, loadError);
    const doc = toRapidResponse(loadError);
    return finish(id, { kind: 'init-error', error: doc, errorType: String(doc['errorType']) });
  }
  const fn = handlerFn as (...a: unknown[]) => unknown;
  const streaming = (fn as unknown as Record<symbol, unknown>)[HANDLER_STREAMING] === 'response';
  // RIC v4 (nodejs24.x) decides by the parameter count alone, async or not: src/function/callback-deprecation.ts
  // `argsNum >= 3 && !streaming` (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client, v4.1.0).
  if (fn.length >= 3 && !streaming && start.runtime === 'nodejs24.x') {
    const e = new CallbackHandlerDeprecated(CALLBACK_REMOVED);
    logError(initLabel, e);
    const doc = toRapidResponse(e);
    return finish(id, { kind: 'init-error', error: doc, errorType: String(doc['errorType']) });
  }
  // WarningForCallbackHandlers.js: argsNum == 3, not async, not streaming, warning not disabled.
  if (start.runtime !== 'nodejs24.x' && fn.length === 3 && !isAsync(fn) && !streaming && process.env['AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING'] === undefined) {
    console.warn(CALLBACK_WARNING);
  }
  // Module-scope timers and promises run before the runtime asks for the first event.
  const settle = await drive(() => false, deadlineUnixMs, () => false);
  if (settle === 'oom') return finish(id, { kind: 'out-of-memory' });
  if (settle === 'timeout') return finish(id, { kind: 'timeout' }, describePending(['the function\'s init code had not finished']));
  if (settle === 'dead' && processFailure) return finish(id, { kind: 'init-error', error: processFailure, errorType: String(processFailure['errorType']) });
  phase = 'idle';
  finish(id, { kind: 'ready' });
}

// ---------------------------------------------------------------- invoke (src/Runtime.js, src/CallbackContext.js)
async function runInvoke(id: number, requestId: string, payload: string, deadlineUnixMs: number): Promise<void> {
  phase = 'invoke';
  currentRequestId = requestId;
  if (start.runtime === 'nodejs24.x') return runInvokeV4(id, requestId, payload, deadlineUnixMs);
  let posted: PhaseEnd | null = null;
  let beforeExit: (() => void) | null = null;
  const postResponse = (result: unknown): void => {
    if (posted) return;
    let body: string;
    try {
      // RAPIDClient.js `_trySerializeResponse`
      body = JSON.stringify(result === undefined ? null : result);
    } catch {
      throw new Error('Unable to stringify response body');
    }
    posted = { kind: 'response', payload: body, processExit: null };
  };
  const postError = (err: unknown): void => {
    logError('Invoke Error', err);
    if (!posted) posted = { kind: 'error', error: toRapidResponse(err), reset: false };
  };
  // CallbackContext.js `_rawCallbackContext`
  let completeInvoked = false;
  const complete = (result: unknown): void => {
    if (completeInvoked) {
      console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    completeInvoked = true;
    postResponse(result);
  };
  let waitForEmptyEventLoop = true;
  const callback = (err: unknown, result?: unknown): void => {
    beforeExit = null;
    if (err !== undefined && err !== null) postError(err);
    else if (!waitForEmptyEventLoop) complete(result);
    else beforeExit = () => setImmediate(() => complete(result));
  };
  const done = (err: unknown, result?: unknown): void => {
    beforeExit = null;
    if (err !== undefined && err !== null) postError(err);
    else complete(result);
  };
  const succeed = (r: unknown): void => done(null, r);
  const fail = (err: unknown): void => (err === undefined || err === null ? done('handled') : done(err, null));
  // CallbackContext.js `_wrappedCallbackContext`: only the first call of any of them counts.
  let finished = false;
  const once = <A extends unknown[]>(f: (...a: A) => void) => (...a: A): void => {
    if (!finished) {
      f(...a);
      finished = true;
    }
  };
  const fnAsync = isAsync(handlerFn);
  // Runtime.js `_setDefaultExitListener`: the loop drained without an answer.
  beforeExit = () => {
    completeInvoked = true;
    if (fnAsync) {
      const e = new NodeJsExit();
      logError('Invoke Error', e);
      if (!posted) posted = { kind: 'error', error: toRapidResponse(e), reset: false };
    } else if (!posted) posted = { kind: 'response', payload: 'null', processExit: null };
  };
  const deadlineMs = deadlineUnixMs;
  const callbackContext: Record<string, unknown> = {};
  if (start.runtime !== 'nodejs24.x') {
    Object.defineProperty(callbackContext, 'callbackWaitsForEmptyEventLoop', {
      get: () => waitForEmptyEventLoop,
      set: (v: boolean) => {
        waitForEmptyEventLoop = v;
      },
      enumerable: true,
      configurable: true,
    });
    callbackContext['succeed'] = once(succeed);
    callbackContext['fail'] = once(fail);
    callbackContext['done'] = once(done);
  }
  // InvokeContext.js `_environmentalData` + `_headerData`
  const context = Object.assign(callbackContext, {
    functionVersion: process.env['AWS_LAMBDA_FUNCTION_VERSION'],
    functionName: process.env['AWS_LAMBDA_FUNCTION_NAME'],
    memoryLimitInMB: process.env['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'],
    logGroupName: process.env['AWS_LAMBDA_LOG_GROUP_NAME'],
    logStreamName: process.env['AWS_LAMBDA_LOG_STREAM_NAME'],
    clientContext: undefined,
    identity: undefined,
    invokedFunctionArn: start.functionArn,
    awsRequestId: requestId,
    tenantId: undefined,
    getRemainingTimeInMillis: () => deadlineMs - Date.now(),
  });
  const cb = once(callback);
  const wrappedSucceed = (callbackContext['succeed'] as typeof succeed | undefined) ?? once(succeed);
  const wrappedFail = (callbackContext['fail'] as typeof fail | undefined) ?? once(fail);
  // Runtime.js calls `this.handler(…)`: V8 names the handler's frame `Runtime.handler`.
  const runtime = new Runtime(handlerFn as (...a: unknown[]) => unknown);
  runtime.handleOnceNonStreaming(payload, context, cb, wrappedSucceed, wrappedFail);

  let beforeExitRan = false;
  const end = await drive(() => posted !== null, deadlineUnixMs, () => {
    if (beforeExitRan || !beforeExit) return false;
    beforeExitRan = true;
    const f = beforeExit;
    f();
    return true;
  });
  const post = posted as PhaseEnd | null;
  if (end === 'oom') return finish(id, { kind: 'out-of-memory' });
  if (end === 'done' && post) {
    // A rejection or uncaught exception in the same turn still ends the process after the answer.
    await new Promise<void>((r) => realSetImmediate(r));
    return finishPosted(id, post);
  }
  // index.mjs + Runtime.js `_setErrorCallbacks`: postInvocationError, then exit(129/128).
  if (end === 'dead' && processFailure) return finishDied(id, processFailure);
  if (end === 'timeout') return finish(id, { kind: 'timeout' }, describePending(fnAsync ? ["handler's promise has not settled"] : []));
  // Loop empty and nothing posted (cannot happen with the listener above): the process exits with 0.
  return finish(id, { kind: 'exit', code: 0 });
}

/**
 * nodejs24.x runs version 4 of the runtime interface client (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client,
 * v4.1.0; https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/):
 * src/runtime/buffered-invoke-processor.ts awaits `handler(event, context)`, src/runtime/lifecycle-manager.ts answers
 * one setImmediate later, src/context/context-builder.ts builds the context (no succeed/fail/done, no
 * callbackWaitsForEmptyEventLoop), and no beforeExit listener exists: the runtime never waits for an empty event loop,
 * and a promise that never settles lets Node exit (code 0) without an answer. A result JSON.stringify cannot encode
 * is a Runtime.JSONStringifyError Invoke Error (src/utils/serialize.ts, caught by processInvoke).
 */
async function runInvokeV4(id: number, requestId: string, payload: string, deadlineUnixMs: number): Promise<void> {
  let posted: PhaseEnd | null = null;
  const context = {
    clientContext: undefined,
    identity: undefined,
    invokedFunctionArn: start.functionArn,
    awsRequestId: requestId,
    tenantId: undefined,
    xRayTraceId: undefined,
    getRemainingTimeInMillis: () => deadlineUnixMs - Date.now(),
    functionName: process.env['AWS_LAMBDA_FUNCTION_NAME'],
    functionVersion: process.env['AWS_LAMBDA_FUNCTION_VERSION'],
    memoryLimitInMB: process.env['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'],
    logGroupName: process.env['AWS_LAMBDA_LOG_GROUP_NAME'],
    logStreamName: process.env['AWS_LAMBDA_LOG_STREAM_NAME'],
  };
  // The RIC answers one setImmediate later; here the answer is recorded at once, because the drive loop would
  // otherwise fire the handler's own timers first (it advances the fake clock to the next due timer in one step).
  const fail = async (err: unknown): Promise<void> => {
    logError('Invoke Error', err);
    if (!posted) posted = { kind: 'error', error: toRapidResponse(err), reset: false };
  };
  const processor = new BufferedInvokeProcessor(handlerFn as (...a: unknown[]) => unknown);
  void (async () => {
    try {
      const result = await processor.processInvoke(context, JSON.parse(payload));
      let body: string;
      try {
        body = JSON.stringify(result === undefined ? null : result);
      } catch {
        throw new JSONStringifyError();
      }
      if (!posted) posted = { kind: 'response', payload: body, processExit: null };
    } catch (err) {
      await fail(err);
    }
  })();
  const end = await drive(() => posted !== null, deadlineUnixMs, null);
  const post = posted as PhaseEnd | null;
  if (end === 'oom') return finish(id, { kind: 'out-of-memory' });
  if (end === 'done' && post) await new Promise<void>((r) => realSetImmediate(r));
  // Node's default fatal handling (onNodeFatal) ended the process before the runtime's answer, which v4 posts one
  // setImmediate later (src/runtime/lifecycle-manager.ts): Lambda reports the exit.
  if (fatalExit) {
    phase = 'idle';
    return finish(id, { kind: 'exit', code: 1 });
  }
  if (end === 'done' && post) return finishPosted(id, post);
  if (end === 'dead' && processFailure) return finishDied(id, processFailure);
  if (end === 'timeout') return finish(id, { kind: 'timeout' }, describePending(["handler's promise has not settled"]));
  // Loop empty, promise unsettled: Node exits with code 0 and Lambda reports a runtime that exited without an
  // answer (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html, "Failures during the
  // invoke phase"; UNVERIFIED by a Node.js 24 capture).
  const errorMessage = `RequestId: ${requestId} Error: Runtime exited without providing a reason`;
  return finish(id, { kind: 'error', error: { errorType: 'Runtime.ExitError', errorMessage }, reset: true });
}

/**
 * RIC v4's class that calls the handler (src/runtime/buffered-invoke-processor.ts): `await this.handler(event,
 * context)` inside its `processInvoke`, so V8 names the handler's frame `BufferedInvokeProcessor.handler`; frames
 * below `processInvoke` are the worker's own plumbing and are cut (lambdaStack).
 */
class BufferedInvokeProcessor {
  handler: (...a: unknown[]) => unknown;
  constructor(handler: (...a: unknown[]) => unknown) {
    this.handler = handler;
  }
  async processInvoke(context: object, event: unknown): Promise<unknown> {
    return await this.handler(event, context);
  }
}

/** Plays the RIC's `Runtime` class so the user's handler runs as `this.handler(…)` (src/Runtime.js). */
class Runtime {
  handler: (...a: unknown[]) => unknown;
  constructor(handler: (...a: unknown[]) => unknown) {
    this.handler = handler;
  }
  handleOnceNonStreaming(payload: string, context: object, callback: (err: unknown, result?: unknown) => void, succeed: (r: unknown) => void, fail: (e: unknown) => void): void {
    try {
      const result = this.handler(JSON.parse(payload), context, callback);
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        // Runtime.js: result.then(callbackContext.succeed, callbackContext.fail).catch(callbackContext.fail)
        (result as Promise<unknown>).then(succeed, fail).catch(fail);
      }
    } catch (err) {
      callback(err);
    }
  }
}

// ---------------------------------------------------------------- wiring
patchConsole();
port.on('message', (m: ToWorker) => {
  // The phase's CPU is charged from here (the handler's synchronous start runs before the drive loop).
  cpuMark = threadCpuMs();
  // The process was frozen between invocations: timers that fell due meanwhile run first.
  advanceTo(m.nowUnixMs);
  if (m.type === 'init') void runInit(m.id, m.deadlineUnixMs);
  else if (m.type === 'invoke') void runInvoke(m.id, m.requestId, m.payload, m.deadlineUnixMs);
});
baseline = countResources();
// The parent starts its runaway guard only now: starting a worker on a busy machine is not the function's time.
send({ type: 'ready' });
