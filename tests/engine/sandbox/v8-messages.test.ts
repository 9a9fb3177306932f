import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { V8_MESSAGE_RULES, calleeBefore, translateErrorMessage, v8JsonParseMessage } from '../../../src/engine/sandbox/v8-messages.ts';

/** The message the test host's own V8 (Node 22, as on nodejs22.x) gives for JSON.parse(text). */
function hostJsonMessage(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('v8JsonParseMessage', () => {
  const cases = [
    'hello', '', '   ', '{', '{}x', '{"a":1,}', '[1,2', '[1 2]', '[1,]', 'NaN', 'undefined', '[object Object]', 'Infinity',
    'tru', 'nul', 'x'.repeat(50), '{"a" 1}', '{"a":1 "b":2}', '{"a":}', '1 2', '"abc', '\n\n  x', '{"a":"b" "c"}',
    '{"a":1,"b":2,"c":3,"d":oops,"e":5,"f":6}', '{"a":1,"b":2,"c":3,"d":4,"e":5,"f":oops}', '-', '1.', '1e', '"\\x"', '"a\u0001"',
    '<html><body>Bad Gateway</body></html>', "{'a': 1}", '{"user": undefined}',
  ];
  for (const text of cases) {
    it(`matches V8 for ${JSON.stringify(text)}`, () => {
      expect(v8JsonParseMessage(text)).toBe(hostJsonMessage(text));
    });
  }
  it('returns null for valid JSON', () => {
    expect(v8JsonParseMessage('{"a":[1,2,{"b":null}],"c":"\\u0041"}')).toBeNull();
  });
  it('agrees with V8 on arbitrary JSON-ish text', () => {
    const alphabet = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', 'a', '1', '-', '.', 'e', ' ', 't', 'n', '\n', 'x', '0');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (text) => {
        expect(v8JsonParseMessage(text)).toBe(hostJsonMessage(text));
      }),
      { numRuns: 3000, seed: 42 },
    );
  });
});

describe('translateErrorMessage', () => {
  it('maps each QuickJS message to V8 text', () => {
    const t = (name: string, message: string, callee: string | null = null) => translateErrorMessage(V8_MESSAGE_RULES, name, message, callee);
    expect(t('TypeError', "cannot read property 'length' of undefined")).toEqual({ name: 'TypeError', message: "Cannot read properties of undefined (reading 'length')" });
    expect(t('TypeError', "cannot set property 'x' of null")).toEqual({ name: 'TypeError', message: "Cannot set properties of null (setting 'x')" });
    expect(t('TypeError', 'not a function', 'o.method')?.message).toBe('o.method is not a function');
    expect(t('TypeError', 'not a function', null)?.message).toBe('(intermediate value) is not a function');
    expect(t('ReferenceError', "'x' is not defined")?.message).toBe('x is not defined');
    expect(t('TypeError', "'c' is read-only")?.message).toBe('Assignment to constant variable.');
    expect(t('TypeError', 'cannot convert to object')?.message).toBe('Cannot convert undefined or null to object');
    expect(t('RangeError', 'invalid array length')?.message).toBe('Invalid array length');
    expect(t('InternalError', 'stack overflow')).toEqual({ name: 'RangeError', message: 'Maximum call stack size exceeded' });
    expect(t('TypeError', "cannot read property 'Symbol.iterator' of undefined")?.message).toBe(
      'undefined is not iterable (cannot read property Symbol(Symbol.iterator))',
    );
    expect(t('TypeError', 'value is not iterable')?.message).toBe('object is not iterable (cannot read property Symbol(Symbol.iterator))');
    expect(t('TypeError', "class constructors must be invoked with 'new'", 'Client')?.message).toBe("Class constructor Client cannot be invoked without 'new'");
    expect(t('TypeError', 'cannot convert bigint to number')?.message).toBe('Cannot mix BigInt and other types, use explicit conversions');
    expect(t('RangeError', 'Date value is NaN')?.message).toBe('Invalid time value');
    expect(t('TypeError', "private class field '#s' does not exist")?.message).toBe('Cannot read private member #s from an object whose class did not declare it');
    expect(t('Error', 'boom')).toBeNull();
    // A rule only applies to its error class.
    expect(t('Error', "cannot read property 'length' of undefined")).toBeNull();
  });

  it('every rule names its source and V8 template', () => {
    for (const r of V8_MESSAGE_RULES) {
      expect(r.source.length, r.id).toBeGreaterThan(10);
      expect(r.v8Template.length, r.id).toBeGreaterThan(0);
      expect(() => new RegExp(r.quickjs), r.id).not.toThrow();
    }
  });
});

describe('calleeBefore', () => {
  it('reads the callee chain that ends at the call parenthesis', () => {
    expect(calleeBefore('  return svc.fetchUser(e.id);', 23)).toBe('svc.fetchUser');
    expect(calleeBefore('let m = {}; m["k"]()', 19)).toBe('m.k');
    expect(calleeBefore('let m = {}; m[0]()', 17)).toBe('m[0]');
    expect(calleeBefore('f()', 2)).toBe('f');
    expect(calleeBefore('const x = new g.h();', 18)).toBe('g.h');
    expect(calleeBefore('a().b()', 6)).toBeNull();
  });
});
