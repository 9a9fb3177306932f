/** IAM: identity-based policy parsing and evaluation (pure TS). */
export { parsePolicy, POLICY_VERSIONS, type Policy, type PolicyStatement, type PolicyCondition, type ParsePolicyResult } from './policy.ts';
export { evaluatePolicies, wildcardMatch, type IamRequest, type IamDecision, type IamEvaluation, type MatchedStatement } from './evaluate.ts';
