// Content-Security-Policy for the static site. After the build, every HTML page gets a <meta> policy
// that allows its own inline scripts by SHA-256 hash (Starlight's theme and search-shortcut scripts are
// inline) and nothing else inline; `dist/_headers` gets the same policy (plus what a <meta> cannot
// carry) for hosts that read it, and the local server sends it. WebAssembly needs 'wasm-unsafe-eval'
// (Pagefind's search index on every page, QuickJS in the playground worker); no 'unsafe-eval'.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Directives shared by every page; script-src gets the page's hashes. */
export const BASE_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  // Starlight, Expressive Code and Monaco set style attributes and inject <style> at run time.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/** Directives only an HTTP header can carry (a <meta> policy ignores them, with a console error). */
export const HEADER_ONLY_DIRECTIVES = { 'frame-ancestors': ["'none'"] };

/** Inline, executable script bodies of an HTML page. */
export function inlineScripts(html) {
  const bodies = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = match[1] ?? '';
    if (/\bsrc\s*=/.test(attrs)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (type && type !== 'module' && type !== 'text/javascript' && type !== 'application/javascript') continue;
    bodies.push(match[2] ?? '');
  }
  return bodies;
}

/** The CSP source expression for one script body. */
export function hashSource(body) {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/** Serialises directives, adding `extraScripts` hashes to script-src. */
export function serializePolicy(directives, extraScripts = []) {
  return Object.entries(directives)
    .map(([name, values]) => [name, name === 'script-src' ? [...values, ...extraScripts] : values])
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Adds the <meta> policy to one page; returns the new HTML and the page's hashes. */
export function applyMetaPolicy(html) {
  const hashes = [...new Set(inlineScripts(html).map(hashSource))];
  const meta = `<meta http-equiv="Content-Security-Policy" content="${serializePolicy(BASE_DIRECTIVES, hashes)}">`;
  const cleaned = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  // Right after <meta charset> (which must stay in the first 1024 bytes), else first in <head>.
  const withMeta = /<meta charset[^>]*>/i.test(cleaned)
    ? cleaned.replace(/<meta charset[^>]*>/i, (m) => `${m}${meta}`)
    : cleaned.replace(/<head([^>]*)>/i, `<head$1>${meta}`);
  return { html: withMeta, hashes };
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );
}

/** The Astro integration. */
export default function csp() {
  return {
    name: 'lambda-triage:csp',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const all = new Set();
        const files = htmlFiles(out);
        for (const file of files) {
          const { html, hashes } = applyMetaPolicy(readFileSync(file, 'utf8'));
          for (const h of hashes) all.add(h);
          writeFileSync(file, html);
        }
        const header = serializePolicy({ ...BASE_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES }, [...all].sort());
        writeFileSync(
          join(out, '_headers'),
          [
            '/*',
            `  Content-Security-Policy: ${header}`,
            '  X-Content-Type-Options: nosniff',
            '  Referrer-Policy: strict-origin-when-cross-origin',
            '',
          ].join('\n'),
        );
        logger.info(`Content-Security-Policy added to ${files.length} pages (${all.size} inline script hashes).`);
      },
    },
  };
}
