import type { GuestDeps } from './guest-api.ts';

/** The `path` module as this sandbox gives it (POSIX only, as on Lambda's Amazon Linux). */
export interface GuestPath {
  sep: string;
  delimiter: string;
  posix: GuestPath;
  basename(p: unknown, ext?: string): string;
  dirname(p: unknown): string;
  extname(p: unknown): string;
  normalize(p: unknown): string;
  join(...parts: unknown[]): string;
  resolve(...parts: unknown[]): string;
  isAbsolute(p: unknown): boolean;
  relative(from: unknown, to: unknown): string;
}

/**
 * Guest source: Node's `path` (runs inside QuickJS; see guest-api.ts), the POSIX functions
 * (https://nodejs.org/api/path.html): `basename`, `dirname`, `extname`, `normalize`, `join`, `resolve`
 * (relative to the working directory, `process.cwd()`, which is /var/task on Lambda:
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime,
 * LAMBDA_TASK_ROOT), `isAbsolute`, `relative`, `sep` '/', `delimiter` ':', and `posix` (itself). The
 * runtime also uses it for module file names. Simplified: no `parse`/`format`, no `win32`.
 */
export function createPathModule(deps: GuestDeps): GuestPath {
  'use strict';
  void deps;
  const cwd = (): string => {
    const proc = (globalThis as unknown as { process?: { cwd?: () => string } }).process;
    return proc && typeof proc.cwd === 'function' ? proc.cwd() : '/var/task';
  };
  const path = {
    sep: '/',
    delimiter: ':',
    basename(p: unknown, ext?: string): string {
      let b = String(p).replace(/\/+$/, '');
      b = b.slice(b.lastIndexOf('/') + 1);
      return ext && b.endsWith(ext) && b !== ext ? b.slice(0, -ext.length) : b;
    },
    dirname(p: unknown): string {
      const s = String(p).replace(/\/+$/, '');
      const i = s.lastIndexOf('/');
      return i < 0 ? '.' : i === 0 ? '/' : s.slice(0, i);
    },
    extname(p: unknown): string {
      const b = path.basename(p);
      const i = b.lastIndexOf('.');
      return i <= 0 ? '' : b.slice(i);
    },
    normalize(p: unknown): string {
      const abs = String(p).startsWith('/');
      const out: string[] = [];
      for (const seg of String(p).split('/')) {
        if (seg === '' || seg === '.') continue;
        if (seg === '..') {
          if (out.length && out[out.length - 1] !== '..') out.pop();
          else if (!abs) out.push('..');
        } else out.push(seg);
      }
      return (abs ? '/' : '') + out.join('/') || (abs ? '/' : '.');
    },
    join: (...parts: unknown[]): string => path.normalize(parts.filter((x) => x !== '').join('/') || '.'),
    resolve: (...parts: unknown[]): string => {
      let r = '';
      // (the prelude's version joined with a leading '/', so relative paths never reached the working directory)
      for (const p of parts) r = String(p).startsWith('/') ? String(p) : r === '' ? String(p) : r + '/' + String(p);
      return path.normalize(r.startsWith('/') ? r : cwd() + '/' + r);
    },
    isAbsolute: (p: unknown): boolean => String(p).startsWith('/'),
    relative: (from: unknown, to: unknown): string => {
      const a = path.resolve(from).split('/').filter(Boolean);
      const b = path.resolve(to).split('/').filter(Boolean);
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return a
        .slice(i)
        .map(() => '..')
        .concat(b.slice(i))
        .join('/');
    },
  } as GuestPath;
  path.posix = path;
  return path;
}
