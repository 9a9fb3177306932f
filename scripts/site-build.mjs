// Whether dist/ was built from the site's current sources, and the build itself: shared by `npm start` and
// the browser-test runner, so a run builds the site once and only when something it reads changed.
//
// Freshness is a hash of the sources' contents, not their modification times: saving a file unchanged,
// switching branches and back, or another checkout's build leave the hash as it was, and a build of other
// sources (`npm run build` after an edit that was then undone) never passes for this one.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO = fileURLToPath(new URL('..', import.meta.url));
/** A file every build writes; its modification time identifies the build. */
const STAMP = join(REPO, 'dist', 'index.html');
/** What the build reads (package-lock.json stands for node_modules). */
export const SITE_SOURCES = ['src', 'content', 'public', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];
/** Where the hash of the sources of the last build made by these scripts is kept (outside dist/, which is served). */
export const BUILD_RECORD = join(REPO, 'node_modules', '.cache', 'lambda-triage', 'site-build.json');
/** A line of Astro's build output that is a warning (`12:00:00 [WARN] [content] …`). */
export const WARNING_LINE = /\[WARN\]/;

/** Files below `path` (or `path` itself), sorted, relative to `root`. */
function listFiles(root, path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [relative(root, path)];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/** SHA-256 over the path and contents of every file of `sources` (paths relative to `root`). */
export function hashSiteSources(sources = SITE_SOURCES, root = REPO) {
  const hash = createHash('sha256');
  for (const file of sources.flatMap((s) => listFiles(root, join(root, s)))) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The record of the last build these scripts made, or null. */
function readBuildRecord() {
  try {
    return JSON.parse(readFileSync(BUILD_RECORD, 'utf8'));
  } catch {
    return null;
  }
}

/** Notes that dist/ now holds a build of sources whose hash is `hash` (call after a successful build). */
export function recordBuild(hash) {
  mkdirSync(dirname(BUILD_RECORD), { recursive: true });
  writeFileSync(BUILD_RECORD, `${JSON.stringify({ hash, stampMtimeMs: statSync(STAMP).mtimeMs }, null, 2)}\n`);
}

/**
 * 'fresh' when dist/ is the build these scripts made from the current sources, 'stale' when a source changed
 * since (or dist/ was built some other way, e.g. `npm run build`), 'missing' without a build.
 * `hash` is the current sources' hash, to pass to {@link recordBuild} after building.
 */
export function siteBuildState() {
  const hash = hashSiteSources();
  if (!existsSync(STAMP)) return { state: 'missing', hash };
  const record = readBuildRecord();
  const fresh = record !== null && record.hash === hash && record.stampMtimeMs === statSync(STAMP).mtimeMs;
  return { state: fresh ? 'fresh' : 'stale', hash };
}

/**
 * Runs `astro build` on this Node (the project's Node 22 under npm, whatever `node` is first on PATH). Each
 * output line goes to `onLine` (default: printed as it comes). Resolves with the exit status and the
 * warning lines; records the build when it succeeds. `signal` stops the build.
 * @param {{ hash: string, onLine?: (line: string) => void, signal?: AbortSignal }} options
 * @returns {Promise<{ status: number, warnings: string[], lines: string[] }>}
 */
export function buildSite({ hash, onLine = (line) => console.log(line), signal }) {
  const astro = join(REPO, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const child = spawn(process.execPath, [astro, 'build'], {
    cwd: REPO,
    env: { ASTRO_TELEMETRY_DISABLED: '1', ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(signal ? { signal } : {}),
  });
  const lines = [];
  let rest = { stdout: '', stderr: '' };
  const take = (stream) => (chunk) => {
    const parts = (rest[stream] + chunk.toString()).split('\n');
    rest[stream] = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      onLine(line);
    }
  };
  child.stdout.on('data', take('stdout'));
  child.stderr.on('data', take('stderr'));
  return new Promise((resolve) => {
    child.on('error', () => {});
    child.on('close', (code) => {
      for (const line of [rest.stdout, rest.stderr]) if (line) (lines.push(line), onLine(line));
      const status = code ?? 1;
      if (status === 0) recordBuild(hash);
      resolve({ status, warnings: lines.filter((l) => WARNING_LINE.test(l)), lines });
    });
  });
}
