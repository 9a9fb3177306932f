// `npm run test:e2e`: builds the site only when its sources changed (so `npm test` builds once), then runs
// Playwright. While it runs, a decoy server listens on 4399, the fixed port the tests used to share with
// whatever else ran there: the browser tests must pass without ever reaching it (tests/e2e/port.spec.ts).
// A build that prints a warning fails the run at the end (after the tests ran): the build must stay quiet.
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

const { state, hash } = siteBuildState();
/** Warning lines of the build this run made (none when dist/ was already fresh). */
let buildWarnings = [];
if (state === 'fresh') {
  console.log('The site build (dist/) is up to date with its sources: testing it as it is.');
} else {
  console.log(state === 'missing' ? 'No build yet: building the site…' : 'Sources changed since the last build: building the site…');
  const started = Date.now();
  // Astro's warnings, errors and summary as they come; every line when the build fails.
  const build = await buildSite({ hash, onLine: (line) => /\[(WARN|ERROR)\]|✗|Complete!|pages? built/.test(line) && console.log(line) });
  if (build.status !== 0) {
    console.error(build.lines.join('\n'));
    process.exit(build.status);
  }
  buildWarnings = build.warnings;
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

const decoy = await startDecoy(DECOY_PORT);
const env = { ...process.env, ...(decoy ? { E2E_DECOY_PORT: String(DECOY_PORT) } : {}) };
const child = spawn(process.execPath, [join(REPO, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...process.argv.slice(2)], { cwd: REPO, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
const code = await new Promise((resolve) => child.on('close', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
decoy?.close();
if (buildWarnings.length > 0) {
  console.error(`\nThe site build printed ${buildWarnings.length} warning(s); fix each at its source (the build must stay quiet):`);
  for (const line of buildWarnings) console.error(`  ${line.trim()}`);
  process.exit(code || 1);
}
process.exit(code);
