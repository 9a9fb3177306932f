/**
 * A function's project on disk → the files of the simulated `/var/task`: the handler file and every file
 * it can reach through static `import` / `export … from` / `require('…')` / `import('…')` with a literal
 * specifier, resolved with Node's algorithm (the engine's `module-resolution.ts`, here over the real file
 * system), including packages found in `node_modules` folders walking up from the project, with their
 * `package.json` files. Built-in modules and the packages the simulator provides (`@aws-sdk/*`, …) are
 * not copied: the sandbox answers them itself.
 *
 * Paths: the project root (the folder given, or the nearest folder with a `package.json` above the
 * handler file) is `/var/task`; a package found in a `node_modules` folder above the root is mapped
 * to `/var/task/node_modules/…`, as a deployment package would hold it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'acorn';
import { SIMULATED_PACKAGES, unsupportedPackage } from '../engine/aws/index.ts';
import { createModuleResolver, isTypeScriptPath, packageName, type ModuleFileView, type RequestKind } from '../engine/sandbox/module-resolution.ts';
import { stripTypeScript } from '../engine/sandbox/typescript.ts';

/** Result of loading a project: the value or a one-line message (exit code 2). */
export type ProjectResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Most files copied into the simulated /var/task. ILLUSTRATIVE: well above what a handler's reachable
 * graph needs (express with its dependencies is about 300 files), low enough to answer in seconds.
 */
export const MAX_PROJECT_FILES = 10_000;

/**
 * Most bytes copied: 50 MB, the size of a deployment package uploaded directly
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html, "Deployment package (.zip file
 * archive) size": 50 MB zipped for direct upload, 250 MB unzipped).
 */
export const MAX_PROJECT_BYTES = 50 * 1024 * 1024;

/** Handler file extensions, in the order the runtime tries them (then TypeScript, which stands for its emitted .js). */
export const HANDLER_EXTENSIONS: readonly string[] = ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/** A loaded project. */
export interface LoadedProject {
  /** Absolute path of the folder that becomes /var/task. */
  root: string;
  /** The handler string (`src/index.handler`). */
  handler: string;
  /** Files by path relative to /var/task. */
  files: Record<string, string>;
  /** Total bytes copied. */
  bytes: number;
}

/** Options of {@link loadProject}. */
export interface LoadProjectOptions {
  /** The handler file, or the project folder. */
  path: string;
  /** `--handler`; required with a folder, else derived from the file. */
  handler?: string | undefined;
  /** True for packages the simulator provides (default: its simulated AWS SDK packages). */
  isProvided?: (spec: string) => boolean;
  /** Caps (defaults {@link MAX_PROJECT_FILES}, {@link MAX_PROJECT_BYTES}). */
  maxFiles?: number;
  maxBytes?: number;
}

/** True for the packages the simulator's AWS world provides. */
export function isSimulatedPackage(spec: string): boolean {
  return Object.prototype.hasOwnProperty.call(SIMULATED_PACKAGES, spec) || unsupportedPackage(spec) !== undefined;
}

const BUILTINS = new Set(builtinModules);

function isBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || BUILTINS.has(spec);
}

/** A {@link ModuleFileView} over the real file system (absolute POSIX paths). */
export function createDiskFileView(): ModuleFileView & { readPaths: Set<string> } {
  const readPaths = new Set<string>();
  const statOf = (p: string) => {
    try {
      return statSync(p);
    } catch {
      return null;
    }
  };
  return {
    readPaths,
    isFile: (p) => statOf(p)?.isFile() ?? false,
    isDirectory: (p) => statOf(p)?.isDirectory() ?? false,
    read(p) {
      try {
        const text = readFileSync(p, 'utf8');
        readPaths.add(p);
        return text;
      } catch {
        return undefined;
      }
    },
  };
}

/** The nearest folder at or above `dir` that holds a package.json, or `dir` itself when there is none. */
export function findProjectRoot(dir: string): string {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) return resolve(dir);
  }
}

/** Where a real file goes under /var/task (relative), or null when it cannot be placed there. */
function taskPath(root: string, file: string): string | null {
  const rel = relative(root, file);
  if (!rel.startsWith('..') && !rel.startsWith(sep)) return rel.split(sep).join('/');
  // a package in a node_modules folder above the root: keep its path below that node_modules
  const at = file.indexOf(`${sep}node_modules${sep}`);
  if (at >= 0 && root.startsWith(file.slice(0, at + 1))) return 'node_modules/' + file.slice(at + '/node_modules/'.length).split(sep).join('/');
  return null;
}

/** The static module requests of a JavaScript text: `[specifier, kind]`. Unparsable text gives none. */
export function collectRequests(js: string, isModule: boolean): Array<[string, RequestKind]> {
  let ast: unknown;
  try {
    ast = parse(js, { ecmaVersion: 'latest', sourceType: isModule ? 'module' : 'script', allowHashBang: true, allowReturnOutsideFunction: !isModule });
  } catch {
    try {
      ast = parse(js, { ecmaVersion: 'latest', sourceType: isModule ? 'script' : 'module', allowHashBang: true, allowReturnOutsideFunction: isModule });
    } catch {
      return [];
    }
  }
  const out: Array<[string, RequestKind]> = [];
  const literal = (n: unknown): string | null => {
    const node = n as { type?: string; value?: unknown; quasis?: Array<{ value: { cooked: string } }>; expressions?: unknown[] } | null;
    if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
    if (node?.type === 'TemplateLiteral' && node.expressions?.length === 0) return node.quasis?.[0]?.value.cooked ?? null;
    return null;
  };
  // iterative walk: bundles nest deeply
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown> | null;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const c of node) stack.push(c);
      continue;
    }
    const type = node['type'];
    if ((type === 'ImportDeclaration' || type === 'ExportNamedDeclaration' || type === 'ExportAllDeclaration') && node['source']) {
      const s = literal(node['source']);
      if (s !== null) out.push([s, 'import']);
    } else if (type === 'ImportExpression') {
      const s = literal(node['source']);
      if (s !== null) out.push([s, 'import']);
    } else if (type === 'CallExpression') {
      const callee = node['callee'] as { type?: string; name?: string } | undefined;
      const args = node['arguments'] as unknown[] | undefined;
      if (callee?.type === 'Identifier' && callee.name === 'require' && args?.length === 1) {
        const s = literal(args[0]);
        if (s !== null) out.push([s, 'require']);
      }
    }
    for (const [k, v] of Object.entries(node)) {
      if (k !== 'type' && k !== 'start' && k !== 'end' && v && typeof v === 'object') stack.push(v);
    }
  }
  return out;
}

function splitHandler(handler: string): { moduleRoot: string; module: string } | null {
  const base = handler.slice(handler.lastIndexOf('/') + 1);
  const m = /^([^.]*)\.(.+)$/.exec(base);
  if (!m) return null;
  return { moduleRoot: handler.slice(0, handler.length - base.length), module: m[1]! };
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/**
 * The task root for a handler file given with an explicit `--handler`. The handler string is what Lambda is configured
 * with, relative to the package root, so when it names the given file from a folder below the project root
 * (`src/app.js` with `--handler app.handler`, as a package built from `src/` would be configured) that folder is
 * `/var/task`; packages in `node_modules` above it are still found and mapped to `/var/task/node_modules/…`. A handler
 * whose module is under the project root, or that names another file, keeps the project root (another file: the
 * function then fails as Lambda would, with Runtime.ImportModuleError).
 */
function rootNamedByHandler(projectRoot: string, file: string, handler: string): string {
  const parts = splitHandler(handler);
  if (!parts || parts.module === '') return projectRoot;
  const modulePath = parts.moduleRoot + parts.module;
  if (HANDLER_EXTENSIONS.some((e) => isFile(join(projectRoot, modulePath + e)))) return projectRoot;
  const withoutExt = file.replace(/\.(mjs|cjs|js|mts|cts|ts)$/, '');
  const suffix = sep + modulePath.split('/').join(sep);
  if (!withoutExt.endsWith(suffix)) return projectRoot;
  const root = withoutExt.slice(0, withoutExt.length - suffix.length) || sep;
  // Only a folder between the file and the project root (never above the project).
  return relative(projectRoot, root).startsWith('..') ? projectRoot : root;
}

/** Load a project from a handler file or a folder; every failure is one line naming the file and the fix. */
export function loadProject(opts: LoadProjectOptions): ProjectResult<LoadedProject> {
  const given = resolve(opts.path);
  if (!existsSync(given)) {
    return { ok: false, error: `handler file ${opts.path} does not exist: give the path of your handler file (app.mjs, app.ts) or of the project folder with --handler` };
  }
  const isDir = statSync(given).isDirectory();
  let root: string;
  let entry: string;
  let handler: string;
  if (isDir) {
    root = given;
    if (!opts.handler) {
      return { ok: false, error: `${opts.path} is a folder: name the handler inside it with --handler, e.g. --handler src/index.handler` };
    }
    handler = opts.handler;
    const parts = splitHandler(handler);
    if (!parts) return { ok: false, error: `--handler ${handler} is not file.export (e.g. src/index.handler)` };
    const moduleDir = join(root, parts.moduleRoot);
    if (!existsSync(moduleDir) || !statSync(moduleDir).isDirectory()) {
      return { ok: false, error: `--handler ${handler}: the folder ${join(opts.path, parts.moduleRoot)} does not exist; the part before the file name is a folder under ${opts.path}` };
    }
    const base = join(moduleDir, parts.module);
    const found = HANDLER_EXTENSIONS.map((e) => base + e).find((p) => existsSync(p) && statSync(p).isFile());
    if (!found) {
      return { ok: false, error: `--handler ${handler}: no ${join(opts.path, parts.moduleRoot, parts.module)}.js, .mjs, .cjs or .ts file; check the file name before the dot` };
    }
    entry = found;
  } else {
    entry = given;
    root = findProjectRoot(dirname(given));
    if (opts.handler) root = rootNamedByHandler(root, given, opts.handler);
    const rel = relative(root, given).split(sep).join('/');
    const moduleName = rel.replace(/\.(mjs|cjs|js|mts|cts|ts)$/, '');
    handler = opts.handler ?? `${moduleName}.handler`;
    if (opts.handler) {
      const parts = splitHandler(opts.handler);
      if (parts && parts.moduleRoot !== '' && !existsSync(join(root, parts.moduleRoot))) {
        return { ok: false, error: `--handler ${opts.handler}: the folder ${parts.moduleRoot} does not exist under the project root ${root}` };
      }
    }
  }
  const isProvided = opts.isProvided ?? isSimulatedPackage;
  const maxFiles = opts.maxFiles ?? MAX_PROJECT_FILES;
  const maxBytes = opts.maxBytes ?? MAX_PROJECT_BYTES;
  const view = createDiskFileView();
  const resolver = createModuleResolver(view);
  const files: Record<string, string> = {};
  let bytes = 0;
  const seen = new Set<string>();
  const queue: string[] = [entry];
  const add = (real: string, text: string): string | null => {
    const at = taskPath(root, real);
    if (at === null || Object.prototype.hasOwnProperty.call(files, at)) return null;
    files[at] = text;
    bytes += Buffer.byteLength(text);
    if (Object.keys(files).length > maxFiles) {
      return `the handler reaches more than ${maxFiles.toLocaleString('en-US')} files (the simulator's cap); bundle it first (esbuild --bundle) or point --handler at a smaller entry`;
    }
    if (bytes > maxBytes) {
      return `the handler reaches more than ${Math.round(maxBytes / 1024 / 1024)} MB of files (Lambda's direct-upload package limit); bundle it first (esbuild --bundle --minify) or leave large assets out`;
    }
    return null;
  };
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.node')) {
      // A compiled addon: the sandbox cannot run it, but the path must exist so the error names the package.
      const err = add(file, '');
      if (err) return { ok: false, error: err };
      continue;
    }
    const text = view.read(file);
    if (text === undefined) continue;
    const err = add(file, text);
    if (err) return { ok: false, error: err };
    const scope = resolver.packageScope(file);
    if (scope && !seen.has(scope)) {
      seen.add(scope);
      const pj = view.read(scope);
      if (pj !== undefined) {
        const e2 = add(scope, pj);
        if (e2) return { ok: false, error: e2 };
      }
    }
    if (file.endsWith('.json')) continue;
    let js = text;
    if (isTypeScriptPath(file)) {
      const stripped = stripTypeScript(text, file);
      if (!stripped.ok) continue; // the sandbox reports the syntax error
      js = stripped.code;
    }
    const isModule = resolver.format(file, js) === 'esm';
    for (const [spec, kind] of collectRequests(js, isModule)) {
      if (isBuiltin(spec)) continue;
      const name = packageName(spec);
      if (name && (isProvided(spec) || isProvided(name))) continue;
      const r = resolver.resolve(spec, file, kind);
      if (r.ok && !seen.has(r.path)) queue.push(r.path);
    }
  }
  // every package.json the resolution read (package roots: main, exports, imports, type)
  for (const p of view.readPaths) {
    if (!p.endsWith(`${sep}package.json`) || seen.has(p)) continue;
    seen.add(p);
    const err = add(p, view.read(p) ?? '');
    if (err) return { ok: false, error: err };
  }
  return { ok: true, value: { root, handler, files, bytes } };
}
