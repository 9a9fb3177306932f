/**
 * The execution environment's `/tmp`, kept on the host (outside QuickJS, so its bytes count toward the
 * configured ephemeral storage and not toward the function's memory or `Max Memory Used`). AWS sizes the
 * two separately: more /tmp lets a function "handle larger objects without using in-memory processing"
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html), and /tmp was 512 MB
 * "regardless of runtime or memory configuration" before it became configurable
 * (https://aws.amazon.com/blogs/compute/using-larger-ephemeral-storage-for-aws-lambda/); tested in
 * tests/engine/sandbox/tmp-memory.test.ts. One instance lives as long as
 * its sandbox: files survive warm invocations and a cold start begins with an empty `/tmp`
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html).
 *
 * Errors carry what Node's `uvException` puts on a file-system error (lib/internal/errors.js in
 * nodejs/node): `code`, negative Linux `errno`, `syscall` and usually `path`; messages and syscalls per
 * operation were checked against node v22.23.3 on Linux. Space is counted in bytes of file content
 * only (ILLUSTRATIVE: a real file system also spends blocks on metadata and rounds files up to blocks).
 */
import type { TmpFsErrorInfo } from './guest-api.ts';

/** Default size of a function's /tmp, MB (https://docs.aws.amazon.com/lambda/latest/api/API_EphemeralStorage.html). */
export const DEFAULT_EPHEMERAL_STORAGE_MB = 512;
/** Smallest configurable /tmp, MB (https://docs.aws.amazon.com/lambda/latest/api/API_EphemeralStorage.html). */
export const MIN_EPHEMERAL_STORAGE_MB = 512;
/** Largest configurable /tmp, MB (https://docs.aws.amazon.com/lambda/latest/api/API_EphemeralStorage.html). */
export const MAX_EPHEMERAL_STORAGE_MB = 10_240;
/** Bytes in one MB of ephemeral storage. UNVERIFIED whether AWS counts MB as 2^20 bytes; we do. */
export const BYTES_PER_STORAGE_MB = 1024 * 1024;

/** Where the writable file system is mounted in Lambda. */
export const TMP_ROOT = '/tmp';

/** Linux errno values (include/uapi/asm-generic/errno-base.h, errno.h), negated as libuv reports them. */
const ERRNO = { ENOENT: -2, EEXIST: -17, ENOTDIR: -20, EISDIR: -21, ENOSPC: -28, ENOTEMPTY: -39 } as const;
/** strerror texts as libuv prints them (uv_strerror). */
const DESCRIPTION: Record<keyof typeof ERRNO, string> = {
  ENOENT: 'no such file or directory',
  EEXIST: 'file already exists',
  ENOTDIR: 'not a directory',
  EISDIR: 'illegal operation on a directory',
  ENOSPC: 'no space left on device',
  ENOTEMPTY: 'directory not empty',
};

/** A file or directory of the in-memory `/tmp`. */
type Entry = { kind: 'file'; chunks: Uint8Array[]; size: number; mtimeMs: number; birthtimeMs: number } | { kind: 'dir'; mtimeMs: number; birthtimeMs: number };

/** A file's content in one piece (appends are kept as chunks until the file is read). */
function contentOf(e: { chunks: Uint8Array[]; size: number }): Uint8Array {
  if (e.chunks.length === 1) return e.chunks[0]!;
  const out = new Uint8Array(e.size);
  let at = 0;
  for (const c of e.chunks) {
    out.set(c, at);
    at += c.length;
  }
  e.chunks = [out];
  return out;
}

/** What a `/tmp` operation gives back: a value (and bytes for reads) or a file-system error. */
export type TmpFsResult = { ok: true; value?: unknown; data?: Uint8Array } | { ok: false; error: TmpFsErrorInfo };

/** The `/tmp` of one execution environment. */
export interface TmpFs {
  /**
   * Run one operation on an absolute, normalised path under `/tmp`. `op`: write (arg `{ append }`,
   * `data`), read, exists, stat, mkdir (arg `{ recursive }`), readdir, unlink, rmdir, rm (arg
   * `{ recursive, force }`), rename and copyfile (arg `{ dest }`). `nowMs` stamps modification times (epoch ms, virtual clock).
   */
  run: (op: string, path: string, arg: Record<string, unknown> | null, data: Uint8Array | null, nowMs: number) => TmpFsResult;
  /** Bytes of file content stored. */
  usedBytes: () => number;
  /** Capacity in bytes. */
  capacityBytes: number;
}

/** Create an empty `/tmp` holding at most `capacityBytes` bytes of file content. */
export function createTmpFs(capacityBytes: number): TmpFs {
  const entries = new Map<string, Entry>([[TMP_ROOT, { kind: 'dir', mtimeMs: 0, birthtimeMs: 0 }]]);
  let used = 0;
  const fail = (code: keyof typeof ERRNO, syscall: string, path?: string, dest?: string): TmpFsResult => ({
    ok: false,
    error: { code, errno: ERRNO[code], syscall, description: DESCRIPTION[code], ...(path === undefined ? {} : { path }), ...(dest === undefined ? {} : { dest }) },
  });
  const parentOf = (p: string): string => p.slice(0, p.lastIndexOf('/')) || '/';
  // The parent directory's problem for creating `p`, if any (ENOENT or ENOTDIR as open/mkdir report).
  const parentProblem = (p: string): 'ENOENT' | 'ENOTDIR' | null => {
    for (let dir = parentOf(p); dir.length >= TMP_ROOT.length; dir = parentOf(dir)) {
      const e = entries.get(dir);
      if (e) return e.kind === 'dir' ? (dir === parentOf(p) ? null : 'ENOENT') : 'ENOTDIR';
    }
    return 'ENOENT';
  };
  const children = (dir: string): string[] => {
    const prefix = dir + '/';
    const out: string[] = [];
    for (const k of entries.keys()) if (k.startsWith(prefix) && !k.slice(prefix.length).includes('/')) out.push(k.slice(prefix.length));
    return out.sort();
  };
  const removeTree = (p: string): void => {
    for (const k of [...entries.keys()]) {
      if (k === p || k.startsWith(p + '/')) {
        const e = entries.get(k)!;
        if (e.kind === 'file') used -= e.size;
        entries.delete(k);
      }
    }
  };

  function run(op: string, path: string, arg: Record<string, unknown> | null, data: Uint8Array | null, nowMs: number): TmpFsResult {
    const entry = entries.get(path);
    switch (op) {
      case 'exists':
        return { ok: true, value: entry !== undefined };
      case 'stat':
        if (!entry) return fail('ENOENT', 'stat', path);
        return { ok: true, value: { kind: entry.kind, size: entry.kind === 'file' ? entry.size : 4096, mtimeMs: entry.mtimeMs, birthtimeMs: entry.birthtimeMs } };
      case 'read':
        if (!entry) return fail(parentProblem(path) === 'ENOTDIR' ? 'ENOTDIR' : 'ENOENT', 'open', path);
        if (entry.kind === 'dir') return fail('EISDIR', 'read');
        return { ok: true, data: contentOf(entry) };
      case 'write': {
        if (entry && entry.kind === 'dir') return fail('EISDIR', 'open', path);
        if (!entry) {
          const problem = parentProblem(path);
          if (problem) return fail(problem, 'open', path);
        }
        const bytes = data ?? new Uint8Array(0);
        const append = arg !== null && arg['append'] === true;
        const oldSize = entry && entry.kind === 'file' ? entry.size : 0;
        const kept = append && entry && entry.kind === 'file' ? entry.chunks : [];
        const keptSize = append ? oldSize : 0;
        // open() creates or truncates the file first; write() then fills what space is left.
        const free = capacityBytes - (used - oldSize) - keptSize;
        const written = Math.max(0, Math.min(bytes.length, free));
        const chunks = written > 0 ? kept.concat([bytes.subarray(0, written)]) : kept; // takes ownership of `data`
        used += keptSize + written - oldSize;
        entries.set(path, { kind: 'file', chunks, size: keptSize + written, mtimeMs: nowMs, birthtimeMs: entry ? entry.birthtimeMs : nowMs });
        if (written < bytes.length) return fail('ENOSPC', 'write');
        return { ok: true };
      }
      case 'mkdir': {
        const recursive = arg !== null && arg['recursive'] === true;
        if (entry) {
          if (recursive && entry.kind === 'dir') return { ok: true };
          return fail('EEXIST', 'mkdir', path);
        }
        if (!recursive) {
          const problem = parentProblem(path);
          if (problem) return fail(problem, 'mkdir', path);
          entries.set(path, { kind: 'dir', mtimeMs: nowMs, birthtimeMs: nowMs });
          return { ok: true };
        }
        // mkdir -p: the first directory created is the result (Node's recursive mkdir).
        const missing: string[] = [];
        let dir = path;
        for (; !entries.has(dir); dir = parentOf(dir)) missing.unshift(dir);
        if (entries.get(dir)!.kind !== 'dir') return fail('ENOTDIR', 'mkdir', path);
        for (const d of missing) entries.set(d, { kind: 'dir', mtimeMs: nowMs, birthtimeMs: nowMs });
        return { ok: true, value: missing[0] };
      }
      case 'readdir':
        if (!entry) return fail('ENOENT', 'scandir', path);
        if (entry.kind !== 'dir') return fail('ENOTDIR', 'scandir', path);
        return { ok: true, value: children(path) };
      case 'unlink':
        if (!entry) return fail('ENOENT', 'unlink', path);
        if (entry.kind === 'dir') return fail('EISDIR', 'unlink', path);
        removeTree(path);
        return { ok: true };
      case 'rmdir':
        if (!entry) return fail('ENOENT', 'rmdir', path);
        if (entry.kind !== 'dir') return fail('ENOTDIR', 'rmdir', path);
        if (children(path).length > 0) return fail('ENOTEMPTY', 'rmdir', path);
        if (path !== TMP_ROOT) entries.delete(path);
        return { ok: true };
      case 'rm': {
        const force = arg !== null && arg['force'] === true;
        const recursive = arg !== null && arg['recursive'] === true;
        if (!entry) return force ? { ok: true } : fail('ENOENT', 'lstat', path);
        if (entry.kind === 'dir' && !recursive) return { ok: false, error: { code: 'ERR_FS_EISDIR', errno: 21, syscall: 'rm', path, description: 'is a directory' } };
        if (path === TMP_ROOT) {
          for (const c of children(path)) removeTree(TMP_ROOT + '/' + c);
        } else removeTree(path);
        return { ok: true };
      }
      case 'rename':
      case 'copyfile': {
        const dest = String(arg !== null ? arg['dest'] : '');
        const target = entries.get(dest);
        if (!entry || (op === 'copyfile' && entry.kind === 'dir')) return fail(entry ? 'EISDIR' : 'ENOENT', op, path, dest);
        const destProblem = target ? null : parentProblem(dest);
        if (destProblem) return fail(destProblem, op, path, dest);
        if (target && target.kind === 'dir') {
          if (entry.kind === 'file') return fail('EISDIR', op, path, dest);
          if (children(dest).length > 0) return fail('ENOTEMPTY', op, path, dest);
        }
        if (target && target.kind === 'file' && entry.kind === 'dir') return fail('ENOTDIR', op, path, dest);
        if (op === 'copyfile') return run('write', dest, null, contentOf(entry as { chunks: Uint8Array[]; size: number }).slice(), nowMs);
        if (dest === path) return { ok: true };
        if (target) removeTree(dest); // a replaced file's bytes are released; the moved bytes stay counted
        for (const k of [...entries.keys()]) {
          if (k === path || k.startsWith(path + '/')) {
            const e = entries.get(k)!;
            entries.delete(k);
            entries.set(dest + k.slice(path.length), e);
          }
        }
        return { ok: true };
      }
      default:
        throw new Error(`Unknown /tmp operation "${op}"`);
    }
  }
  return { run, usedBytes: () => used, capacityBytes };
}
