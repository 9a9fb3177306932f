/**
 * End to end: errors QuickJS raises reach the Invoke payload, the `Invoke Error` log line and console
 * output with V8's wording. The oracle is the test host itself: Node 22 (V8, as on nodejs22.x) runs the
 * same statement and its message must be identical.
 */
import { describe, expect, it } from 'vitest';
import { messages, once } from '../helpers.ts';

/** The host's error for `body`: message and the first line of its stack (`TypeError [CODE]: …` for Node's coded errors). */
function hostError(body: string): { message: string; header: string } {
  try {
    new Function('e', body)({});
  } catch (err) {
    // Vitest rebuilds stacks from name and message; Node itself puts the code in (captured in
    // fixtures/v8-traces.json: "TypeError [ERR_INVALID_ARG_TYPE]: …").
    const e = err as Error & { code?: unknown };
    return { message: e.message, header: typeof e.code === 'string' ? `${e.name} [${e.code}]: ${e.message}` : `${e.name}: ${e.message}` };
  }
  throw new Error(`no error from ${body}`);
}

const STATEMENTS = [
  'return e.body.length;',
  // Computed reads with a literal key (QuickJS names no key for these; V8 does).
  "return e['record']['object'];",
  'const list = []; return list[0][2];',
  'return e["body"]["length"];',
  // A call returned from a plain (not async) helper: QuickJS places the error at `return`.
  'function f() { const o = {}; return o.method(); } return f();',
  'const g = (o) => { return o.run(); }; return g({});',
  'const n = null; return n.foo;',
  'e.user.name = "x";',
  'const o = {}; return o.method();',
  'const svc = { db: {} }; return svc.db.query("x");',
  'const f = 3; return f();',
  'return undefinedThing;',
  'const c = 1; c = 2;',
  'return JSON.parse("hello");',
  'return JSON.parse("");',
  'return JSON.parse({});',
  'return JSON.parse("{\\"a\\":1,}");',
  'return Object.keys(undefined);',
  'return new Array(-1);',
  'return [].reduce((a, b) => a);',
  'const [a] = e.items; return a;',
  'class K {} return K();',
  'const big = 10n; return big + 1;',
  'return new Date(NaN).toISOString();',
  'class T { #s = 1; static p(o) { return o.#s; } } return T.p({});',
  'for (const r of e.Records) return r;',
  'const list = () => 5; for (const r of list()) return r;',
  'return Buffer.from(e.data);',
  'return setTimeout(5);',
  'const { id } = e.pathParameters; return id;',
];

describe('V8 error messages through the engine', () => {
  for (const body of STATEMENTS) {
    it(`${body}`, async () => {
      const { message: expected, header } = hostError(body);
      const r = await once({ 'index.mjs': `export const handler = async (e) => {\n  ${body}\n};` }, {});
      expect(r.outcome).toBe('function-error');
      expect(r.errorMessage).toBe(expected);
      const payload = r.result as { errorType: string; errorMessage: string; trace: string[] };
      expect(payload.trace[0]).toBe(header);
      const invokeError = messages(r).find((l) => l.startsWith('ERROR\tInvoke Error \t'));
      expect(invokeError).toContain(JSON.stringify(expected).slice(1, -1));
    });
  }

  it('a caught error reads like V8 in the handler itself: err.message in a catch block and in a promise rejection handler', async () => {
    // A handler that catches an error and puts err.message in its 500 body or a log line must show Node's text.
    // Found running aws-samples/serverless-patterns' sqs-lambda-ddb-sam-ts, whose catch block logs e.message.
    const expected = STATEMENTS.map((body) => hostError(body).message);
    const fns = STATEMENTS.map((body, i) => `async function s${i}(e) {\n${body}\n}`).join('\n');
    const calls = STATEMENTS.map((_, i) => `s${i}`).join(', ');
    const r = await once({
      'index.mjs': `${fns}
const all = [${calls}];
export const handler = async () => {
  const caught = [];
  for (const s of all) { try { await s({}); caught.push('no error'); } catch (err) { caught.push(err.message); } }
  const rejected = await Promise.all(all.map((s) => s({}).then(() => 'no error', (err) => err.message)));
  const chained = await s0({}).catch((err) => err.message);
  const sync = [];
  try { const o = {}; o.method(); } catch (err) { sync.push(err.message); }
  try { const n = null; n.foo; } catch (err) { sync.push(err.message); }
  try { undefinedThing; } catch (err) { sync.push(err.message); }
  return { caught, rejected, chained, sync };
};`,
    });
    expect(r.errorMessage).toBeNull();
    expect(r.result).toEqual({
      caught: expected,
      rejected: expected,
      chained: expected[0],
      sync: ['o.method is not a function', "Cannot read properties of null (reading 'foo')", 'undefinedThing is not defined'],
    });
  });

  it('a thrown proxy whose every read throws, or a frozen error: the catch block and the rejection handler still run, the value untouched', async () => {
    const r = await once({
      'index.mjs': `export const handler = async () => {
  const out = [];
  const hostile = new Proxy(new TypeError('x'), { get() { throw new Error('trap'); } });
  try { throw hostile; } catch (e) { out.push(e === hostile); }
  await Promise.reject(hostile).catch((e) => out.push(e === hostile));
  const frozen = Object.freeze(new TypeError("cannot read property 'a' of undefined"));
  try { throw frozen; } catch (e) { out.push(e.message); }
  return out;
};`,
    });
    expect(r.result).toEqual([true, true, "cannot read property 'a' of undefined"]);
  });

  it('reports e.body.length on {} like Node, with a frame at the property name', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async (e) => {\n  const x = 1;\n  return e.body.length;\n};' }, {});
    expect(r.result).toEqual({
      errorType: 'TypeError',
      errorMessage: "Cannot read properties of undefined (reading 'length')",
      trace: ["TypeError: Cannot read properties of undefined (reading 'length')", '    at Runtime.handler (file:///var/task/index.mjs:3:17)'],
    });
  });

  it('a call returned from a helper that is not async: the callee named and pointed at, as V8 does (Node 22 gives 1:39 here)', async () => {
    const r = await once({ 'index.mjs': 'function f() { const o = {}; return o.method(); }\nexport const handler = async () => f();' });
    expect(r.errorMessage).toBe('o.method is not a function');
    expect((r.result as { trace: string[] }).trace[1]).toBe('    at f (file:///var/task/index.mjs:1:39)');
  });

  it('CommonJS frames are plain paths; a failed call points at the callee name', async () => {
    const r = await once({ 'index.js': 'exports.handler = async (e) => {\n  const svc = {};\n  return svc.fetchUser(e.id);\n};' }, {});
    expect(r.errorMessage).toBe('svc.fetchUser is not a function');
    expect((r.result as { trace: string[] }).trace[1]).toBe('    at exports.handler (/var/task/index.js:3:14)');
  });

  it('JSON.parse errors read like V8 inside the handler too', async () => {
    const r = await once({
      'index.mjs': 'export const handler = async () => { try { JSON.parse("hello"); } catch (err) { return err.message; } };',
    });
    expect(r.result).toBe(`Unexpected token 'h', "hello" is not valid JSON`);
  });

  it('stack overflow is a RangeError in the payload and in console output', async () => {
    const r = await once({
      'index.mjs': 'const f = (n) => f(n + 1) + 1;\nexport const handler = async () => { try { f(0); } catch (err) { console.log(err); } return f(0); };',
    });
    expect(r.errorType).toBe('RangeError');
    expect(r.errorMessage).toBe('Maximum call stack size exceeded');
    expect(messages(r).some((l) => l.startsWith('INFO\tRangeError: Maximum call stack size exceeded'))).toBe(true);
  });

  it('console.error of a caught QuickJS error shows the V8 text', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async (e) => { try { e.a.b; } catch (err) { console.error(err); } return 1; };' });
    expect(r.outcome).toBe('success');
    expect(messages(r)[0]).toMatch(/^ERROR\tTypeError: Cannot read properties of undefined \(reading 'b'\)\n    at Runtime\.handler \(file:\/\/\/var\/task\/index\.mjs:1:/);
  });
});
