/**
 * IAM identity-based policy documents: parsing untrusted JSON into a typed policy with friendly
 * messages. Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * and the element pages linked from
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */

/** Policy language versions IAM accepts (Version element). */
export const POLICY_VERSIONS = ['2012-10-17', '2008-10-17'] as const;

/** A condition block: operator → context key → values (always strings after parsing). */
export type PolicyCondition = Record<string, Record<string, string[]>>;

/** One statement of a parsed policy. */
export interface PolicyStatement {
  /** Position in the Statement array (0-based), or 0 when Statement was a single object. */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Exactly one of `action` / `notAction` is set. */
  action?: string[];
  notAction?: string[];
  /** Exactly one of `resource` / `notResource` is set. */
  resource?: string[];
  notResource?: string[];
  condition?: PolicyCondition;
}

/** A parsed identity-based policy. */
export interface Policy {
  /** The Version element; `2008-10-17` when absent (IAM's default: policy variables are then literal). */
  version: (typeof POLICY_VERSIONS)[number];
  /** Optional Id element. */
  id?: string;
  statements: PolicyStatement[];
}

/** Result of {@link parsePolicy}. */
export type ParsePolicyResult = { ok: true; value: Policy } | { ok: false; error: string };

const TOP_KEYS = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Principal', 'NotPrincipal'];

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `${typeof v === 'object' ? 'an object' : `a ${typeof v}`}`;
}

function stringList(v: unknown, where: string): string[] | string {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v as string[];
  if (Array.isArray(v) && v.length === 0) return `${where} is an empty array: list at least one value.`;
  return `${where} must be a string or an array of strings, not ${describe(v)}.`;
}

/**
 * Parse an identity-based policy (a JSON string or an already-parsed object). Errors name the
 * statement and the element, say what is wrong and what IAM accepts.
 */
export function parsePolicy(input: unknown): ParsePolicyResult {
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (e) {
      return { ok: false, error: `The policy is not valid JSON: ${e instanceof Error ? e.message : String(e)}.` };
    }
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, error: `A policy must be a JSON object with "Version" and "Statement", not ${describe(doc)}.` };
  }
  const o = doc as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!TOP_KEYS.includes(k)) {
      return { ok: false, error: `Unknown policy element "${k}": a policy document has only ${TOP_KEYS.map((x) => `"${x}"`).join(', ')} (element names are case-sensitive).` };
    }
  }
  let version: Policy['version'] = '2008-10-17';
  if (o['Version'] !== undefined) {
    if (!(POLICY_VERSIONS as readonly unknown[]).includes(o['Version'])) {
      return { ok: false, error: `"Version" must be "2012-10-17" (current) or "2008-10-17", not ${describe(o['Version'])}. Use "2012-10-17".` };
    }
    version = o['Version'] as Policy['version'];
  }
  const rawStatements = o['Statement'];
  if (rawStatements === undefined) return { ok: false, error: 'The policy has no "Statement": add one statement object or an array of them.' };
  const list: unknown[] = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  if (list.length === 0) return { ok: false, error: '"Statement" is an empty array: add at least one statement.' };
  const statements: PolicyStatement[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = parseStatement(list[i], i, Array.isArray(rawStatements));
    if (typeof r === 'string') return { ok: false, error: r };
    statements.push(r);
  }
  const value: Policy = { version, statements };
  if (typeof o['Id'] === 'string') value.id = o['Id'];
  return { ok: true, value };
}

function parseStatement(raw: unknown, index: number, inArray: boolean): PolicyStatement | string {
  const where = inArray ? `Statement[${index}]` : 'Statement';
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return `${where} must be an object, not ${describe(raw)}.`;
  const s = raw as Record<string, unknown>;
  const label = typeof s['Sid'] === 'string' ? `${where} (Sid "${s['Sid']}")` : where;
  for (const k of Object.keys(s)) {
    if (!STATEMENT_KEYS.includes(k)) {
      const hint = STATEMENT_KEYS.find((x) => x.toLowerCase() === k.toLowerCase());
      return `${label}: unknown element "${k}"${hint ? ` (did you mean "${hint}"? element names are case-sensitive)` : ''}.`;
    }
  }
  if (s['Principal'] !== undefined || s['NotPrincipal'] !== undefined) {
    // IAM rejects identity policies with a principal (MalformedPolicyDocument; exact text UNVERIFIED).
    return `${label}: "Principal" belongs in resource-based policies (bucket, queue, key policies). An execution role's identity-based policy applies to the role itself: remove "Principal".`;
  }
  if (s['Effect'] === undefined) return `${label} has no "Effect": add "Effect": "Allow" or "Effect": "Deny".`;
  if (s['Effect'] !== 'Allow' && s['Effect'] !== 'Deny') {
    return `${label}: "Effect" must be exactly "Allow" or "Deny" (case-sensitive), not ${describe(s['Effect'])}.`;
  }
  const st: PolicyStatement = { index, effect: s['Effect'] };
  if (s['Sid'] !== undefined) {
    if (typeof s['Sid'] !== 'string') return `${where}: "Sid" must be a string, not ${describe(s['Sid'])}.`;
    st.sid = s['Sid'];
  }
  const hasA = s['Action'] !== undefined;
  const hasNA = s['NotAction'] !== undefined;
  if (hasA === hasNA) {
    return hasA
      ? `${label} has both "Action" and "NotAction": use one of them.`
      : `${label} has no "Action": add "Action": "service:Operation" (e.g. "s3:GetObject") or a "NotAction".`;
  }
  const actions = stringList(hasA ? s['Action'] : s['NotAction'], `${label} "${hasA ? 'Action' : 'NotAction'}"`);
  if (typeof actions === 'string') return actions;
  for (const a of actions) {
    if (a !== '*' && !/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(a)) {
      return `${label}: action ${JSON.stringify(a)} is not "service:Action" (for example "dynamodb:GetItem", "s3:*" or "*").`;
    }
  }
  if (hasA) st.action = actions;
  else st.notAction = actions;
  const hasR = s['Resource'] !== undefined;
  const hasNR = s['NotResource'] !== undefined;
  if (hasR === hasNR) {
    return hasR
      ? `${label} has both "Resource" and "NotResource": use one of them.`
      : `${label} has no "Resource": identity-based policies need "Resource" (an ARN, a list of ARNs, or "*") or "NotResource".`;
  }
  const resources = stringList(hasR ? s['Resource'] : s['NotResource'], `${label} "${hasR ? 'Resource' : 'NotResource'}"`);
  if (typeof resources === 'string') return resources;
  for (const r of resources) {
    if (r !== '*' && !r.startsWith('arn:')) return `${label}: resource ${JSON.stringify(r)} is not an ARN: write "arn:aws:…" or "*".`;
  }
  if (hasR) st.resource = resources;
  else st.notResource = resources;
  if (s['Condition'] !== undefined) {
    const c = parseCondition(s['Condition'], label);
    if (typeof c === 'string') return c;
    st.condition = c;
  }
  return st;
}

function parseCondition(raw: unknown, label: string): PolicyCondition | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return `${label}: "Condition" must be an object like {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}.`;
  const out: PolicyCondition = {};
  for (const [op, block] of Object.entries(raw as Record<string, unknown>)) {
    if (!block || typeof block !== 'object' || Array.isArray(block)) return `${label}: Condition operator "${op}" must map context keys to values.`;
    const keys: Record<string, string[]> = {};
    for (const [key, v] of Object.entries(block as Record<string, unknown>)) {
      const vals = Array.isArray(v) ? v : [v];
      if (vals.length === 0 || !vals.every((x) => typeof x === 'string' || typeof x === 'boolean' || typeof x === 'number')) {
        return `${label}: Condition "${op}" key "${key}" must have a string, number, boolean or an array of them.`;
      }
      keys[key] = vals.map((x) => String(x));
    }
    out[op] = keys;
  }
  return out;
}
