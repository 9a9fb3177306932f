/**
 * Whether a build ships the offline service worker: on by default; `LAMBDA_TRIAGE_OFFLINE=off` at build turns
 * it off. A build with it off still writes `sw.js`, as a worker that deletes the earlier build's caches and
 * unregisters itself, so readers who visited an earlier build do not keep an offline copy forever
 * (a browser checks the worker's script for a change on its next visit:
 * https://developer.mozilla.org/en-US/docs/Web/API/ServiceWorkerRegistration/update).
 */

/** Environment variable read at build. */
export const OFFLINE_ENV = 'LAMBDA_TRIAGE_OFFLINE';

/** Result of {@link parseOfflineSetting}. */
export type OfflineSettingResult = { ok: true; value: boolean } | { ok: false; error: string };

const ON = new Set(['', 'on', 'true', '1', 'yes']);
const OFF = new Set(['off', 'false', '0', 'no']);

/** Reads the setting (untrusted text, any case): unset, `on` (and true/1/yes) or `off` (and false/0/no). */
export function parseOfflineSetting(raw: string | undefined): OfflineSettingResult {
  const text = (raw ?? '').trim().toLowerCase();
  if (ON.has(text)) return { ok: true, value: true };
  if (OFF.has(text)) return { ok: true, value: false };
  return { ok: false, error: `${OFFLINE_ENV} must be "on" or "off" (the offline copy of the site); got "${raw}".` };
}

/** The setting from an environment (`process.env`). */
export function resolveOfflineSetting(env: Record<string, string | undefined>): OfflineSettingResult {
  return parseOfflineSetting(env[OFFLINE_ENV]);
}

/**
 * The `sw.js` of a build with the offline copy turned off: it takes over at once, deletes the precache of
 * its scope (Workbox names it `workbox-precache-v2-<scope>`) and unregisters; the pages no longer register a
 * worker, so none comes back.
 */
export function createRetiringWorkerScript(): string {
  return [
    `// The offline copy is turned off for this site (${OFFLINE_ENV}=off at build): remove the earlier one.`,
    "self.addEventListener('install', () => self.skipWaiting());",
    "self.addEventListener('activate', (event) => event.waitUntil((async () => {",
    '  for (const key of await caches.keys()) {',
    "    if (key.startsWith('workbox-precache') && key.endsWith(self.registration.scope)) await caches.delete(key);",
    '  }',
    '  await self.registration.unregister();',
    '})()));',
    '',
  ].join('\n');
}
