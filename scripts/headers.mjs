// HTTP headers the site is served with. The build writes them to dist/_headers (Netlify's format,
// with the Content-Security-Policy and its script hashes); the local server sends the same, so tests
// see what a configured static host would send. README shows how to set them on other hosts.
import { existsSync, readFileSync } from 'node:fs';

/** Headers for every path, read from `<dist>/_headers` (the `/*` block). */
export function readSiteHeaders(distDir) {
  const file = `${distDir}/_headers`;
  const headers = {};
  if (!existsSync(file)) return headers;
  let inAll = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      inAll = line.trim() === '/*';
      continue;
    }
    const colon = line.indexOf(':');
    if (inAll && colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}
