/**
 * User code as the sandbox runs it, and the way back from QuickJS positions to the user's own text.
 *
 * Why a transform: QuickJS (through quickjs-emscripten 0.32) offers no host promise-rejection
 * tracker, so a promise that an *async function* returns is invisible to the simulated runtime.
 * Node reports such a rejection when nobody handles it (`Runtime.UnhandledPromiseRejection`, https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Runtime.js;
 * https://nodejs.org/api/process.html#event-unhandledrejection). So every async function in user
 * code is routed through the prelude's `__lt_async` / `__lt_wrap`, which hand back a tracked promise:
 *
 * - `async function f(a, b) {…}` becomes
 *   `function f($lt$0,$lt$1){return __lt_async(this,arguments,async function f(a, b) {…})};__lt_mark(f);`
 *   (still a hoisted declaration with the same `name` and `length`);
 * - an async function or arrow *expression* `E` becomes `__lt_wrap(E,"name")`;
 * - an async method `async m(a) {…}` becomes `m($lt$0){return __lt_async(this,arguments,async (a) =>{…},"m")}`
 *   (an arrow keeps `this`, `arguments` and `super` of the method).
 *
 * Nothing inserted contains a line break, so lines never move; columns do, and {@link PreparedSource}
 * maps them back. Frames that point into inserted text belong to the wrappers and are dropped.
 *
 * The same parse gives each function the name V8 shows in a stack frame (`exports.handler`,
 * `Object.run`, `Svc.run`), and call-site columns are moved to where V8 points: the callee's last
 * name, or `new` (QuickJS points at the `(`).
 *
 * Code that does not parse is left as it is: QuickJS then reports the syntax error itself.
 */
import { parse, tokenizer } from 'acorn';

export type SourceKind = 'cjs' | 'esm';

/** Node's CommonJS wrapper, kept on the first line so line numbers match (Node's `Module.wrap`). */
export const CJS_WRAPPER_PREFIX = '(function (exports, require, module, __filename, __dirname) { ';
export const CJS_WRAPPER_SUFFIX = '\n})';

/** How V8 names the function a frame is in. */
export interface FunctionName {
  /** The function's `name` (own or given by the language: `const f = () => …` is `f`). */
  name: string;
  /** V8's inferred name when `name` is empty: `exports.handler` for `exports.handler = async () => …`. */
  inferred: string;
  /** Receiver type V8 prints for method calls: `Object` for object-literal members, the class name for methods. */
  typeName: string;
}

/** One QuickJS frame position, seen in the user's own file. */
export interface FramePosition {
  /** 1-based line in the original file (differs from QuickJS's only for anchored inserted text). */
  line: number;
  /** 1-based column in the original line, moved where V8 points for call sites. */
  column: number;
  /** 1-based column in the original line, as QuickJS meant it (not moved). */
  rawColumn: number;
  /** Offset where the enclosing function starts in the original text (-1 at module scope). */
  fnStart: number;
  /** True when the position lies in text the simulator inserted (a wrapper's frame: drop it). */
  synthetic: boolean;
  /** The innermost function around the position, or null at module scope (or when the file did not parse). */
  fn: FunctionName | null;
}

export interface PreparedSource {
  /** The text QuickJS evaluates (for CommonJS: inside Node's module wrapper). */
  code: string;
  /** True when the async-function transform was applied (the file parsed). */
  transformed: boolean;
  /**
   * A QuickJS frame position (1-based line and column in `code`) in the original file. `top`: the
   * frame where the error was raised (its place is already V8's or the error's own, not a call's).
   */
  frame(line: number, column: number, top?: boolean): FramePosition;
  /** Original 1-based column → column in `code` on the same line. */
  generatedColumn(line: number, column: number): number;
  /** The original text of a slice of `code` (a function's `toString()`), or null when it is not in this file. */
  original(text: string): string | null;
  /** The function around an original 1-based position (for `at async` frames). */
  functionAtPosition(line: number, column: number): { fnStart: number; fn: FunctionName | null };
  /** Where a function whose source text (`Function.prototype.toString`) is `text` starts in the original, or null. */
  locate(text: string): number | null;
  /**
   * Where V8 places an error QuickJS raised at this generated position, for errors whose place
   * depends on the syntax around it: `not-defined` (an unresolvable variable read as the first thing
   * its statement evaluates is reported at the statement) and `assign` (a failed assignment is
   * reported at its `=`). Returns the generated column, or null to keep QuickJS's.
   */
  v8Column(line: number, column: number, kind: 'not-defined' | 'assign', name?: string): number | null;
}

interface Edit {
  start: number;
  end: number; // original text [start, end) is replaced by `text`
  text: string;
  closing: boolean;
  seq: number;
  /** A frame that points into this inserted text is reported at this original offset (else dropped). */
  anchor?: number;
}

interface FnRange extends FunctionName {
  start: number;
  end: number;
}

type AnyNode = { type: string; start: number; end: number; [k: string]: unknown };

const ASYNC_CALL = '__lt_async';
const ASYNC_WRAP = '__lt_wrap';
const ASYNC_MARK = '__lt_mark';
const DESTRUCTURE_CHECK = '__lt_dst';
const ITERABLE_CHECK = '__lt_iter';
const ENTER_ACTIVATION = '__lt_enter';
const AWAIT_SITE = '__lt_awaits';
const MODULE_ACTIVATION = '__lt_module';
const CAUGHT = '__lt_caught';

/** Cheap pre-check: no `async` token, nothing to transform (most files). */
const MAY_HAVE_ASYNC = /\basync\b/;

function isNode(v: unknown): v is AnyNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

function isFunction(n: AnyNode): boolean {
  return n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
}

function keyName(key: AnyNode | undefined, computed: unknown): string {
  if (!key) return '';
  // `{ ['run']: … }`: a computed key that is a literal names the function like a plain key.
  if (computed) return key.type === 'Literal' && (typeof key['value'] === 'string' || typeof key['value'] === 'number') ? String(key['value']) : '';
  if (key.type === 'Identifier') return String(key['name']);
  if (key.type === 'PrivateIdentifier') return '#' + String(key['name']);
  if (key.type === 'Literal') return String(key['value']);
  return '';
}

/** `a.b.c` for a plain member chain, else ''. */
function memberChain(n: AnyNode): string {
  if (n.type === 'Identifier') return String(n['name']);
  if (n.type === 'ThisExpression') return 'this';
  if (n.type === 'MemberExpression' && !n['computed']) {
    const obj = memberChain(n['object'] as AnyNode);
    const prop = keyName(n['property'] as AnyNode, false);
    return obj && prop ? obj + '.' + prop : '';
  }
  return '';
}

/** The `length` of a function: parameters before the first default or rest parameter. */
function expectedArgs(fn: AnyNode): number {
  let n = 0;
  for (const p of fn['params'] as AnyNode[]) {
    if (p.type === 'AssignmentPattern' || p.type === 'RestElement') break;
    n++;
  }
  return n;
}

function paramList(count: number): string {
  return Array.from({ length: count }, (_, i) => `$lt$${i}`).join(',');
}

/** Offsets of line starts. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

/** Where V8 points for a call whose `(` is at index `i` of `text`: the callee's last name, or `new`. */
export function v8CallColumn(text: string, i: number): number {
  // A getter runs from a property read: QuickJS points at the `.` (or `?.`), V8 at the name.
  if (text[i] === '.' && /[A-Za-z_$#]/.test(text[i + 1] ?? '')) return i + 1;
  if (text[i] === '?' && text[i + 1] === '.' && /[A-Za-z_$#]/.test(text[i + 2] ?? '')) return i + 2;
  if (text[i] !== '(') return i;
  let j = i;
  while (j > 0 && /\s/.test(text[j - 1]!)) j--;
  if (text.slice(j - 2, j) === '?.') {
    j -= 2;
    while (j > 0 && /\s/.test(text[j - 1]!)) j--;
  }
  let k = j;
  while (k > 0 && /[\w$]/.test(text[k - 1]!)) k--;
  if (k === j || /^\d/.test(text.slice(k, j))) return i;
  if (/^(?:if|for|while|switch|catch|function|return|typeof|await|void|in|of)$/.test(text.slice(k, j))) return i;
  // `new a.b.C(` → `new`
  let m = k;
  for (;;) {
    let p = m;
    while (p > 0 && /\s/.test(text[p - 1]!)) p--;
    if (p > 0 && text[p - 1] === '.') {
      p--;
      while (p > 0 && /\s/.test(text[p - 1]!)) p--;
      let q = p;
      while (q > 0 && /[\w$]/.test(text[q - 1]!)) q--;
      if (q === p) return k;
      m = q;
      continue;
    }
    if (p >= 3 && text.slice(p - 3, p) === 'new' && (p === 3 || !/[\w$.]/.test(text[p - 4]!))) return p - 3;
    return k;
  }
}

/** The CommonJS wrapper's parameters: declaring one lexically at the top level is ES module syntax. */
const COMMONJS_WRAPPER_NAMES = new Set(['require', 'module', 'exports', '__filename', '__dirname']);

/**
 * Node's syntax detection for an ambiguous `.js` file (https://nodejs.org/api/packages.html#syntax-detection):
 * true when the text is ES module syntax, i.e. it throws when compiled as CommonJS but parses as a module
 * (`import`/`export` statements, `import.meta`, top-level `await`), or lexically redeclares a CommonJS
 * wrapper variable at the top level (`const require = …`). Names that merely contain `import`
 * (`importCount = require("./x")`, esbuild's `import_node_crypto`) and `import()` calls stay CommonJS.
 * Text that parses neither way is CommonJS, so the CommonJS compile reports the syntax error.
 */
export function hasModuleSyntax(source: string): boolean {
  let script: AnyNode;
  try {
    script = parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, allowHashBang: true }) as unknown as AnyNode;
  } catch {
    try {
      parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
      return true;
    } catch {
      return false;
    }
  }
  for (const st of script['body'] as AnyNode[]) {
    const names: AnyNode[] = [];
    if (st.type === 'VariableDeclaration' && st['kind'] !== 'var') {
      for (const d of st['declarations'] as AnyNode[]) names.push(d['id'] as AnyNode);
    } else if (st.type === 'ClassDeclaration') names.push(st['id'] as AnyNode);
    if (names.some((n) => n.type === 'Identifier' && COMMONJS_WRAPPER_NAMES.has(n['name'] as string))) return true;
  }
  return false;
}

/** Prepare one user file. `kind` decides the parse goal and the CommonJS wrapper. */
export function prepareUserSource(source: string, kind: SourceKind, path = ''): PreparedSource {
  const edits: Edit[] = [];
  const fns: FnRange[] = [];
  // `return f(x)`: QuickJS places the call's frame at `return`; V8 at the callee (offset → offset).
  const returnCalls = new Map<number, number>();
  // An identifier evaluated first in its statement → where V8 reports it when it is not defined.
  const statementLeads = new Map<number, number>();
  let seq = 0;
  const add: AddEdit = (start, end, text, closing = false, anchor) => {
    edits.push({ start, end, text, closing, seq: seq++, ...(anchor === undefined ? {} : { anchor }) });
  };
  const starts = lineStarts(source);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  let transformed = false;
  try {
    const ast = parse(source, {
      ecmaVersion: 'latest',
      sourceType: kind === 'esm' ? 'module' : 'script',
      allowReturnOutsideFunction: kind === 'cjs',
      allowHashBang: true,
    }) as unknown as AnyNode;
    const position = (offset: number): string => {
      const l = lineOf(offset);
      return `${l + 1}:${offset - starts[l]! + 1}`;
    };
    collect(ast, source, path, position, MAY_HAVE_ASYNC.test(source), add, fns, returnCalls, statementLeads, kind === 'esm');
    transformed = true;
  } catch {
    // Unparsable (QuickJS will report the syntax error) or too deeply nested for the host: run as is.
    edits.length = 0;
    fns.length = 0;
    returnCalls.clear();
    statementLeads.clear();
  }
  // Node accepts a `#!` line at the top of a CommonJS file although the file runs inside the module
  // wrapper; the simulator turns it into a comment of the same length.
  if (source.startsWith('#!')) edits.push({ start: 0, end: 2, text: '//', closing: false, seq: -2 });
  if (kind === 'cjs') edits.unshift({ start: 0, end: 0, text: CJS_WRAPPER_PREFIX, closing: false, seq: -3 });

  // At one offset: closings first (innermost first), then openings (outermost first).
  edits.sort((a, b) => a.start - b.start || (a.closing === b.closing ? (a.closing ? b.seq - a.seq : a.seq - b.seq) : a.closing ? -1 : 1));
  let code = '';
  let at = 0;
  for (const e of edits) {
    code += source.slice(at, e.start) + e.text;
    at = Math.max(at, e.end);
  }
  code += source.slice(at);
  if (kind === 'cjs') code += CJS_WRAPPER_SUFFIX;

  // Per original line (0-based): edits as { col, del, ins } in order.
  const perLine = new Map<number, { col: number; del: number; ins: number; anchor: number | undefined }[]>();
  for (const e of edits) {
    const line = lineOf(e.start);
    const list = perLine.get(line) ?? [];
    list.push({ col: e.start - starts[line]!, del: e.end - e.start, ins: e.text.length, anchor: e.anchor });
    perLine.set(line, list);
  }
  fns.sort((a, b) => a.start - b.start);

  const toOriginal = (line: number, column: number): { col: number; synthetic: boolean; anchor?: number } => {
    const g = column - 1;
    let shift = 0;
    for (const e of perLine.get(line - 1) ?? []) {
      const genStart = e.col + shift;
      if (g < genStart) break;
      if (g < genStart + e.ins) return e.anchor === undefined ? { col: e.col, synthetic: true } : { col: e.col, synthetic: false, anchor: e.anchor };
      shift += e.ins - e.del;
    }
    return { col: g - shift, synthetic: false };
  };

  const functionAt = (offset: number): FnRange | null => {
    let best: FnRange | null = null;
    for (const f of fns) {
      if (f.start > offset) break;
      if (offset < f.end && (!best || f.start >= best.start)) best = f;
    }
    return best;
  };
  const genLineStarts = lineStarts(code);
  /** A function's position and V8 names, as frames report them. */
  const described = (f: FnRange | null): { fnStart: number; fn: FunctionName | null } => ({
    fnStart: f ? f.start : -1,
    fn: f ? { name: f.name, inferred: f.inferred, typeName: f.typeName } : null,
  });
  const lineEnd = (line: number): number => (line < starts.length ? starts[line]! - 1 : source.length);
  /** An offset in `code` → the original offset (for inserted text: where it was inserted). */
  const originalOffset = (g: number): { offset: number; synthetic: boolean } => {
    let lo = 0;
    let hi = genLineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (genLineStarts[mid]! <= g) lo = mid;
      else hi = mid - 1;
    }
    const o = toOriginal(lo + 1, g - genLineStarts[lo]! + 1);
    return { offset: (starts[lo] ?? 0) + o.col, synthetic: o.synthetic || o.anchor !== undefined };
  };

  return {
    code,
    transformed,
    frame(line, column, top = false) {
      const o = toOriginal(line, column);
      if (o.anchor !== undefined) {
        // A helper the simulator inserted (e.g. the destructuring check) stands for this place.
        const l = lineOf(o.anchor);
        const f = functionAt(o.anchor);
        const col = o.anchor - starts[l]! + 1;
        return { line: l + 1, column: col, rawColumn: col, synthetic: false, ...described(f) };
      }
      const lineStart = starts[line - 1];
      if (lineStart === undefined) return { line, column, rawColumn: column, synthetic: o.synthetic, fnStart: -1, fn: null };
      const end = lineEnd(line);
      const text = source.slice(lineStart, end);
      const atReturn = top ? undefined : returnCalls.get(lineStart + o.col);
      const col = o.synthetic ? o.col : atReturn !== undefined && atReturn >= lineStart && atReturn <= end ? atReturn - lineStart : v8CallColumn(text, o.col);
      return { line, column: col + 1, rawColumn: o.col + 1, synthetic: o.synthetic, ...described(functionAt(lineStart + o.col)) };
    },
    locate(text) {
      const at = text === '' ? -1 : code.indexOf(text);
      return at < 0 ? null : originalOffset(at).offset;
    },
    original(text) {
      const at = text === '' ? -1 : code.indexOf(text);
      if (at < 0) return null;
      const first = originalOffset(at);
      const last = originalOffset(at + text.length - 1);
      const end = last.synthetic ? last.offset : last.offset + 1;
      return end > first.offset ? source.slice(first.offset, end) : null;
    },
    functionAtPosition(line, column) {
      return described(functionAt((starts[line - 1] ?? 0) + column - 1));
    },
    v8Column(line, column, kind, name) {
      const o = toOriginal(line, column);
      const lineStart = starts[line - 1];
      if (o.synthetic || o.anchor !== undefined || lineStart === undefined) return null;
      const offset = lineStart + o.col;
      let target: number | null = null;
      if (kind === 'not-defined') {
        // QuickJS may point past the name (`x.y()` at the `.`): find the name on the line first.
        if (!name || !/^[A-Za-z_$][\w$]*$/.test(name)) return null;
        const re = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
        let at: number | null = null;
        for (const m of source.slice(lineStart, lineEnd(line)).matchAll(re)) {
          const start = lineStart + m.index;
          if (at === null || start <= offset) at = start;
          if (start > offset) break;
        }
        if (at === null) return null;
        target = statementLeads.get(at) ?? at;
      } else {
        // skip the target's last name (or `]`) and blanks; V8 points at the assignment operator
        let i = offset;
        if (source[i] === '.') i++;
        while (i < source.length && /[\w$#\]]/.test(source[i]!)) i++;
        while (i < source.length && (source[i] === ' ' || source[i] === '\t')) i++;
        const op = /^(?:\*\*|>>>|<<|>>|&&|\|\||\?\?|[-+*/%&|^])?=(?![=>])/.exec(source.slice(i, i + 5));
        if (op) target = i;
      }
      if (target === null) return null;
      const l = lineOf(target);
      if (l !== line - 1) return null;
      return this.generatedColumn(line, target - starts[l]! + 1);
    },
    generatedColumn(line, column) {
      const o = column - 1;
      let shift = 0;
      for (const e of perLine.get(line - 1) ?? []) {
        if (e.col > o) break;
        if (o < e.col + e.del) return e.col + shift + e.ins + 1;
        shift += e.ins - e.del;
      }
      return o + shift + 1;
    },
  };
}

/**
 * Walk the tree once (iteratively: deep nesting must not exhaust the host stack), recording each
 * function's V8 name and the edits that route async functions through the prelude.
 */
type AddEdit = (start: number, end: number, text: string, closing?: boolean, anchor?: number) => void;

function collect(
  root: AnyNode,
  source: string,
  path: string,
  position: (offset: number) => string,
  rewriteAsync: boolean,
  add: AddEdit,
  fns: FnRange[],
  returnCalls: Map<number, number>,
  statementLeads: Map<number, number>,
  esm = false,
): void {
  const stack: WalkItem[] = [{ node: root, parent: null, className: '', inAsync: false }];
  while (stack.length > 0) {
    const { node, parent, className, inAsync } = stack.pop()!;
    let innerClass = className;
    // Inside a rewritten async function, each `await` tells the runtime where it waits and on what,
    // so an error that arrives there gets V8's `at async …` frames.
    if (node.type === 'AwaitExpression' && inAsync) {
      const arg = node['argument'] as AnyNode;
      const site = JSON.stringify(`${path}:${position(node.start)}`);
      add(arg.start, arg.start, `${AWAIT_SITE}($lt$act,(`);
      add(arg.end, arg.end, `),${site})`, true);
    } else if (node.type === 'AwaitExpression' && esm) {
      // A top-level await of an ES module (the only `await` outside an async function an ES module may hold): the
      // module's evaluation is the awaiter, which V8 prints as `at async file:///var/task/app.mjs:7:16`.
      const arg = node['argument'] as AnyNode;
      const site = JSON.stringify(`${path}:${position(node.start)}`);
      add(arg.start, arg.start, `${AWAIT_SITE}(${MODULE_ACTIVATION}(${JSON.stringify(path)}),(`);
      add(arg.end, arg.end, `),${site})`, true);
    }
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
      const id = node['id'] as AnyNode | null;
      innerClass = id ? String(id['name']) : parent ? specName(node, parent) : '';
    }
    if (node.type === 'VariableDeclarator' && isNode(node['init']) && (node['id'] as AnyNode).type === 'ObjectPattern') {
      checkDestructuring(node['id'] as AnyNode, node['init'], add);
    }
    if (node.type === 'AssignmentExpression' && node['operator'] === '=' && (node['left'] as AnyNode).type === 'ObjectPattern') {
      checkDestructuring(node['left'] as AnyNode, node['right'] as AnyNode, add);
    }
    leadingIdentifier(node, statementLeads);
    // `catch (e) {`: the caught error in V8's words before the block reads it (QuickJS's own errors are translated
    // when they reach the runtime; a handler that catches one and returns `e.message` would show QuickJS's text).
    if (node.type === 'CatchClause' && isNode(node['param']) && (node['param'] as AnyNode).type === 'Identifier') {
      const body = node['body'] as AnyNode;
      add(body.start + 1, body.start + 1, `${CAUGHT}(${String((node['param'] as AnyNode)['name'])});`);
    }
    if (node.type === 'ForOfStatement' && node['await'] !== true) checkIterable(node['right'] as AnyNode, source, add);
    if (node.type === 'ReturnStatement' && isNode(node['argument'])) {
      const target = v8CallTarget(node['argument']);
      if (target !== null) returnCalls.set(node.start, target);
    }
    if (isFunction(node)) {
      const isConstructor = parent?.type === 'MethodDefinition' && parent['kind'] === 'constructor';
      if (isConstructor) {
        // V8 prints a class constructor's frame as `new Client`.
        fns.push({ start: node.start, end: node.end, name: `new ${className}`, inferred: '', typeName: '' });
        stackPushChildren(node, innerClass, false, stack);
        continue;
      }
      const name = parent ? specName(node, parent) : '';
      const inferred = parent && !name ? inferredName(node, parent) : '';
      fns.push({ start: node.start, end: node.end, name, inferred, typeName: receiverType(node, parent, className) });
      let instrumented = false;
      if (rewriteAsync && node['async'] === true && node['generator'] !== true) {
        rewrite(node, parent, name, source, add);
        instrumented = enterActivation(node, source, add);
      }
      stackPushChildren(node, innerClass, instrumented, stack);
      continue;
    }
    stackPushChildren(node, innerClass, inAsync, stack);
  }
}

type WalkItem = { node: AnyNode; parent: AnyNode | null; className: string; inAsync: boolean };

/**
 * First thing in a rewritten async function's body: `const $lt$act=__lt_enter();` (after any
 * "use strict"), the activation its `await`s report to. A concise arrow body becomes a block.
 */
function enterActivation(fn: AnyNode, source: string, add: AddEdit): boolean {
  const body = fn['body'] as AnyNode;
  const enter = `const $lt$act=${ENTER_ACTIVATION}();`;
  if (body.type !== 'BlockStatement') {
    // A concise body becomes `=> {enter;return ( … )}`. The block opens right after the `=>` token and
    // closes at the arrow's end, so parentheses and comments around the body (`=> (\n // note\n {…})`)
    // stay inside it. The `=>` is found with acorn's tokenizer, which skips comments.
    const params = fn['params'] as AnyNode[];
    const from = params.length > 0 ? params[params.length - 1]!.end : fn.start;
    let arrowEnd = -1;
    for (const t of tokenizer(source.slice(from, body.start), { ecmaVersion: 'latest' })) {
      if (t.type.label === '=>') {
        arrowEnd = from + t.end;
        break;
      }
    }
    if (arrowEnd < 0) return false;
    add(arrowEnd, arrowEnd, `{${enter}return (`);
    add(fn.end, fn.end, ')}', true);
    return true;
  }
  let at = body.start + 1;
  for (const st of body['body'] as AnyNode[]) {
    if (st.type === 'ExpressionStatement' && typeof st['directive'] === 'string') at = st.end;
    else break;
  }
  add(at, at, `;${enter}`);
  return true;
}

/** Queue a node's children so that the first child is visited next (pre-order). */
function stackPushChildren(node: AnyNode, className: string, inAsync: boolean, stack: WalkItem[]): void {
  const children: AnyNode[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (isNode(c)) children.push(c);
    } else if (isNode(v)) children.push(v);
  }
  for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, parent: node, className, inAsync });
}

/** Where V8 places the frame of the call a `return` makes: the callee's last name, or `new`. */
function v8CallTarget(arg: AnyNode): number | null {
  let n = arg;
  while (n.type === 'ParenthesizedExpression' || n.type === 'ChainExpression') n = n['expression'] as AnyNode;
  if (n.type === 'NewExpression') return n.start;
  if (n.type !== 'CallExpression') return null;
  const callee = n['callee'] as AnyNode;
  if (callee.type === 'MemberExpression' && !callee['computed']) return (callee['property'] as AnyNode).start;
  if (callee.type === 'Identifier') return callee.start;
  return null;
}

/** The `name` the language gives a function (or class) at this place (ECMA-262 NamedEvaluation). */
function specName(node: AnyNode, parent: AnyNode): string {
  const id = node['id'] as AnyNode | null | undefined;
  if (id && id.type === 'Identifier') return String(id['name']);
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent['init'] === node && (parent['id'] as AnyNode).type === 'Identifier' ? String((parent['id'] as AnyNode)['name']) : '';
    case 'AssignmentExpression':
      return parent['right'] === node && (parent['left'] as AnyNode).type === 'Identifier' ? String((parent['left'] as AnyNode)['name']) : '';
    case 'AssignmentPattern':
      return parent['right'] === node && (parent['left'] as AnyNode).type === 'Identifier' ? String((parent['left'] as AnyNode)['name']) : '';
    case 'Property':
    case 'PropertyDefinition':
    case 'MethodDefinition': {
      if (parent['value'] !== node) return '';
      const k = keyName(parent['key'] as AnyNode, parent['computed']);
      const kind = parent['kind'];
      return k && (kind === 'get' || kind === 'set') ? `${String(kind)} ${k}` : k;
    }
    case 'ExportDefaultDeclaration':
      return 'default';
    default:
      return '';
  }
}

/** V8's inferred name for an anonymous function assigned to a member: `exports.handler`. */
function inferredName(node: AnyNode, parent: AnyNode): string {
  if (parent.type === 'AssignmentExpression' && parent['right'] === node) return memberChain(parent['left'] as AnyNode);
  return '';
}

/** The receiver type V8 prints when this function is called as a method. */
function receiverType(node: AnyNode, parent: AnyNode | null, className: string): string {
  if (!parent) return '';
  // Getters and setters print as `get region` alone; static methods with the class's name (Node 22).
  if ((parent.type === 'MethodDefinition' || parent.type === 'Property') && (parent['kind'] === 'get' || parent['kind'] === 'set')) return '';
  if (parent.type === 'Property' && parent['value'] === node) return 'Object';
  if (parent.type === 'MethodDefinition' && parent['value'] === node) return className;
  return '';
}

function rewrite(node: AnyNode, parent: AnyNode | null, name: string, source: string, add: AddEdit): void {
  const params = paramList(expectedArgs(node));
  if (node.type === 'FunctionDeclaration') {
    const id = node['id'] as AnyNode | null;
    const fname = id ? String(id['name']) : '';
    add(node.start, node.start, `function ${fname}(${params}){return ${ASYNC_CALL}(this,arguments,`);
    // After the whole statement when it is exported (`export async function f`), so the mark is a statement.
    const after = parent && (parent.type === 'ExportNamedDeclaration' || parent.type === 'ExportDefaultDeclaration') ? parent.end : node.end;
    const mark = fname ? `;${ASYNC_MARK}(${fname});` : '';
    if (after === node.end) add(node.end, node.end, ')}' + mark, true);
    else {
      add(node.end, node.end, ')}', true);
      if (mark) add(after, after, mark, true);
    }
    return;
  }
  const isMethod = parent !== null && (parent.type === 'MethodDefinition' || (parent.type === 'Property' && (parent['method'] === true))) && parent['value'] === node;
  if (isMethod) {
    const key = parent['key'] as AnyNode;
    // Drop the `async` keyword before the key (`static async m`, `async *m` is a generator and skipped).
    const head = source.slice(parent.start, key.start);
    const idx = head.search(/\basync\b/);
    if (idx < 0) return;
    add(parent.start + idx, parent.start + idx + 5, '');
    const body = node['body'] as AnyNode;
    add(node.start, node.start, `(${params}){return ${ASYNC_CALL}(this,arguments,async `);
    add(body.start, body.start, '=>');
    add(node.end, node.end, `,${JSON.stringify(name)})}`, true);
    return;
  }
  add(node.start, node.start, `${ASYNC_WRAP}(`);
  add(node.end, node.end, name ? `,${JSON.stringify(name)})` : ')', true);
}

/**
 * `const { id } = event.pathParameters` when the value is null or undefined: V8 throws
 * "Cannot destructure property 'id' of 'event.pathParameters' as it is null." (QuickJS: "cannot convert
 * to object", at the wrong place). The value goes through `__lt_dst`, which throws V8's message;
 * frames in the inserted call are reported where V8 points (the first property's target).
 */
function checkDestructuring(pattern: AnyNode, value: AnyNode, add: AddEdit): void {
  const first = (pattern['properties'] as AnyNode[])[0];
  let anchor = pattern.start;
  let key = '';
  let mode = 'n'; // "Cannot destructure 'x' as it is null."
  if (first?.type === 'RestElement') anchor = (first['argument'] as AnyNode).start;
  else if (first?.type === 'Property' && !first['computed']) {
    const k = first['key'] as AnyNode;
    key = k.type === 'Identifier' ? String(k['name']) : String(k['value']);
    const target = first['value'] as AnyNode;
    anchor = target.start;
    // A default on the first property reads it instead: "Cannot read properties of null (reading 'a')".
    mode = target.type === 'AssignmentPattern' ? 'r' : 'p';
  }
  add(value.start, value.start, `${DESTRUCTURE_CHECK}((`, false, anchor);
  add(value.end, value.end, `),${JSON.stringify(v8Expression(value))},${JSON.stringify(key)},"${mode}")`, true, anchor);
}

/** How V8's CallPrinter names an expression in a destructuring error (`event.body`, `JSON.parse(...)`). */
function v8Expression(n: AnyNode): string {
  switch (n.type) {
    case 'Identifier':
      return String(n['name']);
    case 'ThisExpression':
      return 'this';
    case 'Literal':
      return n['value'] === null ? 'null' : typeof n['raw'] === 'string' ? n['raw'] : '(intermediate value)';
    case 'MemberExpression': {
      const obj = v8Expression(n['object'] as AnyNode);
      const prop = n['property'] as AnyNode;
      if (!n['computed']) return `${obj}.${keyName(prop, false)}`;
      if (prop.type === 'Literal' && typeof prop['value'] === 'string' && /^[A-Za-z_$][\w$]*$/.test(prop['value'])) return `${obj}.${prop['value']}`;
      return `${obj}[${v8Expression(prop)}]`;
    }
    case 'CallExpression':
      return `${v8Expression(n['callee'] as AnyNode)}(...)`;
    case 'LogicalExpression':
    case 'BinaryExpression':
      return `(${v8Expression(n['left'] as AnyNode)} ${String(n['operator'])} ${v8Expression(n['right'] as AnyNode)})`;
    case 'ConditionalExpression':
      return '(intermediate value)(intermediate value)(intermediate value)';
    case 'ObjectExpression':
      return '{(intermediate value)}';
    default:
      return '(intermediate value)';
  }
}

/** The identifier V8 loads first when evaluating `n` (its "leading" leaf), or null. */
function firstLeaf(n: AnyNode | null | undefined): AnyNode | null {
  if (!n) return null;
  switch (n.type) {
    case 'Identifier':
      return n;
    case 'UnaryExpression':
      return n['operator'] === 'typeof' ? null : firstLeaf(n['argument'] as AnyNode);
    case 'ConditionalExpression':
      return firstLeaf(n['test'] as AnyNode);
    case 'MemberExpression':
      return firstLeaf(n['object'] as AnyNode);
    case 'CallExpression':
      return firstLeaf(n['callee'] as AnyNode);
    case 'LogicalExpression':
      return firstLeaf(n['left'] as AnyNode);
    case 'BinaryExpression': {
      // `2 * x`: V8 loads x first (a small-integer operation); `1 + y.k` it evaluates in order.
      const left = n['left'] as AnyNode;
      const right = n['right'] as AnyNode;
      if (left.type === 'Literal' && typeof left['value'] === 'number' && right.type === 'Identifier') return right;
      return firstLeaf(left);
    }
    default:
      return null;
  }
}

/**
 * V8 attaches a statement's position to the first bytecode it emits, and a later expression position
 * does not replace a pending statement position (BytecodeArrayBuilder). So an undefined variable read
 * first in `return x`, `if (x)`, `throw x`, `switch (x)` or `a = x + 1` is reported at the statement,
 * and in `const y = 2 * x` at the initializer. Checked against Node 22 (34 cases; see
 * tests/engine/sandbox/fixtures/v8-traces.json for the ones kept as captures).
 */
function leadingIdentifier(node: AnyNode, leads: Map<number, number>): void {
  let expr: AnyNode | null = null;
  let at = node.start;
  switch (node.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
      expr = (node['argument'] as AnyNode | null) ?? null;
      break;
    case 'IfStatement':
      expr = node['test'] as AnyNode;
      break;
    case 'SwitchStatement':
      expr = node['discriminant'] as AnyNode;
      break;
    case 'ExpressionStatement': {
      const e = node['expression'] as AnyNode;
      expr = e.type === 'AssignmentExpression' && e['operator'] === '=' && (e['left'] as AnyNode).type === 'Identifier' ? (e['right'] as AnyNode) : e;
      break;
    }
    case 'VariableDeclarator':
      expr = (node['init'] as AnyNode | null) ?? null;
      at = expr ? expr.start : at;
      break;
    default:
      return;
  }
  const leaf = firstLeaf(expr);
  if (leaf && leaf.start !== at) leads.set(leaf.start, at);
}

/**
 * `for (const r of event.Records)` over something that is not iterable: V8 names the expression
 * ("event.Records is not iterable"; for a call "f is not a function or its return value is not
 * iterable") and points at it. Only expressions V8 prints that way are checked.
 */
function checkIterable(right: AnyNode, source: string, add: AddEdit): void {
  let text: string;
  let call = false;
  let anchor = right.start;
  if (right.type === 'Identifier' || right.type === 'Literal') text = v8Expression(right);
  else if (right.type === 'MemberExpression' && !right['optional']) {
    text = v8Expression(right);
    const obj = right['object'] as AnyNode;
    anchor = right['computed'] ? source.indexOf('[', obj.end) : (right['property'] as AnyNode).start;
    if (anchor < 0) return;
  } else if (right.type === 'CallExpression' && !right['optional']) {
    text = v8Expression(right['callee'] as AnyNode);
    call = true;
  } else return;
  if (text.includes('(intermediate value)')) return;
  add(right.start, right.start, `${ITERABLE_CHECK}((`, false, anchor);
  add(right.end, right.end, `),${JSON.stringify(text)},${call})`, true, anchor);
}

