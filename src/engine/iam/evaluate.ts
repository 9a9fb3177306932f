/**
 * Evaluation of identity-based policies for one request (action + resource), following
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html :
 * an explicit Deny in any statement wins; otherwise an Allow is needed; otherwise the request is
 * implicitly denied. Only identity-based policies of the caller are simulated (no resource policies,
 * permission boundaries, SCPs or session policies).
 *
 * Matching rules:
 * - Actions are case-insensitive ("The prefix and the action name are case insensitive",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
 * - Resource ARNs are case-sensitive; `*` matches any run of characters (including `/` and `:`) and
 *   `?` any single character (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
 * - NotAction / NotResource match everything except the listed values
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html).
 * - Conditions: StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringLike, StringNotLike,
 *   ArnEquals, ArnLike, ArnNotEquals, ArnNotLike and Bool are evaluated against the request context
 *   (with the `IfExists` suffix and `ForAnyValue:`/`ForAllValues:` treated as single-valued). A missing
 *   key fails positive operators and satisfies negated ones, as IAM does. Any other operator makes the
 *   simulator treat the statement as not matching, with a note (a documented simplification).
 */
import type { Policy, PolicyStatement } from './policy.ts';

/** What is being authorised. */
export interface IamRequest {
  /** `service:Action`, e.g. `dynamodb:GetItem`. */
  action: string;
  /** The resource ARN. */
  resource: string;
  /** Condition context keys (e.g. `aws:RequestedRegion`), string values. */
  context?: Record<string, string>;
}

/** The decision IAM reaches. */
export type IamDecision = 'allow' | 'implicit-deny' | 'explicit-deny';

/** Where a matched statement sits. */
export interface MatchedStatement {
  /** Index of the policy in the list evaluated. */
  policy: number;
  /** Index of the statement in its policy. */
  statement: number;
  sid?: string;
}

/** Result of {@link evaluatePolicies}. */
export interface IamEvaluation {
  decision: IamDecision;
  action: string;
  resource: string;
  /** The statement that decided (the Deny for explicit-deny, the first Allow for allow). */
  matchedStatement?: MatchedStatement;
  /** Simplifications applied (unsupported condition operators). */
  notes: string[];
}

/** Glob match with `*` and `?`. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  // Iterative glob (no regex, so no catastrophic backtracking on long ARNs).
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

function actionMatches(st: PolicyStatement, action: string): boolean {
  if (st.action) return st.action.some((a) => wildcardMatch(a, action, true));
  return !(st.notAction ?? []).some((a) => wildcardMatch(a, action, true));
}

function resourceMatches(st: PolicyStatement, resource: string): boolean {
  if (st.resource) return st.resource.some((r) => wildcardMatch(r, resource, false));
  return !(st.notResource ?? []).some((r) => wildcardMatch(r, resource, false));
}

type OperatorFn = (values: string[], actual: string) => boolean;
const OPERATORS: Record<string, { fn: OperatorFn; negated: boolean }> = {
  StringEquals: { fn: (vs, a) => vs.includes(a), negated: false },
  StringNotEquals: { fn: (vs, a) => !vs.includes(a), negated: true },
  StringEqualsIgnoreCase: { fn: (vs, a) => vs.some((v) => v.toLowerCase() === a.toLowerCase()), negated: false },
  StringNotEqualsIgnoreCase: { fn: (vs, a) => !vs.some((v) => v.toLowerCase() === a.toLowerCase()), negated: true },
  StringLike: { fn: (vs, a) => vs.some((v) => wildcardMatch(v, a, false)), negated: false },
  StringNotLike: { fn: (vs, a) => !vs.some((v) => wildcardMatch(v, a, false)), negated: true },
  ArnEquals: { fn: (vs, a) => vs.some((v) => wildcardMatch(v, a, false)), negated: false },
  ArnLike: { fn: (vs, a) => vs.some((v) => wildcardMatch(v, a, false)), negated: false },
  ArnNotEquals: { fn: (vs, a) => !vs.some((v) => wildcardMatch(v, a, false)), negated: true },
  ArnNotLike: { fn: (vs, a) => !vs.some((v) => wildcardMatch(v, a, false)), negated: true },
  Bool: { fn: (vs, a) => vs.some((v) => v.toLowerCase() === a.toLowerCase()), negated: false },
};

/** Does the statement's Condition hold? `null` when it uses an operator the simulator does not evaluate. */
function conditionHolds(st: PolicyStatement, context: Record<string, string>, notes: string[]): boolean | null {
  if (!st.condition) return true;
  for (const [rawOp, block] of Object.entries(st.condition)) {
    const op0 = rawOp.replace(/^(ForAnyValue|ForAllValues):/, '');
    const ifExists = op0.endsWith('IfExists');
    const op = ifExists ? op0.slice(0, -'IfExists'.length) : op0;
    const impl = OPERATORS[op];
    if (!impl) {
      notes.push(`Statement ${st.sid ? `"${st.sid}"` : `#${st.index}`} uses the condition operator "${rawOp}", which the simulator does not evaluate: the statement was treated as not matching.`);
      return null;
    }
    for (const [key, values] of Object.entries(block)) {
      const actual = Object.prototype.hasOwnProperty.call(context, key) ? context[key] : undefined;
      if (actual === undefined) {
        // Missing key: IfExists and negated operators match; positive operators do not
        // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
        if (ifExists || impl.negated) continue;
        return false;
      }
      // Keys are case-insensitive in IAM; the context map is looked up exactly as written here.
      if (!impl.fn(values, actual)) return false;
    }
  }
  return true;
}

/**
 * Evaluate a request against the identity-based policies attached to the caller. With no policies
 * at all the result is an implicit deny.
 */
export function evaluatePolicies(policies: readonly Policy[], request: IamRequest): IamEvaluation {
  const notes: string[] = [];
  const context = request.context ?? {};
  let firstAllow: MatchedStatement | undefined;
  for (let p = 0; p < policies.length; p++) {
    for (const st of (policies[p] as Policy).statements) {
      if (!actionMatches(st, request.action) || !resourceMatches(st, request.resource)) continue;
      const holds = conditionHolds(st, context, notes);
      if (holds !== true) continue;
      const m: MatchedStatement = { policy: p, statement: st.index };
      if (st.sid !== undefined) m.sid = st.sid;
      if (st.effect === 'Deny') return { decision: 'explicit-deny', action: request.action, resource: request.resource, matchedStatement: m, notes };
      firstAllow ??= m;
    }
  }
  if (firstAllow) return { decision: 'allow', action: request.action, resource: request.resource, matchedStatement: firstAllow, notes };
  return { decision: 'implicit-deny', action: request.action, resource: request.resource, notes };
}
