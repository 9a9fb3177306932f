import { existsSync } from 'node:fs';

/**
 * Debian's headless shell (package chromium-headless-shell): the same Chromium, built as the old headless mode
 * that Playwright itself uses for headless runs. It has no browser UI layer to keep running, and on this
 * project's browser tests it used about a fifth less CPU than the full browser in headless mode (three spec files,
 * 159 tests, two workers, CPU of the whole process tree by `perf stat -e task-clock`: 191 and 200 CPU-seconds
 * against 244 and 246, wall 141 and 154 s against 193 and 182 s).
 */
export const SYSTEM_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/** Debian's Chromium (package chromium), used when the headless shell is not installed. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium binary for browser tests: `CHROMIUM_PATH` if set, then the system's headless shell, then the
 * system Chromium, then `undefined`, which lets Playwright use its own download (if one was ever installed).
 */
export function chromiumExecutable(
  env: Record<string, string | undefined> = process.env,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (!exists(fromEnv)) throw new Error(`CHROMIUM_PATH points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  for (const candidate of [SYSTEM_HEADLESS_SHELL, SYSTEM_CHROMIUM]) if (exists(candidate)) return candidate;
  return undefined;
}
