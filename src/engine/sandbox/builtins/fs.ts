import type { GuestBuffer, GuestDeps, TmpFsAnswer, TmpFsErrorInfo } from './guest-api.ts';

/**
 * Guest source: Node's `fs` and `fs/promises` in the sandbox (runs inside QuickJS; see guest-api.ts).
 * Reads and writes work under `/tmp` only, the one writable directory of a Lambda function
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html); the bytes live on
 * the host (tmp-fs.ts), capped at the function's ephemeral storage. The function's own files under
 * `/var/task` can be read. Any other path throws the simulator's "not available" error. Covered: read,
 * write, append, exists, access, stat, mkdir, readdir, unlink, rmdir, rm, rename, copyFile (sync,
 * callback and promise forms) and createReadStream/createWriteStream (whole-file, no ranges).
 * Errors are built as Node's `uvException` builds them (lib/internal/errors.js in nodejs/node):
 * `CODE: description, syscall 'path'` with `errno`, `code`, `syscall` and `path` on the error; `rmSync`
 * on a directory without `recursive` is Node's `SystemError [ERR_FS_EISDIR]` (checked on node v22.23.3).
 */
export function createFsModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  const Buffer = deps.Buffer;
  const pathModule = deps.loadBuiltin('path') as { resolve: (...p: string[]) => string };
  const TMP = '/tmp';
  const TASK = '/var/task';
  type Where = { kind: 'tmp' | 'task'; path: string };

  function toPath(p: unknown, name: string): string {
    if (typeof p === 'string') return p;
    if (p instanceof Uint8Array) return (p as GuestBuffer).toString('utf8');
    if (p && typeof p === 'object' && (p as { protocol?: unknown }).protocol === 'file:') return decodeURIComponent(String((p as { pathname: string }).pathname));
    throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" argument must be of type string or an instance of Buffer or URL. Received ' + deps.receivedText(p));
  }
  // Where a path lives; `write` paths must be under /tmp.
  function locate(p: unknown, fnName: string, write: boolean): Where {
    const raw = toPath(p, 'path');
    const abs = pathModule.resolve(raw);
    if (abs === TMP || abs.startsWith(TMP + '/')) return { kind: 'tmp', path: abs };
    if (!write && (abs === TASK || abs.startsWith(TASK + '/'))) return { kind: 'task', path: abs };
    throw deps.notAvailable('fs.' + fnName + '()');
  }
  function uvError(info: TmpFsErrorInfo): Error {
    if (info.code === 'ERR_FS_EISDIR') {
      const e = new Error('Path is a directory: ' + info.syscall + ' returned EISDIR (' + info.description + ') ' + info.path) as Error & Record<string, unknown>;
      e.name = 'SystemError';
      e['code'] = info.code;
      e['errno'] = info.errno;
      e['syscall'] = info.syscall;
      e['path'] = info.path;
      const frames = String(e.stack).split('\n').slice(1).join('\n');
      e.stack = 'SystemError [ERR_FS_EISDIR]: ' + e.message + (frames ? '\n' + frames : '');
      return e;
    }
    const where = (info.path === undefined ? '' : " '" + info.path + "'") + (info.dest === undefined ? '' : " -> '" + info.dest + "'");
    const e = new Error(info.code + ': ' + info.description + ', ' + info.syscall + where) as Error & Record<string, unknown>;
    e['errno'] = info.errno;
    e['code'] = info.code;
    e['syscall'] = info.syscall;
    if (info.path !== undefined) e['path'] = info.path;
    if (info.dest !== undefined) e['dest'] = info.dest;
    return e;
  }
  function answer(r: TmpFsAnswer): { value?: unknown; data?: ArrayBuffer } {
    if (!r.ok) throw uvError(r.error);
    return r;
  }
  function enoent(syscall: string, path: string): Error {
    return uvError({ code: 'ENOENT', errno: -2, syscall, path, description: 'no such file or directory' });
  }
  // /var/task: the function's files (text), directories implied by their paths.
  function taskIsDir(p: string): boolean {
    const prefix = p + '/';
    for (const k of Object.keys(deps.taskFiles)) if (k.startsWith(prefix)) return true;
    return false;
  }
  function taskHas(p: string): boolean {
    return Object.prototype.hasOwnProperty.call(deps.taskFiles, p);
  }
  function encodingOf(options: unknown): string | null {
    if (typeof options === 'string') return options;
    if (options && typeof options === 'object' && typeof (options as { encoding?: unknown }).encoding === 'string') return (options as { encoding: string }).encoding;
    return null;
  }
  function flagOf(options: unknown, fallback: string): string {
    if (options && typeof options === 'object' && typeof (options as { flag?: unknown }).flag === 'string') return (options as { flag: string }).flag;
    return fallback;
  }
  function dataBytes(data: unknown, options: unknown): Uint8Array {
    if (typeof data === 'string') return Buffer.from(data, encodingOf(options) || 'utf8');
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw deps.nodeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ' + deps.receivedText(data),
    );
  }

  function readFileSync(p: unknown, options?: unknown): GuestBuffer | string {
    const w = locate(p, 'readFileSync', false);
    let buf: GuestBuffer;
    if (w.kind === 'task') {
      if (!taskHas(w.path)) {
        if (taskIsDir(w.path) || w.path === TASK) throw uvError({ code: 'EISDIR', errno: -21, syscall: 'read', description: 'illegal operation on a directory' });
        throw enoent('open', w.path);
      }
      buf = Buffer.from(deps.taskFiles[w.path]!, 'utf8');
    } else {
      const r = answer(deps.tmpFs('read', w.path, null));
      buf = r.data ? new Buffer(r.data, 0, r.data.byteLength) : Buffer.alloc(0); // no copy
    }
    const enc = encodingOf(options);
    return enc && enc !== 'buffer' ? buf.toString(enc) : buf;
  }
  function writeFileSync(p: unknown, data: unknown, options?: unknown): void {
    const w = locate(p, 'writeFileSync', true);
    const flag = flagOf(options, 'w');
    answer(deps.tmpFs('write', w.path, { append: flag.charAt(0) === 'a' }, dataBytes(data, options)));
  }
  function appendFileSync(p: unknown, data: unknown, options?: unknown): void {
    const w = locate(p, 'appendFileSync', true);
    answer(deps.tmpFs('write', w.path, { append: true }, dataBytes(data, options)));
  }
  function existsSync(p: unknown): boolean {
    let w: Where;
    try {
      w = locate(p, 'existsSync', false);
    } catch (_e) {
      return false;
    }
    if (w.kind === 'task') return w.path === TASK || taskHas(w.path) || taskIsDir(w.path);
    const r = deps.tmpFs('exists', w.path, null);
    return r.ok && r.value === true;
  }
  function accessSync(p: unknown): void {
    if (!existsSync(p)) throw enoent('access', pathModule.resolve(toPath(p, 'path')));
  }
  class Stats {
    declare size: number;
    declare mode: number;
    declare mtimeMs: number;
    declare birthtimeMs: number;
    declare mtime: Date;
    declare birthtime: Date;
    declare atime: Date;
    declare ctime: Date;
    declare atimeMs: number;
    declare ctimeMs: number;
    declare _dir: boolean;
    constructor(dir: boolean, size: number, mtimeMs: number, birthtimeMs: number) {
      Object.defineProperty(this, '_dir', { value: dir, enumerable: false });
      this.size = size;
      // S_IFREG | 0644 and S_IFDIR | 0755, as a new file and directory get under Lambda's umask (UNVERIFIED)
      this.mode = dir ? 0o40755 : 0o100644;
      this.atimeMs = this.mtimeMs = this.ctimeMs = mtimeMs;
      this.birthtimeMs = birthtimeMs;
      this.atime = this.mtime = this.ctime = new Date(mtimeMs);
      this.birthtime = new Date(birthtimeMs);
    }
    isFile(): boolean {
      return !this._dir;
    }
    isDirectory(): boolean {
      return this._dir;
    }
    isSymbolicLink(): boolean {
      return false;
    }
  }
  function statSync(p: unknown, options?: unknown): Stats | undefined {
    const w = locate(p, 'statSync', false);
    const quiet = !!options && typeof options === 'object' && (options as { throwIfNoEntry?: unknown }).throwIfNoEntry === false;
    if (w.kind === 'task') {
      if (taskHas(w.path)) return new Stats(false, Buffer.byteLength(deps.taskFiles[w.path]!, 'utf8'), 0, 0);
      if (w.path === TASK || taskIsDir(w.path)) return new Stats(true, 4096, 0, 0);
      if (quiet) return undefined;
      throw enoent('stat', w.path);
    }
    const r = deps.tmpFs('stat', w.path, null);
    if (!r.ok && quiet && r.error.code === 'ENOENT') return undefined;
    const s = answer(r).value as { kind: string; size: number; mtimeMs: number; birthtimeMs: number };
    return new Stats(s.kind === 'dir', s.size, s.mtimeMs, s.birthtimeMs);
  }
  function mkdirSync(p: unknown, options?: unknown): string | undefined {
    const w = locate(p, 'mkdirSync', true);
    const recursive = !!options && typeof options === 'object' && (options as { recursive?: unknown }).recursive === true;
    return answer(deps.tmpFs('mkdir', w.path, { recursive })).value as string | undefined;
  }
  class Dirent {
    declare name: string;
    declare parentPath: string;
    declare _dir: boolean;
    constructor(name: string, parentPath: string, dir: boolean) {
      this.name = name;
      this.parentPath = parentPath;
      Object.defineProperty(this, '_dir', { value: dir, enumerable: false });
    }
    isFile(): boolean {
      return !this._dir;
    }
    isDirectory(): boolean {
      return this._dir;
    }
  }
  function readdirSync(p: unknown, options?: unknown): Array<string | Dirent> {
    const w = locate(p, 'readdirSync', false);
    let names: string[];
    if (w.kind === 'task') {
      if (taskHas(w.path)) throw uvError({ code: 'ENOTDIR', errno: -20, syscall: 'scandir', path: w.path, description: 'not a directory' });
      const set: Record<string, true> = {};
      const prefix = w.path + '/';
      for (const k of Object.keys(deps.taskFiles)) if (k.startsWith(prefix)) set[k.slice(prefix.length).split('/')[0]!] = true;
      names = Object.keys(set).sort();
      if (names.length === 0 && w.path !== TASK) throw enoent('scandir', w.path);
    } else names = answer(deps.tmpFs('readdir', w.path, null)).value as string[];
    const withTypes = !!options && typeof options === 'object' && (options as { withFileTypes?: unknown }).withFileTypes === true;
    if (!withTypes) return names;
    return names.map((n) => new Dirent(n, w.path, statSync(w.path + '/' + n)!.isDirectory()));
  }
  function unlinkSync(p: unknown): void {
    answer(deps.tmpFs('unlink', locate(p, 'unlinkSync', true).path, null));
  }
  function rmdirSync(p: unknown): void {
    answer(deps.tmpFs('rmdir', locate(p, 'rmdirSync', true).path, null));
  }
  function rmSync(p: unknown, options?: unknown): void {
    const o = (options && typeof options === 'object' ? options : {}) as { recursive?: unknown; force?: unknown };
    answer(deps.tmpFs('rm', locate(p, 'rmSync', true).path, { recursive: o.recursive === true, force: o.force === true }));
  }

  function renameSync(from: unknown, to: unknown): void {
    answer(deps.tmpFs('rename', locate(from, 'renameSync', true).path, { dest: locate(to, 'renameSync', true).path }));
  }
  function copyFileSync(from: unknown, to: unknown): void {
    const src = locate(from, 'copyFileSync', false);
    const dest = locate(to, 'copyFileSync', true).path;
    if (src.kind === 'task') writeFileSync(dest, readFileSync(src.path));
    else answer(deps.tmpFs('copyfile', src.path, { dest }));
  }
  // Streams over /tmp files: errors arrive as 'error' events, as Node opens the file asynchronously.
  function createReadStream(p: unknown, options?: unknown): unknown {
    const stream = deps.loadBuiltin('stream') as { Readable: new (o: object) => any };
    const target = locate(p, 'createReadStream', false);
    const enc = encodingOf(options);
    // Node opens the file at once: a missing file is an 'error' event even before anyone reads.
    let content: GuestBuffer | null = null;
    let failure: Error | null = null;
    try {
      content = readFileSync(target.path) as GuestBuffer;
    } catch (e) {
      failure = e as Error;
    }
    const r = new stream.Readable({
      read(this: any) {
        if (content && content.length > 0) this.push(enc ? content.toString(enc) : content);
        this.push(null);
      },
    });
    if (failure) {
      const err = failure;
      deps.nextTick(() => r.destroy(err));
    }
    r.path = target.path;
    return r;
  }
  function createWriteStream(p: unknown, options?: unknown): unknown {
    const stream = deps.loadBuiltin('stream') as { Writable: new (o: object) => any };
    const target = locate(p, 'createWriteStream', true);
    const flags = options && typeof options === 'object' && typeof (options as { flags?: unknown }).flags === 'string' ? (options as { flags: string }).flags : 'w';
    let opened = false;
    const open = () => {
      if (!opened) {
        opened = true;
        if (flags.charAt(0) !== 'a') writeFileSync(target.path, '');
      }
    };
    const w = new stream.Writable({
      write(this: any, chunk: Uint8Array, _enc: string, cb: (e?: Error | null) => void) {
        try {
          open();
          appendFileSync(target.path, chunk);
          this.bytesWritten += chunk.length;
          cb();
        } catch (e) {
          cb(e as Error);
        }
      },
      final(cb: (e?: Error | null) => void) {
        try {
          open();
          cb();
        } catch (e) {
          cb(e as Error);
        }
      },
    });
    w.path = target.path;
    w.bytesWritten = 0;
    return w;
  }

  const sync: Record<string, (...a: any[]) => unknown> = {
    readFileSync, writeFileSync, appendFileSync, existsSync, accessSync, statSync, lstatSync: statSync,
    mkdirSync, readdirSync, unlinkSync, rmdirSync, rmSync, renameSync, copyFileSync,
  };
  const mod: Record<string, unknown> = { constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 }, Stats, Dirent };
  const promises: Record<string, unknown> = { constants: mod['constants'] };
  for (const name of Object.keys(sync)) {
    const f = sync[name]!;
    mod[name] = f;
    if (name === 'existsSync') continue;
    const base = name.slice(0, -4);
    // callback form: the result on a later turn, as libuv's thread pool answers
    mod[base] = {
      [base]: (...args: unknown[]) => {
        const cb = args.pop();
        if (typeof cb !== 'function') {
          throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "cb" argument must be of type function. Received ' + deps.receivedText(cb));
        }
        let value: unknown;
        let error: unknown = null;
        try {
          value = f(...args);
        } catch (e) {
          error = e;
        }
        deps.setImmediate(() => (error ? cb(error) : cb(null, value)));
      },
    }[base];
    promises[base] = {
      [base]: (...args: unknown[]) =>
        new deps.Promise((resolve, reject) => {
          try {
            const value = f(...args);
            deps.setImmediate(() => resolve(value));
          } catch (e) {
            deps.setImmediate(() => reject(e));
          }
        }),
    }[base];
  }
  // fs.exists(path, cb) is deprecated but still answers a boolean, without an error argument
  mod['exists'] = (p: unknown, cb: (ok: boolean) => void) => {
    const ok = existsSync(p);
    deps.setImmediate(() => cb(ok));
  };
  mod['createReadStream'] = createReadStream;
  mod['createWriteStream'] = createWriteStream;
  for (const name of ['watch', 'watchFile', 'openSync', 'open', 'symlinkSync']) {
    mod[name] = function () {
      throw deps.notAvailable('fs.' + name + '()');
    };
  }
  mod['promises'] = promises;
  return mod;
}
