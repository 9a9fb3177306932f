/**
 * nodejs24.x (runtime interface client v4) registers no 'unhandledRejection' / 'uncaughtException' listener (npm
 * aws-lambda-ric 4.0.2), so Node's default prints the error without the runtime's prefix and exits with code 1.
 * ISSUE_392 is the handler of https://github.com/aws/aws-lambda-base-images/issues/392 (the version line is the runtime's).
 */
import { describe, expect, it } from 'vitest';
import { once, run } from '../helpers.ts';
import { expectIssue392Layout, ISSUE_392 } from './nodejs24-unhandled-rejection-helpers.ts';

describe('unhandled rejection on nodejs24.x: Node default layout, exit status 1', () => {
  it('prints location, source line, caret, the error and the Node.js version, with no timestamp or request id', async () => {
    const r = await once({ 'index.mjs': ISSUE_392 }, {}, { runtime: 'nodejs24.x' });
    expect(r.outcome).toBe('function-error');
    expect(r.errorType).toBe('Runtime.ExitError');
    expect(r.errorMessage).toBe(`RequestId: ${r.requestId} Error: Runtime exited with error: exit status 1`);
    const start = expectIssue392Layout(r);
    const end = r.logs.indexOf('Node.js v24.0.0');
    expect(end).toBeGreaterThan(start);
    expect(r.logs[end - 1]).toBe('');
    // None of these lines has the runtime's `<timestamp>\t<request id>\t<LEVEL>` prefix.
    for (const l of r.logs.slice(start, end + 1)) expect(l).not.toMatch(/^\d{4}-\d\d-\d\dT.*\t/);
    expect(r.logs.some((l) => l.includes('Unhandled Promise Rejection'))).toBe(false);
  });

  it('the environment is gone: the next request is a cold start', async () => {
    const [, second] = await run({ 'index.mjs': ISSUE_392 }, [{}, {}], { runtime: 'nodejs24.x' });
    expect(second?.coldStart).toBe(true);
  });

  it('own properties of the error follow its stack, as util.inspect shows them', async () => {
    const src = 'export const handler = async () => { const e = new Error("x"); e.code = "E_X"; Promise.reject(e); return 1; };';
    const r = await once({ 'index.mjs': src }, {}, { runtime: 'nodejs24.x' });
    const i = r.logs.indexOf("  code: 'E_X'");
    expect(i).toBeGreaterThan(-1);
    expect(r.logs[i + 1]).toBe('}');
  });

  it('a reason that is not an Error: Node wraps it in UnhandledPromiseRejection (ERR_UNHANDLED_REJECTION)', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => { Promise.reject("just a string"); return 1; };' }, {}, { runtime: 'nodejs24.x' });
    expect(r.logs).toContain(
      'UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "just a string". {',
    );
    expect(r.logs).toContain("  code: 'ERR_UNHANDLED_REJECTION'");
    expect(r.errorMessage).toContain('exit status 1');
  });

  it('an uncaught exception in a timer takes the same path on nodejs24.x', async () => {
    const src = 'export const handler = async () => { setTimeout(() => { null.x; }, 1); await new Promise((r) => setTimeout(r, 50)); return 1; };';
    const r = await once({ 'index.mjs': src }, {}, { runtime: 'nodejs24.x' });
    expect(r.errorType).toBe('Runtime.ExitError');
    expect(r.logs).toContain("TypeError: Cannot read properties of null (reading 'x')");
  });

  it('nodejs22.x keeps runtime interface client v3: `Unhandled Promise Rejection` line, Runtime.UnhandledPromiseRejection', async () => {
    const r = await once({ 'index.mjs': ISSUE_392 }, {}, { runtime: 'nodejs22.x' });
    expect(r.logs.some((l) => l.includes('\tERROR\tUnhandled Promise Rejection \t{"errorType":"Runtime.UnhandledPromiseRejection"'))).toBe(true);
    expect(r.logs).not.toContain('Node.js v22.0.0');
  });
});
