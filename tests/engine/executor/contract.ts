/**
 * One contract for every executor (the QuickJS sandbox, the Node runner): the same handlers run through
 * the Lambda service (`createSimulator({ executor })`) must give the same outcomes, error documents, log
 * lines and lifecycle. `contract-sandbox.test.ts` and `tests/cli/node-runner/contract-node.test.ts` call
 * {@link describeExecutorContract} with their executor. Each expectation names the AWS source it encodes.
 */
import { describe, expect, it } from 'vitest';
import { createSimulator, type Executor } from '../../../src/engine/index.ts';
import type { FunctionConfig, InvocationRecord } from '../../../src/engine/types.ts';

/** One contract case: a function, the events it gets, and what must hold of the records. */
export interface ContractCase {
  name: string;
  config?: Partial<FunctionConfig>;
  files: Record<string, string>;
  events: unknown[];
  check: (records: InvocationRecord[], wallMs: number) => void;
}

const RIC = 'https://github.com/aws/aws-lambda-nodejs-runtime-interface-client';
void RIC;

/** Text-format console line: `<ISO ts>\t<request id>\t<LEVEL>\t<message>` (src/LogPatch.js). */
const consoleLine = (level: string, message: string): RegExp =>
  new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t[0-9a-f-]{36}\\t${level}\\t${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The shared cases. */
export const CONTRACT_CASES: ContractCase[] = [
  {
    name: 'success: an async handler returns JSON',
    files: { 'index.mjs': 'export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ got: event.x }) });' },
    events: [{ x: 7 }],
    check: ([r]) => {
      expect(r?.outcome).toBe('success');
      expect(r?.payload).toBe('{"statusCode":200,"body":"{\\"got\\":7}"}');
      expect(r?.coldStart).toBe(true);
      expect(r?.initDurationMs).toBeGreaterThan(0);
    },
  },
  {
    name: 'thrown error: the error document and the Invoke Error line (src/Errors.js toRapidResponse, src/LogPatch.js)',
    files: { 'index.mjs': "export const handler = async () => {\n  throw new TypeError('boom');\n};" },
    events: [{}],
    check: ([r]) => {
      expect(r?.outcome).toBe('function-error');
      const doc = JSON.parse(r?.payload ?? 'null') as { errorType: string; errorMessage: string; trace: string[] };
      expect(doc.errorType).toBe('TypeError');
      expect(doc.errorMessage).toBe('boom');
      expect(doc.trace[0]).toBe('TypeError: boom');
      expect(doc.trace[1]).toMatch(/^ {4}at Runtime\.handler \(file:\/\/\/var\/task\/index\.mjs:2:9\)$/);
      const line = r?.logs.find((l) => l.includes('Invoke Error'));
      expect(line).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"boom","stack":\["TypeError: boom"/);
    },
  },
  {
    name: 'callback handler: the callback answers after the event loop drains (src/CallbackContext.js)',
    files: { 'index.js': 'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { late: true }), 50); };' },
    events: [{}],
    check: ([r]) => {
      expect(r?.outcome).toBe('success');
      expect(r?.result).toEqual({ late: true });
      expect(r?.durationMs).toBeGreaterThanOrEqual(50);
      // src/WarningForCallbackHandlers.js: a 3-argument, non-async handler gets the deprecation warning at init.
      expect(r?.logs.some((l) => /\tundefined\tWARN\tAWS Lambda plans to remove support for callback-based function handlers/.test(l))).toBe(true);
    },
  },
  {
    name: 'HandlerNotFound (src/UserFunction.js load)',
    files: { 'index.mjs': 'export const main = async () => 1;' },
    events: [{}],
    check: ([r]) => {
      expect(r?.outcome).toBe('init-error');
      expect(r?.errorType).toBe('Runtime.HandlerNotFound');
      expect(r?.errorMessage).toBe('index.handler is undefined or not exported');
    },
  },
  {
    name: 'ImportModuleError: CommonJS require of a missing package (src/UserFunction.js _loadUserApp)',
    files: { 'index.js': "const x = require('no-such-package-lt');\nexports.handler = async () => x;" },
    events: [{}],
    check: ([r]) => {
      expect(r?.outcome).toBe('init-error');
      expect(r?.errorType).toBe('Runtime.ImportModuleError');
      expect(r?.errorMessage).toMatch(/^Error: Cannot find module 'no-such-package-lt'\nRequire stack:\n- \/var\/task\/index\.js/);
      expect(r?.logs.some((l) => /\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime\.ImportModuleError"/.test(l))).toBe(true);
    },
  },
  {
    name: 'UserCodeSyntaxError (src/UserFunction.js: e instanceof SyntaxError)',
    files: { 'index.mjs': 'export const handler = async () => { return <; };' },
    events: [{}],
    check: ([r]) => {
      expect(r?.outcome).toBe('init-error');
      expect(r?.errorType).toBe('Runtime.UserCodeSyntaxError');
      expect(r?.errorMessage).toMatch(/^SyntaxError: /);
    },
  },
  {
    name: 'unhandled rejection before the answer: Runtime.UnhandledPromiseRejection, then a cold start (src/index.mjs, exit 128)',
    files: {
      'index.mjs':
        "let n = 0;\nexport const handler = async (e) => {\n  n++;\n  if (e.fail) { Promise.reject(new Error('lost')); await new Promise((r) => setTimeout(r, 10)); }\n  return n;\n};",
    },
    events: [{ fail: true }, {}],
    check: ([a, b]) => {
      expect(a?.outcome).toBe('function-error');
      expect(a?.errorType).toBe('Runtime.UnhandledPromiseRejection');
      expect(a?.errorMessage).toBe('Error: lost');
      expect(a?.logs.some((l) => /\tERROR\tUnhandled Promise Rejection \t\{"errorType":"Runtime\.UnhandledPromiseRejection"/.test(l))).toBe(true);
      expect(b?.coldStart).toBe(true);
      expect(b?.result).toBe(1);
    },
  },
  {
    name: 'process.exit during an invocation: Runtime.ExitError and a cold start',
    files: { 'index.mjs': 'export const handler = async (e) => { if (e.exit) process.exit(3); return "ok"; };' },
    events: [{ exit: true }, {}],
    check: ([a, b]) => {
      expect(a?.outcome).toBe('function-error');
      expect(a?.errorType).toBe('Runtime.ExitError');
      expect(a?.errorMessage).toMatch(/Runtime exited with error: exit status 3$/);
      expect(b?.coldStart).toBe(true);
      expect(b?.result).toBe('ok');
    },
  },
  {
    name: 'timeout on the virtual clock: 300 s in seconds of wall time (https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html)',
    config: { timeoutSeconds: 300 },
    files: { 'index.mjs': 'export const handler = async () => { await new Promise((r) => setTimeout(r, 600_000)); return 1; };' },
    events: [{}],
    check: ([r], wallMs) => {
      expect(r?.outcome).toBe('timeout');
      expect(r?.errorMessage).toMatch(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 300\.00 seconds$/);
      expect(r?.logs.some((l) => / Task timed out after 300\.00 seconds$/.test(l))).toBe(true);
      expect(r?.durationMs).toBeCloseTo(300_000, -1);
      expect(wallMs).toBeLessThan(20_000);
    },
  },
  {
    name: 'out of memory: Runtime.OutOfMemory and the REPORT status AWS prints',
    config: { memoryMB: 128, timeoutSeconds: 60 },
    files: { 'index.mjs': 'const keep = [];\nexport const handler = async () => { for (let i = 0; ; i++) keep.push("x".repeat(100) + i); };' },
    events: [{}],
    check: ([r]) => {
      expect(r?.outcome).toBe('out-of-memory');
      expect(r?.errorType).toBe('Runtime.OutOfMemory');
      const report = r?.logs.find((l) => l.startsWith('REPORT'));
      expect(report).toMatch(/\tMemory Size: 128 MB\tMax Memory Used: 12[78] MB\t.*Status: error\tError Type: Runtime\.OutOfMemory$/);
    },
  },
  {
    name: 'warm start: module state survives warm invocations',
    files: { 'index.mjs': 'let count = 0;\nexport const handler = async () => ++count;' },
    events: [{}, {}, {}],
    check: (rs) => {
      expect(rs.map((r) => r.result)).toEqual([1, 2, 3]);
      expect(rs.map((r) => r.coldStart)).toEqual([true, false, false]);
      expect(rs[1]?.initDurationMs).toBeNull();
    },
  },
  {
    name: 'cold start after a crash: an uncaught exception in a timer ends the process (src/index.mjs, exit 129)',
    files: {
      'index.mjs':
        "let count = 0;\nexport const handler = async (e) => {\n  count++;\n  if (e.crash) { setTimeout(() => { throw new RangeError('tick'); }, 1); await new Promise((r) => setTimeout(r, 50)); }\n  return count;\n};",
    },
    events: [{ crash: true }, {}],
    check: ([a, b]) => {
      expect(a?.outcome).toBe('function-error');
      expect(a?.errorType).toBe('RangeError');
      expect(a?.logs.some((l) => /\tERROR\tUncaught Exception \t\{"errorType":"RangeError","errorMessage":"tick"/.test(l))).toBe(true);
      expect(b?.coldStart).toBe(true);
      expect(b?.result).toBe(1);
    },
  },
  {
    name: 'init error: a throw at module scope is logged with request id undefined and INIT_REPORT lines',
    files: { 'index.mjs': "throw new Error('no config');\nexport const handler = async () => 1;" },
    events: [{}],
    check: ([r]) => {
      expect(r?.outcome).toBe('init-error');
      expect(r?.errorType).toBe('Error');
      expect(r?.errorMessage).toBe('no config');
      expect(r?.logs.some((l) => /^\S+\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Error","errorMessage":"no config"/.test(l))).toBe(true);
      expect(r?.logs.filter((l) => l.startsWith('INIT_REPORT')).map((l) => l.replace(/[\d.]+ ms/, 'N ms'))).toEqual([
        'INIT_REPORT Init Duration: N ms\tPhase: init\tStatus: error\tError Type: Error',
        'INIT_REPORT Init Duration: N ms\tPhase: invoke\tStatus: error\tError Type: Error',
      ]);
    },
  },
  {
    name: 'log lines: util.format text lines per level (src/LogPatch.js)',
    files: { 'index.mjs': "export const handler = async () => { console.log('hello %s', 'world', 3); console.warn({ a: 1 }); console.error('bad'); return null; };" },
    events: [{}],
    check: ([r]) => {
      const logs = r?.logs ?? [];
      expect(logs.some((l) => consoleLine('INFO', 'hello world 3').test(l))).toBe(true);
      expect(logs.some((l) => consoleLine('WARN', '{ a: 1 }').test(l))).toBe(true);
      expect(logs.some((l) => consoleLine('ERROR', 'bad').test(l))).toBe(true);
      expect(logs[0]).toMatch(/^INIT_START /);
      expect(logs.at(-1)).toMatch(/^REPORT RequestId: /);
    },
  },
  {
    name: 'log lines: JSON format keeps objects and errors structured (src/LogPatch.js formatJsonMessage)',
    config: { logFormat: 'JSON' },
    files: { 'index.mjs': "export const handler = async () => { console.info({ a: 1 }); console.warn('n=%d', 5); return 1; };" },
    events: [{}],
    check: ([r]) => {
      const app = (r?.logs ?? []).map((l) => JSON.parse(l) as Record<string, unknown>).filter((o) => 'level' in o);
      expect(app.map((o) => [o['level'], o['message']])).toEqual([
        ['INFO', { a: 1 }],
        ['WARN', 'n=5'],
      ]);
      expect(app[0]?.['requestId']).toBe(r?.requestId);
    },
  },
];

/** Run every contract case against an executor, through the Lambda service. */
export function describeExecutorContract(label: string, makeExecutor: () => Executor, timeoutMs = 30_000): void {
  describe(`executor contract: ${label}`, () => {
    for (const c of CONTRACT_CASES) {
      it(
        c.name,
        async () => {
          const sim = createSimulator({ executor: makeExecutor() });
          const fn = sim.createFunction(c.config ?? {}, c.files);
          const records: InvocationRecord[] = [];
          const t0 = Date.now();
          try {
            for (const e of c.events) records.push(await fn.invoke(e));
          } finally {
            fn.dispose();
          }
          c.check(records, Date.now() - t0);
        },
        timeoutMs,
      );
    }
  });
}
