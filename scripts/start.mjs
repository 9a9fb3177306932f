// `npm start`: builds the site when there is no build of its current sources, serves it, and says
// what to open first. Stopping it (Ctrl+C, or `kill` of `npm start`'s process id) closes the server and
// stops a build that is still running.
//   PORT=8080 npm start         another port
//   npm start -- --no-build     serve dist/ as it is
import { buildSite, siteBuildState } from './site-build.mjs';
import { DIST_DIR, serveSite } from './serve.mjs';

/** Port `npm start` serves on unless PORT says otherwise. */
const DEFAULT_PORT = 4321;
/** Lines of Astro's build output that are worth showing while `npm start` builds. */
const SHOWN = /\[(WARN|ERROR)\]|error|Error|✗|Complete!|pages? built/;

const port = Number(process.env.PORT ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number from 0 to 65535; got "${process.env.PORT}".`);
  process.exit(2);
}
const noBuild = process.argv.includes('--no-build');
const root = process.env.LAMBDA_TRIAGE_DIST ?? DIST_DIR;

/** Stops the running build, so a stop signal can end it too. */
const building = new AbortController();
/** The server once it listens. */
let server = null;

function stop(signal) {
  building.abort(signal);
  if (server) server.close(() => process.exit(0));
  else process.exit(0);
  // Keep-alive connections from a browser would hold close() open: end them.
  server?.closeAllConnections?.();
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
// `kill <pid of npm start>`: npm ends itself and the shell it ran this script in, without passing the signal
// on (npm 11), and this process is left to init. Notice the new parent and stop with them.
const parentAtStart = process.ppid;
setInterval(() => {
  if (process.ppid !== parentAtStart) stop('SIGTERM');
}, 250).unref();

/**
 * Runs `astro build`, printing Astro's warnings and errors and its summary (every line when the build
 * fails); resolves with the exit status.
 */
async function build(hash) {
  const started = Date.now();
  const result = await buildSite({ hash, signal: building.signal, onLine: (line) => line.trim() && SHOWN.test(line) && console.log(line) });
  if (building.signal.aborted) return 1;
  if (result.status !== 0) console.error(result.lines.filter((l) => l.trim()).join('\n'));
  else console.log(`Built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  return result.status;
}

const { state, hash } = noBuild ? { state: 'skipped', hash: '' } : siteBuildState();
if (state === 'missing' || state === 'stale') {
  console.log(state === 'missing' ? 'No build yet: building the site (about a minute)…' : 'Sources changed since the last build: building the site…');
  const status = await build(hash);
  if (status !== 0) process.exit(status);
} else if (state === 'fresh') {
  console.log('The build is up to date.');
}

try {
  const started = await serveSite({ port, root });
  server = started.server;
  const url = started.url;
  console.log(`
Lambda Triage is ready at ${url}
  New here?            ${url}onboarding/    (the first-day walkthrough)
  Something is 5xx?    ${url}tree/          (find the cause, one question at a time)
  Try a handler:       ${url}playground/
Another port: PORT=8080 npm start.  Stop: Ctrl+C.`);
} catch (err) {
  console.error(err.code === 'EADDRINUSE' ? `Port ${port} is in use: stop the other server, or start on another port with PORT=8080 npm start.` : err.message);
  process.exit(1);
}
