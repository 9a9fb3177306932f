/**
 * Runtime part `errors` (prelude-parts.ts): how an error of the guest comes to read like Node's. It rewrites
 * QuickJS's stack frames into V8's (`rewriteFrames`), QuickJS's error messages into V8's and the frame's
 * column to where V8 points (`v8ify`, with the message table of v8-messages.ts), and adds V8's
 * `at async …` lines to an error that rejected an awaited promise (`annotateAsync`). The runtime
 * (prelude-runtime.ts) evaluates this part the first time an error needs one of them; a run that creates no
 * error never does.
 *
 * Node's frame forms (V8's CallSite printing, checked against Node 22): ES modules as file URLs; names as V8
 * prints them (`Runtime.handler`, `exports.handler`, `Object.run`, `Svc.run`, `Object.<anonymous>` for CommonJS
 * module scope); call sites at the callee's last name or at `new`; built-ins as `Array.map (<anonymous>)`;
 * frames of the simulator's wrappers and parser dropped. Not simulated: the runtime's own frames
 * (/var/runtime/index.mjs).
 *
 * Guest source: the function's text runs inside QuickJS (guest code, see builtins/guest-api.ts), so the body is
 * self-contained and uses no class fields, optional chaining or object spread. The types are for the host
 * compiler only.
 */

/** A position in a user file as the host maps it (sandbox.ts `frameInfo`, user-source.ts). */
interface FrameInfo {
  line: number;
  column: number;
  raw: number;
  synthetic: boolean;
  mapped: boolean;
  fn: { name: string; inferred: string; typeName: string } | null;
  /** The handler's export name when the frame is in the handler, else ''. */
  handler: string;
  /** The file (async frames only). */
  path?: string;
}

/** One link of an awaiter chain (prelude-runtime.ts `__lt_awaits`, `linkCombined`). */
interface AwaitLink {
  act?: { awaiter: AwaitLink | null } | null;
  site?: string;
  combined?: string;
  index?: number;
}

/** What the runtime hands the `errors` part. */
export interface ErrorsPartDeps {
  /** The sandbox's host functions this part calls (sandbox.ts). */
  host: {
    frameInfo(file: string, line: number, col: number, top: boolean): string;
    generatedColumn(file: string, line: number, col: number): number;
    v8Column(file: string, line: number, col: number, kind: string, name: string): number;
    asyncFrames(sitesJson: string, rawStack: string): string;
  };
  /** The function's files, path → text. */
  files: Readonly<Record<string, string>>;
  /** V8's message table and its helpers (the `v8-messages` part, loaded on first use). */
  v8: {
    readonly rules: unknown;
    translate(rules: unknown, name: string, message: string, callee: string | null): { name: string; message: string } | null;
    callee(text: string, col: number): string | null;
  };
  /** The stack QuickJS gave an error, before the runtime rebuilt it. */
  rawStack: (e: object) => string;
  /** Errors whose stack the runtime rebuilt → QuickJS's stack at creation. */
  rawStacks: WeakMap<object, string>;
  /** `RangeError.prototype` (V8 reports some of QuickJS's InternalErrors as RangeErrors). */
  rangeErrorPrototype: object;
  /**
   * The class of the runtime object that calls the handler as `this.handler(…)`, which V8 prints as the frame's
   * receiver: `Runtime` for runtime interface client v3 (nodejs20.x, nodejs22.x; src/Runtime.js),
   * `BufferedInvokeProcessor` or `StreamingInvokeProcessor` for v4 (nodejs24.x; src/runtime/*-invoke-processor.ts,
   * bundled by esbuild without minification, so the class names stay).
   */
  handlerReceiver: () => string;
  /** Whether Node runs this file of the function as an ES module. */
  isEsmFile: (file: string) => boolean;
  /** Error → the activation whose promise it rejected first. */
  rejectedFrom: WeakMap<object, { awaiter: AwaitLink | null }>;
  /** Tracked promise → its activation. */
  promiseActivation: WeakMap<object, { awaiter: AwaitLink | null }>;
}

/** The `errors` part. */
export interface ErrorsPart {
  /** QuickJS frame lines → Node's (names, columns, file URLs for ES modules). */
  rewriteFrames(lines: string[]): string[];
  /** Rewrite a QuickJS error's message (and first frame's column) as V8 words and places it. */
  v8ify(e: any): void;
  /** Append V8's `at async …` lines for an error that rejected the promise awaited at `site`. */
  annotateAsync(e: any, act: { awaiter: AwaitLink | null } | null, site: string, awaited: unknown): void;
}

/** Guest source of the `errors` part. */
export function createErrorsPart(deps: ErrorsPartDeps): ErrorsPart {
  'use strict';
  const { host, files, v8, rawStack, rawStacks, isEsmFile, rejectedFrom, promiseActivation, handlerReceiver } = deps;
  const RANGE_ERROR_PROTO = deps.rangeErrorPrototype;
  // A line of a user file (1-based), its lines split once per file: a bundle of a few MB is read for every frame.
  const linesByPath = new Map<string, string[]>();
  function sourceLine(path: string, line: number): string | undefined {
    let lines = linesByPath.get(path);
    if (!lines) {
      const text = files[path];
      if (typeof text !== 'string') return undefined;
      lines = text.split('\n');
      linesByPath.set(path, lines);
    }
    return lines[line - 1];
  }
  // A QuickJS position in a user file, seen in the user's own text (the host keeps the column map of
  // the module wrapper and of the async-function transform, user-source.ts). Null outside user files.
  function frameInfo(file: string, line: number, col: number, top?: boolean): FrameInfo | null {
    try {
      return JSON.parse(host.frameInfo(file, line, col, top === true));
    } catch (_e) {
      return null;
    }
  }
  // "x is not a function": V8 names the callee; read it from the source at the first user frame.
  function firstUserFrame(e: object): { match: string; path: string; line: number; col: number; text: string } | null {
    const m = /\((\/var\/task\/[^():]+):(\d+):(\d+)\)/.exec(rawStack(e));
    if (!m || typeof files[m[1] as string] !== 'string') return null;
    const path = m[1] as string;
    const line = Number(m[2]);
    const info = frameInfo(path, line, Number(m[3]));
    const text = sourceLine(path, line);
    if (typeof text !== 'string' || !info) return null;
    return { match: m[0], path, line, col: info.raw, text };
  }
  // `a['key']` / `a[0]` on undefined: QuickJS names no key for a computed read, V8 does. A literal key is read from
  // the source at the first user frame (QuickJS points at the '['); a key computed at run time stays unnamed.
  function literalKeyAt(e: object): string | null {
    const f = firstUserFrame(e);
    if (!f || f.text[f.col - 1] !== '[') return null;
    const m = /^\[\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`$\\\n]*)`|(\d+))\s*\]/.exec(f.text.slice(f.col - 1));
    if (!m) return null;
    const raw = m[1] ?? m[2] ?? m[3];
    if (raw === undefined) return String(Number(m[4]));
    // A key with escapes is rare; rather no name than a wrong one.
    return raw.includes('\\') ? null : raw;
  }
  function calleeFromStack(e: object): string | null {
    const f = firstUserFrame(e);
    return f ? v8.callee(f.text, f.col) : null;
  }
  // V8 points a failed property read at the property name and a failed call at the callee's last
  // name; QuickJS points at the '.' and at the '('. Move the first user frame's column to match.
  function moveColumn(e: object, ruleId: 'read' | 'call', callee: string | null): void {
    const f = firstUserFrame(e);
    if (!f) return;
    let col = f.col;
    const at = f.text[col - 1];
    if (ruleId === 'read' && at === '.') col += 1;
    else if (ruleId === 'read' && at === '?' && f.text[col] === '.') col += 2;
    else if (ruleId === 'call' && at === '(' && callee) col -= (callee.split('.').pop() as string).replace(/^.*\[/, '[').length;
    else if (ruleId === 'call' && callee && /^return\s/.test(f.text.slice(col - 1))) {
      // `return o.method()` (a function that is not async): QuickJS points at `return`, V8 at the callee's last name.
      const last = (callee.split('.').pop() as string).replace(/^.*\[/, '[');
      const call = f.text.indexOf(last + '(', col - 1);
      if (call < 0) return;
      col = call + 1;
    } else return;
    if (col < 1) return;
    setFirstFrameColumn(e, f, host.generatedColumn(f.path, f.line, col));
  }
  // Rewrite the first user frame of a QuickJS stack to another column (QuickJS coordinates).
  function setFirstFrameColumn(e: object, f: { match: string; path: string; line: number }, generatedCol: number): void {
    const fixed = rawStack(e).replace(f.match, '(' + f.path + ':' + f.line + ':' + generatedCol + ')');
    Object.defineProperty(e, 'stack', { value: fixed, writable: true, configurable: true, enumerable: false });
  }
  // Errors whose place V8 chooses from the syntax around them (user-source.ts v8Column).
  function placeLikeV8(e: object, kind: 'assign' | 'not-defined', name?: string): void {
    const f = firstUserFrame(e);
    if (!f) return;
    const m = /:(\d+)\)$/.exec(f.match) as RegExpExecArray;
    const col = host.v8Column(f.path, f.line, Number(m[1]), kind, name || '');
    if (col) setFirstFrameColumn(e, f, col);
  }
  // `Client()` on a class: QuickJS reports a frame inside the class; V8 none, and names the class
  // from the call. The caller's frame points at the `(` of the call.
  function classCallee(e: object): string | null {
    const lines = rawStack(e).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /\((\/var\/task\/[^():]+):(\d+):(\d+)\)/.exec(lines[i] as string);
      if (!m || typeof files[m[1] as string] !== 'string') continue;
      const info = frameInfo(m[1] as string, Number(m[2]), Number(m[3]));
      const text = sourceLine(m[1] as string, Number(m[2]));
      if (!info || typeof text !== 'string' || text[info.raw - 1] !== '(') continue;
      const callee = v8.callee(text, info.raw);
      const kept = lines.filter((l, j) => j >= i || !/\(\/var\/task\//.test(l));
      Object.defineProperty(e, 'stack', { value: kept.join('\n'), writable: true, configurable: true, enumerable: false });
      return callee;
    }
    return null;
  }
  function v8ify(e: any): void {
    try {
      const name = e.name;
      const message = e.message;
      if (typeof name !== 'string' || typeof message !== 'string') return;
      const callee = /^not a (function|constructor)$/.test(message)
        ? calleeFromStack(e)
        : message === "class constructors must be invoked with 'new'"
          ? classCallee(e)
          : null;
      const t = v8.translate(v8.rules, name, message, callee);
      if (!t) return;
      if (/^cannot read property of (undefined|null)$/.test(message)) {
        const key = literalKeyAt(e);
        if (key !== null) t.message += " (reading '" + key + "')";
      }
      Object.defineProperty(e, 'message', { value: t.message, writable: true, configurable: true, enumerable: false });
      if (/^cannot read property '/.test(message)) moveColumn(e, 'read', null);
      else if (/^cannot set property '/.test(message) || t.message === 'Assignment to constant variable.') placeLikeV8(e, 'assign');
      else if (name === 'ReferenceError' && / is not defined$/.test(t.message)) placeLikeV8(e, 'not-defined', t.message.slice(0, -' is not defined'.length));
      else if (callee && /^not a /.test(message)) moveColumn(e, 'call', callee);
      if (t.name === 'RangeError' && name !== 'RangeError') Object.setPrototypeOf(e, RANGE_ERROR_PROTO);
    } catch (_err) {
      // a frozen or exotic error keeps QuickJS's text
    }
  }
  const NATIVE_TYPES: Record<string, string> = {
    map: 'Array', forEach: 'Array', filter: 'Array', reduce: 'Array', reduceRight: 'Array', find: 'Array',
    findIndex: 'Array', findLast: 'Array', findLastIndex: 'Array', some: 'Array', every: 'Array', flatMap: 'Array',
    sort: 'Array', toSorted: 'Array', parse: 'JSON', stringify: 'JSON', keys: 'Function', values: 'Function',
    entries: 'Function', assign: 'Function', fromEntries: 'Function', defineProperty: 'Function', from: 'Function',
    replace: 'String', replaceAll: 'String', toISOString: 'Date',
  };
  function nativeFrame(name: string): string {
    if (name === 'Promise') return '    at new Promise (<anonymous>)';
    const type = Object.prototype.hasOwnProperty.call(NATIVE_TYPES, name) ? NATIVE_TYPES[name] + '.' : '';
    return '    at ' + type + name + ' (<anonymous>)';
  }
  function v8FrameName(info: FrameInfo, quickjsName: string, esm: boolean): string {
    const fn = info.fn;
    if (info.handler) {
      // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Runtime.js: the RIC calls
      // `this.handler(…)` on its Runtime object (v4: on its invoke processor), a method call. The method is always
      // `handler` (the object's own property), whatever the export's name: V8 adds ` [as handler]` to any function
      // name that does not end in it (`Runtime.hello [as handler]`, `module.exports.hello [as handler]`; checked
      // against Node 22).
      const asHandler = (name: string): string => (name === 'handler' || name.endsWith('.handler') ? name : name + ' [as handler]');
      const receiver = handlerReceiver();
      if (fn && fn.name) return receiver + '.' + asHandler(fn.name);
      if (fn && fn.inferred) return asHandler(fn.inferred);
      return receiver + '.handler';
    }
    if (!info.mapped) return quickjsName === '<anonymous>' || quickjsName === '<eval>' ? '' : quickjsName;
    if (!fn) return esm ? '' : 'Object.<anonymous>';
    if (fn.name) return fn.typeName && !fn.name.startsWith(fn.typeName + '.') ? fn.typeName + '.' + fn.name : fn.name;
    return fn.inferred;
  }
  // Does the source at this 1-based line and column start a `new` expression?
  function isNewAt(path: string, line: number, column: number): boolean {
    const text = sourceLine(path, line);
    return typeof text === 'string' && /^new\b/.test(text.slice(column - 1));
  }
  function rewriteFrames(lines: string[]): string[] {
    const out: string[] = [];
    let lastUser: { at: number; where: string; ctorName: string; render: (caller: [string, string]) => string } | null = null;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as string;
      const caller = /^ {4}at (onTimeout|onImmediate) \(lambda-triage:/.exec(l);
      if (caller && lastUser && lastUser.at === out.length - 1) out[lastUser.at] = lastUser.render(caller[1] === 'onTimeout' ? ['Timeout', '_onTimeout'] : ['Immediate', '']);
      // V8 shows no frame for Function.prototype.call / apply or Reflect.construct (checked against Node 22).
      if (l.includes('lambda-triage:') || l === '    at construct (native)' || l === '    at apply (native)' || l === '    at call (native)' || l.startsWith('    at <input>:')) continue;
      if (l.startsWith('    at async ')) {
        out.push(l); // rendered already (annotateAsync)
        continue;
      }
      const nat = /^    at ([\w$]+) \(native\)$/.exec(l);
      if (nat) {
        out.push(nativeFrame(nat[1] as string));
        continue;
      }
      const m = /^    at (.*) \((\/var\/task\/[^()]*):(\d+):(\d+)\)$/.exec(l);
      if (!m) {
        out.push(l);
        continue;
      }
      const esm = isEsmFile(m[2] as string);
      const info = frameInfo(m[2] as string, Number(m[3]), Number(m[4]), i === 0) || ({ line: Number(m[3]), column: Number(m[4]), synthetic: false, mapped: false, fn: null, handler: '' } as unknown as FrameInfo);
      if (info.synthetic) continue;
      // The frame above was a plain function run by `new` here (V8's column for that call is the `new`): V8 names it
      // `new Logger`. A class constructor is named so already (user-source.ts).
      if (lastUser && lastUser.at === out.length - 1 && lastUser.ctorName && isNewAt(m[2] as string, info.line, info.column)) {
        out[lastUser.at] = '    at new ' + lastUser.ctorName + ' (' + lastUser.where + ')';
      }
      const where = (esm ? 'file://' + m[2] : m[2]) + ':' + info.line + ':' + info.column;
      const name = v8FrameName(info, m[1] as string, esm);
      out.push(name ? '    at ' + name + ' (' + where + ')' : '    at ' + where);
      const plain = info.fn && !info.handler && !info.fn.typeName && !(info.fn.name || '').startsWith('new ') ? info.fn.name || info.fn.inferred : '';
      lastUser = {
        at: out.length - 1,
        where,
        ctorName: plain || '',
        render: ([type, method]) => {
          // V8's method-call form (checked against Node 22: Timeout._onTimeout, Timeout.tick [as _onTimeout], Immediate.<anonymous>)
          const own = info.fn ? info.fn.name : '';
          const label = own ? type + '.' + own + (method && own !== method ? ' [as ' + method + ']' : '') : type + '.' + (method || '<anonymous>');
          return '    at ' + label + ' (' + where + ')';
        },
      };
    }
    return out;
  }
  function appendStack(e: any, lines: string[]): void {
    const d = Object.getOwnPropertyDescriptor(e, 'stack');
    if (!d) return;
    if ('value' in d && typeof d.value === 'string') {
      Object.defineProperty(e, 'stack', { value: d.value.replace(/\n$/, '') + '\n' + lines.join('\n') + '\n', writable: true, configurable: true, enumerable: false });
    } else if (d.get && d.set) {
      e.stack = String(e.stack) + '\n' + lines.join('\n');
    }
  }
  // Called once per error (the runtime checks that it is an Error not annotated yet).
  function annotateAsync(e: any, act: { awaiter: AwaitLink | null } | null, site: string, awaited: unknown): void {
    const raw = rawStacks.has(e) ? rawStacks.get(e) : rawStack(e);
    // The chain of awaiters, innermost first: await sites, and Promise.all & co. entries.
    const links: AwaitLink[] = [];
    // The rejected promise came out of Promise.all & co.: V8 names the member.
    const origin = rejectedFrom.get(e);
    if (origin && origin.awaiter && origin.awaiter.combined && origin.awaiter.act === promiseActivation.get(awaited as object)) links.push(origin.awaiter);
    for (let link: AwaitLink | null = { act, site }; link && links.length < 64; link = link.act ? link.act.awaiter : null) links.push(link);
    let frames: FrameInfo[] = [];
    try {
      frames = JSON.parse(host.asyncFrames(JSON.stringify(links.filter((l) => !l.combined).map((l) => l.site)), raw as string));
    } catch (_e) {
      return;
    }
    const lines: string[] = [];
    for (const link of links) {
      if (link.combined) {
        // The function that awaits Promise.all is among the error's synchronous frames: the error was thrown while
        // Promise.all's argument was still being built (an async callback of .map that throws before its first
        // await), so at the time V8 took the stack nothing awaited anything and it printed no async line.
        if (frames.length > 0 && !frames[0]) continue;
        lines.push('    at async Promise.' + link.combined + ' (index ' + link.index + ')');
        continue;
      }
      const info = frames.shift();
      if (!info) continue;
      const esm = isEsmFile(info.path as string);
      const where = (esm ? 'file://' + info.path : info.path) + ':' + info.line + ':' + info.column;
      const name = v8FrameName(info, '', esm);
      lines.push('    at async ' + (name ? name + ' (' + where + ')' : where));
    }
    if (lines.length > 0) appendStack(e, lines);
  }
  return { rewriteFrames, v8ify, annotateAsync };
}
