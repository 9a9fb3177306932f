/**
 * The public address of the built site: one setting read by astro.config.mjs (`site`: canonical links)
 * and by the CLI (links to guides). It comes from the LAMBDA_TRIAGE_SITE environment variable, else
 * {@link DEFAULT_SITE_URL}. With neither, the site has no canonical address and the CLI prints local page
 * paths (`/guides/timeout/`) with a hint to run `npm start`.
 */

/** Environment variable that sets the site's public address (at build time, and for the CLI). */
export const SITE_URL_ENV = 'LAMBDA_TRIAGE_SITE';

/** The site's public address when the environment sets none. The project has no public deployment yet. */
export const DEFAULT_SITE_URL: string | undefined = undefined;

/** Result of {@link parseSiteUrl}: the address without a trailing slash, or undefined for "none". */
export type SiteUrlResult = { ok: true; value: string | undefined } | { ok: false; error: string };

/** Checks a site address (untrusted text): an http(s) URL without query or fragment; empty means none. */
export function parseSiteUrl(raw: string | undefined): SiteUrlResult {
  if (raw === undefined || raw.trim() === '') return { ok: true, value: undefined };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, error: `${SITE_URL_ENV} must be the site's address, such as https://triage.example.com; got "${raw}".` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: `${SITE_URL_ENV} must start with https:// or http://; got "${raw}".` };
  }
  if (url.search || url.hash) return { ok: false, error: `${SITE_URL_ENV} must not have a query or fragment; got "${raw}".` };
  return { ok: true, value: url.href.replace(/\/+$/, '') };
}

/** The configured site address from an environment (`process.env`), falling back to the default. */
export function resolveSiteUrl(env: Record<string, string | undefined>): SiteUrlResult {
  return parseSiteUrl(env[SITE_URL_ENV] ?? DEFAULT_SITE_URL);
}
