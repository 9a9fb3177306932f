import type { GuestDeps } from './guest-api.ts';

/** The fields Node puts on an assertion failure (https://nodejs.org/api/assert.html#class-assertassertionerror). */
interface AssertionFields {
  message?: string | Error | undefined;
  actual?: unknown;
  expected?: unknown;
  operator?: string | undefined;
}

/**
 * Guest source: Node's `assert` (runs inside QuickJS; see guest-api.ts), the subset handler code uses
 * (https://nodejs.org/api/assert.html): `assert`/`ok`, `equal`/`notEqual`, `strictEqual`/`notStrictEqual`,
 * `deepEqual`/`deepStrictEqual`/`notDeepStrictEqual`, `throws`/`doesNotThrow`/`rejects`, `match`, `fail`,
 * `ifError`, `assert.strict`, and `AssertionError` (name 'AssertionError', code 'ERR_ASSERTION', `actual`,
 * `expected`, `operator`, `generatedMessage`). A message given as an Error is thrown as is.
 * Simplified: no diff in generated messages, and `assert(x)` does not quote the failing source
 * expression as Node does; deep equality compares own enumerable keys, arrays, Maps, Sets, Dates, RegExps
 * and prototypes (strict), not property descriptors.
 */
export function createAssertModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  class AssertionError extends Error {
    declare code: string;
    declare actual: unknown;
    declare expected: unknown;
    declare operator: string | undefined;
    declare generatedMessage: boolean;
    constructor(options: AssertionFields & { message?: string }) {
      super(typeof options.message === 'string' ? options.message : 'Failed');
      this.name = 'AssertionError';
      this.code = 'ERR_ASSERTION';
      this.actual = options.actual;
      this.expected = options.expected;
      this.operator = options.operator;
      this.generatedMessage = false;
    }
  }
  function fail(f: AssertionFields, generated: string): never {
    if (f.message instanceof Error) throw f.message;
    const e = new AssertionError({ message: f.message === undefined ? generated : f.message, actual: f.actual, expected: f.expected, operator: f.operator });
    e.generatedMessage = f.message === undefined;
    throw e;
  }
  function isDeep(a: unknown, b: unknown, strict: boolean, seen: Array<[unknown, unknown]>): boolean {
    if (strict ? Object.is(a, b) : a == b || (a !== a && b !== b)) return true;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b)) return false;
    for (const [x, y] of seen) if (x === a && y === b) return true;
    seen.push([a, b]);
    if (a instanceof Date) return a.getTime() === (b as Date).getTime();
    if (a instanceof RegExp) return String(a) === String(b);
    if (a instanceof Map) {
      const m = b as Map<unknown, unknown>;
      if (a.size !== m.size) return false;
      for (const [k, v] of a) if (!m.has(k) || !isDeep(v, m.get(k), strict, seen)) return false;
      return true;
    }
    if (a instanceof Set) {
      const s = b as Set<unknown>;
      if (a.size !== s.size) return false;
      for (const v of a) if (!s.has(v) && ![...s].some((w) => isDeep(v, w, strict, seen))) return false;
      return true;
    }
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
      if (!isDeep((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], strict, seen)) return false;
    }
    return true;
  }
  const show = (v: unknown): string => deps.inspect(v);
  function ok(value: unknown, message?: string | Error): void {
    if (!value) fail({ message, actual: value, expected: true, operator: '==' }, 'The expression evaluated to a falsy value');
  }
  const assert = function assert(value: unknown, message?: string | Error): void {
    ok(value, message);
  } as ((value: unknown, message?: string | Error) => void) & Record<string, unknown>;
  function matches(err: unknown, expected: unknown): boolean {
    if (expected === undefined) return true;
    if (typeof expected === 'function') {
      if ((expected as { prototype?: unknown }).prototype !== undefined && err instanceof (expected as new () => unknown)) return true;
      if (Error.isPrototypeOf(expected as object)) return false;
      return (expected as (e: unknown) => unknown)(err) === true;
    }
    if (expected instanceof RegExp) return expected.test(String(err));
    if (expected && typeof expected === 'object') {
      return Object.keys(expected).every((k) => {
        const want = (expected as Record<string, unknown>)[k];
        const got = (err as Record<string, unknown>)[k];
        return want instanceof RegExp && typeof got === 'string' ? want.test(got) : isDeep(got, want, true, []);
      });
    }
    return false;
  }
  const NO_THROW = {};
  Object.assign(assert, {
    ok,
    AssertionError,
    fail: (message?: string | Error) => fail({ message, operator: 'fail' }, 'Failed'),
    equal: (a: unknown, b: unknown, m?: string | Error) => {
      if (!(a == b || (a !== a && b !== b))) fail({ message: m, actual: a, expected: b, operator: '==' }, show(a) + ' == ' + show(b));
    },
    notEqual: (a: unknown, b: unknown, m?: string | Error) => {
      if (a == b || (a !== a && b !== b)) fail({ message: m, actual: a, expected: b, operator: '!=' }, show(a) + ' != ' + show(b));
    },
    strictEqual: (a: unknown, b: unknown, m?: string | Error) => {
      // node v22.23.3 appends the comparison to a custom message too: 'mine\n\n1 !== 2\n'
      const shown = show(a) + ' !== ' + show(b) + '\n';
      if (!Object.is(a, b)) fail({ message: typeof m === 'string' ? m + '\n\n' + shown : m, actual: a, expected: b, operator: 'strictEqual' }, 'Expected values to be strictly equal:\n\n' + shown);
    },
    notStrictEqual: (a: unknown, b: unknown, m?: string | Error) => {
      if (Object.is(a, b)) fail({ message: m, actual: a, expected: b, operator: 'notStrictEqual' }, 'Expected "actual" to be strictly unequal to: ' + show(b));
    },
    deepEqual: (a: unknown, b: unknown, m?: string | Error) => {
      if (!isDeep(a, b, false, [])) fail({ message: m, actual: a, expected: b, operator: 'deepEqual' }, 'Expected values to be loosely deep-equal');
    },
    deepStrictEqual: (a: unknown, b: unknown, m?: string | Error) => {
      if (!isDeep(a, b, true, [])) fail({ message: m, actual: a, expected: b, operator: 'deepStrictEqual' }, 'Expected values to be strictly deep-equal');
    },
    notDeepStrictEqual: (a: unknown, b: unknown, m?: string | Error) => {
      if (isDeep(a, b, true, [])) fail({ message: m, actual: a, expected: b, operator: 'notDeepStrictEqual' }, 'Expected "actual" not to be strictly deep-equal to: ' + show(b));
    },
    match: (s: unknown, re: RegExp, m?: string | Error) => {
      if (typeof s !== 'string' || !re.test(s)) fail({ message: m, actual: s, expected: re, operator: 'match' }, 'The input did not match the regular expression ' + String(re) + '. Input:\n\n' + show(s) + '\n');
    },
    ifError: (v: unknown) => {
      if (v !== null && v !== undefined) throw v instanceof Error ? v : new AssertionError({ message: 'ifError got unwanted exception: ' + show(v), actual: v, expected: null, operator: 'ifError' });
    },
    throws: (fn: () => unknown, expected?: unknown, m?: string | Error) => {
      let err: unknown = NO_THROW;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      if (typeof expected === 'string') {
        m = expected;
        expected = undefined;
      }
      // node v22.23.3 reports generatedMessage false for this message
      if (err === NO_THROW) fail({ message: m instanceof Error ? m : 'Missing expected exception' + (m ? ': ' + String(m) : '.'), operator: 'throws' }, '');
      if (!matches(err, expected)) throw err;
    },
    doesNotThrow: (fn: () => unknown, m?: string | Error) => {
      try {
        fn();
      } catch (e) {
        fail({ message: typeof m === 'string' ? undefined : m, actual: e, operator: 'doesNotThrow' }, 'Got unwanted exception' + (typeof m === 'string' ? ': ' + m : '.') + '\nActual message: "' + String((e as Error) && (e as Error).message) + '"');
      }
    },
    rejects: (p: unknown, expected?: unknown, m?: string | Error) =>
      deps.Promise.resolve(typeof p === 'function' ? (p as () => unknown)() : p).then(
        () => fail({ message: typeof expected === 'string' ? expected : m, operator: 'rejects' }, 'Missing expected rejection.'),
        (err: unknown) => {
          if (typeof expected !== 'string' && !matches(err, expected)) throw err;
        },
      ),
  });
  assert['strict'] = assert;
  return assert;
}
