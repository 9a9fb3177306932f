import { createServer } from 'node:net';

/** Environment variable through which the Playwright runner hands its chosen port to its workers. */
export const E2E_PORT_ENV = 'E2E_PORT';

/**
 * Asks the operating system for a TCP port nobody listens on (listen on port 0, read the port, close).
 * Another program could take the port between this call and the server's start; the web server then fails
 * to listen and the run stops with that error rather than testing someone else's server.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('The system gave no free port.'))));
    });
  });
}

/**
 * The port of this test run: the one in `E2E_PORT` (set by the user, or by the runner process for its
 * workers), else a free one, which is then written to `E2E_PORT` so that every worker process (they
 * inherit the runner's environment and load this config again) uses the same server.
 */
export async function resolveE2ePort(env: Record<string, string | undefined> = process.env): Promise<number> {
  const given = env[E2E_PORT_ENV];
  if (given !== undefined && given !== '') {
    const port = Number(given);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new Error(`${E2E_PORT_ENV} must be a port number from 1 to 65535; got "${given}".`);
    }
    return port;
  }
  const port = await findFreePort();
  env[E2E_PORT_ENV] = String(port);
  return port;
}
