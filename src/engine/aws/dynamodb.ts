/**
 * DynamoDB data on the host: AttributeValue maps, marshalling of seed data, and the small subset of
 * the expression language the simulator evaluates (documented in SIMULATION.md "AWS world"):
 * - KeyConditionExpression: `pk = :v` optionally `AND sk = :s`, `AND sk <op> :s` (<, <=, >, >=),
 *   `AND begins_with(sk, :p)`, `AND sk BETWEEN :a AND :b`;
 * - UpdateExpression: `SET a = :v, b = b + :n, c = if_not_exists(c, :d)` and `REMOVE a, b`;
 * - ConditionExpression / FilterExpression: clauses joined by AND: `attribute_exists(a)`,
 *   `attribute_not_exists(a)`, `a = :v`, `a <> :v`, `begins_with(a, :p)`.
 * Names may be `#placeholders` from ExpressionAttributeNames. Anything else is a ValidationException
 * that says the simulator does not support it.
 * Expression grammar: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.html
 */
import { ddbValidation, type WireError } from './errors.ts';

/** One DynamoDB AttributeValue. */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: AttributeMap }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

/** An item: attribute name → value. */
export type AttributeMap = Record<string, AttributeValue>;

/** Plain JSON → AttributeValue (seed data). Numbers become N, arrays L, objects M. */
export function marshallValue(v: unknown): AttributeValue {
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number') return { N: String(v) };
  if (typeof v === 'boolean') return { BOOL: v };
  if (v === null || v === undefined) return { NULL: true };
  if (Array.isArray(v)) return { L: v.map(marshallValue) };
  const out: AttributeMap = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = marshallValue(x);
  return { M: out };
}

/** Plain object → item. */
export function marshallItem(o: Record<string, unknown>): AttributeMap {
  const out: AttributeMap = {};
  for (const [k, x] of Object.entries(o)) out[k] = marshallValue(x);
  return out;
}

/** AttributeValue → plain JSON (for snapshots). Sets become arrays, binary base64 text. */
export function unmarshallValue(a: AttributeValue): unknown {
  if ('S' in a) return a.S;
  if ('N' in a) return Number(a.N);
  if ('B' in a) return a.B;
  if ('BOOL' in a) return a.BOOL;
  if ('NULL' in a) return null;
  if ('L' in a) return a.L.map(unmarshallValue);
  if ('M' in a) return unmarshallItem(a.M);
  if ('SS' in a) return [...a.SS];
  if ('NS' in a) return a.NS.map(Number);
  return [...a.BS];
}

/** Item → plain object. */
export function unmarshallItem(m: AttributeMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) out[k] = unmarshallValue(v);
  return out;
}

/** Is `v` a well-formed AttributeValue (one type key)? */
export function isAttributeValue(v: unknown): v is AttributeValue {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && ['S', 'N', 'B', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'BS'].includes(keys[0] as string);
}

/** Deep equality of two AttributeValues (N compared numerically). */
export function avEquals(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (!a || !b) return false;
  if ('N' in a && 'N' in b) return Number(a.N) === Number(b.N);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Compare scalars (S/N/B) for ordering; null when types differ. */
export function avCompare(a: AttributeValue | undefined, b: AttributeValue | undefined): number | null {
  if (!a || !b) return null;
  if ('N' in a && 'N' in b) return Number(a.N) - Number(b.N);
  if ('S' in a && 'S' in b) return a.S < b.S ? -1 : a.S > b.S ? 1 : 0;
  if ('B' in a && 'B' in b) return a.B < b.B ? -1 : a.B > b.B ? 1 : 0;
  return null;
}

/** Expression context. */
export interface ExprContext {
  names: Record<string, string>;
  values: Record<string, AttributeValue>;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

function resolveName(token: string, ctx: ExprContext, expr: string): Result<string> {
  const t = token.trim();
  if (t.startsWith('#')) {
    const n = ctx.names[t];
    // UNVERIFIED text (shape of DynamoDB's "An expression attribute name used in the document path is not defined")
    if (n === undefined) return { ok: false, error: ddbValidation(`Invalid ${expr}: An expression attribute name used in the document path is not defined; attribute name: ${t}`) };
    return { ok: true, value: n };
  }
  if (!/^[A-Za-z_][\w.]*$/.test(t)) return { ok: false, error: ddbValidation(`Invalid ${expr}: Syntax error; token: "${t}" (the Lambda Triage simulator supports simple attribute names and #placeholders)`) };
  return { ok: true, value: t };
}

function resolveValue(token: string, ctx: ExprContext, expr: string): Result<AttributeValue> {
  const t = token.trim();
  const v = ctx.values[t];
  // UNVERIFIED text (DynamoDB: "An expression attribute value used in expression is not defined")
  if (!t.startsWith(':') || v === undefined) return { ok: false, error: ddbValidation(`Invalid ${expr}: An expression attribute value used in expression is not defined; attribute value: ${t}`) };
  return { ok: true, value: v };
}

/** A parsed key condition. */
export interface KeyCondition {
  pkName: string;
  pkValue: AttributeValue;
  sk?: { name: string; op: '=' | '<' | '<=' | '>' | '>=' | 'begins_with' | 'between'; values: AttributeValue[] };
}

/** Parse a KeyConditionExpression. */
export function parseKeyCondition(expr: string, ctx: ExprContext): Result<KeyCondition> {
  const E = 'KeyConditionExpression';
  const between = /^\s*(.+?)\s+BETWEEN\s+(:\w+)\s+AND\s+(:\w+)\s*$/i;
  let parts = splitAnd(expr);
  // Either order is read (`sk > :a AND pk = :p`); the documents do not fix one (UNVERIFIED that DynamoDB accepts both).
  const eq = /^\s*([#\w.]+)\s*=\s*(:\w+)\s*$/;
  if (parts.length === 2 && !eq.test(parts[0] as string) && eq.test(parts[1] as string)) parts = [parts[1] as string, parts[0] as string];
  if (parts.length === 0 || parts.length > 2) return { ok: false, error: ddbValidation(`Invalid ${E}: the Lambda Triage simulator supports "pk = :v" optionally followed by one sort-key condition`) };
  const first = /^\s*([#\w.]+)\s*=\s*(:\w+)\s*$/.exec(parts[0] as string);
  if (!first) return { ok: false, error: ddbValidation(`Invalid ${E}: the partition key condition must be "name = :value"`) };
  const pk = resolveName(first[1] as string, ctx, E);
  if (!pk.ok) return pk;
  const pv = resolveValue(first[2] as string, ctx, E);
  if (!pv.ok) return pv;
  const out: KeyCondition = { pkName: pk.value, pkValue: pv.value };
  if (parts.length === 2) {
    const p = parts[1] as string;
    const bm = between.exec(p);
    if (bm) {
      const n = resolveName(bm[1] as string, ctx, E);
      if (!n.ok) return n;
      const a = resolveValue(bm[2] as string, ctx, E);
      if (!a.ok) return a;
      const b = resolveValue(bm[3] as string, ctx, E);
      if (!b.ok) return b;
      out.sk = { name: n.value, op: 'between', values: [a.value, b.value] };
      return { ok: true, value: out };
    }
    let m = /^\s*begins_with\s*\(\s*([#\w.]+)\s*,\s*(:\w+)\s*\)\s*$/i.exec(p);
    if (m) {
      const n = resolveName(m[1] as string, ctx, E);
      if (!n.ok) return n;
      const v = resolveValue(m[2] as string, ctx, E);
      if (!v.ok) return v;
      out.sk = { name: n.value, op: 'begins_with', values: [v.value] };
      return { ok: true, value: out };
    }
    m = /^\s*([#\w.]+)\s*(<=|>=|=|<|>)\s*(:\w+)\s*$/.exec(p);
    if (m) {
      const n = resolveName(m[1] as string, ctx, E);
      if (!n.ok) return n;
      const v = resolveValue(m[3] as string, ctx, E);
      if (!v.ok) return v;
      out.sk = { name: n.value, op: m[2] as '=', values: [v.value] };
      return { ok: true, value: out };
    }
    return { ok: false, error: ddbValidation(`Invalid ${E}: unsupported sort key condition "${p.trim()}"`) };
  }
  return { ok: true, value: out };
}

// Split on top-level AND, keeping `BETWEEN :a AND :b` together.
function splitAnd(expr: string): string[] {
  const tokens = expr.split(/\s+AND\s+/i);
  const out: string[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /\sBETWEEN\s+:\w+\s*$/i.test(prev)) out[out.length - 1] = `${prev} AND ${t}`;
    else out.push(t);
  }
  return out.filter((s) => s.trim() !== '');
}

/** Does an item satisfy a parsed key condition? */
export function matchesKeyCondition(item: AttributeMap, kc: KeyCondition): boolean {
  if (!avEquals(item[kc.pkName], kc.pkValue)) return false;
  if (!kc.sk) return true;
  const v = item[kc.sk.name];
  const [a, b] = kc.sk.values;
  switch (kc.sk.op) {
    case 'begins_with':
      return !!v && !!a && 'S' in v && 'S' in a && v.S.startsWith(a.S);
    case 'between': {
      const lo = avCompare(v, a);
      const hi = avCompare(v, b);
      return lo !== null && hi !== null && lo >= 0 && hi <= 0;
    }
    default: {
      const c = avCompare(v, a);
      if (c === null) return false;
      return kc.sk.op === '=' ? c === 0 : kc.sk.op === '<' ? c < 0 : kc.sk.op === '<=' ? c <= 0 : kc.sk.op === '>' ? c > 0 : c >= 0;
    }
  }
}

// ---------------------------------------------------------------- condition and filter expressions
// Grammar and precedence from https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html:
// comparisons (= <> < <= > >=), BETWEEN, IN, the functions attribute_exists, attribute_not_exists, attribute_type,
// begins_with, contains, size; then parentheses, NOT, AND, OR (lowest). Comparing values of different types is false.
type Tok = { t: 'name' | 'value' | 'op' | 'punct' | 'word'; v: string; at: number };

function tokenize(expr: string): Tok[] | { bad: string; at: number } {
  const out: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = expr.slice(i);
    const op = /^(<>|<=|>=|=|<|>)/.exec(rest);
    if (op) {
      out.push({ t: 'op', v: op[1] as string, at: i });
      i += (op[1] as string).length;
      continue;
    }
    if ('(),.[]'.includes(c)) {
      out.push({ t: 'punct', v: c, at: i });
      i++;
      continue;
    }
    const val = /^:[A-Za-z0-9_]+/.exec(rest);
    if (val) {
      out.push({ t: 'value', v: val[0], at: i });
      i += val[0].length;
      continue;
    }
    const nm = /^#[A-Za-z0-9_]+/.exec(rest);
    if (nm) {
      out.push({ t: 'name', v: nm[0], at: i });
      i += nm[0].length;
      continue;
    }
    const w = /^[A-Za-z0-9_]+/.exec(rest);
    if (w) {
      out.push({ t: 'word', v: w[0], at: i });
      i += w[0].length;
      continue;
    }
    return { bad: c, at: i };
  }
  return out;
}

type PathSeg = string | number;
type Operand = { kind: 'path'; path: PathSeg[] } | { kind: 'value'; value: AttributeValue } | { kind: 'size'; path: PathSeg[] };
type Cond =
  | { kind: 'cmp'; op: string; a: Operand; b: Operand }
  | { kind: 'between'; a: Operand; lo: Operand; hi: Operand }
  | { kind: 'in'; a: Operand; list: Operand[] }
  | { kind: 'fn'; name: string; path: PathSeg[]; arg?: Operand }
  | { kind: 'not'; c: Cond }
  | { kind: 'and' | 'or'; a: Cond; b: Cond };

const RESERVED_FUNCTIONS = ['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains', 'size'];

/** Parse a condition or filter expression (pure: names and values are resolved while parsing). */
export function parseConditionExpression(expr: string, ctx: ExprContext, which: string): Result<(item: AttributeMap | undefined) => boolean> {
  const tokenized = tokenize(expr);
  // Message shapes follow DynamoDB's "Invalid ConditionExpression: Syntax error; token: …, near: …" (UNVERIFIED texts).
  const syntax = (token: string): Result<never> => ({ ok: false, error: ddbValidation(`Invalid ${which}: Syntax error; token: "${token}", near: "${expr.trim()}"`) });
  if (!Array.isArray(tokenized)) return syntax(tokenized.bad);
  const toks: Tok[] = tokenized;
  if (toks.length === 0) return { ok: false, error: ddbValidation(`Invalid ${which}: The expression can not be empty;`) };
  let pos = 0;
  let failure: Result<never> | null = null;
  const peek = (): Tok | undefined => toks[pos];
  const isWord = (w: string): boolean => peek()?.t === 'word' && (peek() as Tok).v.toUpperCase() === w;
  const expect = (v: string): boolean => {
    if (peek()?.v === v) {
      pos++;
      return true;
    }
    failure = failure ?? syntax(peek()?.v ?? '<EOF>');
    return false;
  };
  function path(): PathSeg[] | null {
    const segs: PathSeg[] = [];
    for (;;) {
      const t = peek();
      if (!t || (t.t !== 'word' && t.t !== 'name')) {
        failure = failure ?? syntax(t?.v ?? '<EOF>');
        return null;
      }
      pos++;
      if (t.t === 'name') {
        const n = ctx.names[t.v];
        if (n === undefined) {
          failure = failure ?? { ok: false, error: ddbValidation(`Invalid ${which}: An expression attribute name used in the document path is not defined; attribute name: ${t.v}`) };
          return null;
        }
        segs.push(n);
      } else segs.push(t.v);
      while (peek()?.v === '[') {
        pos++;
        const n = peek();
        if (!n || n.t !== 'word' || !/^\d+$/.test(n.v)) {
          failure = failure ?? syntax(n?.v ?? '<EOF>');
          return null;
        }
        pos++;
        segs.push(Number(n.v));
        if (!expect(']')) return null;
      }
      if (peek()?.v === '.') {
        pos++;
        continue;
      }
      return segs;
    }
  }
  function operand(): Operand | null {
    const t = peek();
    if (!t) {
      failure = failure ?? syntax('<EOF>');
      return null;
    }
    if (t.t === 'value') {
      pos++;
      const v = ctx.values[t.v];
      if (v === undefined) {
        failure = failure ?? { ok: false, error: ddbValidation(`Invalid ${which}: An expression attribute value used in expression is not defined; attribute value: ${t.v}`) };
        return null;
      }
      return { kind: 'value', value: v };
    }
    if (t.t === 'word' && t.v.toLowerCase() === 'size' && toks[pos + 1]?.v === '(') {
      pos += 2;
      const p = path();
      if (!p || !expect(')')) return null;
      return { kind: 'size', path: p };
    }
    const p = path();
    return p ? { kind: 'path', path: p } : null;
  }
  function primary(): Cond | null {
    const t = peek();
    if (!t) {
      failure = failure ?? syntax('<EOF>');
      return null;
    }
    if (t.v === '(') {
      pos++;
      const c = orExpr();
      if (!c || !expect(')')) return null;
      return c;
    }
    if (isWord('NOT')) {
      pos++;
      const c = primary();
      return c ? { kind: 'not', c } : null;
    }
    const fname = t.t === 'word' ? t.v.toLowerCase() : '';
    if (RESERVED_FUNCTIONS.includes(fname) && fname !== 'size' && toks[pos + 1]?.v === '(') {
      pos += 2;
      const p = path();
      if (!p) return null;
      let arg: Operand | undefined;
      if (fname !== 'attribute_exists' && fname !== 'attribute_not_exists') {
        if (!expect(',')) return null;
        const o = operand();
        if (!o) return null;
        arg = o;
      }
      if (!expect(')')) return null;
      return arg ? { kind: 'fn', name: fname, path: p, arg } : { kind: 'fn', name: fname, path: p };
    }
    const a = operand();
    if (!a) return null;
    const n = peek();
    if (n?.t === 'op') {
      pos++;
      const b = operand();
      return b ? { kind: 'cmp', op: n.v, a, b } : null;
    }
    if (isWord('BETWEEN')) {
      pos++;
      const lo = operand();
      if (!lo) return null;
      if (!isWord('AND')) {
        failure = failure ?? syntax(peek()?.v ?? '<EOF>');
        return null;
      }
      pos++;
      const hi = operand();
      return hi ? { kind: 'between', a, lo, hi } : null;
    }
    if (isWord('IN')) {
      pos++;
      if (!expect('(')) return null;
      const list: Operand[] = [];
      for (;;) {
        const o = operand();
        if (!o) return null;
        list.push(o);
        if (peek()?.v === ',') {
          pos++;
          continue;
        }
        break;
      }
      if (!expect(')')) return null;
      return { kind: 'in', a, list };
    }
    failure = failure ?? syntax(n?.v ?? '<EOF>');
    return null;
  }
  function andExpr(): Cond | null {
    let a = primary();
    while (a && isWord('AND')) {
      pos++;
      const b = primary();
      if (!b) return null;
      a = { kind: 'and', a, b };
    }
    return a;
  }
  function orExpr(): Cond | null {
    let a = andExpr();
    while (a && isWord('OR')) {
      pos++;
      const b = andExpr();
      if (!b) return null;
      a = { kind: 'or', a, b };
    }
    return a;
  }
  const root = orExpr();
  if (failure) return failure;
  if (!root) return syntax(peek()?.v ?? '<EOF>');
  if (pos < toks.length) return syntax((toks[pos] as Tok).v);
  return { ok: true, value: (item) => evalCond(root, item) };
}

function getPath(item: AttributeMap | undefined, path: PathSeg[]): AttributeValue | undefined {
  let cur: AttributeValue | undefined = item ? item[path[0] as string] : undefined;
  for (const seg of path.slice(1)) {
    if (!cur) return undefined;
    if (typeof seg === 'number') cur = 'L' in cur ? cur.L[seg] : undefined;
    else cur = 'M' in cur ? cur.M[seg] : undefined;
  }
  return cur;
}

function sizeOf(v: AttributeValue | undefined): AttributeValue | undefined {
  if (!v) return undefined;
  // size(): string length, binary length, set/list element count, map entry count (Expressions.OperatorsAndFunctions).
  if ('S' in v) return { N: String(v.S.length) };
  if ('B' in v) return { N: String((v.B as unknown as { length?: number }).length ?? 0) };
  if ('SS' in v) return { N: String(v.SS.length) };
  if ('NS' in v) return { N: String(v.NS.length) };
  if ('BS' in v) return { N: String(v.BS.length) };
  if ('L' in v) return { N: String(v.L.length) };
  if ('M' in v) return { N: String(Object.keys(v.M).length) };
  return undefined;
}

function operandValue(o: Operand, item: AttributeMap | undefined): AttributeValue | undefined {
  if (o.kind === 'value') return o.value;
  if (o.kind === 'size') return sizeOf(getPath(item, o.path));
  return getPath(item, o.path);
}

function typeOf(v: AttributeValue): string {
  return Object.keys(v)[0] ?? '';
}

function evalCond(c: Cond, item: AttributeMap | undefined): boolean {
  switch (c.kind) {
    case 'and':
      return evalCond(c.a, item) && evalCond(c.b, item);
    case 'or':
      return evalCond(c.a, item) || evalCond(c.b, item);
    case 'not':
      return !evalCond(c.c, item);
    case 'cmp': {
      const a = operandValue(c.a, item);
      const b = operandValue(c.b, item);
      if (c.op === '=') return !!a && !!b && avEquals(a, b);
      if (c.op === '<>') return !a || !b ? !!(a || b) : !avEquals(a, b);
      const r = avCompare(a, b);
      if (r === null) return false;
      return c.op === '<' ? r < 0 : c.op === '<=' ? r <= 0 : c.op === '>' ? r > 0 : r >= 0;
    }
    case 'between': {
      const a = operandValue(c.a, item);
      const lo = avCompare(a, operandValue(c.lo, item));
      const hi = avCompare(a, operandValue(c.hi, item));
      return lo !== null && hi !== null && lo >= 0 && hi <= 0;
    }
    case 'in': {
      const a = operandValue(c.a, item);
      return !!a && c.list.some((o) => avEquals(a, operandValue(o, item)));
    }
    case 'fn': {
      const v = getPath(item, c.path);
      const arg = c.arg ? operandValue(c.arg, item) : undefined;
      switch (c.name) {
        case 'attribute_exists':
          return v !== undefined;
        case 'attribute_not_exists':
          return v === undefined;
        case 'attribute_type':
          return !!v && !!arg && 'S' in arg && typeOf(v) === arg.S;
        case 'begins_with':
          return !!v && !!arg && 'S' in v && 'S' in arg && v.S.startsWith(arg.S);
        case 'contains': {
          if (!v || !arg) return false;
          if ('S' in v) return 'S' in arg && v.S.includes(arg.S);
          if ('SS' in v) return 'S' in arg && v.SS.includes(arg.S);
          if ('NS' in v) return 'N' in arg && v.NS.some((n) => Number(n) === Number(arg.N));
          if ('L' in v) return v.L.some((x) => avEquals(x, arg));
          return false;
        }
      }
      return false;
    }
  }
}

/** Evaluate a ConditionExpression / FilterExpression against an item (undefined item = no item). */
export function evaluateCondition(expr: string, item: AttributeMap | undefined, ctx: ExprContext, which: string): Result<boolean> {
  const parsed = parseConditionExpression(expr, ctx, which);
  if (!parsed.ok) return parsed;
  return { ok: true, value: parsed.value(item) };
}

// ---------------------------------------------------------------- document paths in update expressions
// A path is a top-level name followed by `.name` map members and `[n]` list elements, each name possibly a #placeholder
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.Attributes.html#Expressions.Attributes.NestedAttributes).
function parseDocPath(text: string, ctx: ExprContext, E: string): Result<PathSeg[]> {
  const t = text.trim();
  if (!/^[#A-Za-z_][\w]*(\[\d+\])*(\.[#A-Za-z_][\w]*(\[\d+\])*)*$/.test(t)) return { ok: false, error: ddbValidation(`Invalid ${E}: Syntax error; token: "${t}", near: "${t}"`) }; // UNVERIFIED text
  const segs: PathSeg[] = [];
  for (const part of t.split('.')) {
    const m = /^([#\w]+)((?:\[\d+\])*)$/.exec(part) as RegExpExecArray;
    const n = resolveName(m[1] as string, ctx, E);
    if (!n.ok) return n;
    segs.push(n.value);
    for (const idx of (m[2] as string).match(/\d+/g) ?? []) segs.push(Number(idx));
  }
  return { ok: true, value: segs };
}

// DynamoDB text (UNVERIFIED): "The document path provided in the update expression is invalid for update"
const invalidDocPath = (): Result<never> => ({ ok: false, error: ddbValidation('The document path provided in the update expression is invalid for update') });

/** Set a value at a path; the parent map or list must exist (DynamoDB does not create intermediate levels). */
function setDocPath(item: AttributeMap, segs: PathSeg[], value: AttributeValue): Result<true> {
  if (segs.length === 1) {
    item[segs[0] as string] = value;
    return { ok: true, value: true };
  }
  const parent = getPath(item, segs.slice(0, -1));
  const last = segs[segs.length - 1] as PathSeg;
  if (parent && typeof last === 'string' && 'M' in parent) parent.M[last] = value;
  else if (parent && typeof last === 'number' && 'L' in parent) {
    // An index past the end appends (Expressions.UpdateExpressions: "adding elements to a list").
    if (last >= parent.L.length) parent.L.push(value);
    else parent.L[last] = value;
  } else return invalidDocPath();
  return { ok: true, value: true };
}

function removeDocPath(item: AttributeMap, segs: PathSeg[]): void {
  if (segs.length === 1) {
    delete item[segs[0] as string];
    return;
  }
  const parent = getPath(item, segs.slice(0, -1));
  const last = segs[segs.length - 1] as PathSeg;
  if (parent && typeof last === 'string' && 'M' in parent) delete parent.M[last];
  else if (parent && typeof last === 'number' && 'L' in parent && last < parent.L.length) parent.L.splice(last, 1);
}

/**
 * ProjectionExpression: only the named paths, nested ones inside their maps; list elements picked by index come back
 * in index order, without gaps — https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html.
 * A path the item lacks is left out. An empty or absent expression returns the whole item.
 */
export function projectItem(item: AttributeMap, pe: unknown, names: Record<string, string>): Result<AttributeMap> {
  if (typeof pe !== 'string' || pe.trim() === '') return { ok: true, value: item };
  const E = 'ProjectionExpression';
  const picks: Array<{ segs: PathSeg[]; value: AttributeValue }> = [];
  for (const part of pe.split(',')) {
    const path = parseDocPath(part, { names, values: {} }, E);
    if (!path.ok) return path;
    const v = getPath(item, path.value);
    if (v !== undefined) picks.push({ segs: path.value, value: v });
  }
  // Build the result from the item's own shape: a map keeps the picked members, a list keeps the picked indexes.
  const build = (src: AttributeValue, paths: PathSeg[][]): AttributeValue => {
    if (paths.some((p) => p.length === 0)) return src;
    if ('M' in src) {
      const m: AttributeMap = {};
      for (const k of new Set(paths.map((p) => p[0] as string))) {
        const child = src.M[k];
        if (child) m[k] = build(child, paths.filter((p) => p[0] === k).map((p) => p.slice(1)));
      }
      return { M: m };
    }
    if ('L' in src) {
      const idx = [...new Set(paths.map((p) => p[0] as number))].sort((x, y) => x - y);
      return { L: idx.filter((i) => src.L[i] !== undefined).map((i) => build(src.L[i] as AttributeValue, paths.filter((p) => p[0] === i).map((p) => p.slice(1)))) };
    }
    return src;
  };
  const out = build({ M: item }, picks.map((p) => p.segs)) as { M: AttributeMap };
  return { ok: true, value: out.M };
}

/** Apply an UpdateExpression to an item (mutates a copy; returns it). */
export function applyUpdate(expr: string, item: AttributeMap, ctx: ExprContext): Result<AttributeMap> {
  const E = 'UpdateExpression';
  const out: AttributeMap = JSON.parse(JSON.stringify(item)) as AttributeMap;
  // Clauses SET, REMOVE, ADD, DELETE — https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
  const sections = expr.split(/\b(SET|REMOVE|ADD|DELETE)\b/i).map((s) => s.trim()).filter((s) => s !== '');
  if (sections.length === 0) return { ok: false, error: ddbValidation(`Invalid ${E}: The expression can not be empty;`) };
  for (let i = 0; i < sections.length; i += 2) {
    const kw = (sections[i] as string).toUpperCase();
    const body = sections[i + 1];
    if (!['SET', 'REMOVE', 'ADD', 'DELETE'].includes(kw) || body === undefined) {
      return { ok: false, error: ddbValidation(`Invalid ${E}: Syntax error; token: "${sections[i] ?? ''}", near: "${expr}"`) }; // UNVERIFIED text
    }
    for (const action of splitTopLevel(body)) {
      if (kw === 'ADD' || kw === 'DELETE') {
        // ADD: add a number, or add elements to a set (creating it); DELETE: remove elements from a set.
        const m = /^([#\w.[\]]+)\s+(:\w+)$/.exec(action);
        if (!m) return { ok: false, error: ddbValidation(`Invalid ${E}: Syntax error in "${action}"`) };
        const path = parseDocPath(m[1] as string, ctx, E);
        if (!path.ok) return path;
        const v = resolveValue(m[2] as string, ctx, E);
        if (!v.ok) return v;
        const cur = getPath(out, path.value);
        const put = (val: AttributeValue): Result<true> => setDocPath(out, path.value, val);
        const setKind = (['SS', 'NS', 'BS'] as const).find((k) => k in v.value);
        if (kw === 'ADD' && 'N' in v.value && (cur === undefined || 'N' in cur)) {
          const r = put({ N: String(Number(cur && 'N' in cur ? cur.N : 0) + Number(v.value.N)) });
          if (!r.ok) return r;
        } else if (setKind && (cur === undefined || setKind in cur)) {
          const have = cur ? ((cur as Record<string, unknown[]>)[setKind] as unknown[]) : [];
          const delta = (v.value as Record<string, unknown[]>)[setKind] as unknown[];
          const next = kw === 'ADD' ? [...have, ...delta.filter((x) => !have.some((h) => JSON.stringify(h) === JSON.stringify(x)))] : have.filter((h) => !delta.some((x) => JSON.stringify(h) === JSON.stringify(x)));
          if (next.length === 0) removeDocPath(out, path.value);
          else {
            const r = put({ [setKind]: next } as AttributeValue);
            if (!r.ok) return r;
          }
        } else if (kw === 'DELETE' && cur === undefined) {
          continue;
        } else {
          // DynamoDB text (UNVERIFIED): "An operand in the update expression has an incorrect data type"
          return { ok: false, error: ddbValidation('An operand in the update expression has an incorrect data type') };
        }
        continue;
      }
      if (kw === 'REMOVE') {
        const path = parseDocPath(action, ctx, E);
        if (!path.ok) return path;
        removeDocPath(out, path.value);
        continue;
      }
      const m = /^([#\w.[\]]+)\s*=\s*(.+)$/.exec(action);
      if (!m) return { ok: false, error: ddbValidation(`Invalid ${E}: Syntax error in "${action}"`) };
      const target = parseDocPath(m[1] as string, ctx, E);
      if (!target.ok) return target;
      const rhs = (m[2] as string).trim();
      // Actions apply in order, each reading the result of the ones before (whether DynamoDB reads the original item
      // instead is UNVERIFIED).
      const value = evalOperand(rhs, out, ctx, E);
      if (!value.ok) return value;
      const r = setDocPath(out, target.value, value.value);
      if (!r.ok) return r;
    }
  }
  return { ok: true, value: out };
}

// [whole, left, operator, right] for `left + right` / `left - right` at parenthesis depth 0, else null.
function splitArithmetic(rhs: string): [string, string, string, string] | null {
  let depth = 0;
  for (let i = 0; i < rhs.length; i++) {
    const c = rhs[i] as string;
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if ((c === '+' || c === '-') && depth === 0 && i > 0) return [rhs, rhs.slice(0, i).trim(), c, rhs.slice(i + 1).trim()];
  }
  return null;
}

// Split a clause body on commas outside parentheses (list_append(a, :b), if_not_exists(a, :b)).
function splitTopLevel(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of body) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out.filter((s) => s !== '');
}

function evalOperand(rhs: string, item: AttributeMap, ctx: ExprContext, E: string): Result<AttributeValue> {
  const la = /^list_append\s*\((.*)\)$/i.exec(rhs);
  const laArgs = la ? splitTopLevel(la[1] as string) : [];
  if (la && laArgs.length === 2) {
    const a = evalOperand(laArgs[0] as string, item, ctx, E);
    if (!a.ok) return a;
    const b = evalOperand(laArgs[1] as string, item, ctx, E);
    if (!b.ok) return b;
    if (!('L' in a.value) || !('L' in b.value)) return { ok: false, error: ddbValidation('An operand in the update expression has an incorrect data type') }; // UNVERIFIED text
    return { ok: true, value: { L: [...a.value.L, ...b.value.L] } };
  }
  const ine = /^if_not_exists\s*\(\s*([#\w.[\]]+)\s*,\s*(:\w+)\s*\)$/i.exec(rhs);
  if (ine) {
    const path = parseDocPath(ine[1] as string, ctx, E);
    if (!path.ok) return path;
    const existing = getPath(item, path.value);
    if (existing) return { ok: true, value: existing };
    return resolveValue(ine[2] as string, ctx, E);
  }
  // a + b / a - b, split at a top-level operator (not inside if_not_exists(…)).
  const arith = splitArithmetic(rhs);
  if (arith) {
    const a = evalOperand((arith[1] as string).trim(), item, ctx, E);
    if (!a.ok) return a;
    const b = evalOperand((arith[3] as string).trim(), item, ctx, E);
    if (!b.ok) return b;
    if (!('N' in a.value) || !('N' in b.value)) {
      // DynamoDB text (UNVERIFIED): "An operand in the update expression has an incorrect data type"
      return { ok: false, error: ddbValidation('An operand in the update expression has an incorrect data type') };
    }
    const r = arith[2] === '+' ? Number(a.value.N) + Number(b.value.N) : Number(a.value.N) - Number(b.value.N);
    return { ok: true, value: { N: String(r) } };
  }
  if (rhs.startsWith(':')) return resolveValue(rhs, ctx, E);
  const path = parseDocPath(rhs, ctx, E);
  if (!path.ok) return path;
  const v = getPath(item, path.value);
  // DynamoDB text (UNVERIFIED): "The provided expression refers to an attribute that does not exist in the item"
  if (!v) return { ok: false, error: ddbValidation('The provided expression refers to an attribute that does not exist in the item') };
  return { ok: true, value: v };
}
