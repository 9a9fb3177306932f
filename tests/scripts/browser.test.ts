/** Which Chromium the browser tests launch (tests/e2e/support/browser.ts). */
import { describe, expect, it } from 'vitest';
import { chromiumExecutable, SYSTEM_CHROMIUM, SYSTEM_HEADLESS_SHELL } from '../e2e/support/browser.ts';

const only = (...paths: string[]) => (p: string) => paths.includes(p);

describe('chromiumExecutable', () => {
  it('takes CHROMIUM_PATH first, and says so when it points nowhere', () => {
    expect(chromiumExecutable({ CHROMIUM_PATH: '/opt/c/chrome' }, only('/opt/c/chrome', SYSTEM_HEADLESS_SHELL))).toBe('/opt/c/chrome');
    expect(() => chromiumExecutable({ CHROMIUM_PATH: '/nope' }, only(SYSTEM_CHROMIUM))).toThrow('CHROMIUM_PATH points to /nope, which does not exist.');
  });

  it("then the system's headless shell, then the system Chromium, then Playwright's own (undefined)", () => {
    expect(chromiumExecutable({}, only(SYSTEM_HEADLESS_SHELL, SYSTEM_CHROMIUM))).toBe(SYSTEM_HEADLESS_SHELL);
    expect(chromiumExecutable({}, only(SYSTEM_CHROMIUM))).toBe(SYSTEM_CHROMIUM);
    expect(chromiumExecutable({}, only())).toBeUndefined();
  });
});
