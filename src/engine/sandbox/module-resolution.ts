/**
 * Node.js module resolution, typed and run on the host: the CommonJS `require` algorithm
 * (https://nodejs.org/api/modules.html#all-together) and the ES module resolver
 * (https://nodejs.org/api/esm.html#resolution-algorithm-specification), including `package.json`
 * `main`, `exports` (conditions and `./*` subpath patterns, https://nodejs.org/api/packages.html#package-entry-points),
 * `imports` (`#x`, https://nodejs.org/api/packages.html#subpath-imports) and the module format of a file
 * (https://nodejs.org/api/packages.html#determining-module-system).
 *
 * It reads files only through a {@link ModuleFileView}, so the same code resolves inside the sandbox
 * (the function's files under `/var/task`) and on the real file system (the CLI's project loader).
 * Built-in modules and the simulator's own packages are the caller's business: they win before this
 * resolver is asked.
 *
 * Error texts are Node 22's, checked by running the same requests on Node 22.23 (the tests hold the
 * simulator to them). TypeScript: a `.ts` file stands for the `.js` a build step (tsc, esbuild) emits,
 * so a request for `./util.js` finds `./util.ts` when there is no `util.js`, and a TypeScript file's
 * relative imports may omit the extension (as bundlers allow).
 */
import { hasModuleSyntax } from './user-source.ts';

/** Read-only access to a tree of files with absolute POSIX paths. */
export interface ModuleFileView {
  /** True when `path` is a file. */
  isFile(path: string): boolean;
  /** True when `path` is a directory (holds at least one file). */
  isDirectory(path: string): boolean;
  /** A file's text, or undefined when it is not a file. */
  read(path: string): string | undefined;
}

/** How a specifier is requested: CommonJS `require()` or an ES `import`. */
export type RequestKind = 'require' | 'import';

/** A resolved file, or Node's error code and message (without CommonJS's require stack). */
export type Resolution = { ok: true; path: string } | { ok: false; code: string; message: string };

/** How Node runs a file: ES module, CommonJS, JSON or a native addon. */
export type ModuleFormat = 'esm' | 'cjs' | 'json' | 'addon';

/** Conditions Node matches in `exports`/`imports` for `require` (https://nodejs.org/api/packages.html#conditional-exports). */
export const REQUIRE_CONDITIONS: readonly string[] = ['node', 'require', 'default'];
/** Conditions Node matches for `import` (same page). */
export const IMPORT_CONDITIONS: readonly string[] = ['node', 'import', 'default'];

/**
 * Node 22's built-in modules: `require('node:module').builtinModules` on Node 22.23 (internal `_` names left
 * out), plus the ones that exist only with the `node:` prefix (https://nodejs.org/api/modules.html#built-in-modules-with-mandatory-node-prefix).
 */
export const NODE_BUILTIN_MODULES: readonly string[] = [
  'assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto',
  'dgram', 'diagnostics_channel', 'dns', 'dns/promises', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'inspector', 'inspector/promises', 'module', 'net', 'os', 'path', 'path/posix', 'path/win32', 'perf_hooks',
  'process', 'punycode', 'querystring', 'readline', 'readline/promises', 'repl', 'stream', 'stream/consumers',
  'stream/promises', 'stream/web', 'string_decoder', 'sys', 'timers', 'timers/promises', 'tls', 'trace_events', 'tty',
  'url', 'util', 'util/types', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib',
];
const PREFIX_ONLY_BUILTINS = ['sea', 'sqlite', 'test', 'test/reporters'];

/** The built-in module a specifier names (`node:tty` and `tty` → `tty`), or null. */
export function nodeBuiltinName(spec: string): string | null {
  if (spec.startsWith('node:')) {
    const name = spec.slice(5);
    return NODE_BUILTIN_MODULES.includes(name) || PREFIX_ONLY_BUILTINS.includes(name) ? name : null;
  }
  return NODE_BUILTIN_MODULES.includes(spec) ? spec : null;
}

/** The package a file belongs to (`/var/task/node_modules/@scope/x/lib/a.js` → `@scope/x`), or null. */
export function packageOfPath(path: string): string | null {
  const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(path);
  return m ? m[1]! : null;
}

/**
 * Code of the error for a Node built-in the sandbox does not provide (a simulator code, not Node's: Node
 * has every built-in). The message names the package that asked and the way out, the Node runner.
 */
export const MISSING_BUILTIN_CODE = 'ERR_LAMBDA_TRIAGE_MISSING_BUILTIN';

function missingBuiltin(name: string, parent: string): Resolution {
  const pkg = packageOfPath(parent);
  const who = pkg ? `The package '${pkg}'` : parent;
  return {
    ok: false,
    code: MISSING_BUILTIN_CODE,
    message: `${who} needs Node's built-in module '${name}', which the Lambda Triage sandbox does not provide. Run the function with the Node runner (--runner node) to use it.`,
  };
}

/** Extensions CommonJS tries, in order (`Module._extensions`: .js, .json, .node; https://nodejs.org/api/modules.html#all-together). */
const CJS_EXTENSIONS = ['.js', '.json', '.node'];
/** Extra extensions tried for TypeScript sources that stand for emitted JavaScript (simulator rule). */
const TS_EXTENSIONS = ['.ts', '.mts', '.cts'];
/** `.js` → the TypeScript file a build step compiles to it. */
const TS_COUNTERPART: Record<string, string> = { '.js': '.ts', '.mjs': '.mts', '.cjs': '.cts' };

/** A {@link ModuleFileView} over an in-memory map of absolute paths to text (the sandbox's files). */
export function createRecordFileView(files: Record<string, string>): ModuleFileView {
  let dirs: Set<string> | null = null;
  const has = (p: string): boolean => Object.prototype.hasOwnProperty.call(files, p);
  return {
    isFile: has,
    isDirectory(p) {
      if (!dirs) {
        dirs = new Set();
        for (const f of Object.keys(files)) {
          for (let i = f.lastIndexOf('/'); i > 0; i = f.lastIndexOf('/', i - 1)) {
            const d = f.slice(0, i);
            if (dirs.has(d)) break;
            dirs.add(d);
          }
        }
        dirs.add('/');
      }
      return dirs.has(p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);
    },
    read: (p) => (has(p) ? files[p] : undefined),
  };
}

/** Directory part of an absolute POSIX path. */
export function posixDirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** Normalise an absolute POSIX path (`.`, `..`, repeated slashes). */
export function normalizePosix(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

function extname(p: string): string {
  const base = p.slice(p.lastIndexOf('/') + 1);
  const i = base.lastIndexOf('.');
  return i <= 0 ? '' : base.slice(i);
}

/** True for paths of TypeScript sources (`.ts`, `.mts`, `.cts`). */
export function isTypeScriptPath(p: string): boolean {
  return /\.(ts|mts|cts)$/.test(p) && !p.endsWith('.d.ts');
}

function isRelativeSpecifier(spec: string): boolean {
  return spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/');
}

interface PackageJson {
  path: string;
  data: { name?: unknown; main?: unknown; type?: unknown; exports?: unknown; imports?: unknown };
}

type Found = { path: string } | { error: { code: string; message: string } } | null;

/** The resolver with its caches, for one file view. */
export interface ModuleResolver {
  /** Resolve `spec` requested from the file `parent` (absolute path). */
  resolve(spec: string, parent: string, kind: RequestKind): Resolution;
  /** The format Node gives a file (see the module comment); `jsText` is the file's JavaScript when it is TypeScript. */
  format(path: string, jsText?: string): ModuleFormat;
  /** The nearest `package.json` of a file within its package (not crossing `node_modules`), or null. */
  packageScope(path: string): string | null;
}

/** The working directory of the Lambda runtime process: the function's code folder (LAMBDA_TASK_ROOT). */
export const LAMBDA_TASK_ROOT = '/var/task';

/**
 * Create a resolver over `view`. Results for one path are cached: the view must not change. `cwd` is the
 * process's working directory, which Node 22 uses for the hint after a failed relative ES import.
 */
export function createModuleResolver(view: ModuleFileView, options: { cwd?: string } = {}): ModuleResolver {
  const cwd = options.cwd ?? LAMBDA_TASK_ROOT;
  const pjCache = new Map<string, PackageJson | null | { invalid: string }>();
  const formatCache = new Map<string, ModuleFormat>();

  function readPackageJson(dir: string): PackageJson | null | { invalid: string } {
    const path = (dir === '/' ? '' : dir) + '/package.json';
    let pj = pjCache.get(path);
    if (pj !== undefined) return pj;
    const text = view.read(path);
    if (text === undefined) pj = null;
    else {
      try {
        const data = JSON.parse(text) as unknown;
        pj = data && typeof data === 'object' && !Array.isArray(data) ? { path, data: data as PackageJson['data'] } : { path, data: {} };
      } catch (e) {
        // Node: ERR_INVALID_PACKAGE_CONFIG (https://nodejs.org/api/errors.html#err_invalid_package_config)
        pj = { invalid: `Invalid package config ${path}.${e instanceof Error ? ' ' + e.message : ''}` };
      }
    }
    pjCache.set(path, pj);
    return pj;
  }

  /** GET_PACKAGE_SCOPE: the nearest package.json, stopping at a `node_modules` folder. */
  function packageScope(path: string): string | null {
    let dir = posixDirname(path);
    for (;;) {
      if (dir.endsWith('/node_modules')) return null;
      const pj = readPackageJson(dir);
      if (pj && 'path' in pj) return pj.path;
      if (dir === '/') return null;
      dir = posixDirname(dir);
    }
  }

  function scopeData(path: string): PackageJson | null {
    const pjPath = packageScope(path);
    if (!pjPath) return null;
    const pj = readPackageJson(posixDirname(pjPath));
    return pj && 'path' in pj ? pj : null;
  }

  function format(path: string, jsText?: string): ModuleFormat {
    const cached = formatCache.get(path);
    if (cached) return cached;
    const ext = extname(path);
    let f: ModuleFormat;
    if (ext === '.mjs' || ext === '.mts') f = 'esm';
    else if (ext === '.cjs' || ext === '.cts') f = 'cjs';
    else if (ext === '.json') f = 'json';
    else if (ext === '.node') f = 'addon';
    else {
      const type = scopeData(path)?.data.type;
      if (type === 'module') f = 'esm';
      else if (type === 'commonjs') f = 'cjs';
      else f = detectModuleSyntax(jsText ?? view.read(path) ?? '') ? 'esm' : 'cjs';
    }
    formatCache.set(path, f);
    return f;
  }

  /** A file at `p`, or its TypeScript counterpart (`x.js` → `x.ts`). */
  function fileOrTs(p: string): string | null {
    if (view.isFile(p)) return p;
    const ts = TS_COUNTERPART[extname(p)];
    if (ts) {
      const alt = p.slice(0, -extname(p).length) + ts;
      if (view.isFile(alt)) return alt;
    }
    return null;
  }

  /** LOAD_AS_FILE: X, X.js, X.json, X.node (then the TypeScript sources). */
  function loadAsFile(x: string): string | null {
    const direct = fileOrTs(x);
    if (direct) return direct;
    for (const ext of [...CJS_EXTENSIONS, ...TS_EXTENSIONS]) if (view.isFile(x + ext)) return x + ext;
    return null;
  }

  function loadIndex(x: string): string | null {
    for (const ext of [...CJS_EXTENSIONS, ...TS_EXTENSIONS]) if (view.isFile(`${x}/index${ext}`)) return `${x}/index${ext}`;
    return null;
  }

  /** LOAD_AS_DIRECTORY: package.json `main`, then index. */
  function loadAsDirectory(x: string): Found {
    const pj = readPackageJson(x);
    if (pj && 'invalid' in pj) return { error: { code: 'ERR_INVALID_PACKAGE_CONFIG', message: pj.invalid } };
    const main = pj?.data.main;
    if (typeof main === 'string' && main !== '') {
      const m = normalizePosix(`${x}/${main}`);
      const found = loadAsFile(m) ?? loadIndex(m) ?? loadIndex(x);
      if (found) return { path: found };
      // Node 22 (checked): the invalid main is named.
      return { error: { code: 'MODULE_NOT_FOUND', message: `Cannot find module '${m}'. Please verify that the package.json has a valid "main" entry` } };
    }
    const idx = loadIndex(x);
    return idx ? { path: idx } : null;
  }

  function loadCjsPath(x: string): Found {
    const f = loadAsFile(x);
    if (f) return { path: f };
    return loadAsDirectory(x);
  }

  function nodeModulesDirs(start: string): string[] {
    const dirs: string[] = [];
    let dir = start;
    for (;;) {
      if (!dir.endsWith('/node_modules')) dirs.push((dir === '/' ? '' : dir) + '/node_modules');
      if (dir === '/') break;
      dir = posixDirname(dir);
    }
    return dirs;
  }

  function notFound(spec: string, parent: string, kind: RequestKind, what: 'module' | 'package' = 'module'): Resolution {
    if (kind === 'require') return { ok: false, code: 'MODULE_NOT_FOUND', message: `Cannot find module '${spec}'` };
    return { ok: false, code: 'ERR_MODULE_NOT_FOUND', message: `Cannot find ${what} '${spec}' imported from ${parent}` };
  }

  function fail(code: string, message: string): Resolution {
    return { ok: false, code, message };
  }

  function resolve(spec: string, parent: string, kind: RequestKind): Resolution {
    // The caller answers the built-ins the sandbox provides; any other built-in is missing.
    const builtin = nodeBuiltinName(spec);
    if (builtin !== null) return missingBuiltin(builtin, parent);
    const conditions = kind === 'require' ? REQUIRE_CONDITIONS : IMPORT_CONDITIONS;
    const from = kind === 'import' ? ` imported from ${parent}` : '';
    const parentDir = posixDirname(parent);
    if (isRelativeSpecifier(spec)) {
      const target = normalizePosix(spec.startsWith('/') ? spec : `${parentDir}/${spec}`);
      if (kind === 'require' || isTypeScriptPath(parent)) {
        const found = loadCjsPath(target);
        if (found && 'path' in found) return { ok: true, path: found.path };
        if (found) return fail(found.error.code, found.error.message);
        if (kind === 'require') return notFound(spec, parent, kind);
        return fail('ERR_MODULE_NOT_FOUND', `Cannot find module '${target}'${from}`);
      }
      // ES modules: the exact file (https://nodejs.org/api/esm.html#mandatory-file-extensions).
      const exact = fileOrTs(target);
      if (exact) return { ok: true, path: exact };
      const hint = esmHint(spec, parentDir);
      if (view.isDirectory(target)) {
        return fail('ERR_UNSUPPORTED_DIR_IMPORT', `Directory import '${target}' is not supported resolving ES modules${from}${hint}`);
      }
      return fail('ERR_MODULE_NOT_FOUND', `Cannot find module '${target}'${from}${hint}`);
    }
    if (spec.startsWith('#')) return resolveImports(spec, parent, kind, conditions);
    const name = packageName(spec);
    if (!name) {
      // Node: ERR_INVALID_MODULE_SPECIFIER for an import; require() reports it as not found.
      return kind === 'import'
        ? fail('ERR_INVALID_MODULE_SPECIFIER', `Invalid module "${spec}" is not a valid package name${from}`)
        : notFound(spec, parent, kind);
    }
    const subpath = '.' + spec.slice(name.length);
    for (const nm of nodeModulesDirs(parentDir)) {
      const pkgDir = `${nm}/${name}`;
      if (kind === 'import' && !view.isDirectory(pkgDir)) continue;
      const pj = readPackageJson(pkgDir);
      if (pj && 'invalid' in pj) return fail('ERR_INVALID_PACKAGE_CONFIG', pj.invalid);
      if (pj && pj.data.exports !== undefined && pj.data.exports !== null) {
        const r = resolveExports(pkgDir, pj.path, subpath, pj.data.exports, conditions);
        if (r.ok) {
          const file = fileOrTs(r.path);
          if (file) return { ok: true, path: file };
          return kind === 'require' ? notFound(spec, parent, kind) : fail('ERR_MODULE_NOT_FOUND', `Cannot find module '${r.path}'${from}`);
        }
        return fail(r.code, r.message + from);
      }
      if (kind === 'require') {
        const found = loadCjsPath(subpath === '.' ? pkgDir : `${pkgDir}/${subpath.slice(2)}`);
        if (found && 'path' in found) return { ok: true, path: found.path };
        if (found) return fail(found.error.code, found.error.message);
        continue;
      }
      if (subpath === '.') {
        // LEGACY_MAIN_RESOLVE: main, main.js, main.json, main.node, main/index.*, then index.*.
        const main = pj && typeof pj.data.main === 'string' && pj.data.main !== '' ? pj.data.main : null;
        const tries: string[] = [];
        if (main) {
          const m = normalizePosix(`${pkgDir}/${main}`);
          tries.push(m, `${m}.js`, `${m}.json`, `${m}.node`, `${m}/index.js`, `${m}/index.json`, `${m}/index.node`);
        }
        tries.push(`${pkgDir}/index.js`, `${pkgDir}/index.json`, `${pkgDir}/index.node`);
        for (const t of tries) {
          const f = fileOrTs(t);
          if (f) return { ok: true, path: f };
        }
        // Node 22 (checked): the missing entry point is named as a package.
        return fail('ERR_MODULE_NOT_FOUND', `Cannot find package '${normalizePosix(`${pkgDir}/${main ?? 'index.js'}`)}'${from}`);
      }
      const target = `${pkgDir}/${subpath.slice(2)}`;
      const exact = fileOrTs(target);
      if (exact) return { ok: true, path: exact };
      const hint = esmHint(spec, parentDir);
      if (view.isDirectory(target)) return fail('ERR_UNSUPPORTED_DIR_IMPORT', `Directory import '${target}' is not supported resolving ES modules${from}${hint}`);
      return fail('ERR_MODULE_NOT_FOUND', `Cannot find module '${target}'${from}${hint}`);
    }
    // Node 22's ES resolver names the package, not the subpath: `import 'date-fns/addMinutes'` with no date-fns is
    // "Cannot find package 'date-fns' imported from …" (packageResolve in lib/internal/modules/esm/resolve.js;
    // the Node runner gives the same). require() keeps the whole specifier.
    return notFound(kind === 'import' ? name : spec, parent, kind, 'package');
  }

  /**
   * Node 22's hint after a failed ES import: the file CommonJS would have found. Node resolves a relative
   * specifier for the hint from the process's working directory, not from the importer (its temporary
   * CommonJS module has no filename: `resolveAsCommonJS` in lib/internal/modules/esm/resolve.js, checked on
   * Node 22.23), then prints the path relative to the importer's folder.
   */
  function esmHint(spec: string, parentDir: string): string {
    const relative = isRelativeSpecifier(spec);
    const r = resolve(spec, relative ? `${cwd}/__hint__.cjs` : `${parentDir}/__hint__.cjs`, 'require');
    if (!r.ok) return '';
    if (relative) {
      const rel = relativePath(parentDir, r.path);
      return `\nDid you mean to import "${rel.startsWith('.') ? rel : './' + rel}"?`;
    }
    const name = packageName(spec);
    const marker = `/node_modules/${name}/`;
    const at = r.path.lastIndexOf(marker);
    return at < 0 ? '' : `\nDid you mean to import "${name}/${r.path.slice(at + marker.length)}"?`;
  }

  function resolveImports(spec: string, parent: string, kind: RequestKind, conditions: readonly string[]): Resolution {
    const from = ` imported from ${parent}`;
    const pj = scopeData(parent);
    if (!pj || pj.data.imports === undefined || pj.data.imports === null || typeof pj.data.imports !== 'object') {
      if (!pj && kind === 'require') return notFound(spec, parent, kind);
      const where = pj ? ` in package ${pj.path}` : '';
      return fail('ERR_PACKAGE_IMPORT_NOT_DEFINED', `Package import specifier "${spec}" is not defined${where}${from}`);
    }
    const pkgDir = posixDirname(pj.path);
    const match = matchSubpath(spec, pj.data.imports as Record<string, unknown>);
    if (match) {
      const t = resolveTarget(pkgDir, match.target, match.star, conditions, true);
      if (t !== null && t !== undefined) {
        if (t.startsWith('bare:')) return resolve(t.slice(5), parent, kind);
        const file = fileOrTs(t);
        if (file) return { ok: true, path: file };
        return kind === 'require' ? notFound(spec, parent, kind) : fail('ERR_MODULE_NOT_FOUND', `Cannot find module '${t}'${from}`);
      }
    }
    return fail('ERR_PACKAGE_IMPORT_NOT_DEFINED', `Package import specifier "${spec}" is not defined in package ${pj.path}${from}`);
  }

  return { resolve, format, packageScope };
}

/** The package name of a bare specifier (`@scope/name` or `name`), or null when it is not valid. */
export function packageName(spec: string): string | null {
  if (spec === '' || spec.startsWith('.') || spec.includes('\\') || spec.includes('%')) return null;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? (parts.length >= 2 && parts[1] !== '' ? `${parts[0]}/${parts[1]}` : null) : parts[0]!;
  return name && name !== '@' ? name : null;
}

function relativePath(fromDir: string, to: string): string {
  const a = fromDir.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  return (up === 0 ? './' : '../'.repeat(up)) + b.slice(i).join('/');
}

type ExportsResult = { ok: true; path: string } | { ok: false; code: string; message: string };

/** PACKAGE_EXPORTS_RESOLVE (https://nodejs.org/api/esm.html#resolution-algorithm-specification). */
function resolveExports(pkgDir: string, pjPath: string, subpath: string, exports: unknown, conditions: readonly string[]): ExportsResult {
  let map: Record<string, unknown>;
  const isConditional =
    typeof exports === 'object' && exports !== null && !Array.isArray(exports) && Object.keys(exports).length > 0 && !Object.keys(exports)[0]!.startsWith('.');
  if (typeof exports === 'string' || Array.isArray(exports) || isConditional) map = { '.': exports };
  else map = (exports ?? {}) as Record<string, unknown>;
  const match = matchSubpath(subpath, map);
  if (match) {
    const t = resolveTarget(pkgDir, match.target, match.star, conditions, false);
    if (t !== null && t !== undefined && !t.startsWith('bare:')) return { ok: true, path: t };
  }
  // Node 22 texts (checked): https://nodejs.org/api/errors.html#err_package_path_not_exported
  const message =
    subpath === '.' ? `No "exports" main defined in ${pjPath}` : `Package subpath '${subpath}' is not defined by "exports" in ${pjPath}`;
  return { ok: false, code: 'ERR_PACKAGE_PATH_NOT_EXPORTED', message };
}

/** PACKAGE_IMPORTS_EXPORTS_RESOLVE: an exact key, else the best `*` pattern (longest prefix). */
function matchSubpath(key: string, map: Record<string, unknown>): { target: unknown; star: string | null } | null {
  if (Object.prototype.hasOwnProperty.call(map, key) && !key.includes('*')) return { target: map[key], star: null };
  let best: { k: string; star: string } | null = null;
  for (const k of Object.keys(map)) {
    const i = k.indexOf('*');
    if (i < 0 || k.indexOf('*', i + 1) >= 0) continue;
    const prefix = k.slice(0, i);
    const suffix = k.slice(i + 1);
    if (key.startsWith(prefix) && key !== prefix && key.length >= k.length && key.endsWith(suffix)) {
      if (!best || patternKeyCompare(best.k, k) > 0) best = { k, star: key.slice(prefix.length, key.length - suffix.length) };
    }
  }
  return best ? { target: map[best.k], star: best.star } : null;
}

/** PATTERN_KEY_COMPARE: the longer prefix (then the longer key) comes first. */
function patternKeyCompare(a: string, b: string): number {
  const ai = a.indexOf('*');
  const bi = b.indexOf('*');
  if (ai > bi) return -1;
  if (bi > ai) return 1;
  if (a.length > b.length) return -1;
  if (b.length > a.length) return 1;
  return 0;
}

/**
 * PACKAGE_TARGET_RESOLVE: a path under the package, `bare:<spec>` for an `imports` target that names a
 * package, null when the target is excluded (`null`), undefined when no condition matched.
 */
function resolveTarget(pkgDir: string, target: unknown, star: string | null, conditions: readonly string[], isImports: boolean): string | null | undefined {
  if (typeof target === 'string') {
    const t = star === null ? target : target.split('*').join(star);
    if (!target.startsWith('./')) {
      if (isImports && !target.startsWith('../') && !target.startsWith('/')) return `bare:${t}`;
      return null;
    }
    return normalizePosix(`${pkgDir}/${t.slice(2)}`);
  }
  if (Array.isArray(target)) {
    for (const t of target) {
      const r = resolveTarget(pkgDir, t, star, conditions, isImports);
      if (r !== null && r !== undefined) return r;
    }
    return target.length === 0 ? null : undefined;
  }
  if (target && typeof target === 'object') {
    for (const [k, v] of Object.entries(target)) {
      if (k === 'default' || conditions.includes(k)) {
        const r = resolveTarget(pkgDir, v, star, conditions, isImports);
        if (r !== undefined) return r;
      }
    }
    return undefined;
  }
  return null;
}

/**
 * Cheap first filter for {@link hasModuleSyntax}: text without these words cannot be ES-module-only syntax
 * (import/export statements, top-level await, a top-level `const require` and the like).
 */
const MAYBE_ESM = /\b(import|export|await)\b|\b(const|let|class)\s+(require|module|exports|__filename|__dirname)\b/;

/** Node 22's syntax detection for a file whose package sets no `type` (user-source.ts hasModuleSyntax). */
export function detectModuleSyntax(text: string): boolean {
  return MAYBE_ESM.test(text) && hasModuleSyntax(text);
}
