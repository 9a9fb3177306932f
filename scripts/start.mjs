// `npm start`: builds the site when the build is missing or older than its sources, then serves it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveSite } from './serve.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(repo, 'dist', 'index.html');
const sources = ['src', 'content', 'public', 'astro.config.mjs', 'package-lock.json'];

/** Newest modification time below `path` (ms). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...sources.map((s) => newest(join(repo, s))));
if (built < changed) {
  console.log(built ? 'Sources changed since the last build: building…' : 'No build yet: building the site…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
} else {
  console.log('The build is up to date.');
}

const port = Number(process.env.PORT ?? 4321);
serveSite({ port })
  .then(({ url }) => console.log(`\nLambda Triage is ready at ${url}  (Ctrl+C to stop)`))
  .catch((err) => {
    console.error(err.code === 'EADDRINUSE' ? `Port ${port} is in use: stop the other server or set PORT=…` : err.message);
    process.exit(1);
  });
