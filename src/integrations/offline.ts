/**
 * The offline copy of the site: an Astro integration that, in a build only, adds the service worker's
 * registration to every page (src/offline/register.ts) and, once the build is written (after the other
 * integrations: Pagefind's index and the Content-Security-Policy rewrite of the pages come first), writes
 * `<out>/sw.js`: src/offline/service-worker.ts bundled by esbuild with Workbox and the build's precache
 * manifest (src/offline/precache-manifest.ts). `astro dev` gets neither (a worker would cache dev modules).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createRetiringWorkerScript } from '../offline/offline-setting.ts';
import { createPrecacheManifest, SERVICE_WORKER_FILE, type BuiltFile, type PrecacheManifest } from '../offline/precache-manifest.ts';
import { isPyodideBuildPath } from '../worker/pyodide-files.ts';

/** The service worker's source, relative to the project root. */
const WORKER_SOURCE = 'src/offline/service-worker.ts';

/** Every file below `dir`, with its path relative to `dir` (`/` separators), size and SHA-256. */
export function listBuiltFiles(dir: string): BuiltFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = join(entry.parentPath, entry.name);
      const bytes = readFileSync(full);
      return { path: relative(dir, full).split(sep).join('/'), bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
}

/** SHA-256 of a text, hex. */
function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What {@link writeServiceWorker} wrote. */
export interface WrittenWorker {
  manifest: PrecacheManifest;
  /** Bytes of sw.js itself. */
  workerBytes: number;
}

/**
 * Writes `<outDir>/sw.js` for the build in `outDir`, served under `base`: Workbox and the precache manifest of
 * every file there (see src/offline/precache-manifest.ts for what is left out). Usable on any built folder
 * (the browser test makes a second deployment this way). `root` is the project root (the worker's source is there).
 */
export async function writeServiceWorker(outDir: string, base: string, root: URL = new URL('../../', import.meta.url)): Promise<WrittenWorker> {
  // Pyodide (the playground's Python, 12.9 MiB) is left out: only a Python run fetches it (README, Offline).
  const manifest = createPrecacheManifest(listBuiltFiles(outDir).filter((file) => !isPyodideBuildPath(file.path)), base, sha256Hex);
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL(WORKER_SOURCE, root))],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    // Workbox's own licence comments stay at the end of the file.
    legalComments: 'eof',
    define: {
      __LT_PRECACHE_MANIFEST__: JSON.stringify(manifest.entries),
      __LT_BUILD_ID__: JSON.stringify(manifest.buildId),
      __LT_BASE__: JSON.stringify(base),
      // Workbox's development logging is dropped (https://developer.chrome.com/docs/workbox/troubleshooting-and-logging).
      'process.env.NODE_ENV': '"production"',
    },
  });
  const code = bundled.outputFiles[0]?.contents;
  if (!code) throw new Error('esbuild wrote no service worker.');
  writeFileSync(join(outDir, SERVICE_WORKER_FILE), code);
  return { manifest, workerBytes: code.length };
}

/** The module every page imports to register the worker (resolved by Vite from the project root). */
const REGISTER_MODULE = '/src/offline/register.ts';

/**
 * The integration. `base` is the build's base path (`/` or `/lambda-triage/`); `enabled` false
 * (LAMBDA_TRIAGE_OFFLINE=off) registers nothing and writes a worker that removes an earlier offline copy.
 */
export function createOfflineIntegration({ base, enabled }: { base: string; enabled: boolean }) {
  let root: URL | undefined;
  return {
    name: 'lambda-triage:offline',
    hooks: {
      'astro:config:setup': ({ command, config, injectScript }: { command: string; config: { root: URL }; injectScript: (stage: 'page', content: string) => void }) => {
        root = config.root;
        if (command !== 'build' || !enabled) return;
        injectScript('page', `import { registerOfflineWorker } from ${JSON.stringify(REGISTER_MODULE)};\nregisterOfflineWorker(${JSON.stringify(base)});`);
      },
      'astro:build:done': async ({ dir, logger }: { dir: URL; logger: { info: (message: string) => void } }) => {
        const out = fileURLToPath(dir);
        if (!enabled) {
          writeFileSync(join(out, SERVICE_WORKER_FILE), createRetiringWorkerScript());
          logger.info(`Offline copy turned off: ${SERVICE_WORKER_FILE} removes an earlier one from readers' browsers.`);
          return;
        }
        const { manifest, workerBytes } = await writeServiceWorker(out, base, root);
        const mib = (manifest.bytes / 1024 / 1024).toFixed(1);
        logger.info(`Offline copy: ${SERVICE_WORKER_FILE} (${(workerBytes / 1024).toFixed(0)} KiB) precaches ${manifest.entries.length} files (${mib} MiB), build ${manifest.buildId}.`);
      },
    },
  };
}
