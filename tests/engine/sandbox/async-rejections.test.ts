import { describe, expect, it } from 'vitest';
import { mapFrontDoorResponse } from '../../../src/engine/integrations/front-doors.ts';
import { once, run } from '../helpers.ts';

/**
 * Rejections of promises returned by user async functions (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Runtime.js: Node's `unhandledRejection` →
 * the runtime logs `Unhandled Promise Rejection` and the invocation fails with
 * Runtime.UnhandledPromiseRejection; https://nodejs.org/api/process.html#event-unhandledrejection).
 * QuickJS gives the host no rejection tracker; user-source.ts routes async functions through one.
 */
const FORMS: [string, Record<string, string>][] = [
  ['an async function declaration', { 'index.mjs': 'async function save(){ throw new Error("later"); }\nexport const handler = async () => { save(); await new Promise((r) => setTimeout(r, 10)); return "ok"; };' }],
  ['an async arrow', { 'index.mjs': 'const save = async () => { await null; throw new Error("later"); };\nexport const handler = async () => { save(); await new Promise((r) => setTimeout(r, 10)); return "ok"; };' }],
  ['an async function expression (CommonJS)', { 'index.js': 'const save = async function () { throw new Error("later"); };\nexports.handler = async () => { save(); await new Promise((r) => setTimeout(r, 10)); return "ok"; };' }],
  ['an async method', { 'index.mjs': 'class Repo { async save() { await null; throw new Error("later"); } }\nconst repo = new Repo();\nexport const handler = async () => { repo.save(); await new Promise((r) => setTimeout(r, 10)); return "ok"; };' }],
  ['an async object-literal method', { 'index.mjs': 'const repo = { async save() { throw new Error("later"); } };\nexport const handler = async () => { repo.save(); await new Promise((r) => setTimeout(r, 10)); return "ok"; };' }],
  ['a .then chain on an async function', { 'index.mjs': 'const load = async () => 1;\nexport const handler = async () => { load().then(() => { throw new Error("later"); }); await new Promise((r) => setTimeout(r, 10)); return "ok"; };' }],
  ['a callback-style handler that fires and forgets', { 'index.js': 'async function audit() { throw new Error("later"); }\nexports.handler = (event, context, callback) => { audit(); setTimeout(() => callback(null, "ok"), 10); };' }],
];

describe('un-awaited async functions', () => {
  for (const [label, files] of FORMS) {
    it(`a rejection from ${label} is Runtime.UnhandledPromiseRejection`, async () => {
      const r = await once(files);
      expect(r.outcome).toBe('function-error');
      expect(r.errorType).toBe('Runtime.UnhandledPromiseRejection');
      expect(r.errorMessage).toBe('Error: later');
      expect(r.logs.some((l) => l.includes('\tERROR\tUnhandled Promise Rejection \t{"errorType":"Runtime.UnhandledPromiseRejection","errorMessage":"Error: later"'))).toBe(true);
    });
  }

  it('the environment is discarded: the next invocation is a cold start with fresh module state', async () => {
    const [a, b] = await run(
      { 'index.mjs': 'let n = 0;\nasync function audit(fail) { if (fail) throw new Error("audit failed"); }\nexport const handler = async (e) => { n++; audit(e.fail); await new Promise((r) => setTimeout(r, 5)); return n; };' },
      [{ fail: true }, {}],
    );
    expect(a?.errorType).toBe('Runtime.UnhandledPromiseRejection');
    expect(b?.coldStart).toBe(true);
    expect(b?.result).toBe(1);
  });

  it('a rejection in the turn the handler answers: the caller keeps its answer, the process still exits', async () => {
    // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Runtime.js _setErrorCallbacks: postInvocationError for the invoke, then process.exit(128).
    const [a, b] = await run(
      { 'index.mjs': 'let n = 0;\nasync function audit() { throw new Error("audit failed"); }\nexport const handler = async () => { n++; audit(); return { statusCode: 200, body: "n=" + n }; };' },
      [{}, {}],
    );
    expect(a?.outcome).toBe('success');
    expect(a?.result).toEqual({ statusCode: 200, body: 'n=1' });
    expect(a?.processExit).toEqual({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: audit failed' });
    expect(a?.causes).toContain('unhandled-exception');
    expect(a?.logs.some((l) => l.includes('\tERROR\tUnhandled Promise Rejection \t'))).toBe(true);
    expect(b?.coldStart).toBe(true);
    expect(b?.result).toEqual({ statusCode: 200, body: 'n=1' });
    const door = mapFrontDoorResponse('apigw-rest', a!, { invokePermission: true, requestBodyBytes: 0 });
    expect(door.response.statusCode).toBe(200);
    expect(door.findings.map((f) => [f.code, f.severity])).toContainEqual(['LT-PROCESS-EXIT-AFTER-ANSWER', 'warning']);
  });

  it('a rejection during init (top-level call) fails the init', async () => {
    const r = await once({ 'index.mjs': 'async function warm() { throw new Error("cache warm-up failed"); }\nwarm();\nexport const handler = async () => "ok";' });
    expect(r.errorType).toBe('Runtime.UnhandledPromiseRejection');
    expect(r.errorMessage).toBe('Error: cache warm-up failed');
  });
});

describe('handled rejections are not reported', () => {
  const OK: [string, string][] = [
    ['awaited in try/catch', 'async function f() { throw new Error("x"); }\nexport const handler = async () => { try { await f(); } catch (e) { return "caught " + e.message; } };'],
    ['awaited after a delay', 'async function f() { await new Promise((r) => setTimeout(r, 5)); throw new Error("x"); }\nexport const handler = async () => { try { await f(); } catch (e) { return "caught " + e.message; } };'],
    ['.catch attached at once', 'async function f() { throw new Error("x"); }\nexport const handler = async () => { f().catch(() => {}); await null; return "caught x"; };'],
    ['Promise.all with every member handled', 'const f = async (n) => { await null; throw new Error("x" + n); };\nexport const handler = async () => { try { await Promise.all([f(1), f(2)]); } catch (e) { return "caught " + e.message; } };'],
    ['Promise.allSettled', 'const f = async () => { throw new Error("x"); };\nexport const handler = async () => { const [r] = await Promise.allSettled([f()]); return "caught " + r.reason.message; };'],
    ['returned from the handler', 'const f = async () => { throw new Error("x"); };\nexport const handler = async () => { try { return await f(); } catch (e) { return "caught " + e.message; } };'],
  ];
  for (const [label, src] of OK) {
    it(label, async () => {
      const r = await once({ 'index.mjs': src });
      expect(r.outcome).toBe('success');
      expect(String(r.result)).toMatch(/^caught x/);
      expect(r.logs.some((l) => l.includes('Unhandled Promise Rejection'))).toBe(false);
    });
  }

  it("the handler's own rejected promise is an ordinary function error and the environment stays warm", async () => {
    const [a, b] = await run({ 'index.mjs': 'let n = 0; export const handler = async () => { if (++n < 2) throw new Error("not yet"); return n; };' }, [{}, {}]);
    expect(a?.errorType).toBe('Error');
    expect(a?.logs.some((l) => l.includes('Unhandled Promise Rejection'))).toBe(false);
    expect(b?.coldStart).toBe(false);
    expect(b?.result).toBe(2);
  });
});

describe('rewritten async functions behave like the originals', () => {
  it('keep name, length, AsyncFunction identity, this and arguments', async () => {
    const src = [
      'async function decl(a, b, c = 1) { return [this === undefined, arguments.length]; }',
      'const arrow = async (x, y) => x + y;',
      'const obj = { v: 5, async m(k) { return this.v + k; }, f: async function named(q) { return q; } };',
      'class A { constructor() { this.w = 2; } async get(z) { return this.w * z; } static async s() { return "static"; } }',
      'class B extends A { async get(z) { return (await super.get(z)) + 1; } }',
      'export const handler = async (event, context) => ({',
      '  names: [decl.name, arrow.name, obj.m.name, obj.f.name, A.prototype.get.name, A.s.name],',
      '  lengths: [decl.length, arrow.length, obj.m.length, handler.length],',
      '  kinds: [decl, arrow, obj.f, handler].map((f) => f.constructor.name + " " + Object.prototype.toString.call(f)),',
      '  results: [await decl(1, 2, 3, 4), await arrow(1, 2), await obj.m(1), await obj.f(7), await new B().get(3), await A.s()],',
      '  promise: decl() instanceof Promise,',
      '  text: [decl.toString(), arrow.toString(), String(obj.f), Function.prototype.toString.toString()],',
      '});',
    ].join('\n');
    const r = await once({ 'index.mjs': src });
    expect(r.outcome).toBe('success');
    expect(r.result).toEqual({
      names: ['decl', 'arrow', 'm', 'named', 'get', 's'],
      lengths: [2, 2, 1, 2],
      kinds: Array(4).fill('AsyncFunction [object AsyncFunction]'),
      results: [[true, 4], 3, 6, 7, 7, 'static'],
      promise: true,
      text: ['async function decl(a, b, c = 1) { return [this === undefined, arguments.length]; }', 'async (x, y) => x + y', 'async function named(q) { return q; }', 'function toString() { [native code] }'],
    });
  });

  // (An async *method* reads as a plain Function through `constructor`: SIMULATION.md lists it.)
  for (const [label, src] of [
    ['declaration', 'export async function handler(event, context, callback) { return "ok"; }'],
    ['arrow', 'export const handler = async (event, context, callback) => "ok";'],
    ['object method', 'export default { x: 1 }; export const app = { async handler(event, context, callback) { return "ok"; } }; export const handler = app.handler;'],
  ] as const) {
    it(`an async ${label} handler with 3 parameters is still async: no callback warning; Node 24 counts parameters only`, async () => {
      const files = { 'index.mjs': src };
      const r22 = await once(files);
      expect(r22.result).toBe('ok');
      expect(r22.logs.some((l) => l.includes('callback-based function handlers'))).toBe(false);
      // RIC v4 rejects any non-streaming handler with argsNum >= 3 (src/function/callback-deprecation.ts,
      // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client v4.1.0), async or not.
      const r24 = await once(files, {}, { runtime: 'nodejs24.x' });
      expect(r24.errorType).toBe('Runtime.CallbackHandlerDeprecated');
    });
  }

  it('a syntax error is reported by the runtime as before (the file is left untransformed)', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => {\n  return (1;\n};' });
    expect(r.errorType).toBe('Runtime.UserCodeSyntaxError');
  });
});
