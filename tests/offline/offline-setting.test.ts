import { describe, expect, it } from 'vitest';
import { createRetiringWorkerScript, OFFLINE_ENV, parseOfflineSetting, resolveOfflineSetting } from '../../src/offline/offline-setting.ts';

describe('parseOfflineSetting', () => {
  it('is on when unset or on, off when off (any case, spaces trimmed)', () => {
    expect(parseOfflineSetting(undefined)).toEqual({ ok: true, value: true });
    for (const on of ['', 'on', 'ON', ' true ', '1', 'yes']) expect(parseOfflineSetting(on)).toEqual({ ok: true, value: true });
    for (const off of ['off', 'Off', 'false', '0', 'no ']) expect(parseOfflineSetting(off)).toEqual({ ok: true, value: false });
  });

  it('names the variable and the accepted values for anything else', () => {
    const result = parseOfflineSetting('disabled');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe(`${OFFLINE_ENV} must be "on" or "off" (the offline copy of the site); got "disabled".`);
  });

  it('reads the environment variable', () => {
    expect(resolveOfflineSetting({ [OFFLINE_ENV]: 'off' })).toEqual({ ok: true, value: false });
    expect(resolveOfflineSetting({})).toEqual({ ok: true, value: true });
  });
});

describe('createRetiringWorkerScript', () => {
  it('takes over at once, deletes only its own scope\'s precache and unregisters', async () => {
    // Run the script against a fake worker scope and cache storage.
    const listeners = new Map<string, (event: unknown) => void>();
    const deleted: string[] = [];
    let skipped = false;
    let unregistered = false;
    const scope = 'https://example.test/lambda-triage/';
    const fakeSelf = {
      addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
      skipWaiting: () => {
        skipped = true;
        return Promise.resolve();
      },
      registration: { scope, unregister: async () => ((unregistered = true), true) },
    };
    const fakeCaches = {
      keys: async () => [`workbox-precache-v2-${scope}`, 'workbox-precache-v2-https://example.test/other/', 'someone-elses-cache'],
      delete: async (key: string) => (deleted.push(key), true),
    };
    new Function('self', 'caches', createRetiringWorkerScript())(fakeSelf, fakeCaches);
    listeners.get('install')?.({});
    expect(skipped).toBe(true);
    let work: Promise<unknown> = Promise.resolve();
    listeners.get('activate')?.({ waitUntil: (p: Promise<unknown>) => (work = p) });
    await work;
    expect(deleted).toEqual([`workbox-precache-v2-${scope}`]);
    expect(unregistered).toBe(true);
  });
});
