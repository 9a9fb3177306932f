// Build of the programmatic API (`import { invoke } from 'lambda-triage'`) into lib/, run by `npm run
// build:api` and by package.json "prepare" (so a fresh `npm install` or `npm pack` has it). Node does not
// strip TypeScript types inside node_modules (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING), so an installed
// package must ship JavaScript:
//   lib/api.mjs             src/api.ts and everything of ours it imports, bundled by esbuild (packages
//                           stay external: quickjs-emscripten-core finds its wasm file in its own package)
//   lib/worker-runtime.mjs  the Node runner's worker (node-executor.ts starts the .mjs beside itself when
//                           it runs from a bundle)
//   lib/types/…             declarations emitted by tsc from the sources; lib/types/api.d.ts is "types"
// Plain JavaScript so it runs before any TypeScript. Exits 1 with the first error when a step fails.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO = fileURLToPath(new URL('..', import.meta.url));
/** Where the build goes (ignored by git, listed in package.json "files"). */
export const LIB_DIR = join(REPO, 'lib');

/** Bundles the API and the worker with esbuild; returns the packages the bundles import (must be dependencies). */
async function bundle() {
  const esbuild = await import('esbuild');
  const { lazySucrase } = await import('./cli-bundle.mjs');
  const result = await esbuild.build({
    entryPoints: { api: join(REPO, 'src/api.ts'), 'worker-runtime': join(REPO, 'src/cli/node-runner/worker-runtime.ts') },
    outdir: LIB_DIR,
    absWorkingDir: REPO,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    plugins: [lazySucrase],
  });
  const external = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imp of output.imports) {
      if (imp.external && !imp.path.startsWith('node:')) external.add(imp.path.startsWith('@') ? imp.path.split('/').slice(0, 2).join('/') : imp.path.split('/')[0]);
    }
  }
  return [...external].sort();
}

/** Emits the declarations with the project's TypeScript (tsconfig.api.json). */
function declarations() {
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(REPO, 'tsconfig.api.json')], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tsc -p tsconfig.api.json failed:\n${(r.stdout + r.stderr).trim().split('\n').slice(0, 20).join('\n')}`);
}

/** Builds lib/ from scratch; returns the external packages of the bundles. */
export async function buildApi() {
  rmSync(LIB_DIR, { recursive: true, force: true });
  const external = await bundle();
  declarations();
  if (!existsSync(join(LIB_DIR, 'types', 'api.d.ts'))) throw new Error('tsc wrote no lib/types/api.d.ts');
  // Tells a reader (and a tool) what this folder is.
  writeFileSync(join(LIB_DIR, 'README.md'), 'Built by scripts/api-build.mjs from src/ (npm run build:api). Do not edit.\n');
  return external;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const external = await buildApi();
    console.log(`lambda-triage: API built in ${relative(REPO, LIB_DIR)}/ (imports ${external.join(', ')})`);
  } catch (error) {
    console.error(`lambda-triage: the API build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
