// `npm run test:e2e`: builds the site only when its sources changed (so `npm test` builds once), then runs
// Playwright. While it runs, a decoy server listens on 4399, the fixed port the tests used to share with
// whatever else ran there: the browser tests must pass without ever reaching it (tests/e2e/port.spec.ts).
// Arguments are passed to `playwright test` (`npm run test:e2e -- --workers 1 tests/e2e/site.spec.ts`).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { REPO, buildSite, siteBuildState } from './site-build.mjs';

/** The port the browser tests used before each run picked a free one. */
export const DECOY_PORT = 4399;
/** What the decoy answers: a status no page of the site has. */
export const DECOY_STATUS = 418;

/** Listens on `port` with a server that is not the site; resolves null when the port is taken already. */
function startDecoy(port) {
  const server = createServer((_req, res) => res.writeHead(DECOY_STATUS, { 'Content-Type': 'text/plain' }).end('A stranger\'s server, not Lambda Triage.\n'));
  return new Promise((resolve) => {
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const state = siteBuildState();
if (state === 'fresh') {
  console.log('The site build (dist/) is up to date with its sources: testing it as it is.');
} else {
  console.log(state === 'missing' ? 'No build yet: building the site…' : 'Sources changed since the last build: building the site…');
  const status = buildSite();
  if (status !== 0) process.exit(status);
}

const decoy = await startDecoy(DECOY_PORT);
const env = { ...process.env, ...(decoy ? { E2E_DECOY_PORT: String(DECOY_PORT) } : {}) };
const child = spawn(process.execPath, [join(REPO, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...process.argv.slice(2)], { cwd: REPO, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
const code = await new Promise((resolve) => child.on('close', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
decoy?.close();
process.exit(code);
