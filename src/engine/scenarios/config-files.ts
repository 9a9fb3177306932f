/**
 * The configuration files a learner edits in a scenario: the function's resource-based policy (who may
 * invoke it) and a small function configuration (timeout, memory, reserved concurrency). Parsers for
 * untrusted text, and the decision each front door gets from the policy.
 */
import { wildcardMatch } from '../iam/evaluate.ts';
import type { ParseResult } from '../integrations/http-request.ts';
import type { FrontDoorIds } from '../integrations/events.ts';
import type { FrontDoor } from '../vocabulary.ts';
import { MAX_MEMORY_MB, MAX_TIMEOUT_SECONDS, MIN_MEMORY_MB, MIN_TIMEOUT_SECONDS } from '../lambda/limits.ts';
import { MAX_CONCURRENCY_PER_ENVIRONMENT, MIN_CONCURRENCY_PER_ENVIRONMENT } from '../lambda/managed-instances-config.ts';

/** Account and region every scenario runs in (the documentation's example account). */
export const SCENARIO_ACCOUNT = { accountId: '123456789012', region: 'us-east-1' } as const;

/** One statement of a Lambda resource-based policy, as the learner writes it. */
export interface ResourcePolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal: string | { Service?: string | string[]; AWS?: string | string[] };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A Lambda resource-based policy. */
export interface ResourcePolicy {
  Version?: string;
  Statement: ResourcePolicyStatement[];
}

/** The fields a learner may set in a `function-config` file. */
export interface FunctionConfigFile {
  timeoutSeconds?: number;
  memoryMB?: number;
  /** Reserved concurrency; 0 stops every invocation (Lambda throttles them all). */
  reservedConcurrency?: number | null;
  /**
   * Lambda Managed Instances: invocations one environment takes at once. In a template this is the function's
   * `CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency`,
   * 1 to 1600 (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-function-lambdamanagedinstancescapacityproviderconfig.html).
   */
  concurrencyPerEnvironment?: number;
}

/**
 * Service principals that invoke Lambda for each front door.
 * Source: https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html (apigateway.amazonaws.com),
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html (elasticloadbalancing.amazonaws.com).
 */
export const FRONT_DOOR_PRINCIPALS: Record<Exclude<FrontDoor, 'invoke' | 'function-url'>, string> = {
  'apigw-rest': 'apigateway.amazonaws.com',
  'http-api-v1': 'apigateway.amazonaws.com',
  'http-api-v2': 'apigateway.amazonaws.com',
  alb: 'elasticloadbalancing.amazonaws.com',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(name: string, text: string): ParseResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: `${name} is not valid JSON (${error instanceof Error ? error.message : String(error)}). Check for a missing comma or quote.` };
  }
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Parse a resource-based policy written by the learner. Never throws. */
export function parseResourcePolicy(text: string, name = 'The policy'): ParseResult<ResourcePolicy> {
  const json = parseJson(name, text);
  if (!json.ok) return json;
  const value = json.value;
  if (!isObject(value)) return { ok: false, error: `${name} must be a JSON object with a "Statement" list.` };
  const statements = value['Statement'];
  if (!Array.isArray(statements)) return { ok: false, error: `${name} needs a "Statement" list, like { "Version": "2012-10-17", "Statement": [ … ] }.` };
  const out: ResourcePolicyStatement[] = [];
  for (const [i, s] of statements.entries()) {
    const where = `${name}, statement ${i + 1}`;
    if (!isObject(s)) return { ok: false, error: `${where} must be an object.` };
    if (s['Effect'] !== 'Allow' && s['Effect'] !== 'Deny') return { ok: false, error: `${where}: "Effect" must be "Allow" or "Deny".` };
    const principal = s['Principal'];
    if (typeof principal !== 'string' && !isObject(principal)) {
      return { ok: false, error: `${where}: "Principal" must be "*" or an object such as { "Service": "apigateway.amazonaws.com" }.` };
    }
    const actions = asList(s['Action']);
    if (actions.length === 0 || !actions.every((a) => typeof a === 'string')) {
      return { ok: false, error: `${where}: "Action" must be a string such as "lambda:InvokeFunction" or a list of them.` };
    }
    const condition = s['Condition'];
    if (condition !== undefined && !isObject(condition)) return { ok: false, error: `${where}: "Condition" must be an object such as { "ArnLike": { "AWS:SourceArn": "…" } }.` };
    out.push(s as unknown as ResourcePolicyStatement);
  }
  return { ok: true, value: { Statement: out, ...(typeof value['Version'] === 'string' ? { Version: value['Version'] } : {}) } };
}

/** Parse a function-config file. Values outside Lambda's limits are refused with the limit. */
export function parseFunctionConfigFile(text: string, name = 'The configuration'): ParseResult<FunctionConfigFile> {
  const json = parseJson(name, text);
  if (!json.ok) return json;
  const value = json.value;
  if (!isObject(value)) return { ok: false, error: `${name} must be a JSON object such as { "timeoutSeconds": 3 }.` };
  const known = new Set(['timeoutSeconds', 'memoryMB', 'reservedConcurrency', 'concurrencyPerEnvironment']);
  for (const key of Object.keys(value)) {
    if (!known.has(key)) return { ok: false, error: `${name}: unknown field "${key}". Allowed: ${[...known].join(', ')}.` };
  }
  const out: FunctionConfigFile = {};
  const t = value['timeoutSeconds'];
  if (t !== undefined) {
    if (typeof t !== 'number' || !Number.isInteger(t) || t < MIN_TIMEOUT_SECONDS || t > MAX_TIMEOUT_SECONDS) {
      return { ok: false, error: `${name}: "timeoutSeconds" must be a whole number from ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS}.` };
    }
    out.timeoutSeconds = t;
  }
  const m = value['memoryMB'];
  if (m !== undefined) {
    if (typeof m !== 'number' || !Number.isInteger(m) || m < MIN_MEMORY_MB || m > MAX_MEMORY_MB) {
      return { ok: false, error: `${name}: "memoryMB" must be a whole number from ${MIN_MEMORY_MB} to ${MAX_MEMORY_MB}.` };
    }
    out.memoryMB = m;
  }
  const r = value['reservedConcurrency'];
  if (r !== undefined) {
    if (r !== null && (typeof r !== 'number' || !Number.isInteger(r) || r < 0)) {
      return { ok: false, error: `${name}: "reservedConcurrency" must be a whole number of at least 0, or null for none.` };
    }
    out.reservedConcurrency = r;
  }
  const n = value['concurrencyPerEnvironment'];
  if (n !== undefined) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < MIN_CONCURRENCY_PER_ENVIRONMENT || n > MAX_CONCURRENCY_PER_ENVIRONMENT) {
      return {
        ok: false,
        error: `${name}: "concurrencyPerEnvironment" (PerExecutionEnvironmentMaxConcurrency) must be a whole number from ${MIN_CONCURRENCY_PER_ENVIRONMENT} to ${MAX_CONCURRENCY_PER_ENVIRONMENT}.`,
      };
    }
    out.concurrencyPerEnvironment = n;
  }
  return { ok: true, value: out };
}

/** What a front door presents to the resource policy when it invokes the function. */
export interface InvokeRequestContext {
  principalService: string | null;
  action: string;
  functionArn: string;
  /** `AWS:SourceArn` of the caller (API route or target group); null when none. */
  sourceArn: string | null;
  /** `lambda:FunctionUrlAuthType` for function URL calls. */
  functionUrlAuthType: string | null;
  /** `lambda:InvokedViaFunctionUrl`: true for the `lambda:InvokeFunction` check a function URL makes. */
  invokedViaFunctionUrl?: boolean;
}

/**
 * The request a front door makes to Lambda, for policy evaluation.
 * API Gateway's source ARN is `arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html); function URLs
 * need `lambda:InvokeFunctionUrl` with `lambda:FunctionUrlAuthType` (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html).
 */
export function invokeRequestFor(
  frontDoor: FrontDoor,
  ids: FrontDoorIds,
  sim: { region: string; accountId: string; functionName: string },
  request: { method: string; path: string; stage?: string } | null,
): InvokeRequestContext {
  const functionArn = `arn:aws:lambda:${sim.region}:${sim.accountId}:function:${sim.functionName}`;
  if (frontDoor === 'function-url') {
    return { principalService: null, action: 'lambda:InvokeFunctionUrl', functionArn, sourceArn: null, functionUrlAuthType: 'NONE' };
  }
  if (frontDoor === 'alb') {
    return { principalService: FRONT_DOOR_PRINCIPALS.alb, action: 'lambda:InvokeFunction', functionArn, sourceArn: ids.targetGroupArn, functionUrlAuthType: null };
  }
  if (frontDoor === 'invoke') {
    return { principalService: null, action: 'lambda:InvokeFunction', functionArn, sourceArn: null, functionUrlAuthType: null };
  }
  const stage = request?.stage ?? (frontDoor === 'apigw-rest' ? 'prod' : '$default');
  const path = (request?.path ?? '/').replace(/^\//, '');
  const sourceArn = `arn:aws:execute-api:${sim.region}:${sim.accountId}:${ids.apiId}/${stage}/${(request?.method ?? 'GET').toUpperCase()}/${path}`;
  return { principalService: FRONT_DOOR_PRINCIPALS[frontDoor], action: 'lambda:InvokeFunction', functionArn, sourceArn, functionUrlAuthType: null };
}

function principalMatches(principal: ResourcePolicyStatement['Principal'], service: string | null): boolean {
  if (principal === '*') return true;
  if (typeof principal === 'string') return false;
  if (principal.AWS !== undefined && asList(principal.AWS).includes('*')) return true;
  return service !== null && asList(principal.Service).some((s) => s === service);
}

function conditionsHold(condition: ResourcePolicyStatement['Condition'], req: InvokeRequestContext): boolean {
  if (!condition) return true;
  for (const [operator, entries] of Object.entries(condition)) {
    for (const [rawKey, expected] of Object.entries(entries)) {
      const key = rawKey.toLowerCase();
      const actual =
        key === 'aws:sourcearn'
          ? req.sourceArn
          : key === 'lambda:functionurlauthtype'
            ? req.functionUrlAuthType
            : key === 'lambda:invokedviafunctionurl'
              ? (req.invokedViaFunctionUrl === true ? 'true' : null)
              : key === 'aws:sourceaccount'
                ? req.functionArn.split(':')[4] ?? null
                : null;
      if (actual === null) return false;
      const wanted = asList(expected).map(String);
      const op = operator.toLowerCase();
      const ok =
        op === 'arnlike' || op === 'stringlike'
          ? wanted.some((w) => wildcardMatch(w, actual, false))
          : op === 'arnequals' || op === 'stringequals'
            ? wanted.includes(actual)
            : op === 'bool'
              ? wanted.some((w) => w.toLowerCase() === actual)
              : false; // Why: an operator we do not model must not grant access by accident.
      if (!ok) return false;
    }
  }
  return true;
}

function statementMatches(s: ResourcePolicyStatement, req: InvokeRequestContext): boolean {
  if (!principalMatches(s.Principal, req.principalService)) return false;
  const actions = asList(s.Action).map(String);
  if (!actions.some((a) => wildcardMatch(a, req.action, true))) return false;
  const resources = asList(s.Resource).map(String);
  if (resources.length > 0 && !resources.some((r) => wildcardMatch(r, req.functionArn, false) || wildcardMatch(r, `${req.functionArn}:*`, false))) return false;
  return conditionsHold(s.Condition, req);
}

/**
 * Does the policy let this front door invoke the function? An explicit Deny wins; otherwise one
 * matching Allow is needed (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 * Direct invokes are made by the account's own identities and are always allowed here.
 */
export function isInvokeAllowed(policy: ResourcePolicy, req: InvokeRequestContext, frontDoor: FrontDoor): boolean {
  if (frontDoor === 'invoke') return true;
  // A function URL needs both lambda:InvokeFunctionUrl and lambda:InvokeFunction (the latter as added by
  // `aws lambda add-permission --invoked-via-function-url`, condition lambda:InvokedViaFunctionUrl)
  // since October 2025; the grace period for older URLs ended on 1 November 2026
  // (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html).
  const checks = frontDoor === 'function-url' ? [req, { ...req, action: 'lambda:InvokeFunction', invokedViaFunctionUrl: true }] : [req];
  return checks.every((r) => isActionAllowed(policy, r));
}

function isActionAllowed(policy: ResourcePolicy, req: InvokeRequestContext): boolean {
  if (policy.Statement.some((s) => s.Effect === 'Deny' && statementMatches(s, req))) return false;
  return policy.Statement.some((s) => s.Effect === 'Allow' && statementMatches(s, req));
}
