// @ts-nocheck -- this function is never called on the host: its source text (Function.prototype.toString)
// is evaluated inside QuickJS, so it must be self-contained plain JavaScript (no imports, no closures
// over host values, no TypeScript-only syntax).
/**
 * Source of the sandbox's `util.inspect` / `util.format` subset, as a function whose text is evaluated
 * inside QuickJS, on the first call that formats a value (the runtime's `util` loads it lazily). It takes
 * the runtime's `{ errorStack }` and returns `{ inspect, format, quote }`.
 *
 * Follows Node's rules (https://nodejs.org/api/util.html#utilinspectobject-options, defaults
 * depth 2, breakLength 80, compact 3): `{ a: 1, b: 'x' }`, `[ 1, 2, 3 ]`, `[Object]` below depth 2,
 * `Map(1) { 'a' => 1 }`, `<ref *1>` / `[Circular *1]`, class-name prefixes, Errors print their stack.
 * Not modelled: colours, getters, array column grouping of > 6 items, `showHidden`, proxies.
 */
export function inspectSource(frames) {
  const IDENT = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const ESCAPES = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\\': '\\\\' };

  function quote(str) {
    let q = "'";
    if (str.includes("'")) {
      if (!str.includes('"')) q = '"';
      else if (!str.includes('`') && !str.includes('${')) q = '`';
    }
    let out = '';
    for (const ch of str) {
      if (ch === q) out += '\\' + ch;
      else if (ESCAPES[ch] !== undefined) out += ESCAPES[ch];
      else {
        const code = ch.charCodeAt(0);
        out += code < 0x20 || code === 0x7f ? '\\x' + code.toString(16).padStart(2, '0').toUpperCase() : ch;
      }
    }
    return q + out + q;
  }

  function formatNumber(n) {
    return Object.is(n, -0) ? '-0' : String(n);
  }

  function formatPrimitive(v) {
    switch (typeof v) {
      case 'string':
        return quote(v);
      case 'number':
        return formatNumber(v);
      case 'bigint':
        return String(v) + 'n';
      case 'boolean':
        return String(v);
      case 'undefined':
        return 'undefined';
      case 'symbol':
        return v.toString();
      default:
        return String(v);
    }
  }

  function getConstructorName(obj) {
    let proto = Object.getPrototypeOf(obj);
    if (proto === null) return null;
    while (proto !== null) {
      const desc = Object.getOwnPropertyDescriptor(proto, 'constructor');
      if (desc && typeof desc.value === 'function' && desc.value.name !== '') return desc.value.name;
      proto = Object.getPrototypeOf(proto);
    }
    return '';
  }

  // Frames of the simulator's own runtime code (file name `lambda-triage:…`) are hidden.
  // Stack text helpers of the runtime (prelude-runtime.ts owns the frame rewriting).
  const { errorStack } = frames;

  function formatKey(key) {
    if (typeof key === 'symbol') return '[' + key.toString() + ']';
    return IDENT.test(key) ? key : quote(key);
  }

  function isBelowBreakLength(ctx, output, start, base) {
    let total = output.length + start;
    for (const entry of output) {
      total += entry.length;
      if (total > ctx.breakLength) return false;
    }
    return base === '' || !base.includes('\n');
  }

  function reduceToSingleString(ctx, output, base, braces, level) {
    if (ctx.currentDepth - level < ctx.compact) {
      const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
      if (isBelowBreakLength(ctx, output, start, base)) {
        const joined = output.join(', ');
        if (!joined.includes('\n')) {
          return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
        }
      }
    }
    const indentation = '\n' + ' '.repeat(ctx.indentationLvl);
    return (
      (base ? base + ' ' : '') +
      braces[0] +
      indentation +
      '  ' +
      output.join(',' + indentation + '  ') +
      indentation +
      braces[1]
    );
  }

  function formatValue(ctx, value, level) {
    if (value === null) return 'null';
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value);
    if (ctx.seen.includes(value)) {
      let idx = ctx.circular.get(value);
      if (idx === undefined) {
        idx = ctx.circular.size + 1;
        ctx.circular.set(value, idx);
      }
      return '[Circular *' + idx + ']';
    }
    return formatRaw(ctx, value, level);
  }

  // `showHidden` (util.format's `%o`): every own property, non-enumerable ones as `[key]` (Node's
  // lib/internal/util/inspect.js formatProperty; checked with Node 22: `[ 1, 2, [length]: 2 ]`).
  function hiddenEntries(ctx, value, level, skipIndices) {
    const out = [];
    for (const key of Object.getOwnPropertyNames(value)) {
      if (skipIndices && /^(0|[1-9][0-9]*)$/.test(key)) continue;
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (!d) continue;
      const label = d.enumerable ? formatKey(key) : '[' + key + ']';
      const shown = 'value' in d ? formatValue(ctx, d.value, level + 1) : d.get && d.set ? '[Getter/Setter]' : d.get ? '[Getter]' : '[Setter]';
      out.push(label + ': ' + shown);
    }
    for (const sym of Object.getOwnPropertySymbols(value)) out.push(formatKey(sym) + ': ' + formatValue(ctx, value[sym], level + 1));
    return out;
  }

  function ownEntries(ctx, value, level, skipIndices) {
    if (ctx.showHidden) return hiddenEntries(ctx, value, level, skipIndices);
    const out = [];
    const keys = Object.keys(value);
    for (const key of keys) {
      if (skipIndices && /^(0|[1-9][0-9]*)$/.test(key)) continue;
      out.push(formatKey(key) + ': ' + formatValue(ctx, value[key], level + 1));
    }
    for (const sym of Object.getOwnPropertySymbols(value)) {
      const d = Object.getOwnPropertyDescriptor(value, sym);
      if (d && d.enumerable) out.push(formatKey(sym) + ': ' + formatValue(ctx, value[sym], level + 1));
    }
    return out;
  }

  function formatRaw(ctx, value, level) {
    const ctorName = getConstructorName(value);
    let braces;
    let base = '';
    let output;
    let prefix = '';
    const nullProto = ctorName === null;

    if (typeof value === 'function') {
      const src = Function.prototype.toString.call(value);
      const name = value.name;
      if (src.startsWith('class')) {
        const sup = Object.getPrototypeOf(value);
        base = '[class ' + (name || '(anonymous)') + (sup && sup.name ? ' extends ' + sup.name : '') + ']';
      } else {
        const kind = ctorName === 'AsyncFunction' ? 'AsyncFunction' : ctorName === 'GeneratorFunction' ? 'GeneratorFunction' : ctorName === 'AsyncGeneratorFunction' ? 'AsyncGeneratorFunction' : 'Function';
        base = '[' + kind + (name ? ': ' + name : ' (anonymous)') + ']';
      }
      if ((ctx.showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value)).length === 0) return base;
      if (level > ctx.depth) return base;
      ctx.seen.push(value);
      ctx.currentDepth = level;
      output = ownEntries(ctx, value, level, false);
      ctx.seen.pop();
      return withRef(ctx, value, reduceToSingleString(ctx, output, base, ['{', '}'], level));
    }

    if (value instanceof Error || (ctorName && /Error$/.test(ctorName) && typeof value.stack === 'string')) {
      base = errorStack(value);
      const keys = Object.keys(value).filter((k) => k !== 'stack' && k !== 'message');
      if (keys.length === 0) return base;
      if (level > ctx.depth) return '[' + base.split('\n')[0] + ']';
      ctx.seen.push(value);
      ctx.currentDepth = level;
      ctx.indentationLvl += 2;
      output = keys.map((k) => formatKey(k) + ': ' + formatValue(ctx, value[k], level + 1));
      ctx.indentationLvl -= 2;
      ctx.seen.pop();
      return withRef(ctx, value, reduceToSingleString(ctx, output, base, ['{', '}'], level));
    }

    if (value instanceof Date) {
      return isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    }
    if (value instanceof RegExp) {
      return String(value);
    }
    if (typeof value.then === 'function' && value instanceof Promise) {
      return 'Promise { <unknown> }';
    }

    if (level > ctx.depth) {
      if (Array.isArray(value)) return '[Array]';
      return '[' + (nullProto ? 'Object: null prototype' : ctorName || 'Object') + ']';
    }

    ctx.seen.push(value);
    ctx.currentDepth = level;
    ctx.indentationLvl += 2;
    if (Array.isArray(value)) {
      prefix = ctorName !== 'Array' && ctorName !== null ? ctorName + '(' + value.length + ') ' : '';
      braces = [prefix + '[', ']'];
      output = [];
      const max = Math.min(value.length, 100);
      let holes = 0;
      for (let i = 0; i < max; i++) {
        if (!Object.prototype.hasOwnProperty.call(value, i)) {
          holes++;
          continue;
        }
        if (holes > 0) {
          output.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
          holes = 0;
        }
        output.push(formatValue(ctx, value[i], level + 1));
      }
      if (holes > 0) output.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
      if (value.length > max) output.push('... ' + (value.length - max) + ' more item' + (value.length - max > 1 ? 's' : ''));
      output.push(...ownEntries(ctx, value, level, true));
    } else if (value instanceof Map) {
      braces = [(ctorName || 'Map') + '(' + value.size + ') {', '}'];
      output = [];
      for (const [k, v] of value) output.push(formatValue(ctx, k, level + 1) + ' => ' + formatValue(ctx, v, level + 1));
      output.push(...ownEntries(ctx, value, level, false));
    } else if (value instanceof Set) {
      braces = [(ctorName || 'Set') + '(' + value.size + ') {', '}'];
      output = [];
      for (const v of value) output.push(formatValue(ctx, v, level + 1));
      output.push(...ownEntries(ctx, value, level, false));
    } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      braces = [(ctorName || 'Uint8Array') + '(' + value.length + ') [', ']'];
      output = [];
      const max = Math.min(value.length, 100);
      for (let i = 0; i < max; i++) output.push(formatNumber(value[i]));
      if (value.length > max) output.push('... ' + (value.length - max) + ' more items');
    } else {
      output = ownEntries(ctx, value, level, false);
      let tag = '';
      if (nullProto) tag = '[Object: null prototype] ';
      else if (ctorName !== 'Object') tag = (ctorName || '') + ' ';
      const toStringTag = value[Symbol.toStringTag];
      if (typeof toStringTag === 'string' && toStringTag !== '' && toStringTag !== ctorName) {
        tag = (ctorName || 'Object') + ' [' + toStringTag + '] ';
      }
      braces = [tag + '{', '}'];
      if (output.length === 0) {
        ctx.indentationLvl -= 2;
        ctx.seen.pop();
        return withRef(ctx, value, tag + '{}');
      }
    }
    ctx.indentationLvl -= 2;
    ctx.seen.pop();
    if (output.length === 0) return withRef(ctx, value, braces[0] + braces[1]);
    return withRef(ctx, value, reduceToSingleString(ctx, output, base, braces, level));
  }

  function withRef(ctx, value, text) {
    const idx = ctx.circular.get(value);
    return idx === undefined ? text : '<ref *' + idx + '> ' + text;
  }

  function inspect(value, opts) {
    const ctx = {
      depth: opts && typeof opts.depth === 'number' ? opts.depth : opts && opts.depth === null ? Infinity : 2,
      showHidden: !!(opts && opts.showHidden),
      breakLength: 80,
      compact: 3,
      indentationLvl: 0,
      currentDepth: 0,
      seen: [],
      circular: new Map(),
    };
    return formatValue(ctx, value, 0);
  }

  function formatWithOptions(args) {
    const first = args[0];
    let out = '';
    let a = 0;
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let last = 0;
      a = 1;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue; // '%'
        const c = first[i + 1];
        if (a >= args.length && c !== '%') continue;
        let rep;
        switch (c) {
          case 's': {
            const v = args[a++];
            if (typeof v === 'bigint') rep = String(v) + 'n';
            else if (typeof v === 'number') rep = formatNumber(v);
            else if (typeof v === 'symbol') rep = v.toString();
            else if (v !== null && typeof v === 'object') {
              rep = v instanceof Error ? errorStack(v) : inspect(v, { depth: 0 });
            } else rep = String(v);
            break;
          }
          case 'j': {
            const v = args[a++];
            try {
              rep = JSON.stringify(v);
            } catch (e) {
              rep = '[Circular]';
            }
            break;
          }
          case 'd': {
            const v = args[a++];
            rep = typeof v === 'bigint' ? String(v) + 'n' : typeof v === 'symbol' ? 'NaN' : formatNumber(Number(v));
            break;
          }
          case 'i': {
            const v = args[a++];
            rep = typeof v === 'bigint' ? String(v) + 'n' : typeof v === 'symbol' ? 'NaN' : formatNumber(parseInt(v));
            break;
          }
          case 'f': {
            const v = args[a++];
            rep = typeof v === 'symbol' ? 'NaN' : formatNumber(parseFloat(v));
            break;
          }
          case 'o':
            // Node: inspect(arg, { showHidden: true, showProxy: true, depth: 4 }) (lib/internal/util/inspect.js formatWithOptionsInternal)
            rep = inspect(args[a++], { depth: 4, showHidden: true });
            break;
          case 'O':
            rep = inspect(args[a++]);
            break;
          case 'c':
            a++;
            rep = '';
            break;
          case '%':
            out += first.slice(last, i) + '%';
            last = i + 2;
            i++;
            continue;
          default:
            continue;
        }
        out += first.slice(last, i) + rep;
        last = i + 2;
        i++;
      }
      out += first.slice(last);
    }
    for (; a < args.length; a++) {
      const v = args[a];
      const piece = typeof v === 'string' ? v : inspect(v);
      out += out === '' && a === 0 ? piece : ' ' + piece;
    }
    return out;
  }

  return { inspect, format: (...args) => formatWithOptions(args), quote };
}
