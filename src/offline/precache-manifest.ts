/**
 * What the offline service worker precaches, and the build's version. Pure functions over a list of built
 * files (their paths, sizes and SHA-256 digests): the Astro integration (src/integrations/offline.ts) walks
 * the output folder and hashes the files, these decide what goes into the manifest.
 *
 * The manifest is Workbox's precache manifest (https://developer.chrome.com/docs/workbox/modules/workbox-precaching):
 * `{ url, revision }` entries. Files under `_astro/` carry a content hash in their names (Vite's output), so
 * their URL is their version and their revision is null; every other file (pages, Pagefind's index, the
 * scenario JSON) gets the first characters of its SHA-256 as its revision, so a changed file is fetched again
 * and an unchanged one is kept across deployments.
 */

/** The service worker's file name, at the root of the build (its scope is the site's base path). */
export const SERVICE_WORKER_FILE = 'sw.js';

/** The folder of Vite's content-hashed build output: a file there never changes under the same name. */
export const HASHED_ASSET_DIR = '_astro/';

/** Hex characters of a file's SHA-256 kept as its revision (64 bits: a collision between builds is negligible). */
export const REVISION_HEX_CHARS = 16;

/**
 * Files of the build that are never precached: the host's own configuration (Netlify's `_headers` and
 * `_redirects`, never served as pages), the service worker itself (the browser fetches it on every update
 * check), source maps and sitemaps (for tools, not readers).
 */
// Pyodide (`pyodide/<version>/`, 12.9 MiB, copied by src/integrations/pyodide.ts) is fetched only when a Python
// handler runs: precaching it would triple every reader's first download.
const NEVER_PRECACHED = [/^_headers$/, /^_redirects$/, new RegExp(`^${SERVICE_WORKER_FILE.replace('.', '\\.')}$`), /\.map$/, /^sitemap[^/]*\.xml$/, /^pyodide\//];

/** One built file: its path relative to the output folder (`/` separators), its size and SHA-256 (hex). */
export interface BuiltFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** One entry of Workbox's precache manifest. */
export interface PrecacheEntry {
  url: string;
  revision: string | null;
}

/** The precache manifest of a build and what it weighs. */
export interface PrecacheManifest {
  entries: PrecacheEntry[];
  /** The build's version: a digest of every precached file's path and contents (changes when any file does). */
  buildId: string;
  /** Bytes of all precached files (uncompressed, as in the output folder). */
  bytes: number;
}

/** Whether the file at `path` (relative to the output folder) belongs in the precache. */
export function isPrecached(path: string): boolean {
  return !NEVER_PRECACHED.some((pattern) => pattern.test(path));
}

/** Whether the file at `path` has a content hash in its name (Vite's `_astro/` output). */
export function isHashedAsset(path: string): boolean {
  return path.startsWith(HASHED_ASSET_DIR);
}

/**
 * The precache manifest for the files of a build served under `base` (`/` or `/lambda-triage/`): every URL
 * carries the base, entries are sorted by URL so the same build always gives the same service worker.
 * `digest` turns the manifest's text into the build id (SHA-256 hex in the build; injected so this module
 * stays free of Node APIs).
 */
export function createPrecacheManifest(files: readonly BuiltFile[], base: string, digest: (text: string) => string): PrecacheManifest {
  if (!base.startsWith('/') || !base.endsWith('/')) throw new Error(`The base path must start and end with "/"; got "${base}".`);
  const kept = files.filter((file) => isPrecached(file.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const entries = kept.map((file) => ({
    url: `${base}${file.path}`,
    revision: isHashedAsset(file.path) ? null : file.sha256.slice(0, REVISION_HEX_CHARS),
  }));
  const buildId = digest(kept.map((file) => `${file.path}\0${file.sha256}`).join('\n')).slice(0, REVISION_HEX_CHARS);
  return { entries, buildId, bytes: kept.reduce((sum, file) => sum + file.bytes, 0) };
}
