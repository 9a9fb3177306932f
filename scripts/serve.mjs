// Serves the built site (dist/) over HTTP: used by `npm start` and by the browser tests, so both see
// exactly what a static host would serve. Headers a host should set live in scripts/headers.mjs.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { readSiteHeaders } from './headers.mjs';

/** The built site. */
export const DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** Files in dist/ that configure the static host (headers, redirects) rather than being pages. */
export const HOST_CONFIG_FILES = new Set(['/_headers', '/_redirects']);

/**
 * Starts a static server for dist/ (or `root`) and resolves with its URL once it listens.
 * @param {{ port?: number, host?: string, root?: string }} [options]
 */
export function serveSite({ port = 4321, host = '127.0.0.1', root = DIST_DIR } = {}) {
  if (!existsSync(root)) throw new Error(`${root} does not exist: run \`npm run build\` first.`);
  const siteHeaders = readSiteHeaders(root);
  const assets = sirv(root, { dev: false, etag: true, extensions: ['html'] });
  const notFound = (res) => {
    // sirv would answer 200 for a rewritten URL: send the site's 404 page with a real 404 status.
    const page = join(root, '404.html');
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(existsSync(page) ? readFileSync(page) : 'Not found');
  };
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(siteHeaders)) res.setHeader(name, value);
    // The host's own configuration files are read by the host, never served (as on Netlify).
    if (HOST_CONFIG_FILES.has(new URL(req.url ?? '/', 'http://local').pathname)) return notFound(res);
    assets(req, res, () => {
      // Directory URLs without a trailing slash redirect, as static hosts do.
      const url = new URL(req.url ?? '/', 'http://local');
      if (!url.pathname.endsWith('/') && !url.pathname.includes('.') && existsSync(`${root}${url.pathname}/index.html`)) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      notFound(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // The port actually bound (port 0 asks the system for a free one).
    server.listen(port, host, () => resolve({ server, url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4321);
  serveSite({ port })
    .then(({ url }) => console.log(`Lambda Triage is being served at ${url}  (Ctrl+C to stop)`))
    .catch((err) => {
      console.error(err.code === 'EADDRINUSE' ? `Port ${port} is in use: stop the other server or set PORT.` : err.message);
      process.exit(1);
    });
}
