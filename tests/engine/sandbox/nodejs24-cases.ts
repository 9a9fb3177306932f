/**
 * Cases that tell the runtime interface client v4 (nodejs24.x) from v3 (nodejs22.x), shared by the sandbox
 * test (tests/engine/sandbox/nodejs24.test.ts) and the Node runner's (tests/cli/node-runner/nodejs24-runner.test.ts).
 */
import { expect } from 'vitest';
import type { InvocationRecord } from '../../../src/engine/types.ts';

/** One program, run on both runtimes, with what each must show. */
export interface Nodejs24Case {
  name: string;
  files: Record<string, string>;
  events?: unknown[];
  check24: (r: InvocationRecord[]) => void;
  check22: (r: InvocationRecord[]) => void;
}

const lines = (r: InvocationRecord): string[] =>
  r.logs.filter((l) => /^\d{4}-\d\d-\d\dT[^\t]*\t/.test(l)).map((l) => l.split('\t').slice(2).join('\t'));

/** The error's trace without the runtime's own frames (the Node runner prints one, the sandbox none). */
const userFrames = (r: InvocationRecord | undefined): string[] =>
  ((r?.result as { trace?: string[] } | null)?.trace ?? []).filter((l) => !l.includes('/var/runtime/'));

/** The cases. */
export const NODEJS24_CASES: Nodejs24Case[] = [
  {
    name: 'context has no succeed/fail/done or callbackWaitsForEmptyEventLoop on nodejs24.x (context-builder.ts), and xRayTraceId',
    files: { 'index.mjs': 'export const handler = async (e, c) => ({ keys: Object.keys(c), succeed: typeof c.succeed, waits: c.callbackWaitsForEmptyEventLoop ?? "absent" });' },
    check24: ([r]) => {
      expect(r?.result).toEqual({
        keys: ['clientContext', 'identity', 'invokedFunctionArn', 'awsRequestId', 'tenantId', 'xRayTraceId', 'getRemainingTimeInMillis', 'functionName', 'functionVersion', 'memoryLimitInMB', 'logGroupName', 'logStreamName'],
        succeed: 'undefined',
        waits: 'absent',
      });
    },
    check22: ([r]) => {
      const res = r?.result as { keys: string[]; succeed: string; waits: unknown };
      expect([res.succeed, res.waits]).toEqual(['function', true]);
      expect(res.keys).toEqual(expect.arrayContaining(['callbackWaitsForEmptyEventLoop', 'succeed', 'fail', 'done', 'tenantId']));
      expect(res.keys).not.toContain('xRayTraceId');
    },
  },
  {
    name: 'a non-async handler returning a value: nodejs24.x answers with it (await), nodejs22.x ignores it and answers null',
    files: { 'index.js': 'exports.handler = (event) => ({ statusCode: 200 });' },
    check24: ([r]) => expect([r?.outcome, r?.result]).toEqual(['success', { statusCode: 200 }]),
    check22: ([r]) => expect([r?.outcome, r?.result]).toEqual(['success', null]),
  },
  {
    name: 'no wait for an empty event loop on nodejs24.x: a sync handler answers before its timer, which runs during the next invocation',
    files: {
      'index.js':
        'exports.handler = (event) => {\n  if (event.wait) return new Promise((r) => setTimeout(r, 3000));\n  setTimeout(() => console.log("timer"), 2000);\n};',
    },
    events: [{}, { wait: true }],
    check24: ([a, b]) => {
      expect([a?.outcome, a?.result]).toEqual(['success', null]);
      expect(a?.durationMs).toBeLessThan(100);
      expect(lines(a as InvocationRecord)).toEqual([]);
      expect(lines(b as InvocationRecord)).toEqual(['INFO\ttimer']);
    },
    check22: ([a, b]) => {
      expect([a?.outcome, a?.result]).toEqual(['success', null]);
      expect(a?.durationMs).toBeGreaterThanOrEqual(2000);
      expect(lines(a as InvocationRecord)).toEqual(['INFO\ttimer']);
      expect(lines(b as InvocationRecord)).toEqual([]);
    },
  },
  {
    name: 'a promise that never settles: nodejs24.x has no beforeExit listener, the runtime exits without an answer',
    files: { 'index.mjs': 'export const handler = async () => new Promise(() => {});' },
    check24: ([r]) => {
      expect(r?.errorType).toBe('Runtime.ExitError');
      expect(r?.errorMessage).toMatch(/^RequestId: [0-9a-f-]+ Error: Runtime exited without providing a reason$/);
    },
    check22: ([r]) => expect(r?.errorType).toBe('Runtime.NodeJsExit'),
  },
  {
    name: 'an async handler with three parameters is rejected on nodejs24.x (argsNum >= 3), accepted on nodejs22.x',
    files: { 'index.mjs': 'export const handler = async (event, context, callback) => "ok";' },
    check24: ([r]) => expect([r?.outcome, r?.errorType]).toEqual(['init-error', 'Runtime.CallbackHandlerDeprecated']),
    check22: ([r]) => expect([r?.outcome, r?.result]).toEqual(['success', 'ok']),
  },
  {
    name: 'a result JSON cannot encode: Runtime.JSONStringifyError Invoke Error on nodejs24.x, environment kept',
    files: { 'index.mjs': 'let n = 0;\nexport const handler = async () => (++n === 1 ? { big: 1n } : n);' },
    events: [{}, {}],
    check24: ([a, b]) => {
      expect([a?.errorType, a?.errorMessage]).toEqual(['Runtime.JSONStringifyError', 'Unable to stringify response body']);
      expect(lines(a as InvocationRecord)[0]).toMatch(/^ERROR\tInvoke Error \t\{"errorType":"Runtime\.JSONStringifyError","errorMessage":"Unable to stringify response body"/);
      expect(b?.result).toBe(2);
    },
    check22: ([a]) => expect([a?.errorType, a?.errorMessage]).toEqual(['Error', 'Unable to stringify response body']),
  },
  {
    // v3 calls `this.handler(…)` on its Runtime (src/Runtime.js); v4 on its BufferedInvokeProcessor
    // (src/runtime/buffered-invoke-processor.ts, bundled by esbuild without minification): V8 names the receiver.
    name: "the handler's stack frame names the object that calls it: Runtime on nodejs22.x, BufferedInvokeProcessor on nodejs24.x",
    files: {
      'index.js':
        'async function load(id) {\n  await null;\n  throw new Error("no " + id);\n}\nexports.handler = async function main(event) {\n  if (event.later) await load(1);\n  return event.user.name;\n};',
    },
    events: [{}, { later: true }],
    check24: ([a, b]) => {
      expect(userFrames(a)).toEqual(["TypeError: Cannot read properties of undefined (reading 'name')", '    at BufferedInvokeProcessor.main [as handler] (/var/task/index.js:7:21)']);
      expect(userFrames(b)).toEqual(['Error: no 1', '    at load (/var/task/index.js:3:9)', '    at async BufferedInvokeProcessor.main [as handler] (/var/task/index.js:6:20)']);
    },
    check22: ([a, b]) => {
      expect(userFrames(a)).toEqual(["TypeError: Cannot read properties of undefined (reading 'name')", '    at Runtime.main [as handler] (/var/task/index.js:7:21)']);
      expect(userFrames(b)).toEqual(['Error: no 1', '    at load (/var/task/index.js:3:9)', '    at async Runtime.main [as handler] (/var/task/index.js:6:20)']);
    },
  },
  {
    name: 'a synchronous throw is an Invoke Error on both',
    files: { 'index.js': 'exports.handler = (event) => { throw new TypeError("bad input"); };' },
    check24: ([r]) => {
      expect([r?.errorType, r?.errorMessage]).toEqual(['TypeError', 'bad input']);
      expect(lines(r as InvocationRecord)[0]).toMatch(/^ERROR\tInvoke Error \t\{"errorType":"TypeError"/);
    },
    check22: ([r]) => expect([r?.errorType, r?.errorMessage]).toEqual(['TypeError', 'bad input']),
  },
];
