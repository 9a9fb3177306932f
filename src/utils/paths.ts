/**
 * Site paths under a sub-path (`base`): the site can be hosted at the root of a domain or under a prefix
 * such as `/lambda-triage/` (GitHub Pages project sites). The prefix is one setting, `base` in
 * astro.config.mjs, read from the LAMBDA_TRIAGE_BASE environment variable at build
 * (https://docs.astro.build/en/reference/configuration-reference/#base). Every root-relative link the
 * site writes (`/guides/timeout/`, `/playground/?scenario=…`) goes through {@link withBase} when it is
 * rendered; the engine and the content keep plain site paths.
 */

/** Environment variable that sets the path the site is served under (at build time). */
export const BASE_PATH_ENV = 'LAMBDA_TRIAGE_BASE';

/** Result of {@link parseBasePath}: the base with a leading and a trailing slash (`/` for the root). */
export type BasePathResult = { ok: true; value: string } | { ok: false; error: string };

/** Characters a base path segment may use: URL-safe letters, digits and `-._~` (RFC 3986 unreserved). */
const SEGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * Checks a base path (untrusted text, e.g. `lambda-triage`, `/lambda-triage/`, `/docs/triage`): path
 * segments only, no scheme, query or fragment. Empty or `/` means the root. The result always starts and
 * ends with `/`.
 */
export function parseBasePath(raw: string | undefined): BasePathResult {
  if (raw === undefined || raw.trim() === '' || raw.trim() === '/') return { ok: true, value: '/' };
  const text = raw.trim();
  const segments = text.split('/').filter((s) => s !== '');
  const bad = segments.find((s) => !SEGMENT.test(s) || s === '.' || s === '..');
  if (bad !== undefined || text.includes('//')) {
    return {
      ok: false,
      error: `${BASE_PATH_ENV} must be a path such as /lambda-triage/ (letters, digits, "-", "_", "." and "~" between slashes); got "${raw}".`,
    };
  }
  return { ok: true, value: `/${segments.join('/')}/` };
}

/** The configured base path from an environment (`process.env`); the root when none is set. */
export function resolveBasePath(env: Record<string, string | undefined>): BasePathResult {
  return parseBasePath(env[BASE_PATH_ENV]);
}

/**
 * Puts `base` (as {@link parseBasePath} returns it) in front of a root-relative site path. Anything else
 * (an absolute URL, `//host/…`, `#fragment`, `?query`, a relative path) comes back unchanged, and so does a
 * path that already starts with the base, so applying it twice is harmless.
 */
export function joinBase(base: string, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//') || base === '/') return path;
  if (path === base.slice(0, -1) || path.startsWith(base)) return path;
  return `${base.slice(0, -1)}${path}`;
}

/** The base of this build (Astro sets `import.meta.env.BASE_URL` from `base`), with a trailing slash. */
export function siteBase(): string {
  const raw = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  return raw.endsWith('/') ? raw : `${raw}/`;
}

/** A root-relative site path (`/guides/timeout/`) as a link of this build (`/lambda-triage/guides/timeout/`). */
export function withBase(path: string): string {
  return joinBase(siteBase(), path);
}
