// Whether dist/ is older than the site's sources, and the build itself: shared by `npm start` and the
// browser-test runner, so a run builds the site once and only when something changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO = fileURLToPath(new URL('..', import.meta.url));
/** A file every build writes; its time is the build's time. */
const STAMP = join(REPO, 'dist', 'index.html');
/** What the build reads (package-lock.json stands for node_modules). */
const SOURCES = ['src', 'content', 'public', 'astro.config.mjs', 'package-lock.json'];

/** Newest modification time below `path` (ms), 0 when it does not exist. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

/** 'fresh' when dist/ is newer than every source, 'stale' when a source changed since, 'missing' without a build. */
export function siteBuildState() {
  if (!existsSync(STAMP)) return 'missing';
  const built = statSync(STAMP).mtimeMs;
  const changed = Math.max(...SOURCES.map((s) => newest(join(REPO, s))));
  return built < changed ? 'stale' : 'fresh';
}

/**
 * Runs `astro build` on this Node (the project's Node 22 under npm, whatever `node` is first on PATH)
 * with its output shown as it comes; returns the exit status.
 */
export function buildSite() {
  const astro = join(REPO, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'build'], { cwd: REPO, stdio: 'inherit', env: { ASTRO_TELEMETRY_DISABLED: '1', ...process.env } });
  return result.status ?? 1;
}
