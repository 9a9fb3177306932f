/**
 * Where the browser finds Pyodide (CPython compiled to WebAssembly, the `pyodide` npm package): the site serves
 * its own copy of the package's files under `<base>pyodide/<version>/`, copied at build by
 * src/integrations/pyodide.ts (and served from node_modules by `astro dev`). No CDN: the playground works
 * offline (after one visit) and under the site's Content-Security-Policy (`script-src 'self'`,
 * `connect-src 'self'`). The version in the path lets hosts cache the files for good.
 *
 * Pure data and string functions: the Astro integration (Node) and the engine worker (browser) share them.
 */
/**
 * The installed Pyodide's version; also the folder name of its files. Written out (not imported from the
 * package's package.json, which Node would only load with an import attribute): tests/worker/pyodide-files.test.ts
 * fails when it no longer matches node_modules/pyodide, and the loader itself refuses a mismatched wasm.
 */
export const PYODIDE_VERSION = '314.0.8';

/** Folder of the site (under its base) that holds the Pyodide versions. */
export const PYODIDE_DIR = 'pyodide';

/**
 * The files of the `pyodide` package the browser fetches, measured in the playground's request log with
 * Pyodide 314.0.8: the loader (`pyodide.mjs`), the Emscripten glue it imports (`pyodide.asm.mjs`), the
 * interpreter (`pyodide.asm.wasm`), the standard library (`python_stdlib.zip`) and the package index
 * (`pyodide-lock.json`, read at start even when no package is loaded). The rest of the package (type
 * declarations, source maps, the console pages, the CommonJS build) stays out of the site.
 */
export const PYODIDE_BROWSER_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'] as const;

/** The site path of the Pyodide files under `base` (`/` or `/lambda-triage/`), ending in `/`. */
export function pyodideIndexPath(base: string, version: string = PYODIDE_VERSION): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return `${b}${PYODIDE_DIR}/${version}/`;
}

/** Is this path of the build (relative to its output folder, `/` separators) one of the copied Pyodide files? */
export function isPyodideBuildPath(path: string): boolean {
  return path.startsWith(`${PYODIDE_DIR}/`);
}
