import { existsSync } from 'node:fs';

/** Debian's Chromium, which `.ci/run` installs with apt-get. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium binary for browser tests: `CHROMIUM_PATH` if set, then the system Chromium, then
 * `undefined`, which lets Playwright use its own download (if one was ever installed).
 */
export function chromiumExecutable(env: Record<string, string | undefined> = process.env): string | undefined {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  return undefined;
}
