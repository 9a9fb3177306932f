// The two places a Node.js function's logs are read: CloudWatch (framed events, a message keeps its `\n`) and a
// local emulator's stdout (the runtime client joins a message's lines with `\r`): LogPatch.js `logTextToFd` /
// `logTextToStdout`, https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/LogPatch.js
import { describe, expect, it } from 'vitest';
import { checkLogView, createLogView, parseLogView, toLogView } from '../../../src/engine/report/log-view.ts';
import { once } from '../helpers.ts';

const handler = `export const handler = async () => {
  console.log('line one\\nline two');
  console.error(new Error('boom'));
  console.log({ a: 1, nested: { b: [1, 2, 3], c: 'x'.repeat(80) } });
  return 'ok';
};
`;

describe('log views', () => {
  it('CloudWatch keeps a multi-line message as one entry with its \\n (the default record)', async () => {
    const r = await once({ 'index.mjs': handler });
    const entry = r.logs.find((l) => l.includes('line one'));
    expect(entry).toMatch(/\tINFO\tline one\nline two$/);
    expect(createLogView(r.logs, 'cloudwatch')).toEqual(r.logs);
  });

  it('the emulator view turns each \\n inside one console call into \\r, one entry per call', async () => {
    const r = await once({ 'index.mjs': handler });
    const view = createLogView(r.logs, 'emulator');
    expect(view).toHaveLength(r.logs.length);
    expect(view.some((l) => l.includes('\n'))).toBe(false);
    const text = view.find((l) => l.includes('line one'));
    expect(text).toMatch(/\tINFO\tline one\rline two$/);
    // A logged Error prints its stack: in the emulator every frame follows a \r on the same line.
    const err = view.find((l) => l.includes('\tERROR\t'));
    expect(err).toMatch(/\tERROR\tError: boom\r {4}at /);
    // An object util.inspect breaks over several lines is one line too.
    const obj = r.logs.find((l) => l.includes('nested'));
    expect(obj).toContain('\n');
    expect(toLogView(obj ?? '', 'emulator')).toBe((obj ?? '').split('\n').join('\r'));
    // Platform lines are unchanged.
    for (const l of r.logs.filter((x) => /^(START|END|REPORT|INIT_START)/.test(x))) expect(view).toContain(l);
    // The record itself keeps CloudWatch's lines.
    expect(r.logs.find((l) => l.includes('line one'))).toContain('\n');
  });

  it('JSON logs are the same in both views (JSON.stringify escapes the line breaks)', async () => {
    const r = await once({ 'index.mjs': handler }, {}, { logFormat: 'JSON' });
    expect(r.logs.some((l) => l.includes('line one\\nline two'))).toBe(true);
    expect(createLogView(r.logs, 'emulator')).toEqual(r.logs);
  });

  it('parses view names and explains a wrong one', () => {
    expect(parseLogView('Emulator')).toEqual({ ok: true, value: 'emulator' });
    expect(parseLogView('cloudwatch')).toEqual({ ok: true, value: 'cloudwatch' });
    expect(parseLogView('sam')).toEqual({ ok: false, error: 'log view must be cloudwatch or emulator; got "sam"' });
  });

  it('the emulator view is the Node.js client only', () => {
    expect(checkLogView('emulator', 'nodejs22.x')).toBeNull();
    expect(checkLogView('emulator', 'nodejs24.x')).toBeNull();
    expect(checkLogView('cloudwatch', 'python3.13')).toBeNull();
    expect(checkLogView('emulator', 'python3.13')).toMatch(/Node\.js runtime interface client/);
  });
});
