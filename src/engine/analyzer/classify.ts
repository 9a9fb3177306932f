/**
 * Guesses where a pasted line comes from, so a signature is only tried on the kind of line it
 * describes ("Endpoint request timed out" means one thing as the caller's response and another inside
 * the function's own log). Formats and their sources:
 * - Lambda console lines `<ISO ts>\t<request id>\t<LEVEL>\t…`, START/END/REPORT/INIT_* lines and the JSON
 *   log format (`level`/`requestId`/`message`, `platform.*` events):
 *   https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html,
 *   https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html
 * - Invoke output (`StatusCode`, `FunctionError`, `errorType`/`errorMessage` payloads):
 *   https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
 * - REST execution log lines (`(<request id>) Method completed with status: 502`, "Endpoint response body
 *   before transformations", "Execution failed …"): https://repost.aws/knowledge-center/malformed-502-api-gateway
 * - ALB access log entries (space separated, first field the request type):
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html
 * - Client responses (HTTP status line, x-amzn-ErrorType/Server headers, the exact error bodies):
 *   https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html
 * - Step Functions task failures: an object with `error` and `cause` (execution history, `TaskFailed` event
 *   details) or `Error` and `Cause` (the output a Catch receives),
 *   https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 *
 * Pasted JSON is often pretty-printed over many lines, and only the document as a whole says what it is
 * (a line `"cause": "User: … is not authorized …"` reads differently in a Step Functions failure than in a
 * function's log). {@link classifyLines} therefore reads such a block's top-level keys and gives its
 * lines the block's kind.
 */
import type { LineSource } from './types.ts';

const ISO_TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?/;
const CONSOLE_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?[\t ]+(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|undefined)[\t ]/i;
const PLATFORM_LINE = /^(?:START RequestId:|END RequestId:|REPORT RequestId:|INIT_START |INIT_REPORT |RESTORE_START |RESTORE_REPORT |EXTENSION\t|TELEMETRY\t|RequestId: [0-9a-f-]{36} Error: )/;
const EXEC_LOG_PREFIX = /^\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\) /i;
const EXEC_LOG_PHRASES = /(?:Method completed with status|Endpoint response body before transformations|Endpoint response headers|Execution failed|Lambda execution failed with status|Lambda invocation failed with status|Sending request to https:\/\/lambda\.|Received response\. Status:|Starting execution for request|Method request (?:path|query string|headers|body)|Endpoint request (?:URI|headers|body after transformations)|Method response body after transformations|Method response headers)/;
const ALB_LINE = /^(?:http|https|h2|grpcs|ws|wss) \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/;
const HTTP_LINE = /^(?:< )?(?:HTTP\/[\d.]+ \d{3}\b|x-amzn-ErrorType:|x-amzn-errortype:|x-amzn-RequestId:|x-amz-apigw-id:|Server: awselb|server: awselb|X-Amz-Function-Error:|x-amz-function-error:)/;
const CLIENT_BODY = /^(?:< )?(?:\{"message": ?"[^"]*"\}|\{"Message":(?:null|"[^"]*")\}|Internal Server Error|<title>\d{3} [^<]*<\/title>|<h1>\d{3} [^<]*<\/h1>|<center><h1>\d{3} [^<]*<\/h1><\/center>)\s*$/;
const INVOKE_KEY_LINE = /^\s*"(?:StatusCode|FunctionError|ExecutedVersion|LogResult|errorType|errorMessage|trace|stackTrace)"\s*:/;

// An IAM user refused lambda:InvokeFunction is a person or a script calling Invoke from outside Lambda (a
// function always runs as a role session, https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html),
// so the line is what the caller received: the Invoke API's AccessDeniedException,
// https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html
const IAM_USER_INVOKE_DENIED = /\bUser: arn:aws[a-z-]*:iam::(?:\d{12}|\*+|x+)?:user\/\S+ is not authorized to perform: lambda:InvokeFunction\b/i;

/** Largest line (characters) the classifier parses as JSON; longer lines are classified by pattern only. */
const MAX_JSON_PARSE_CHARS = 65_536;

function classifyJson(value: unknown): LineSource {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'plain';
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  const type = o['type'];
  if (typeof type === 'string' && type.startsWith('platform.')) return 'lambda-log';
  const lower = new Set(keys.map((k) => k.toLowerCase()));
  if (lower.has('error') && lower.has('cause')) return 'step-functions';
  if ('level' in o && ('requestId' in o || 'message' in o || 'timestamp' in o)) return 'lambda-log';
  if ('StatusCode' in o || 'FunctionError' in o || 'ExecutedVersion' in o) return 'invoke-output';
  if ('errorType' in o || 'errorMessage' in o) return 'invoke-output';
  // Access logs use a format the API owner defines; these $context variable names are the usual keys.
  const accessKeys = /^(?:requestId|extendedRequestId|ip|sourceIp|httpMethod|routeKey|resourcePath|status|protocol|responseLength|integrationStatus|integrationError|integrationErrorMessage|integrationLatency|responseLatency|errorMessage|error|errorResponseType|error\.message|error\.responseType|error_messageString|requestTime)$/;
  if (keys.length >= 3 && keys.filter((k) => accessKeys.test(k)).length >= 2) return 'apigw-access-log';
  if (keys.length === 1 && (keys[0] === 'message' || keys[0] === 'Message')) return 'client-response';
  return 'plain';
}

/** Classify one line (already cut to the analyzer's line limit). */
export function classifyLine(line: string): LineSource {
  const t = line.trim();
  if (t === '') return 'plain';
  if (CONSOLE_LINE.test(t) || PLATFORM_LINE.test(t)) return 'lambda-log';
  if (ALB_LINE.test(t)) return 'alb-access-log';
  if (EXEC_LOG_PREFIX.test(t)) return 'apigw-execution-log';
  if (t.startsWith('{') && t.endsWith('}') && t.length <= MAX_JSON_PARSE_CHARS) {
    try {
      const kind = classifyJson(JSON.parse(t));
      if (kind !== 'plain') return kind;
    } catch {
      // not JSON: fall through to the text rules
    }
  }
  if (CLIENT_BODY.test(t) || HTTP_LINE.test(t) || IAM_USER_INVOKE_DENIED.test(t)) return 'client-response';
  if (INVOKE_KEY_LINE.test(t)) return 'invoke-output';
  if (EXEC_LOG_PHRASES.test(t)) return 'apigw-execution-log';
  // CloudWatch console exports and Logs Insights results put their own timestamp in front of the message.
  const stripped = t.replace(ISO_TS, '').replace(/^[\s|,]+/, '');
  if (stripped !== t && stripped.length > 0 && !ISO_TS.test(stripped)) {
    const inner = classifyLine(stripped);
    if (inner !== 'plain') return inner;
  }
  return 'plain';
}

/** Largest number of lines read as one pretty-printed JSON block (longer blocks are cut here). */
const MAX_BLOCK_LINES = 2_000;
const TOP_LEVEL_KEY = /^\s*"([^"\\]{1,100})"\s*:\s*("(?:[^"\\]|\\.){0,200}")?/;
/** Line kinds that a block's kind may replace: the ones guessed from a single key line or from nothing. */
const WEAK_KINDS: ReadonlySet<LineSource> = new Set(['plain', 'invoke-output', 'client-response', 'apigw-access-log']);

/** Change in brace depth over one line, ignoring braces inside JSON strings. */
function braceDelta(line: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}') depth--;
  }
  return depth;
}

/**
 * Classify every line of a paste. Each line is first classified alone ({@link classifyLine}); then a
 * JSON object that starts on its own line and spans several lines (pretty-printed, possibly cut short)
 * is classified by its top-level keys, and its key and value lines take that kind unless they were
 * recognised as a log format of their own.
 */
export function classifyLines(lines: readonly string[]): LineSource[] {
  const out = lines.map((l) => classifyLine(l));
  for (let i = 0; i < lines.length; i++) {
    const first = (lines[i] ?? '').trim();
    if (!first.startsWith('{') || !WEAK_KINDS.has(out[i] ?? 'plain') || braceDelta(first) <= 0) continue;
    const doc: Record<string, unknown> = {};
    let depth = 0;
    let end = i;
    for (let j = i; j < lines.length && j - i < MAX_BLOCK_LINES; j++) {
      const line = lines[j] ?? '';
      const text = j === i ? line.slice(line.indexOf('{') + 1) : line;
      if (j === i || depth === 1) {
        const m = TOP_LEVEL_KEY.exec(text);
        if (m?.[1] !== undefined) {
          let value: unknown = true;
          if (m[2] !== undefined) {
            try {
              value = JSON.parse(m[2]);
            } catch {
              value = true;
            }
          }
          doc[m[1]] = value;
        }
      }
      depth += braceDelta(line);
      end = j;
      if (depth <= 0) break;
    }
    if (end === i) continue;
    const kind = classifyJson(doc);
    if (kind !== 'plain') {
      for (let k = i; k <= end; k++) if (WEAK_KINDS.has(out[k] ?? 'plain')) out[k] = kind;
    }
    i = end;
  }
  return out;
}
