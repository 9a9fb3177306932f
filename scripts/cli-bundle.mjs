// The CLI's start-up bundle: src/cli/main.ts and everything of ours it imports, compiled by esbuild into
// a few plain .mjs files under node_modules/.cache/lambda-triage/ (packages in node_modules stay
// external, except the few every sandbox run loads: BUNDLED_PACKAGES). Running the bundle skips Node's per-file TypeScript stripping and module resolution of
// ~150 source files, which is most of a cold start. The bundle records its inputs; when any input is newer
// than the bundle (or missing), bin/lambda-triage.mjs rebuilds it, and runs the sources directly when
// esbuild is unavailable or the cache is not writable. Plain JavaScript: it runs before any TypeScript.
//
// One file per command (COMMAND_FILES, and DATA_FILES), not esbuild's code splitting: splitting made a trivial `invoke` load
// about 30 chunk files, and every ES module costs its resolution, read, cache lookup and link (measured ≈ 0.2 ms
// each on 2 CPUs, 30 small modules against one file). Inside a file, what a command imports with `import()`
// (the Node runner, Python, --load, …) stays unevaluated until it is used (esbuild's lazily initialised modules),
// and so do the Node built-ins those parts import (nodeBuiltinsOnDemand).
// Built-ins through process.getBuiltinModule where it exists (Node >= 20.16, 22.3): the CLI imports this file on
// every start, and an `import` of a built-in builds an ES module facade that reads all of its exports. `npm install`
// may run this file on an older system Node, hence the fallback.
const builtin = async (name) => process.getBuiltinModule?.(name) ?? (await import(name));
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = await builtin('node:fs');
const { dirname, join, relative } = await builtin('node:path');
const { fileURLToPath, pathToFileURL } = await builtin('node:url');

/** The repository root. */
export const REPO = fileURLToPath(new URL('..', import.meta.url));
/** Where bundles and Node's compile cache live (ignored by git with the rest of node_modules/). */
export const CACHE_DIR = join(REPO, 'node_modules', '.cache', 'lambda-triage');
/** The file naming the current bundle: { dir, entry, builtAtMs, inputs: [paths relative to REPO] }. */
const CURRENT = join(CACHE_DIR, 'cli-current.json');
/** Bundles older than this are deleted when a new one is written (a running CLI may still read its chunks). */
const OLD_BUNDLE_AGE_MS = 60 * 60 * 1000;

/**
 * The entry file of an up-to-date bundle, or null when there is none or one of its inputs changed since
 * it was built. Costs one stat per input (about 150), a millisecond or two.
 */
export function freshBundleEntry() {
  let current;
  try {
    current = JSON.parse(readFileSync(CURRENT, 'utf8'));
  } catch {
    return null;
  }
  const entry = join(CACHE_DIR, current.dir, current.entry);
  if (!existsSync(entry)) return null;
  // REPO ends with a separator and each input is relative to it: plain concatenation (no path.join) and
  // no exception for a missing file keep this loop cheap.
  for (const input of current.inputs) {
    const stat = statSync(REPO + input, { throwIfNoEntry: false });
    if (stat === undefined || stat.mtimeMs > current.builtAtMs) return null;
  }
  return entry;
}

/**
 * esbuild plugin: `import.meta.url` in our sources, and in the bundled packages' files, keeps the file's URL, so
 * paths built from it (`new URL('../../content/signatures.yaml', import.meta.url)`, worker files, QuickJS's
 * `emscripten-module.wasm` next to its loader) still point where the file is.
 */
const keepSourceUrls = {
  name: 'keep-source-urls',
  setup(build) {
    const keep = (path, loader) => {
      const text = readFileSync(path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)), loader };
    };
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => keep(args.path, 'ts'));
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.mjs$/ }, (args) => keep(args.path, 'js'));
  },
};

/**
 * The packages bundled into the CLI's files (the others stay external): the ones every sandbox run loads. Each
 * ES module a run imports costs its own resolution through package.json files, read, cache lookup and link.
 */
export const BUNDLED_PACKAGES = ['acorn', 'quickjs-emscripten-core', '@jitl/quickjs-wasmfile-release-sync', '@jitl/quickjs-ffi-types'];

/** esbuild plugin: bare imports stay external unless their package is one of {@link BUNDLED_PACKAGES}. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point' || /^[a-z-]+:/.test(args.path)) return undefined;
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return BUNDLED_PACKAGES.includes(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * esbuild plugin: `import { transform } from 'sucrase'` becomes a stub that loads sucrase (CommonJS, about
 * 30 files) with `require` on the first call. Only TypeScript handlers need it, and importing it up front cost
 * 0.25-0.8 s of a trivial `.mjs` invoke on a busy 2-CPU machine. A bundle that imports another name from
 * sucrase fails to build ("No matching export"), so a new use cannot slip past the stub.
 */
export const lazySucrase = {
  name: 'lazy-sucrase',
  setup(build) {
    build.onResolve({ filter: /^sucrase$/ }, () => ({ path: 'sucrase', namespace: 'lazy-sucrase' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-sucrase' }, () => ({
      contents:
        "import { createRequire } from 'node:module';\n" +
        'let sucrase;\n' +
        '/** sucrase.transform, loaded on first use. */\n' +
        "export function transform(code, options) { sucrase ??= createRequire(import.meta.url)('sucrase'); return sucrase.transform(code, options); }\n",
      loader: 'js',
    }));
  },
};

/** The command modules that get a bundle file of their own (output name → source), loaded by commands.ts. */
export const COMMAND_FILES = {
  'invoke-command': 'src/cli/invoke-command.ts',
  'check-command': 'src/cli/check-command.ts',
  'diagnose-command': 'src/cli/diagnose-command.ts',
  'scenarios-command': 'src/cli/scenarios-command.ts',
};

/**
 * Modules of data only (no state of their own, so a copy of their own changes nothing) that are imported with
 * `import()` and get a file of their own instead of being part of each command's file: a run that does not use
 * them does not read them. The simulated boto3's and urllib3's Python sources are for Python handlers only.
 */
export const DATA_FILES = {
  'boto3-source': 'src/engine/python/boto3-source.ts',
  'urllib3-source': 'src/engine/python/urllib3-source.ts',
};

/**
 * esbuild plugin: an import of a command module (commands.ts `import('./invoke-command.ts')`) or of a
 * {@link DATA_FILES} module becomes an import of its own bundle file, which sits in the same folder.
 */
const separateFiles = {
  name: 'separate-files',
  setup(build) {
    const byPath = new Map(Object.entries({ ...COMMAND_FILES, ...DATA_FILES }).map(([name, src]) => [join(REPO, src), name]));
    build.onResolve({ filter: /\.ts$/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const name = byPath.get(join(args.resolveDir, args.path));
      return name ? { path: `./${name}.mjs`, external: true } : undefined;
    });
  },
};

/**
 * esbuild plugin: `import { x } from 'node:mod'` reads the built-in through `process.getBuiltinModule` (Node >= 22.3)
 * in a small bundled module instead of importing it as an ES module. So a built-in is loaded when the code that
 * imports it is initialised (for a part loaded with `import()`, when it is first used), not when the file loads,
 * and without the ES module facade Node builds for an imported built-in (it reads every export, which loads
 * lazily loaded parts such as `fs.promises`). Each export is read on first initialisation of its importer only
 * when some code uses it (unused ones are dropped: they are marked pure).
 */
export const nodeBuiltinsOnDemand = {
  name: 'node-builtins-on-demand',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, async (args) => {
      const names = Object.keys(await import(args.path)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
      const lines = [`const m = process.getBuiltinModule(${JSON.stringify(args.path)});`, 'export default m;'];
      for (const n of names) lines.push(`export const ${n} = /* @__PURE__ */ (() => m.${n})();`);
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

/**
 * Builds a new bundle with esbuild and makes it current; returns its entry file. Safe when several CLI
 * processes build at once: each writes its own folder, and the pointer file is replaced atomically.
 */
export async function buildCliBundle() {
  const esbuild = await import('esbuild');
  const startedAtMs = Date.now();
  const dir = `cli-${startedAtMs}-${process.pid}`;
  const outdir = join(CACHE_DIR, dir);
  const result = await esbuild.build({
    entryPoints: { main: join(REPO, 'src/cli/main.ts'), ...Object.fromEntries(Object.entries({ ...COMMAND_FILES, ...DATA_FILES }).map(([name, src]) => [name, join(REPO, src)])) },
    outdir,
    absWorkingDir: REPO,
    // .mjs: a .js file under node_modules/ has no "type": "module" scope.
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    metafile: true,
    logLevel: 'silent',
    // Whitespace only (names and code stay as written; guest sources such as the prelude are function texts and
    // keep working, just without indentation): the files are ≈ 20 % smaller, and Node decodes, hashes and reads
    // each byte of them at every start (measured: a trivial invoke ≈ 4 ms faster, task-clock).
    minifyWhitespace: true,
    plugins: [nodeBuiltinsOnDemand, lazySucrase, externalPackages, keepSourceUrls, separateFiles],
  });
  // Plugin modules (`lazy-sucrase:sucrase`, built-ins) are not files: only files can make the bundle stale.
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !/^[a-z-]+:/.test(p)).map((p) => relative(REPO, join(REPO, p)));
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${CURRENT}.${process.pid}.tmp`;
  // builtAtMs is when the build started: a source saved during the build makes the bundle stale.
  writeFileSync(tmp, JSON.stringify({ dir, entry: 'main.mjs', builtAtMs: startedAtMs, inputs }));
  renameSync(tmp, CURRENT);
  for (const name of readdirSync(CACHE_DIR)) {
    const match = /^cli-(\d+)-\d+$/.exec(name);
    if (match && name !== dir && startedAtMs - Number(match[1]) > OLD_BUNDLE_AGE_MS) rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
  }
  return join(outdir, 'main.mjs');
}

// `npm install` runs this (package.json "prepare") so the first `npx lambda-triage` is already fast. It never
// fails the install: without a bundle the CLI builds one on first use, or runs the sources.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const entry = await buildCliBundle();
    console.log(`lambda-triage: CLI bundle written to ${relative(REPO, dirname(entry))}/`);
  } catch (error) {
    console.log(`lambda-triage: no CLI bundle (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); the CLI will run from its sources.`);
  }
}
