import type { GuestDeps } from './guest-api.ts';

/** What `path.parse` answers. */
export interface ParsedPath {
  root: string;
  dir: string;
  base: string;
  ext: string;
  name: string;
}

/** The `path` module as this sandbox gives it (POSIX only, as on Lambda's Amazon Linux). */
export interface GuestPath {
  sep: string;
  delimiter: string;
  posix: GuestPath;
  basename(p: unknown, ext?: unknown): string;
  dirname(p: unknown): string;
  extname(p: unknown): string;
  normalize(p: unknown): string;
  join(...parts: unknown[]): string;
  resolve(...parts: unknown[]): string;
  isAbsolute(p: unknown): boolean;
  relative(from: unknown, to: unknown): string;
  parse(p: unknown): ParsedPath;
  format(o: unknown): string;
  toNamespacedPath(p: unknown): unknown;
}

/**
 * Guest source: Node's `path` (runs inside QuickJS; see guest-api.ts), the POSIX functions as Node documents them
 * (https://nodejs.org/api/path.html): `basename`, `dirname`, `extname`, `normalize` (a trailing slash is kept),
 * `join`, `resolve` (relative to the working directory, `process.cwd()`, which is /var/task on Lambda:
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime,
 * LAMBDA_TASK_ROOT), `isAbsolute`, `relative`, `parse`, `format`, `toNamespacedPath`, `sep` '/', `delimiter` ':',
 * and `posix` (itself). A path argument that is not a string throws Node's TypeError [ERR_INVALID_ARG_TYPE]
 * ('The "path" argument must be of type string. Received undefined'), the error behind many a
 * `path.join(process.env.MISSING, …)`. Every function is checked against the host's own `path` (tests/engine/sandbox/
 * builtins-path.test.ts). Not given: `win32` (Lambda runs Linux) and `matchesGlob`.
 */
export function createPathModule(deps: GuestDeps): GuestPath {
  'use strict';
  const cwd = (): string => {
    const proc = (globalThis as unknown as { process?: { cwd?: () => string } }).process;
    return proc && typeof proc.cwd === 'function' ? proc.cwd() : '/var/task';
  };
  const str = (value: unknown, name: string): string => {
    if (typeof value !== 'string') throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" argument must be of type string. Received ' + deps.receivedText(value));
    return value;
  };
  // Resolve `.` and `..` in a path without its root; `up` keeps leading `..` (relative paths).
  const segments = (p: string, up: boolean): string => {
    const out: string[] = [];
    for (const seg of p.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
        else if (up) out.push('..');
      } else out.push(seg);
    }
    return out.join('/');
  };
  const normalize = (p: string): string => {
    if (p === '') return '.';
    const abs = p.charCodeAt(0) === 47;
    const trailing = p.charCodeAt(p.length - 1) === 47;
    let body = segments(p, !abs);
    if (body === '' && !abs) body = '.';
    if (body !== '' && trailing) body += '/';
    return abs ? '/' + body : body;
  };
  const resolve = (...parts: unknown[]): string => {
    let resolved = '';
    let abs = false;
    for (let i = parts.length - 1; i >= -1 && !abs; i--) {
      const p = i >= 0 ? str(parts[i], 'paths[' + i + ']') : cwd();
      if (p === '') continue;
      resolved = resolved === '' ? p : p + '/' + resolved;
      abs = p.charCodeAt(0) === 47;
    }
    const body = segments(resolved, !abs);
    return abs ? '/' + body : body.length > 0 ? body : '.';
  };
  // The base name and where it starts, trailing slashes ignored ('' for '/').
  const lastName = (p: string): { start: number; end: number } => {
    let end = p.length;
    while (end > 1 && p.charCodeAt(end - 1) === 47) end--;
    if (end === 1 && p.charCodeAt(0) === 47) return { start: 1, end: 1 };
    const start = p.lastIndexOf('/', end - 1) + 1;
    return { start, end };
  };
  const extOf = (base: string): string => {
    const dot = base.lastIndexOf('.');
    // No dot, or only a leading one ('.profile'), or the name is '..': no extension.
    if (dot <= 0 || base === '..') return '';
    return base.slice(dot);
  };
  const path = {
    sep: '/',
    delimiter: ':',
    basename(p: unknown, ext?: unknown): string {
      const s = str(p, 'path');
      if (ext !== undefined) str(ext, 'suffix');
      const { start, end } = lastName(s);
      const b = s.slice(start, end);
      if (typeof ext === 'string' && ext !== '' && b !== ext && b.endsWith(ext)) return b.slice(0, b.length - ext.length);
      return b;
    },
    dirname(p: unknown): string {
      const s = str(p, 'path');
      if (s === '') return '.';
      const abs = s.charCodeAt(0) === 47;
      // From the end (index 0 aside): skip the last name and its trailing slashes; the slash before the name ends
      // the directory. Slashes before it are kept ('a//b' → 'a/'), as Node does.
      let seenName = false;
      let end = -1;
      for (let i = s.length - 1; i >= 1; i--) {
        if (s.charCodeAt(i) === 47) {
          if (seenName) {
            end = i;
            break;
          }
        } else seenName = true;
      }
      if (end === -1) return abs ? '/' : '.';
      if (abs && end === 1) return '//';
      return s.slice(0, end);
    },
    extname(p: unknown): string {
      const s = str(p, 'path');
      const { start, end } = lastName(s);
      return extOf(s.slice(start, end));
    },
    normalize(p: unknown): string {
      return normalize(str(p, 'path'));
    },
    join(...parts: unknown[]): string {
      const kept: string[] = [];
      for (const p of parts) {
        const s = str(p, 'path');
        if (s !== '') kept.push(s);
      }
      return kept.length === 0 ? '.' : normalize(kept.join('/'));
    },
    resolve,
    isAbsolute(p: unknown): boolean {
      const s = str(p, 'path');
      return s.length > 0 && s.charCodeAt(0) === 47;
    },
    relative(from: unknown, to: unknown): string {
      const f = str(from, 'from');
      const t = str(to, 'to');
      if (f === t) return '';
      const a = resolve(f).split('/').filter(Boolean);
      const b = resolve(t).split('/').filter(Boolean);
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return a.slice(i).map(() => '..').concat(b.slice(i)).join('/');
    },
    parse(p: unknown): ParsedPath {
      const s = str(p, 'path');
      const root = s.charCodeAt(0) === 47 ? '/' : '';
      if (s === '') return { root: '', dir: '', base: '', ext: '', name: '' };
      const { start, end } = lastName(s);
      const base = s.slice(start, end);
      const ext = extOf(base);
      const name = ext === '' ? base : base.slice(0, base.length - ext.length);
      let dir = start > 0 ? s.slice(0, start - 1) : '';
      if (dir === '' && root !== '') dir = '/';
      return { root, dir, base, ext, name };
    },
    format(o: unknown): string {
      if (o === null || typeof o !== 'object') {
        throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "pathObject" argument must be of type object. Received ' + deps.receivedText(o));
      }
      const obj = o as Partial<ParsedPath>;
      const dir = obj.dir || obj.root;
      const ext = obj.ext ? (obj.ext.charCodeAt(0) === 46 ? obj.ext : '.' + obj.ext) : '';
      const base = obj.base || (obj.name || '') + ext;
      if (!dir) return base;
      return dir === obj.root ? dir + base : dir + '/' + base;
    },
    toNamespacedPath: (p: unknown): unknown => p,
  } as GuestPath;
  path.posix = path;
  return path;
}
