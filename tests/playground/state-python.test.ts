/** Python in the playground's state: switching languages keeps both handlers, and share links carry Python. */
import { describe, expect, it } from 'vitest';
import { PYTHON_STARTER_CODE, STARTER_CODE } from '../../src/playground/samples.ts';
import {
  createDefaultState,
  encodeShareHash,
  parseFunctionInput,
  parsePlaygroundState,
  parseShareHash,
  runtimeForLanguage,
  switchRuntime,
} from '../../src/playground/state.ts';

describe('playground state: Python', () => {
  it('switching to Python shows lambda_function.py and keeps the Node.js code; switching back restores it', () => {
    const node = { ...createDefaultState(), code: 'export const handler = async () => "mine";', extraFiles: [{ name: 'lib.mjs', text: 'export const x = 1;' }] };
    const py = switchRuntime(node, 'python3.12');
    expect(py).toMatchObject({ runtime: 'python3.12', fileName: 'lambda_function.py', handlerExport: 'lambda_handler', code: PYTHON_STARTER_CODE, extraFiles: [] });
    expect(parseFunctionInput(py)).toMatchObject({ ok: true, value: { files: { 'lambda_function.py': PYTHON_STARTER_CODE }, config: { handler: 'lambda_function.lambda_handler', runtime: 'python3.12' } } });
    const edited = { ...py, code: 'def lambda_handler(event, context):\n    return 1\n' };
    const within = switchRuntime(edited, 'python3.14');
    expect(within.code).toBe(edited.code);
    expect(within.stashed).toEqual(edited.stashed);
    const back = switchRuntime(within, runtimeForLanguage(within, false));
    expect(back).toMatchObject({ runtime: 'nodejs22.x', fileName: 'index.mjs', handlerExport: 'handler', code: node.code, extraFiles: node.extraFiles });
    expect(back.stashed).toMatchObject({ code: edited.code, runtime: 'python3.14', fileName: 'lambda_function.py' });
    expect(runtimeForLanguage(back, true)).toBe('python3.14');
    expect(switchRuntime(back, 'python3.14').code).toBe(edited.code);
  });

  it('a fresh switch back to Node.js with nothing stashed starts from the Node.js starter', () => {
    const py = { ...createDefaultState(), runtime: 'python3.13' as const, fileName: 'lambda_function.py' as const, handlerExport: 'lambda_handler', code: 'x = 1\n' };
    expect(switchRuntime(py, 'nodejs24.x')).toMatchObject({ code: STARTER_CODE, fileName: 'index.mjs', runtime: 'nodejs24.x', stashed: { code: 'x = 1\n' } });
  });

  it('a share link round-trips Python with the stashed Node.js code', async () => {
    const py = switchRuntime({ ...createDefaultState(), code: 'export const handler = async () => 7;' }, 'python3.13');
    const state = { ...py, code: 'import json\n\ndef lambda_handler(event, context):\n    return json.loads(event["body"])\n', extraFiles: [{ name: 'helpers.py', text: 'X = 1\n' }] };
    const parsed = await parseShareHash(await encodeShareHash(state));
    expect(parsed.ok && parsed.value.dropped).toEqual([]);
    expect(parsed.ok && parsed.value.state).toEqual(state);
  });

  it('a link whose handler file does not fit its runtime, or whose stash is the same language, is repaired and says so', () => {
    const mixed = parsePlaygroundState({ v: 2, runtime: 'python3.13', fileName: 'index.mjs', code: 'x = 1' });
    expect(mixed.ok && mixed.value.state.fileName).toBe('lambda_function.py');
    expect(mixed.ok && mixed.value.dropped).toContain('fileName');
    const badStash = parsePlaygroundState({ v: 2, runtime: 'python3.13', fileName: 'lambda_function.py', stashed: { code: 'y', fileName: 'lambda_function.py', handlerExport: 'h', runtime: 'python3.12', extraFiles: [] } });
    expect(badStash.ok && badStash.value.state.stashed).toBeNull();
    expect(badStash.ok && badStash.value.dropped).toContain('stashed');
    const unknown = parsePlaygroundState({ v: 2, runtime: 'python2.7' });
    expect(unknown.ok && unknown.value.state.runtime).toBe('nodejs22.x');
    expect(unknown.ok && unknown.value.dropped).toContain('runtime');
  });
});
