/**
 * What the simulated Node runtime (`prelude-runtime.ts`) hands the built-in modules of this folder.
 *
 * Each built-in is a typed function whose *source text* runs inside QuickJS (`fn.toString()`, the way
 * `src/engine/aws/sdk-core.ts` ships the simulated SDK). So a built-in's body must be self-contained:
 * no imports, no references to anything outside the function, and only syntax every transpiler leaves
 * alone (no class fields, optional chaining or object spread, which a down-levelling build turns into
 * helper calls defined outside the function). Everything it needs from the runtime arrives in
 * {@link GuestDeps}. The types here are for the host compiler only.
 */

/** The guest's `Buffer` class as the built-ins use it. */
export interface GuestBufferClass {
  from(value: unknown, encoding?: string): GuestBuffer;
  alloc(size: number, fill?: number): GuestBuffer;
  concat(list: readonly Uint8Array[], total?: number): GuestBuffer;
  isBuffer(value: unknown): boolean;
  byteLength(value: unknown, encoding?: string): number;
  new (size: number): GuestBuffer;
  /** A Buffer over existing memory (no copy), as `new Uint8Array(buffer, offset, length)`. */
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): GuestBuffer;
}

/** A guest `Buffer` instance. */
export interface GuestBuffer extends Uint8Array {
  toString(encoding?: string, start?: number, end?: number): string;
}

/** The guest's EventEmitter class (events.ts). */
export interface GuestEmitter {
  on(event: string | symbol, fn: (...args: any[]) => void): this;
  once(event: string | symbol, fn: (...args: any[]) => void): this;
  off(event: string | symbol, fn: (...args: any[]) => void): this;
  emit(event: string | symbol, ...args: unknown[]): boolean;
  listenerCount(event: string | symbol): number;
  removeListener(event: string | symbol, fn: (...args: any[]) => void): this;
}

/** Constructor of {@link GuestEmitter}. */
export interface GuestEmitterClass {
  new (): GuestEmitter;
}

/** One answer of the host's `/tmp` file system (tmp-fs.ts), as the guest receives it. */
export type TmpFsAnswer = { ok: true; value?: unknown; data?: ArrayBuffer } | { ok: false; error: TmpFsErrorInfo };

/** A file-system failure, with the fields of Node's `uvException` (lib/internal/errors.js). */
export interface TmpFsErrorInfo {
  code: string;
  errno: number;
  syscall: string;
  path?: string;
  /** The second path of a two-path call (rename, copyfile). */
  dest?: string;
  description: string;
}

/** Runtime pieces the built-ins use. */
export interface GuestDeps {
  Buffer: GuestBufferClass;
  EventEmitter: GuestEmitterClass;
  /** The runtime's tracked Promise (unhandled rejections are reported as on Lambda). */
  Promise: PromiseConstructor;
  /** Seeded random number in [0, 1): the sandbox's deterministic `Math.random`. */
  random: () => number;
  /** Node's coded error: `err.code` and `Name [CODE]: message` as the stack's first line. */
  nodeError: (ctor: ErrorConstructor, code: string, message: string) => Error & { code: string };
  /** How Node names a wrong argument after "Received". */
  receivedText: (value: unknown) => string;
  /** The runtime's `util.format`. */
  format: (...args: unknown[]) => string;
  /** The global console (the runtime's, writing Lambda log lines). */
  console: unknown;
  /** The runtime's `util.inspect`. */
  inspect: (value: unknown) => string;
  /** The simulator's "X is not available in the Lambda Triage simulator …" error. */
  notAvailable: (what: string) => Error;
  /** Who called, from the stack's `/node_modules/<pkg>/` frames: "The package 'a' (used by 'b')" or "This code". */
  callerText: () => string;
  nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]) => void;
  setImmediate: (fn: (...args: unknown[]) => void, ...args: unknown[]) => unknown;
  /** Another built-in module by name (`stream`, `fs`, …). */
  loadBuiltin: (name: string) => any;
  /** The function's own files, path → text (read-only, under /var/task). */
  taskFiles: Readonly<Record<string, string>>;
  /**
   * The runtime's AsyncLocalStorage context (prelude-runtime.ts): the frame (storage → store) current
   * now, which the runtime carries across awaits, promise reactions and timers once activated.
   */
  asyncContext: { get: () => unknown; set: (frame: unknown) => void; activate: () => void };
  /** The host's `/tmp` (tmp-fs.ts): one operation per call. */
  tmpFs: (op: string, path: string, arg: unknown, data?: Uint8Array) => TmpFsAnswer;
}
