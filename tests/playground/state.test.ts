import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import {
  createDefaultState,
  handlerFileFor,
  isTypeScriptFile,
  MAX_EXTRA_FILES,
  parseFileName,
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
    expect(hash).toMatch(new RegExp(`^s=${STATE_VERSION}\\.[A-Za-z0-9_-]+$`));
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
    const parsed = await parseShareHash(`#s=${STATE_VERSION + 1}.AAAA`);
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

describe('several files and TypeScript (format 2)', () => {
  const v1Link = (state: object) => `#s=1.${deflateRawSync(Buffer.from(JSON.stringify({ v: 1, ...state }))).toString('base64url')}`;

  it('a format-1 share link (one file, no extraFiles) still opens', async () => {
    const parsed = await parseShareHash(v1Link({ code: 'exports.handler = async () => 7;', fileName: 'index.js', memoryMB: 256 }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.state).toMatchObject({ code: 'exports.handler = async () => 7;', fileName: 'index.js', memoryMB: 256, extraFiles: [] });
    expect(parsed.value.dropped).toEqual([]);
  });

  it('round-trips extra files and a TypeScript handler through a share link', async () => {
    const state = {
      ...createDefaultState(),
      fileName: 'index.ts' as const,
      code: 'import { twice } from "./lib.mjs";\nexport const handler = async (e: { n: number }) => twice(e.n);',
      extraFiles: [
        { name: 'lib.mjs', text: 'export const twice = (n) => n * 2;' },
        { name: 'package.json', text: '{ "type": "module" }' },
      ],
    };
    const parsed = await parseShareHash(await encodeShareHash(state));
    expect(parsed).toEqual({ ok: true, value: { state, dropped: [] } });
  });

  it('sends every file, named as the user named it, with the handler from the handler file', () => {
    const state = { ...createDefaultState(), fileName: 'index.mts' as const, code: 'H', extraFiles: [{ name: 'src/lib.ts', text: 'L' }] };
    const fn = parseFunctionInput(state);
    expect(fn.ok && fn.value.files).toEqual({ 'index.mts': 'H', 'src/lib.ts': 'L' });
    expect(fn.ok && fn.value.config.handler).toBe('index.handler');
  });

  it('drops unreadable or clashing extra files and says so', () => {
    const parsed = parsePlaygroundState({
      fileName: 'index.mjs',
      extraFiles: [{ name: 'lib.mjs', text: 'ok' }, { name: '../escape.js', text: 'x' }, { name: 'lib.mjs', text: 'dup' }, { name: 'index.mjs', text: 'handler clash' }, 'junk', { name: 'a.txt', text: 'x' }],
    });
    expect(parsed.ok && parsed.value.state.extraFiles).toEqual([{ name: 'lib.mjs', text: 'ok' }]);
    expect(parsed.ok && parsed.value.dropped).toEqual(['extraFiles']);
    const many = parsePlaygroundState({ extraFiles: Array.from({ length: MAX_EXTRA_FILES + 5 }, (_, i) => ({ name: `f${i}.mjs`, text: '' })) });
    expect(many.ok && many.value.state.extraFiles.length).toBe(MAX_EXTRA_FILES);
    expect(parsePlaygroundState({ extraFiles: 'nope' }).ok && (parsePlaygroundState({ extraFiles: 'nope' }) as { value: { dropped: string[] } }).value.dropped).toEqual(['extraFiles']);
  });

  it('parseFileName accepts module, TypeScript and JSON paths and explains the rest', () => {
    expect(parseFileName('./lib.mjs', [])).toEqual({ ok: true, value: 'lib.mjs' });
    expect(parseFileName('src/util.ts', [])).toEqual({ ok: true, value: 'src/util.ts' });
    expect(parseFileName('package.json', [])).toEqual({ ok: true, value: 'package.json' });
    for (const [bad, says] of [['', 'name'], ['../x.js', 'up a folder'], ['a b.js', 'not a file name'], ['notes.txt', 'not a file name'], ['lib.mjs', 'already']] as const) {
      const r = parseFileName(bad, ['lib.mjs']);
      expect(r.ok, bad).toBe(false);
      expect(!r.ok && r.error, bad).toContain(says);
    }
    fc.assert(fc.property(fc.string(), (s) => typeof parseFileName(s, []).ok === 'boolean'));
  });

  it('switches the handler file between languages, keeping its module kind', () => {
    expect(handlerFileFor('index.mjs', 'typescript')).toBe('index.mts');
    expect(handlerFileFor('index.js', 'typescript')).toBe('index.ts');
    expect(handlerFileFor('index.cjs', 'typescript')).toBe('index.cts');
    expect(handlerFileFor('index.mts', 'javascript')).toBe('index.mjs');
    expect(handlerFileFor('index.ts', 'javascript')).toBe('index.js');
    expect(handlerFileFor('index.ts', 'typescript')).toBe('index.ts');
    expect(isTypeScriptFile('a.cts') && !isTypeScriptFile('a.d.ts') && !isTypeScriptFile('a.mjs')).toBe(true);
  });
});
