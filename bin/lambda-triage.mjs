#!/usr/bin/env node
// Entry of the `lambda-triage` command. Plain JavaScript that any Node version can parse, so that an old
// Node gets a clear message instead of ERR_UNKNOWN_FILE_EXTENSION ".ts". Then it runs the CLI from a
// bundle of its sources (scripts/cli-bundle.mjs; rebuilt when a source changes) or, when that cannot be
// built, from the TypeScript sources directly (Node >= 22.12 strips types).

/** Oldest Node that runs the CLI (package.json "engines"): type stripping without a flag. */
const MIN_NODE = [22, 12];

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
  process.stderr.write(
    `lambda-triage needs Node.js ${MIN_NODE.join('.')} or newer; this is Node.js ${process.versions.node}.\n` +
      '  In this repository, run it as `npx lambda-triage …` (or `npm run lambda-triage -- …`): npm puts the\n' +
      '  project\'s own Node 22 (node_modules/.bin/node) first on PATH.\n' +
      '  Elsewhere, install Node.js 22 (https://nodejs.org/en/download) and run it again.\n',
  );
  process.exit(2);
}

// Built-ins through process.getBuiltinModule (Node >= 22.3): an `import` of a built-in also builds an ES module
// facade for it, which reads all of its exports.
const module = process.getBuiltinModule('node:module');
const { join } = process.getBuiltinModule('node:path');
const { pathToFileURL } = process.getBuiltinModule('node:url');
const { CACHE_DIR, buildCliBundle, freshBundleEntry } = await import('../scripts/cli-bundle.mjs');

// QuickJS runs as WebAssembly. By default V8 also recompiles its hot functions with its optimising compiler on
// background threads; for a short run that work costs more than it saves (measured on 2 CPUs: a trivial
// `invoke` took a median 440 ms with it and 274 ms with V8's baseline compiler only, a 3 M-iteration loop
// 1.2 s against 1.4 s; again after the early exit below: 173 ms against 115 ms). So a plain `invoke` uses the
// baseline compiler only; `--load`, `check` and LAMBDA_TRIAGE_WASM_TIERUP=1 keep the optimising compiler. The
// flag is read when the wasm is compiled, which happens later in this process; node:v8 is loaded only for it.
if (process.argv[2] === 'invoke' && !process.argv.includes('--load') && process.env.LAMBDA_TRIAGE_WASM_TIERUP !== '1') {
  process.getBuiltinModule('node:v8').setFlagsFromString('--liftoff-only');
}

// V8's code cache for the modules below, kept between runs (Node >= 22.1).
try {
  module.enableCompileCache?.(join(CACHE_DIR, 'compile'));
} catch {
  // A read-only install: run without the cache.
}

/** The CLI's main module: the fresh bundle, a new bundle, or the sources. */
async function loadMain() {
  if (process.env.LAMBDA_TRIAGE_FROM_SOURCE !== '1') {
    let entry = freshBundleEntry();
    if (!entry) {
      try {
        entry = await buildCliBundle();
      } catch {
        entry = null; // no esbuild, or the cache is not writable: the sources still run.
      }
    }
    if (entry) return import(pathToFileURL(entry).href);
  }
  return import('../src/cli/main.ts');
}

const { main } = await loadMain();
let wroteErr = false;
const code = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => {
    wroteErr = true;
    process.stderr.write(s + '\n');
  },
  // This process exits right after main returns (below).
  processExitsAfter: true,
});
process.exitCode = code;
// Exit as soon as the output is written instead of letting Node end by itself: a natural exit first waits
// for V8's background work, and after a sandbox run that is the optimising compile of QuickJS's hot wasm
// functions (measured with --cpu-prof: ≈ 100 ms of idle main thread after a trivial invoke had answered).
// The empty writes call back once everything written before them has been handed to the OS. Standard error
// is waited for only when the CLI wrote to it: its stream is created on first use (a pipe's is a socket).
const streams = wroteErr ? [process.stdout, process.stderr] : [process.stdout];
let pending = streams.length;
const done = () => {
  if (--pending === 0) process.exit(code);
};
for (const stream of streams) stream.write('', done);
