/**
 * V8 error messages for errors QuickJS raises with its own wording.
 *
 * Handlers run in QuickJS, but on Lambda they run in Node.js (V8), and learners compare what the
 * simulator shows with real CloudWatch logs. The table below maps each common QuickJS message to
 * V8's template; {@link translateErrorMessage} applies it. The prelude evaluates
 * `translateErrorMessage`, `calleeBefore` and `v8JsonParseMessage` *inside* the sandbox (their
 * source text is injected by `sandbox.ts`), so they are self-contained: no imports, no closures.
 *
 * Where the translation happens (see SIMULATION.md "Error messages"):
 * - `JSON.parse` is wrapped in the sandbox: its SyntaxError carries V8's message from the start,
 *   so `e.message` inside the handler already reads like Node's.
 * - Other errors are raised by QuickJS's C code, which the sandbox cannot intercept. They are
 *   rewritten in place (message, and `name` for stack overflows) the first time the runtime sees
 *   them: when the handler throws or rejects, an uncaught exception or rejection, an init error, and
 *   when an error is logged through `console`. Code that reads `e.message` inside its own `catch`
 *   before any of that still sees QuickJS's text (documented gap).
 *
 * Sources: V8 `src/common/message-template.h` (templates) and `src/json/json-parser.cc` (JSON
 * context rules), checked against Node 22 (the nodejs22.x runtime): the unit tests compare every
 * translation with the message the test host's own V8 produces for the same code.
 */

/** One QuickJS → V8 message rule. */
export interface V8MessageRule {
  /** Stable id, also the V8 template name. */
  id: string;
  /** QuickJS error class the rule applies to (`name` of the thrown error). */
  quickjsName: string;
  /** Regular expression (source) matching the whole QuickJS message. */
  quickjs: string;
  /** V8's template from message-template.h (`%` = argument), for reference. */
  v8Template: string;
  /**
   * Replacement message: `$1`… are the QuickJS groups, `{callee}` the callee expression read from
   * the source at the error position (V8's CallPrinter), `(intermediate value)` when unknown.
   */
  message: string;
  /** New `name` when V8 uses another error class. */
  name?: string;
  /** Where the V8 text comes from. */
  source: string;
}

const TEMPLATES = 'V8 src/common/message-template.h';

/** The mapping table, in match order. */
export const V8_MESSAGE_RULES: readonly V8MessageRule[] = [
  {
    id: 'NotIterableNoSymbolLoad',
    quickjsName: 'TypeError',
    quickjs: "^cannot read property 'Symbol\\.iterator' of (undefined|null)$",
    v8Template: '% is not iterable (cannot read property %)',
    message: '$1 is not iterable (cannot read property Symbol(Symbol.iterator))',
    source: `${TEMPLATES} NotIterableNoSymbolLoad; Node 22: \`const [a] = e.items\` → "undefined is not iterable (cannot read property Symbol(Symbol.iterator))"`,
  },
  {
    id: 'NonObjectPropertyLoadWithProperty',
    quickjsName: 'TypeError',
    quickjs: "^cannot read property '(.*)' of (undefined|null)$",
    v8Template: "Cannot read properties of % (reading '%')",
    message: "Cannot read properties of $2 (reading '$1')",
    source: `${TEMPLATES} NonObjectPropertyLoadWithProperty; real capture anomalyco/sst#3288 ("Cannot read properties of undefined (reading 'value')")`,
  },
  {
    id: 'NonObjectPropertyLoad',
    quickjsName: 'TypeError',
    quickjs: '^cannot read property of (undefined|null)$',
    v8Template: 'Cannot read properties of %',
    message: 'Cannot read properties of $1',
    source: `${TEMPLATES} NonObjectPropertyLoad (QuickJS omits a computed key; V8 would name it: "(reading '0')")`,
  },
  {
    id: 'NonObjectPropertyStoreWithProperty',
    quickjsName: 'TypeError',
    quickjs: "^cannot set property '(.*)' of (undefined|null)$",
    v8Template: "Cannot set properties of % (setting '%')",
    message: "Cannot set properties of $2 (setting '$1')",
    source: `${TEMPLATES} NonObjectPropertyStoreWithProperty`,
  },
  {
    id: 'NonObjectPropertyStore',
    quickjsName: 'TypeError',
    quickjs: '^cannot set property of (undefined|null)$',
    v8Template: 'Cannot set properties of %',
    message: 'Cannot set properties of $1',
    source: `${TEMPLATES} NonObjectPropertyStore`,
  },
  {
    id: 'CalledNonCallable',
    quickjsName: 'TypeError',
    quickjs: '^not a function$',
    v8Template: '% is not a function',
    message: '{callee} is not a function',
    source: `${TEMPLATES} CalledNonCallable; Node 22: \`o.method()\` → "o.method is not a function", \`m["k"]()\` → "m.k is not a function"`,
  },
  {
    id: 'NotConstructor',
    quickjsName: 'TypeError',
    quickjs: '^not a constructor$',
    v8Template: '% is not a constructor',
    message: '{callee} is not a constructor',
    source: `${TEMPLATES} NotConstructor`,
  },
  {
    id: 'NotDefined',
    quickjsName: 'ReferenceError',
    quickjs: "^'(.+)' is not defined$",
    v8Template: '% is not defined',
    message: '$1 is not defined',
    source: `${TEMPLATES} NotDefined; https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html ("x is not defined")`,
  },
  {
    id: 'ConstAssign',
    quickjsName: 'TypeError',
    quickjs: "^'(.+)' is read-only$",
    v8Template: 'Assignment to constant variable.',
    message: 'Assignment to constant variable.',
    source: `${TEMPLATES} ConstAssign (QuickJS raises "'x' is read-only" for assignments to a const binding)`,
  },
  {
    id: 'NotIterable',
    quickjsName: 'TypeError',
    quickjs: '^value is not iterable$',
    v8Template: '% is not iterable (cannot read property %)',
    message: 'object is not iterable (cannot read property Symbol(Symbol.iterator))',
    source: `${TEMPLATES} NotIterableNoSymbolLoad; Node 22: \`new Map({})\` → "object is not iterable (cannot read property Symbol(Symbol.iterator))" (V8 names the expression where it can: "q is not iterable")`,
  },
  {
    id: 'UndefinedOrNullToObject',
    quickjsName: 'TypeError',
    quickjs: '^cannot convert to object$',
    v8Template: 'Cannot convert undefined or null to object',
    message: 'Cannot convert undefined or null to object',
    source: `${TEMPLATES} UndefinedOrNullToObject; Node 22: \`Object.keys(undefined)\``,
  },
  {
    id: 'InvalidArrayLength',
    quickjsName: 'RangeError',
    quickjs: '^invalid array length$',
    v8Template: 'Invalid array length',
    message: 'Invalid array length',
    source: `${TEMPLATES} InvalidArrayLength; Node 22: \`new Array(-1)\``,
  },
  {
    id: 'ReduceNoInitial',
    quickjsName: 'TypeError',
    quickjs: '^empty array$',
    v8Template: 'Reduce of empty array with no initial value',
    message: 'Reduce of empty array with no initial value',
    source: `${TEMPLATES} ReduceNoInitial; Node 22: \`[].reduce((a, b) => a)\``,
  },
  {
    id: 'ClassConstructorCallNoNew',
    quickjsName: 'TypeError',
    quickjs: "^class constructors must be invoked with 'new'$",
    v8Template: "Class constructor % cannot be invoked without 'new'",
    message: "Class constructor {callee} cannot be invoked without 'new'",
    source: `${TEMPLATES} ConstructorNonCallable; Node 22 capture (v8-traces.json "calling a class without new")`,
  },
  {
    id: 'BigIntMixedTypes',
    quickjsName: 'TypeError',
    quickjs: '^cannot convert bigint to number$',
    v8Template: 'Cannot mix BigInt and other types, use explicit conversions',
    message: 'Cannot mix BigInt and other types, use explicit conversions',
    source: `${TEMPLATES} BigIntMixedTypes; Node 22: \`10n + 1\` (QuickJS raises this for mixed arithmetic)`,
  },
  {
    id: 'InvalidTimeValue',
    quickjsName: 'RangeError',
    quickjs: '^Date value is NaN$',
    v8Template: 'Invalid time value',
    message: 'Invalid time value',
    source: `${TEMPLATES} InvalidTimeValue; Node 22: \`new Date(NaN).toISOString()\``,
  },
  {
    id: 'InvalidPrivateMemberRead',
    quickjsName: 'TypeError',
    quickjs: "^private class field '(#.+)' does not exist$",
    v8Template: 'Cannot read private member % from an object whose class did not declare it',
    message: 'Cannot read private member $1 from an object whose class did not declare it',
    source: `${TEMPLATES} InvalidPrivateMemberRead; Node 22: \`o.#x\` on another object (a write reads "Cannot write private member", not told apart here)`,
  },
  {
    id: 'StackOverflow',
    quickjsName: 'InternalError',
    quickjs: '^stack overflow$',
    v8Template: 'Maximum call stack size exceeded',
    message: 'Maximum call stack size exceeded',
    name: 'RangeError',
    source: `${TEMPLATES} StackOverflow (a RangeError in V8; QuickJS throws InternalError)`,
  },
];

/** A translated error: the V8 name and message. */
export interface TranslatedMessage {
  name: string;
  message: string;
}

/**
 * Translate a QuickJS error to V8's wording, or null when no rule matches. `callee` is the callee
 * expression for "not a function" errors (see {@link calleeBefore}). Self-contained (runs in the sandbox).
 */
export function translateErrorMessage(
  rules: readonly V8MessageRule[],
  name: string,
  message: string,
  callee: string | null,
): TranslatedMessage | null {
  for (const rule of rules) {
    if (rule.quickjsName !== name) continue;
    const m = new RegExp(rule.quickjs).exec(message);
    if (!m) continue;
    let out = rule.message.replace(/\$(\d)/g, (_all: string, d: string) => m[Number(d)] ?? '');
    out = out.replace('{callee}', callee && callee.length > 0 ? callee : '(intermediate value)');
    return { name: rule.name ?? name, message: out };
  }
  return null;
}

/**
 * The callee expression that ends just before column `col` (1-based) of `line`, as V8 prints it in
 * "x is not a function": `o.a.run`, `m.k` for `m["k"]`, `m[0]`. QuickJS reports a failed call at the
 * `(` of the call (or at the callee itself); anything that is not a plain member chain gives null.
 * Self-contained (runs in the sandbox).
 */
export function calleeBefore(line: string, col: number): string | null {
  let end = col - 1; // index of the character QuickJS points at
  if (end < 0 || end > line.length) return null;
  // `return o.method()` in a function that is not async: QuickJS points at `return`; the call follows it.
  const ret = /^return\s+/.exec(line.slice(end));
  if (ret) end += ret[0].length;
  if (line[end] !== '(' && line[end] !== '`') {
    // Pointing at the callee's start: take the chain that follows instead.
    const rest = /^[A-Za-z_$][\w$]*(?:\s*(?:\?\.|\.)\s*[A-Za-z_$][\w$]*|\[\s*(?:\d+|'[^']*'|"[^"]*")\s*\])*/.exec(line.slice(end));
    if (!rest) return null;
    end = end + rest[0].length;
  }
  const before = line.slice(0, end).replace(/\s+$/, '');
  const m = /((?:new\s+)?[A-Za-z_$][\w$]*(?:\s*(?:\?\.|\.)\s*#?[A-Za-z_$][\w$]*|\[\s*(?:\d+|'[^']*'|"[^"]*")\s*\])*)$/.exec(before);
  if (!m || m[1] === undefined) return null;
  let expr = m[1].replace(/^new\s+/, '');
  const prev = before.slice(0, before.length - m[1].length).replace(/\s+$/, '');
  if (prev.endsWith('.') || prev.endsWith(')') || prev.endsWith(']')) return null; // part of a longer expression
  expr = expr.replace(/\s+/g, '');
  // V8's CallPrinter prints a string key as a property name and keeps numeric keys in brackets.
  expr = expr.replace(/\[(['"])([A-Za-z_$][\w$]*)\1\]/g, '.$2');
  if (/^(?:if|for|while|switch|return|typeof|function|catch|await)$/.test(expr)) return null;
  return expr;
}

/** Where a JSON text stops being valid, as V8's parser sees it. */
interface JsonFailure {
  pos: number;
  kind: 'token' | 'eos' | 'expected' | 'unterminated' | 'trailing';
  expected?: string | undefined;
}

/**
 * V8's `JSON.parse` SyntaxError message for `text` (already known to be invalid), following
 * json-parser.cc: the failure position and state, then `Unexpected end of JSON input`, the
 * "Expected …" messages with `at position N (line L column C)`, `"NaN" is not valid JSON`-style
 * special strings, or `Unexpected token 'x', "…" is not valid JSON` with up to 10 characters of
 * context on each side. Returns null when the text is valid JSON after all. Self-contained.
 */
export function v8JsonParseMessage(text: string): string | null {
  const s = text;
  const n = s.length;
  let i = 0;
  const ws = (): void => {
    while (i < n && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const fail = (kind: JsonFailure['kind'], pos: number, expected?: string): JsonFailure => ({ kind, pos, expected });
  const str = (): JsonFailure | null => {
    i++; // opening quote
    while (i < n) {
      const c = s[i]!;
      if (c === '"') {
        i++;
        return null;
      }
      if (c === '\\') {
        const e = s[i + 1];
        if (e === undefined) return fail('unterminated', n);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) return fail('expected', i, 'Bad Unicode escape');
          i += 6;
        } else if ('"\\/bfnrt'.includes(e)) i += 2;
        else return fail('expected', i + 1, 'Bad escaped character');
        continue;
      }
      if (c.charCodeAt(0) < 0x20) return fail('expected', i, 'Bad control character in string literal');
      i++;
    }
    return fail('unterminated', n);
  };
  const num = (): JsonFailure | null => {
    if (s[i] === '-') {
      i++;
      if (!(i < n && s[i]! >= '0' && s[i]! <= '9')) return fail('expected', i, 'No number after minus sign');
    }
    if (s[i] === '0') {
      i++;
      if (i < n && s[i]! >= '0' && s[i]! <= '9') return fail('expected', i, 'Unexpected number');
    } else while (i < n && s[i]! >= '0' && s[i]! <= '9') i++;
    if (s[i] === '.') {
      i++;
      if (!(i < n && s[i]! >= '0' && s[i]! <= '9')) return fail('expected', i, 'Unterminated fractional number');
      while (i < n && s[i]! >= '0' && s[i]! <= '9') i++;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (!(i < n && s[i]! >= '0' && s[i]! <= '9')) return fail('expected', i, 'Exponent part is missing a number');
      while (i < n && s[i]! >= '0' && s[i]! <= '9') i++;
    }
    return null;
  };
  const value = (): JsonFailure | null => {
    ws();
    if (i >= n) return fail('eos', i);
    const c = s[i]!;
    if (c === '"') return str();
    if (c === '-' || (c >= '0' && c <= '9')) return num();
    for (const lit of ['true', 'false', 'null']) {
      if (c === lit[0]) {
        for (let k = 0; k < lit.length; k++, i++) {
          if (i >= n) return fail('eos', i);
          if (s[i] !== lit[k]) return fail('token', i);
        }
        return null;
      }
    }
    // An array or an object: elements (`"name": value` in an object) separated by ',' up to the closing bracket,
    // in one loop so that each level of nesting costs one frame of `value` (no helper between the levels).
    if (c === '[' || c === '{') {
      const object = c === '{';
      const close = object ? '}' : ']';
      i++;
      ws();
      if (s[i] === close) {
        i++;
        return null;
      }
      let first = true;
      for (;;) {
        if (object) {
          ws();
          if (s[i] !== '"') return fail('expected', i, first ? "Expected property name or '}'" : 'Expected double-quoted property name');
          first = false;
          const k = str();
          if (k) return k;
          ws();
          if (s[i] !== ':') return fail('expected', i, "Expected ':' after property name");
          i++;
        }
        const f = value();
        if (f) return f;
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === close) {
          i++;
          return null;
        }
        return fail('expected', i, object ? "Expected ',' or '}' after property value" : "Expected ',' or ']' after array element");
      }
    }
    return fail('token', i);
  };
  let failure = value();
  if (!failure) {
    ws();
    if (i < n) failure = fail('trailing', i);
  }
  if (!failure) return null;
  const lineColumn = (pos: number): string => {
    let line = 1;
    let column = 1;
    for (let k = 0; k < pos && k < n; k++) {
      if (s[k] === '\n') {
        line++;
        column = 1;
      } else column++;
    }
    return `(line ${line} column ${column})`;
  };
  const where = (pos: number): string => `in JSON at position ${pos} ${lineColumn(pos)}`;
  if (failure.kind === 'eos') return 'Unexpected end of JSON input';
  if (failure.kind === 'unterminated') return `Unterminated string ${where(failure.pos)}`;
  if (failure.kind === 'trailing') return `Unexpected non-whitespace character after JSON at position ${failure.pos} ${lineColumn(failure.pos)}`;
  if (failure.kind === 'expected') return `${failure.expected} ${where(failure.pos)}`;
  // Unexpected token (json-parser.cc LookUpErrorMessageForJsonToken / GetErrorMessageWithEllipses).
  const at = s[failure.pos]!;
  if (at === '-' || (at >= '0' && at <= '9')) return `Unexpected number ${where(failure.pos)}`;
  if (at === '"') return `Unexpected string ${where(failure.pos)}`;
  if (s === 'NaN' || s === 'Infinity' || s === 'undefined' || s === '[object Object]') return `"${s}" is not valid JSON`;
  const pos = failure.pos;
  const token = s[pos]!;
  const CONTEXT = 10; // kMaxContextCharacters
  if (n >= CONTEXT * 2 + 1) {
    // kMinOriginalSourceLengthForContext
    if (pos < CONTEXT) return `Unexpected token '${token}', "${s.slice(0, pos + CONTEXT)}"... is not valid JSON`;
    if (pos < n - CONTEXT) return `Unexpected token '${token}', ..."${s.slice(pos - CONTEXT, pos + CONTEXT)}"... is not valid JSON`;
    return `Unexpected token '${token}', ..."${s.slice(pos - CONTEXT)}" is not valid JSON`;
  }
  return `Unexpected token '${token}', "${s}" is not valid JSON`;
}
