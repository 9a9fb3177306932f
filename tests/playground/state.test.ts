import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createDefaultState,
  encodeShareHash,
  isShareHash,
  MAX_ENVIRONMENT_BYTES,
  parseEnvironment,
  parseFunctionInput,
  parseJsonText,
  parsePlaygroundState,
  parseRequestInput,
  parseShareHash,
  parseStoredState,
  serialiseState,
  STATE_VERSION,
  storageKey,
} from '../../src/playground/state.ts';

describe('parsePlaygroundState', () => {
  it('round-trips the default state', () => {
    const state = createDefaultState();
    const parsed = parsePlaygroundState(JSON.parse(serialiseState(state)));
    expect(parsed).toEqual({ ok: true, value: { state, dropped: [] } });
  });

  it('fills missing fields with defaults (an old, smaller format still opens)', () => {
    const parsed = parsePlaygroundState({ v: 1, code: 'exports.handler = async () => 1;' });
    expect(parsed.ok && parsed.value.state.code).toBe('exports.handler = async () => 1;');
    expect(parsed.ok && parsed.value.state.frontDoor).toBe('apigw-rest');
    expect(parsed.ok && parsed.value.dropped).toEqual([]);
  });

  it('replaces invalid fields, keeps the rest, and names what it replaced', () => {
    const parsed = parsePlaygroundState({ code: 'keep me', memoryMB: 50, frontDoor: 'smtp', timeoutSeconds: 901, handlerExport: '1bad' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.state.code).toBe('keep me');
    expect(parsed.value.state.memoryMB).toBe(128);
    expect(parsed.value.dropped.sort()).toEqual(['frontDoor', 'handlerExport', 'memoryMB', 'timeoutSeconds']);
  });

  it('log format and level: read back, invalid values replaced, the level applied only with JSON', () => {
    const parsed = parsePlaygroundState({ logFormat: 'JSON', applicationLogLevel: 'WARN' });
    expect(parsed.ok && [parsed.value.state.logFormat, parsed.value.state.applicationLogLevel]).toEqual(['JSON', 'WARN']);
    const bad = parsePlaygroundState({ logFormat: 'XML', applicationLogLevel: 'LOUD' });
    expect(bad.ok && bad.value.dropped.sort()).toEqual(['applicationLogLevel', 'logFormat']);
    const json = parseFunctionInput({ ...createDefaultState(), logFormat: 'JSON', applicationLogLevel: 'ERROR' });
    expect(json.ok && json.value.config).toMatchObject({ logFormat: 'JSON', applicationLogLevel: 'ERROR' });
    const text = parseFunctionInput({ ...createDefaultState(), logFormat: 'Text', applicationLogLevel: 'ERROR' });
    expect(text.ok && 'applicationLogLevel' in text.value.config).toBe(false);
  });

  it('refuses a newer format with a message that says so', () => {
    const parsed = parsePlaygroundState({ v: STATE_VERSION + 1, code: 'x' });
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining('newer version') });
  });

  it('refuses non-objects and survives hostile getters', () => {
    expect(parsePlaygroundState(null).ok).toBe(false);
    expect(parsePlaygroundState([1]).ok).toBe(false);
    const hostile = Object.defineProperty({}, 'code', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(parsePlaygroundState(hostile)).toEqual({ ok: false, error: 'The saved playground could not be read.' });
  });
});

describe('parseStoredState', () => {
  it('returns null when nothing was saved and an error for broken JSON', () => {
    expect(parseStoredState(null)).toBeNull();
    expect(parseStoredState('{"code":')).toEqual({ ok: false, error: expect.stringContaining('not valid JSON') });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const r = parseStoredState(s);
      expect(r === null || typeof r.ok === 'boolean').toBe(true);
    }));
  });

  it('uses one key per scenario', () => {
    expect(storageKey('scratch')).toBe('lambda-triage:playground:scratch');
    expect(storageKey('timeout-1')).not.toBe(storageKey('scratch'));
  });
});

describe('share links', () => {
  it('round-trips the whole state through a compressed, versioned hash', async () => {
    const state = { ...createDefaultState(), code: 'export const handler = async () => "ü €"; // ' + 'x'.repeat(2000), memoryMB: 512, frontDoor: 'alb' as const, faults: '[{"service":"dynamodb"}]' };
    const hash = await encodeShareHash(state);
    expect(hash).toMatch(/^s=1\.[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(serialiseState(state).length);
    expect(isShareHash(`#${hash}`)).toBe(true);
    const parsed = await parseShareHash(`#${hash}`);
    expect(parsed).toEqual({ ok: true, value: { state, dropped: [] } });
  });

  it('explains unreadable links and keeps the autosave (message says so)', async () => {
    for (const hash of ['#s=1.', '#s=1.@@@', '#s=1.AAAA', '#s=abc', '#s=99.AAAA', '#other']) {
      const parsed = await parseShareHash(hash);
      expect(parsed.ok, hash).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/^This share link could not be opened: .+ Your autosaved work is unchanged\.$/);
    }
  });

  it('rejects a link from a newer version by name', async () => {
    const parsed = await parseShareHash('#s=2.AAAA');
    expect(parsed.ok === false && parsed.error).toContain('newer version');
  });

  it('never throws on arbitrary strings, with or without the prefix', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string().map((s) => `#s=1.${s}`), fc.base64String().map((s) => `s=1.${s.replace(/=/g, '')}`)), async (s) => {
        const r = await parseShareHash(s);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseEnvironment', () => {
  it('reads KEY=value lines, skipping blanks and comments, keeping = in values', () => {
    expect(parseEnvironment('A=1\n\n# note\nB=x=y\r\nC=')).toEqual({ ok: true, value: { A: '1', B: 'x=y', C: '' } });
  });

  it('names the line of a mistake', () => {
    expect(parseEnvironment('A=1\noops')).toEqual({ ok: false, error: expect.stringContaining('line 2') });
    expect(parseEnvironment('1A=1')).toEqual({ ok: false, error: expect.stringContaining('not a valid name') });
  });

  it('enforces Lambda\'s 4 KB total', () => {
    expect(parseEnvironment(`BIG=${'x'.repeat(MAX_ENVIRONMENT_BYTES)}`).ok).toBe(false);
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseEnvironment(s)));
  });
});

describe('parseRequestInput and parseJsonText', () => {
  it('parses an HTTP request with the engine\'s rules', () => {
    const r = parseRequestInput('{"method":"post","path":"/a?b=1"}', 'http');
    expect(r).toEqual({ ok: true, value: { kind: 'http', request: { method: 'POST', path: '/a', query: { b: '1' } } } });
    expect(parseRequestInput('{"path":"no-slash"}', 'http')).toEqual({ ok: false, error: expect.stringContaining('`path` must be a string starting with "/"') });
  });

  it('sends any JSON as a raw event', () => {
    expect(parseRequestInput('[1,2]', 'event')).toEqual({ ok: true, value: { kind: 'event', event: [1, 2] } });
  });

  it('says which box is empty or broken', () => {
    expect(parseJsonText('  ', 'The policy')).toEqual({ ok: false, error: 'The policy is empty; write JSON such as {}.' });
    expect(parseJsonText('{', 'The faults').ok).toBe(false);
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), fc.constantFrom('http' as const, 'event' as const), (s, mode) => void parseRequestInput(s, mode)));
  });
});

describe('parseFunctionInput', () => {
  it('builds the files and config the worker needs', () => {
    const state = { ...createDefaultState(), fileName: 'index.cjs' as const, handlerExport: 'main', environment: 'A=1' };
    expect(parseFunctionInput(state)).toEqual({
      ok: true,
      value: { files: { 'index.cjs': state.code }, config: { handler: 'index.main', runtime: 'nodejs22.x', timeoutSeconds: 3, memoryMB: 128, environment: { A: '1' }, logFormat: 'Text' } },
    });
  });
});
