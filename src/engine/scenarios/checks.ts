/**
 * The closed set of check kinds: what each one means, which cases it looks at by default, and how it
 * judges one case. Pure functions over `CaseOutcome`s.
 */
import type { CaseOutcome, CaseSelector, CheckKind, InvocationCheck, ScenarioCheck, StateCheck } from './types.ts';

/** Every check kind with its meaning and default case selection (the documented, closed set). */
export const CHECK_KINDS: Record<CheckKind, { meaning: string; defaultCases: CaseSelector }> = {
  status: { meaning: 'The caller receives one of these statuses.', defaultCases: 'good' },
  'status-not': { meaning: 'The caller never receives any of these statuses.', defaultCases: 'all' },
  'status-for-bad-input': { meaning: 'A request the client got wrong is answered with one of these statuses (e.g. 400, 422).', defaultCases: 'bad-input' },
  'no-cause': { meaning: 'The simulator diagnoses no invocation with this cause.', defaultCases: 'all' },
  outcome: { meaning: 'Lambda reports this outcome (success, function-error, timeout, …).', defaultCases: 'good' },
  'body-contains': { meaning: 'The response body contains this text.', defaultCases: 'good' },
  header: { meaning: 'The response has this header and its value matches the regular expression.', defaultCases: 'good' },
  'max-billed-ms': { meaning: 'Each invocation is billed at most this many milliseconds.', defaultCases: 'good' },
  'warm-invocations': { meaning: 'The shown request, sent this many times to one warm environment, passes the nested checks every time.', defaultCases: ['shown'] },
  state: { meaning: 'After the shown request, a value in the simulated AWS world equals (or is at least / at most) this.', defaultCases: ['shown'] },
  'concurrent-isolation': {
    meaning: 'These requests, sent at once to one Lambda Managed Instances environment, each get the answer they get alone in a new environment.',
    defaultCases: ['concurrent'],
  },
};

const list = (values: readonly number[]) => values.join(' or ');

/** A description of the check for people, from its data. */
export function describeCheck(check: ScenarioCheck): string {
  if (check.description) return check.description;
  switch (check.kind) {
    case 'status':
      return `Callers get ${list(check.in)}.`;
    case 'status-not':
      return `Callers never get ${list(check.in)}.`;
    case 'status-for-bad-input':
      return `A bad request gets ${list(check.in)}, not a 5xx.`;
    case 'no-cause':
      return `No invocation ends with the cause "${check.cause}".`;
    case 'outcome':
      return `Lambda reports the outcome "${check.equals}".`;
    case 'body-contains':
      return `The response body contains ${JSON.stringify(check.text)}.`;
    case 'header':
      return `The response has a ${check.name} header matching /${check.matches}/.`;
    case 'max-billed-ms':
      return `Each invocation is billed at most ${check.value} ms.`;
    case 'warm-invocations':
      return `${check.count} calls in a row on one warm environment all pass: ${check.then.map(describeCheck).join(' ')}`;
    case 'concurrent-isolation':
      return `${(check.requests ?? check.events ?? []).length} requests at once in one environment each get the answer they get alone.`;
    case 'state':
      return `After the request, ${check.path} ${check.equals !== undefined ? `equals ${JSON.stringify(check.equals)}` : check.atLeast !== undefined ? `is at least ${check.atLeast}` : `is at most ${String(check.atMost)}`}.`;
  }
}

/** The cases a check applies to. */
export function selectorOf(check: ScenarioCheck): CaseSelector {
  return check.cases ?? CHECK_KINDS[check.kind].defaultCases;
}

function headerValues(c: CaseOutcome, name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const [k, v] of Object.entries(c.response.multiValueHeaders ?? {})) if (k.toLowerCase() === lower) out.push(...v);
  if (out.length === 0) for (const [k, v] of Object.entries(c.response.headers)) if (k.toLowerCase() === lower) out.push(v);
  return out;
}

function safeRegExp(source: string): RegExp | null {
  try {
    return new RegExp(source);
  } catch {
    return null;
  }
}

/** Judge one case; null when it passes, otherwise what was expected and what came back. */
export function judgeInvocation(check: InvocationCheck, c: CaseOutcome): string | null {
  const status = c.response.statusCode;
  switch (check.kind) {
    case 'status':
    case 'status-for-bad-input':
      return check.in.includes(status) ? null : `Expected status ${list(check.in)}; the caller got ${status}.`;
    case 'status-not':
      return check.in.includes(status) ? `The caller got ${status}, which this check forbids.` : null;
    case 'no-cause': {
      return c.causes.includes(check.cause) ? `The invocation ended with the cause "${check.cause}"${c.record?.errorType ? ` (${c.record.errorType})` : ''}.` : null;
    }
    case 'outcome': {
      const got = c.record?.outcome ?? 'not invoked';
      return got === check.equals ? null : `Expected the outcome "${check.equals}"; Lambda reported "${got}"${c.record?.errorType ? ` (${c.record.errorType})` : ''}.`;
    }
    case 'body-contains':
      return c.response.body.includes(check.text) ? null : `The body does not contain ${JSON.stringify(check.text)}.`;
    case 'header': {
      const values = headerValues(c, check.name);
      if (values.length === 0) return `The response has no ${check.name} header.`;
      const re = safeRegExp(check.matches);
      if (re === null) return `The check's pattern /${check.matches}/ is not a valid regular expression.`;
      return values.some((v) => re.test(v)) ? null : `The ${check.name} header (${values.join(', ')}) does not match /${check.matches}/.`;
    }
    case 'max-billed-ms': {
      const billed = c.record?.billedDurationMs;
      if (billed === undefined) return null;
      return billed <= check.value ? null : `Billed ${billed} ms; at most ${check.value} ms allowed.`;
    }
  }
}

function readPath(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (part === 'length' && (Array.isArray(cur) || typeof cur === 'string')) {
      cur = cur.length;
      continue;
    }
    if (typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Judge a state check against a case's world snapshot. */
export function judgeState(check: StateCheck, c: CaseOutcome): string | null {
  if (c.state === undefined) return 'The scenario has no simulated AWS world to inspect.';
  const got = readPath(c.state, check.path);
  if (check.equals !== undefined && !sameJson(got, check.equals)) return `Expected ${check.path} to equal ${JSON.stringify(check.equals)}; it is ${JSON.stringify(got) ?? 'missing'}.`;
  if (check.atLeast !== undefined && !(typeof got === 'number' && got >= check.atLeast)) return `Expected ${check.path} to be at least ${check.atLeast}; it is ${JSON.stringify(got) ?? 'missing'}.`;
  if (check.atMost !== undefined && !(typeof got === 'number' && got <= check.atMost)) return `Expected ${check.path} to be at most ${check.atMost}; it is ${JSON.stringify(got) ?? 'missing'}.`;
  return null;
}

/**
 * Signatures of decisive log lines, most telling first. Sources: docs/sources.md §9 (Invoke Error,
 * Uncaught Exception), §2 (Task timed out), §3 (Runtime.OutOfMemory), §4 (INIT_REPORT), §5 and §6
 * (API Gateway execution-log messages).
 */
const DECISIVE_PATTERNS: readonly RegExp[] = [
  /\tInvoke Error \t/,
  /\tUncaught Exception \t/,
  /\tUnhandled Promise Rejection \t/,
  // The Python runtime client's error record: `[ERROR] KeyError: 'body'` (awslambdaric/bootstrap.py, log_error).
  /^\[ERROR\] [\w.]+: /,
  /Task timed out after/,
  /Error Type: Runtime\.OutOfMemory/,
  /INIT_REPORT .*Status: (error|timeout)/,
  /Malformed Lambda proxy response/,
  /Invalid permissions on Lambda function/,
  /Execution failed/,
  // ALB access log error_reason (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html#error-reason-codes)
  /\bLambda(InvalidResponse|Unhandled|Throttling|AccessDenied|ResponseTooLarge|Timeout)\b/,
  /timed out|Endpoint request timed out/,
  /Rate Exceeded|TooManyRequests|throttl/i,
  /payload size exceeded|too large/i,
  /\tERROR\t/,
  /\tWARN\t/,
];

/** The one log line that best explains what the caller received, or null for a clean invocation. */
export function decisiveLogLine(c: CaseOutcome): string | null {
  const lines = [...(c.record?.logs ?? []), ...c.gatewayLogs];
  for (const pattern of DECISIVE_PATTERNS) {
    const hit = lines.find((l) => pattern.test(l));
    if (hit !== undefined) return hit.length > 600 ? `${hit.slice(0, 600)}…` : hit;
  }
  return lines.find((l) => l.startsWith('REPORT ')) ?? null;
}
