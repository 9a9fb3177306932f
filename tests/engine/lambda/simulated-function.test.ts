import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/engine/index.ts';
import { getTestQuickJS } from '../quickjs.ts';
import { messages, once, run } from '../helpers.ts';

const TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('loading handlers', () => {
  it.each([
    ['index.mjs', 'export const handler = async (e) => ({ v: e.v });'],
    ['index.mjs', 'export async function handler(e) { return { v: e.v }; }'],
    ['index.js', 'exports.handler = async (e) => ({ v: e.v });'],
    ['index.js', 'module.exports = { handler: async (e) => ({ v: e.v }) };'],
    ['index.cjs', 'exports.handler = async (e) => ({ v: e.v });'],
    ['index.js', 'export const handler = async (e) => ({ v: e.v });'], // ESM syntax detection
  ])('%s: %s', async (file, src) => {
    const r = await once({ [file]: src }, { v: 7 });
    expect(r.outcome).toBe('success');
    expect(r.payload).toBe('{"v":7}');
  });

  it('uses the handler string file.export and nested paths', async () => {
    const r = await once({ 'src/app.mjs': 'export const api = { main: async () => "ok" };' }, {}, { handler: 'src/app.api.main' });
    expect(r.result).toBe('ok');
  });

  it('supports relative imports and requires', async () => {
    const r = await once({
      'index.mjs': 'import { add } from "./lib.mjs"; import cfg from "./cfg.cjs"; export const handler = async () => add(cfg.n, 2);',
      'lib.mjs': 'export const add = (a, b) => a + b;',
      'cfg.cjs': 'module.exports = { n: 40 };',
    });
    expect(r.result).toBe(42);
  });

  it('missing handler file: Runtime.ImportModuleError with the runtime require stack (https://github.com/aws-samples/s3-to-lambda-patterns/issues/40)', async () => {
    const r = await once({ 'app.mjs': 'export const handler = async () => 1;' });
    expect(r.outcome).toBe('init-error');
    expect(r.errorType).toBe('Runtime.ImportModuleError');
    expect(r.errorMessage).toBe("Error: Cannot find module 'index'\nRequire stack:\n- /var/runtime/index.mjs");
    expect(r.causes).toEqual(['init-failure']);
  });

  it('require of a missing package: ImportModuleError with the require stack (https://github.com/aws-samples/s3-to-lambda-patterns/issues/40)', async () => {
    const r = await once({ 'index.js': 'const AWS = require("aws-sdk"); exports.handler = async () => 1;' });
    expect(r.errorType).toBe('Runtime.ImportModuleError');
    expect(r.errorMessage).toBe("Error: Cannot find module 'aws-sdk'\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs");
    const payload = JSON.parse(r.payload ?? '{}') as { trace: string[] };
    expect(payload.trace[0]).toBe("Runtime.ImportModuleError: Error: Cannot find module 'aws-sdk'");
    expect(r.logs).toContain('INIT_REPORT Init Duration: 121.42 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError');
    expect(r.logs.some((l) => l.includes('\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.ImportModuleError"'))).toBe(true);
    expect(r.logs.some((l) => /^INIT_REPORT .*\tPhase: invoke\tStatus: error\tError Type: Runtime.ImportModuleError$/.test(l))).toBe(true);
  });

  it('an invoke-phase init failure logs its second Uncaught Exception and INIT_REPORT Phase: invoke before START (public captures)', async () => {
    const r = await once({ 'index.js': 'const AWS = require("aws-sdk"); exports.handler = async () => 1;' });
    const kinds = r.logs.map((l) =>
      l.startsWith('INIT_START') ? 'INIT_START' : /^INIT_REPORT .*Phase: (\w+)/.exec(l)?.[1] === 'invoke' ? 'INIT_REPORT invoke' : l.startsWith('INIT_REPORT') ? 'INIT_REPORT init'
        : /\tUncaught Exception \t/.test(l) ? 'Uncaught Exception' : (/^(START|END|REPORT) /.exec(l)?.[1] ?? l),
    );
    expect(kinds).toEqual(['INIT_START', 'Uncaught Exception', 'INIT_REPORT init', 'Uncaught Exception', 'INIT_REPORT invoke', 'START', 'END', 'REPORT']);
    // REPORT's Max Memory Used is what the failed environment used, never the configured size.
    const used = Number(/Max Memory Used: (\d+) MB/.exec(r.logs.find((l) => l.startsWith('REPORT ')) ?? '')?.[1]);
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThan(128);
  });

  it('ESM import of a missing package: Error ERR_MODULE_NOT_FOUND, not wrapped by the RIC', async () => {
    const r = await once({ 'index.mjs': 'import AWS from "aws-sdk"; export const handler = async () => AWS;' });
    expect(r.outcome).toBe('init-error');
    expect(r.errorType).toBe('Error');
    expect(r.errorMessage).toBe("Cannot find package 'aws-sdk' imported from /var/task/index.mjs");
    expect((r.result as { trace: string[] }).trace[0]).toBe("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'aws-sdk' imported from /var/task/index.mjs");
  });

  it('HandlerNotFound: undefined or not a function (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/UserFunction.js)', async () => {
    const a = await once({ 'index.mjs': 'export const other = 1;' });
    expect([a.errorType, a.errorMessage]).toEqual(['Runtime.HandlerNotFound', 'index.handler is undefined or not exported']);
    const b = await once({ 'index.mjs': 'export const handler = 5;' });
    expect([b.errorType, b.errorMessage]).toEqual(['Runtime.HandlerNotFound', 'index.handler is not a function']);
  });

  it('UserCodeSyntaxError and MalformedHandlerName (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/UserFunction.js)', async () => {
    const a = await once({ 'index.mjs': 'export const handler = async () => {' });
    expect(a.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(a.errorMessage).toMatch(/^SyntaxError: /);
    const b = await once({ 'index.mjs': '' }, {}, { handler: 'index' });
    expect([b.errorType, b.errorMessage]).toEqual(['Runtime.MalformedHandlerName', 'Bad handler']);
    const c = await once({ 'index.mjs': '' }, {}, { handler: '../index.handler' });
    expect(c.errorMessage).toBe("'../index.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.");
  });

  it('nodejs24.x rejects callback handlers at init; older runtimes warn', async () => {
    const src = { 'index.js': 'exports.handler = (event, context, callback) => callback(null, 1);' };
    const r24 = await once(src, {}, { runtime: 'nodejs24.x' });
    expect(r24.errorType).toBe('Runtime.CallbackHandlerDeprecated');
    expect(r24.errorMessage).toBe(
      'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.',
    );
    const r22 = await once(src, {}, { runtime: 'nodejs22.x' });
    expect(r22.result).toBe(1);
    expect(messages(r22)[0]).toMatch(/^WARN\tAWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24\./);
    // RIC v4 counts parameters only (src/function/callback-deprecation.ts): an async handler with three is rejected too.
    const async24 = await once({ 'index.mjs': 'export const handler = async (e, c, cb) => 2;' }, {}, { runtime: 'nodejs24.x' });
    expect(async24.errorType).toBe('Runtime.CallbackHandlerDeprecated');
    const async24two = await once({ 'index.mjs': 'export const handler = async (e, c) => 2;' }, {}, { runtime: 'nodejs24.x' });
    expect(async24two.result).toBe(2);
  });
});

describe('invoke protocol', () => {
  it('callback waits for the empty event loop unless told not to', async () => {
    const waits = await once({ 'index.js': 'exports.handler = (e, c, cb) => { setTimeout(() => console.log("late"), 500); cb(null, "r"); };' });
    expect(messages(waits)).toContain('INFO\tlate');
    expect(waits.durationMs).toBeGreaterThanOrEqual(500);
    const noWait = await once({
      'index.js': 'exports.handler = (e, c, cb) => { c.callbackWaitsForEmptyEventLoop = false; setTimeout(() => console.log("late"), 500); cb(null, "r"); };',
    });
    expect(messages(noWait)).not.toContain('INFO\tlate');
    expect(noWait.durationMs).toBeLessThan(10);
    expect(noWait.pending[0]).toMatch(/^setTimeout .*due in 500 ms/);
  });

  it('callback(null, unserialisable) is an Uncaught Exception that ends the process (RAPIDClient.js in setImmediate)', async () => {
    const [r, next] = await run({ 'index.js': 'let n = 0; exports.handler = (e, c, cb) => { n++; const o = { n }; if (n === 1) o.self = o; cb(null, o); };' }, [{}, {}]);
    expect([r!.outcome, r!.errorType, r!.errorMessage]).toEqual(['function-error', 'Error', 'Unable to stringify response body']);
    expect(messages(r!).some((m) => m.startsWith('ERROR\tUncaught Exception \t'))).toBe(true);
    expect(messages(r!).some((m) => m.includes('Invoke Error'))).toBe(false);
    // The process exited (exit 129): the next invoke starts in a new environment with a new init.
    expect(next!.logs.some((l) => l.startsWith('INIT_START') || l.includes('initStart'))).toBe(true);
  });

  it('sync handler that never calls back returns null once the loop drains (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/CallbackContext.js)', async () => {
    const r = await once({ 'index.js': 'exports.handler = (e, c, cb) => {};' });
    expect([r.outcome, r.payload]).toEqual(['success', 'null']);
  });

  it('async handler returning undefined gives payload null', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => {};' });
    expect(r.payload).toBe('null');
  });

  it('an async handler that also calls callback(null, x) succeeds with x (first to answer wins)', async () => {
    for (const src of [
      'exports.handler = async (e, c, cb) => { cb(null, "x"); };',
      'exports.handler = async (e, c, cb) => { cb(null, "x"); return new Promise(() => {}); };',
      'exports.handler = async (e, c, cb) => { await null; cb(null, "x"); await new Promise(() => {}); };',
    ]) {
      const r = await once({ 'index.js': src }, {}, { runtime: 'nodejs22.x' });
      expect([src, r.outcome, r.payload]).toEqual([src, 'success', '"x"']);
    }
    // The returned promise answers first when the callback comes later.
    const later = await once({ 'index.js': 'exports.handler = async (e, c, cb) => { setTimeout(() => cb(null, "cb"), 100); return "promise"; };' });
    expect(later.payload).toBe('"promise"');
  });

  it('a non-async handler returning a promise that never settles answers null (RIC decides by AsyncFunction)', async () => {
    const r = await once({ 'index.mjs': 'export const handler = () => new Promise(() => {});' }, {}, { runtime: 'nodejs22.x' });
    expect([r.outcome, r.payload]).toEqual(['success', 'null']);
  });

  it('Runtime.NodeJsExit does not end the process: the next invoke is warm and keeps module state (Runtime.js)', async () => {
    const [a, b] = await run({ 'index.mjs': 'let n = 0; export const handler = async () => { n++; if (n === 1) return new Promise(() => {}); return n; };' }, [{}, {}]);
    expect(a!.errorType).toBe('Runtime.NodeJsExit');
    expect([b!.outcome, b!.result]).toEqual(['success', 2]);
    expect(b!.logs.some((l) => l.startsWith('INIT_START'))).toBe(false);
  });

  it('an async handler whose promise never settles: Runtime.NodeJsExit (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Runtime.js)', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => new Promise(() => {});' });
    expect(r.errorType).toBe('Runtime.NodeJsExit');
    expect(r.errorMessage).toBe(
      'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
    );
  });

  it('context has every field the runtime client sets, tenantId included (InvokeContext.js)', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async (e, c) => Object.keys(c).sort();' });
    expect(r.result).toEqual(
      ['awsRequestId', 'callbackWaitsForEmptyEventLoop', 'clientContext', 'done', 'fail', 'functionName', 'functionVersion', 'getRemainingTimeInMillis',
        'identity', 'invokedFunctionArn', 'logGroupName', 'logStreamName', 'memoryLimitInMB', 'succeed', 'tenantId'],
    );
  });

  it('context and environment variables', async () => {
    const r = await once(
      {
        'index.mjs': `export const handler = async (e, c) => ({ id: c.awsRequestId, name: c.functionName, v: c.functionVersion, arn: c.invokedFunctionArn,
          mem: c.memoryLimitInMB, group: c.logGroupName, stream: c.logStreamName, rem: c.getRemainingTimeInMillis(),
          env: ['AWS_REGION','AWS_DEFAULT_REGION','AWS_LAMBDA_FUNCTION_NAME','AWS_LAMBDA_FUNCTION_MEMORY_SIZE','AWS_LAMBDA_FUNCTION_VERSION',
          'AWS_LAMBDA_LOG_GROUP_NAME','AWS_EXECUTION_ENV','LAMBDA_TASK_ROOT','LAMBDA_RUNTIME_DIR','TZ','_HANDLER','MY_VAR'].map((k) => process.env[k]),
          streamEnv: process.env.AWS_LAMBDA_LOG_STREAM_NAME === c.logStreamName });`,
      },
      {},
      { functionName: 'orders', memoryMB: 512, timeoutSeconds: 10, environment: { MY_VAR: 'x', AWS_REGION: 'nope' } },
    );
    const v = r.result as Record<string, unknown>;
    expect(v['id']).toBe(r.requestId);
    expect(v['name']).toBe('orders');
    expect(v['v']).toBe('$LATEST');
    expect(v['arn']).toBe('arn:aws:lambda:us-east-1:123456789012:function:orders');
    expect(v['mem']).toBe('512');
    expect(v['group']).toBe('/aws/lambda/orders');
    expect(v['stream']).toMatch(/^2026\/01\/01\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(v['rem']).toBe(9999);
    expect(v['env']).toEqual(['us-east-1', 'us-east-1', 'orders', '512', '$LATEST', '/aws/lambda/orders', 'AWS_Lambda_nodejs22.x', '/var/task', '/var/runtime', ':UTC', 'index.handler', 'x']);
    expect(v['streamEnv']).toBe(true);
  });
});

describe('errors', () => {
  it('Error instance: errorType/errorMessage/trace in that order; Invoke Error log line (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Errors.js; https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html)', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => { throw new Error("boom"); };' });
    expect(r.outcome).toBe('function-error');
    expect(r.functionError).toBe('Unhandled');
    // ES module frames are file URLs in Node (real capture aws/aws-lambda-base-images#75: `at file:///var/task/index.mjs:…`).
    expect(r.payload).toMatch(/^\{"errorType":"Error","errorMessage":"boom","trace":\["Error: boom","    at Runtime\.handler \(file:\/\/\/var\/task\/index\.mjs:1:\d+\)"\]\}$/);
    const line = r.logs.find((l) => l.includes('Invoke Error'));
    expect(line).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"Error","errorMessage":"boom","stack":\["Error: boom",/);
    expect(r.causes).toEqual(['unhandled-exception']);
  });

  it('custom error names and own enumerable properties', async () => {
    const r = await once({
      'index.mjs': 'class ValidationError extends Error { constructor(m) { super(m); this.name = "ValidationError"; this.code = "E1"; } } export const handler = async () => { throw new ValidationError("bad input"); };',
    });
    expect(r.errorType).toBe('ValidationError');
    expect((r.result as { trace: string[] }).trace[0]).toBe('ValidationError: bad input');
    expect(r.logs.find((l) => l.includes('Invoke Error'))).toContain('{"errorType":"ValidationError","errorMessage":"bad input","code":"E1","name":"ValidationError","stack":["ValidationError: bad input"');
    const plain = await once({ 'index.mjs': 'class MyErr extends Error {} export const handler = async () => { throw new MyErr("x"); };' });
    expect(plain.errorType).toBe('Error');
  });

  it('non-Error throws (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Errors.js)', async () => {
    const s = await once({ 'index.mjs': 'export const handler = async () => { throw "boom"; };' });
    expect(s.payload).toBe('{"errorType":"string","errorMessage":"boom","trace":[]}');
    const o = await once({ 'index.mjs': 'export const handler = async () => { throw { a: 1 }; };' });
    expect(o.payload).toBe('{"errorType":"object","errorMessage":"[object Object]","trace":[]}');
    const n = await once({ 'index.mjs': 'export const handler = () => Promise.reject(null);' });
    expect(n.payload).toBe('{"errorType":"string","errorMessage":"handled","trace":[]}');
  });

  it('unhandled promise rejection ends the invoke and resets the environment', async () => {
    const [a, b] = await run(
      { 'index.mjs': 'let n = 0; export const handler = async (e) => { n++; if (e.fail) Promise.reject(new Error("nope")); await new Promise((r) => setTimeout(r, 10)); return n; };' },
      [{ fail: true }, {}],
    );
    expect(a?.errorType).toBe('Runtime.UnhandledPromiseRejection');
    expect(a?.errorMessage).toBe('Error: nope');
    expect(a?.logs.some((l) => l.includes('\tERROR\tUnhandled Promise Rejection \t{"errorType":"Runtime.UnhandledPromiseRejection"'))).toBe(true);
    expect(b?.coldStart).toBe(true);
    expect(b?.result).toBe(1);
  });

  it('handled rejections are not reported', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => { try { await Promise.reject(new Error("x")); } catch { } const p = new Promise((_, rej) => rej(new Error("y"))); p.catch(() => {}); await null; return "ok"; };' });
    expect(r.result).toBe('ok');
  });

  it('uncaught exception in a timer', async () => {
    const r = await once({ 'index.js': 'exports.handler = (e, c, cb) => { setTimeout(() => { throw new TypeError("late") }, 5); };' });
    expect(r.errorType).toBe('TypeError');
    expect(r.logs.some((l) => l.includes('\tERROR\tUncaught Exception \t{"errorType":"TypeError"'))).toBe(true);
  });

  it('deep recursion: RangeError Maximum call stack size exceeded', async () => {
    const r = await once({ 'index.mjs': 'function f(n) { return f(n + 1) + 1; } export const handler = async () => f(0);' });
    expect([r.errorType, r.errorMessage]).toEqual(['RangeError', 'Maximum call stack size exceeded']);
  });

  it('result that cannot be serialised (RIC: Unable to stringify response body)', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => { const o = {}; o.o = o; return o; };' });
    expect([r.errorType, r.errorMessage]).toEqual(['Error', 'Unable to stringify response body']);
    expect(r.causes).toEqual(['malformed-response']);
  });

  it('response over 6,291,556 bytes: Function.ResponseSizeTooLarge (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html)', async () => {
    const big = await once({ 'index.mjs': 'export const handler = async () => "x".repeat(6291556);' }, {}, { memoryMB: 1024 });
    expect(big.payload).toBe('{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}');
    expect(big.causes).toEqual(['payload-too-large']);
    const fits = await once({ 'index.mjs': 'export const handler = async () => "x".repeat(6291554);' }, {}, { memoryMB: 1024 });
    expect(fits.outcome).toBe('success');
  });

  it('request over 6,291,456 bytes: invalid-request, 413 (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html)', async () => {
    const quickjs = await getTestQuickJS();
    const fn = createSimulator({ quickjs }).createFunction({}, { 'index.mjs': 'export const handler = async () => 1;' });
    const raw = JSON.stringify('x'.repeat(6291456));
    const r = await fn.invoke(null, { rawPayload: raw });
    fn.dispose();
    expect(r.outcome).toBe('invalid-request');
    expect(r.errorType).toBe('RequestEntityTooLargeException');
    expect(r.errorMessage).toBe('6291458 byte payload is too large for the RequestResponse invocation type (limit 6291456 bytes)');
    expect(r.logs).toEqual([]);
  });
});

describe('lifecycle', () => {
  it('keeps module state warm; Init Duration only on the cold REPORT', async () => {
    const rs = await run({ 'index.mjs': 'let n = 0; export const handler = async () => ++n;' }, [{}, {}, {}]);
    expect(rs.map((r) => r.result)).toEqual([1, 2, 3]);
    expect(rs.map((r) => r.coldStart)).toEqual([true, false, false]);
    expect(rs[0]?.logs.at(-1)).toMatch(/\tInit Duration: \d+\.\d\d ms\t$/);
    expect(rs[1]?.logs.at(-1)).not.toContain('Init Duration');
    expect(rs[0]?.logs[0]).toMatch(/^INIT_START Runtime Version: /);
  });

  it('newEnvironment forces a cold start', async () => {
    const quickjs = await getTestQuickJS();
    const fn = createSimulator({ quickjs }).createFunction({}, { 'index.mjs': 'let n = 0; export const handler = async () => ++n;' });
    const a = await fn.invoke({});
    fn.newEnvironment();
    const b = await fn.invoke({});
    fn.dispose();
    expect([a.result, b.result, b.coldStart]).toEqual([1, 1, true]);
  });

  it('REPORT format: tabs, trailing tab, billed = ceil(duration + init) (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html)', async () => {
    const [r] = await run({ 'index.mjs': 'export const handler = async () => { await new Promise((r) => setTimeout(r, 250)); return 1; };' });
    const report = r?.logs.at(-1) ?? '';
    expect(report).toMatch(/^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\t$/);
    expect(r?.billedDurationMs).toBe(Math.ceil((r?.durationMs ?? 0) + (r?.initDurationMs ?? 0)));
    expect(r?.logs.at(-2)).toBe(`END RequestId: ${r?.requestId}`);
    expect(r?.logs).toContain(`START RequestId: ${r?.requestId} Version: $LATEST`);
  });
});

describe('timeouts', () => {
  it('900 s timeout on a timer simulates instantly with exact strings (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)', async () => {
    const t0 = Date.now();
    const r = await once({ 'index.mjs': 'export const handler = async () => { await new Promise((r) => setTimeout(r, 1_000_000)); };' }, {}, { timeoutSeconds: 900 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.outcome).toBe('timeout');
    expect(r.errorType).toBe('Sandbox.Timedout');
    expect(r.errorMessage).toBe(`RequestId: ${r.requestId} Error: Task timed out after 900.00 seconds`);
    expect(r.logs).toContain(`2026-01-01T00:15:00.121Z ${r.requestId} Task timed out after 900.00 seconds`);
    expect(r.logs.at(-1)).toMatch(/\tDuration: 900000\.00 ms\t.*\tStatus: timeout$/);
    expect(r.pending[0]).toMatch(/^setTimeout res due in \d+ ms$/);
    expect(r.causes).toEqual(['timeout']);
  });

  it('a timeout resets the environment (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html)', async () => {
    const rs = await run({ 'index.mjs': 'let n = 0; export const handler = async (e) => { n++; if (e.wait) await new Promise(() => setTimeout(() => {}, 5000)); return n; };' }, [{ wait: true }, {}], { timeoutSeconds: 1 });
    expect(rs[0]?.outcome).toBe('timeout');
    expect([rs[1]?.coldStart, rs[1]?.result]).toEqual([true, 1]);
  });

  it('CPU-bound loops charge virtual time deterministically', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => { let s = 0; for (let i = 0; i < 3e6; i++) s += i; return s; };' }, {}, { timeoutSeconds: 5, memoryMB: 128 });
    expect(r.outcome).toBe('success');
    expect(r.durationMs).toBeGreaterThan(100);
  });

  it('while(true) {} is ended by the wall-clock guard as a timeout and never hangs', async () => {
    const t0 = Date.now();
    const r = await once({ 'index.mjs': 'export const handler = async () => { while (true) {} };' }, {}, { timeoutSeconds: 900, memoryMB: 10240 }, { wallBudgetMs: 300 });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.outcome).toBe('timeout');
    expect(r.errorMessage).toBe(`RequestId: ${r.requestId} Error: Task timed out after 900.00 seconds`);
  });

  it('promise storms and setImmediate storms end as timeouts', async () => {
    const micro = await once({ 'index.mjs': 'export const handler = async () => { const f = () => Promise.resolve().then(f); f(); await new Promise(() => {}); };' }, {}, { timeoutSeconds: 1 }, { wallBudgetMs: 1000 });
    // Contained: ends as a reported failure (timeout, or the QuickJS job-queue OOM), never a hang.
    expect(['timeout', 'out-of-memory', 'function-error']).toContain(micro.outcome);
    const imm = await once({ 'index.js': 'exports.handler = (e, c, cb) => { const f = () => setImmediate(f); f(); };' }, {}, { timeoutSeconds: 1 }, { wallBudgetMs: 1000 });
    expect(imm.outcome).toBe('timeout');
    // ≈ 3.5 s on an idle 2-CPU machine, 19 s seen with the CPUs shared by another suite: room for a slower host.
  }, 60_000);
});

describe('memory', () => {
  it('a growing module-scope cache ends in Runtime.OutOfMemory after some warm calls (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html)', async () => {
    const rs = await run(
      { 'index.mjs': 'const cache = []; export const handler = async () => { cache.push(Buffer.alloc(4 * 1024 * 1024, 1)); return cache.length; };' },
      Array.from({ length: 30 }, () => ({})),
    );
    const oomAt = rs.findIndex((r) => r.outcome === 'out-of-memory');
    expect(oomAt).toBeGreaterThan(3);
    const used = rs.slice(0, oomAt).map((r) => r.maxMemoryUsedMB);
    expect(used).toEqual([...used].sort((a, b) => a - b));
    const oom = rs[oomAt]!;
    expect(oom.errorType).toBe('Runtime.OutOfMemory');
    expect(oom.maxMemoryUsedMB).toBe(128);
    expect(oom.logs.at(-1)).toMatch(/\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime\.OutOfMemory$/);
    expect(oom.causes).toEqual(['out-of-memory']);
    expect(rs[oomAt + 1]?.coldStart).toBe(true);
  });

  it('bigger memory lasts longer', async () => {
    const src = { 'index.mjs': 'const cache = []; export const handler = async () => { cache.push(Buffer.alloc(4 * 1024 * 1024, 1)); return cache.length; };' };
    const small = await run(src, Array.from({ length: 30 }, () => ({})), { memoryMB: 128 });
    const large = await run(src, Array.from({ length: 60 }, () => ({})), { memoryMB: 256 });
    const idx = (rs: typeof small) => rs.findIndex((r) => r.outcome === 'out-of-memory');
    expect(idx(large)).toBeGreaterThan(idx(small));
  });

  it('a memory bomb and a giant string end as reported outcomes', async () => {
    const bomb = await once({ 'index.mjs': 'export const handler = async () => { const a = []; for (;;) a.push({ i: a.length }); };' });
    expect(['out-of-memory', 'function-error']).toContain(bomb.outcome);
    const str = await once({ 'index.mjs': 'export const handler = async () => { let s = "x"; for (;;) s += s; };' });
    expect(['out-of-memory', 'function-error']).toContain(str.outcome);
  });
});

describe('determinism and virtual time', () => {
  it('same run twice gives identical logs and results', async () => {
    const files = {
      'index.mjs': 'export const handler = async (e) => { console.log(Date.now(), new Date().toISOString(), Math.random(), crypto.randomUUID(), performance.now()); await new Promise((r) => setTimeout(r, 30)); return Math.random(); };',
    };
    const a = await run(files, [{}, {}]);
    const b = await run(files, [{}, {}]);
    expect(a).toEqual(b);
    expect(messages(a[0]!)[0]).toMatch(/^INFO\t17672256001\d\d 2026-01-01T00:00:00\.1\d\dZ 0\.\d+ [0-9a-f]{8}-[0-9a-f]{4}-4/);
  });

  it('console lines carry ISO timestamps from the virtual clock and the request id', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => { console.error("e"); console.warn("w"); console.debug("d"); console.info("i"); };' });
    const lines = r.logs.filter((l) => l.includes('\t'));
    const parts = lines.filter((l) => !l.startsWith('REPORT')).map((l) => l.split('\t'));
    for (const p of parts) {
      expect(p[0]).toMatch(TS);
      expect(p[1]).toBe(r.requestId);
    }
    expect(parts.map((p) => p[2])).toEqual(['ERROR', 'WARN', 'DEBUG', 'INFO']);
  });

  it('uses a configurable epoch and seed', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => new Date().toISOString();' }, {}, {}, { epochMs: Date.UTC(2030, 5, 1), seed: 7 });
    expect(r.result).toMatch(/^2030-06-01T00:00:00\.1\d\dZ$/);
  });
});
