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
  const parts = splitAnd(expr);
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

/** Evaluate a ConditionExpression / FilterExpression against an item (undefined item = no item). */
export function evaluateCondition(expr: string, item: AttributeMap | undefined, ctx: ExprContext, which: string): Result<boolean> {
  const clauses = splitAnd(expr);
  for (const c of clauses) {
    let m = /^\s*(attribute_exists|attribute_not_exists)\s*\(\s*([#\w.]+)\s*\)\s*$/i.exec(c);
    if (m) {
      const n = resolveName(m[2] as string, ctx, which);
      if (!n.ok) return n;
      const exists = !!item && item[n.value] !== undefined;
      if ((m[1] as string).toLowerCase() === 'attribute_exists' ? !exists : exists) return { ok: true, value: false };
      continue;
    }
    m = /^\s*begins_with\s*\(\s*([#\w.]+)\s*,\s*(:\w+)\s*\)\s*$/i.exec(c);
    if (m) {
      const n = resolveName(m[1] as string, ctx, which);
      if (!n.ok) return n;
      const v = resolveValue(m[2] as string, ctx, which);
      if (!v.ok) return v;
      const a = item?.[n.value];
      if (!(a && 'S' in a && 'S' in v.value && a.S.startsWith(v.value.S))) return { ok: true, value: false };
      continue;
    }
    m = /^\s*([#\w.]+)\s*(=|<>)\s*(:\w+)\s*$/.exec(c);
    if (m) {
      const n = resolveName(m[1] as string, ctx, which);
      if (!n.ok) return n;
      const v = resolveValue(m[3] as string, ctx, which);
      if (!v.ok) return v;
      const eq = avEquals(item?.[n.value], v.value);
      if (m[2] === '=' ? !eq : eq) return { ok: true, value: false };
      continue;
    }
    return { ok: false, error: ddbValidation(`Invalid ${which}: unsupported clause "${c.trim()}" (the Lambda Triage simulator supports attribute_exists, attribute_not_exists, begins_with, = and <> joined by AND)`) };
  }
  return { ok: true, value: true };
}

/** Apply an UpdateExpression to an item (mutates a copy; returns it). */
export function applyUpdate(expr: string, item: AttributeMap, ctx: ExprContext): Result<AttributeMap> {
  const E = 'UpdateExpression';
  const out: AttributeMap = JSON.parse(JSON.stringify(item)) as AttributeMap;
  const sections = expr.split(/\b(SET|REMOVE)\b/i).map((s) => s.trim()).filter((s) => s !== '');
  if (sections.length === 0) return { ok: false, error: ddbValidation(`Invalid ${E}: The expression can not be empty;`) };
  for (let i = 0; i < sections.length; i += 2) {
    const kw = (sections[i] as string).toUpperCase();
    const body = sections[i + 1];
    if ((kw !== 'SET' && kw !== 'REMOVE') || body === undefined) {
      return { ok: false, error: ddbValidation(`Invalid ${E}: the Lambda Triage simulator supports SET and REMOVE clauses; got "${expr}"`) };
    }
    for (const action of body.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      if (kw === 'REMOVE') {
        const n = resolveName(action, ctx, E);
        if (!n.ok) return n;
        delete out[n.value];
        continue;
      }
      const m = /^([#\w.]+)\s*=\s*(.+)$/.exec(action);
      if (!m) return { ok: false, error: ddbValidation(`Invalid ${E}: Syntax error in "${action}"`) };
      const target = resolveName(m[1] as string, ctx, E);
      if (!target.ok) return target;
      const rhs = (m[2] as string).trim();
      const value = evalOperand(rhs, out, ctx, E);
      if (!value.ok) return value;
      out[target.value] = value.value;
    }
  }
  return { ok: true, value: out };
}

function evalOperand(rhs: string, item: AttributeMap, ctx: ExprContext, E: string): Result<AttributeValue> {
  const ine = /^if_not_exists\s*\(\s*([#\w.]+)\s*,\s*(:\w+)\s*\)$/i.exec(rhs);
  if (ine) {
    const n = resolveName(ine[1] as string, ctx, E);
    if (!n.ok) return n;
    const existing = item[n.value];
    if (existing) return { ok: true, value: existing };
    return resolveValue(ine[2] as string, ctx, E);
  }
  const arith = /^(.+?)\s*([+-])\s*(.+)$/.exec(rhs);
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
  const n = resolveName(rhs, ctx, E);
  if (!n.ok) return n;
  const v = item[n.value];
  // DynamoDB text (UNVERIFIED): "The provided expression refers to an attribute that does not exist in the item"
  if (!v) return { ok: false, error: ddbValidation('The provided expression refers to an attribute that does not exist in the item') };
  return { ok: true, value: v };
}
