/**
 * Self-hosted Pyodide: the playground runs Python handlers with Pyodide (CPython compiled to WebAssembly), and the
 * site serves the files the browser needs itself, under `<base>pyodide/<version>/`, instead of a CDN (the site
 * works offline and under its Content-Security-Policy). In a build the files are copied from node_modules/pyodide
 * into the output folder; `astro dev` serves them from node_modules. Only the engine worker fetches them, and only
 * when a Python handler runs (src/worker/python-loader.ts). The offline service worker leaves them out of its
 * precache (src/integrations/offline.ts): 12.9 MiB nobody reading a guide needs.
 */
import { copyFileSync, createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYODIDE_BROWSER_FILES, PYODIDE_VERSION, pyodideIndexPath } from '../worker/pyodide-files.ts';

/** Content types of the copied files (the wasm must be application/wasm for streaming compilation). */
const CONTENT_TYPES: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json',
};

/** The folder of the installed `pyodide` package. */
export function pyodidePackageDir(): string {
  return dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
}

/**
 * Copy the browser's Pyodide files from `packageDir` into `<outDir>/pyodide/<version>/`; returns their total bytes.
 * Throws, naming the file, when the package lacks one (a Pyodide upgrade that renamed its files).
 */
export function copyPyodideFiles(packageDir: string, outDir: string, version: string = PYODIDE_VERSION): number {
  const target = join(outDir, ...pyodideIndexPath('/', version).split('/').filter(Boolean));
  mkdirSync(target, { recursive: true });
  let bytes = 0;
  for (const name of PYODIDE_BROWSER_FILES) {
    const from = join(packageDir, name);
    if (!existsSync(from)) throw new Error(`node_modules/pyodide has no ${name}: the playground's Python needs it (see src/worker/pyodide-files.ts).`);
    copyFileSync(from, join(target, name));
    bytes += statSync(from).size;
  }
  return bytes;
}

/** The file of the package that a dev-server URL asks for, or null when the URL is not one of them. */
export function pyodideFileForUrl(url: string, base: string, version: string = PYODIDE_VERSION): string | null {
  const prefix = pyodideIndexPath(base, version);
  const path = url.split('?')[0] ?? '';
  if (!path.startsWith(prefix)) return null;
  const name = path.slice(prefix.length);
  return (PYODIDE_BROWSER_FILES as readonly string[]).includes(name) ? name : null;
}

type Middleware = (req: { url?: string }, res: { setHeader: (k: string, v: string) => void; statusCode: number; end: () => void } & NodeJS.WritableStream, next: () => void) => void;

/** The Astro integration; `base` is the site's base path (`/` or `/lambda-triage/`). */
export function createPyodideIntegration({ base }: { base: string }) {
  return {
    name: 'lambda-triage:pyodide',
    hooks: {
      'astro:server:setup': ({ server }: { server: { middlewares: { use: (fn: Middleware) => void } } }) => {
        const dir = pyodidePackageDir();
        server.middlewares.use((req, res, next) => {
          const name = pyodideFileForUrl(req.url ?? '', base);
          if (!name) return next();
          res.statusCode = 200;
          res.setHeader('Content-Type', CONTENT_TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream');
          createReadStream(join(dir, name)).pipe(res);
        });
      },
      'astro:build:done': ({ dir, logger }: { dir: URL; logger: { info: (message: string) => void } }) => {
        const bytes = copyPyodideFiles(pyodidePackageDir(), fileURLToPath(dir));
        logger.info(`Pyodide ${PYODIDE_VERSION}: ${PYODIDE_BROWSER_FILES.length} files (${(bytes / 1024 / 1024).toFixed(1)} MiB) copied to ${pyodideIndexPath(base)} for the playground's Python.`);
      },
    },
  };
}
