/**
 * The front doors' own logs: API Gateway REST execution and access logs, HTTP API access logs and ALB
 * access-log entries. A second log stream next to the function's CloudWatch logs.
 *
 * Verified lines (quoted in docs/sources.md §1, §2, §5, §6, §8 and the re:Post knowledge center) are used
 * verbatim; the rest follow the same layout and are listed as unverified in {@link LOG_FORMATS}.
 */
import { formatAlbTime, formatRequestTime, preview } from './text.ts';

/** A log format, with its source and verification status. */
export interface LogFormat {
  description: string;
  source: string;
  unverified?: true;
  note?: string;
}

/** The log formats this module writes. */
export const LOG_FORMATS = {
  restExecution: {
    description: 'REST API execution log (CloudWatch group API-Gateway-Execution-Logs_<apiId>/<stage>): "(<requestId>) <message>"',
    source:
      'https://repost.aws/knowledge-center/malformed-502-api-gateway; https://repost.aws/knowledge-center/api-gateway-lambda-template-invoke-error; a real REST API curl capture (2025-05-20)',
    note: 'Lines marked in REST_EXECUTION_LINES.unverified are plausible but not recorded.',
  },
  restAccess: {
    description: 'REST API access log in a JSON format using $context.requestId, status, error.responseType, integrationErrorMessage',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference-access-logging-only; DataBiosphere/azul PR#6624',
    unverified: true,
    note: 'Access-log format is user-defined; field names here are one common choice.',
  },
  httpApiAccess: {
    description: 'HTTP API access log in JSON with $context.integrationErrorMessage',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html',
    unverified: true,
    note: 'Function-error integrationErrorMessage text is from public captures; others unverified.',
  },
  albAccess: {
    description: 'ALB access-log entry, space-separated fields in documented order, Lambda target (target:port "-")',
    source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html ("Example Entries for Lambda Functions")',
    note: 'Fields added after 2018 (e.g. conn_trace_id) are omitted; AWS appends new fields at the end.',
  },
} satisfies Record<string, LogFormat>;

/** Prefix a REST execution-log message with the request id, as CloudWatch shows it. */
export function restLine(requestId: string, message: string): string {
  return `(${requestId}) ${message}`;
}

/** Verified REST execution-log messages (exact text). */
export const REST_EXECUTION_MESSAGES = {
  malformed: 'Execution failed due to configuration error: Malformed Lambda proxy response', // https://repost.aws/knowledge-center/malformed-502-api-gateway; a real REST API curl capture (2025-05-20)
  invalidPermissions: 'Execution failed due to configuration error: Invalid permissions on Lambda function', // https://repost.aws/knowledge-center/api-gateway-rest-api-lambda-integrations; a real REST API curl capture (2025-05-20)
  rateExceeded: 'Execution failed due to configuration error: Rate Exceeded.', // a real REST API curl capture (2025-05-20)
  timeout: 'Execution failed due to a timeout error', // a real REST API curl capture (2025-05-20); azul#4955
  functionError: (errorMessage: string, lambdaRequestId: string) =>
    `Lambda execution failed with status 200 due to customer function error: ${errorMessage}. Lambda request id: ${lambdaRequestId}`, // https://repost.aws/knowledge-center/malformed-502-api-gateway (2022); a real REST API curl capture (2025-05-20)
  invocationFailed: (status: number, lambdaRequestId: string) => `Lambda invocation failed with status: ${status}. Lambda request id: ${lambdaRequestId}`, // a real REST API curl capture (2025-05-20); re:Post KC
  methodCompleted: (status: number) => `Method completed with status: ${status}`, // https://repost.aws/knowledge-center/malformed-502-api-gateway; a real REST API curl capture (2025-05-20)
  endpointResponseBody: (body: string) => `Endpoint response body before transformations: ${truncateLogBody(body)}`, // https://repost.aws/knowledge-center/malformed-502-api-gateway
  receivedResponse: (status: number, latencyMs: number) => `Received response. Status: ${status}, Integration latency: ${Math.round(latencyMs)} ms`, // re:Post KC
} as const;

/** Messages that follow the documented layout but whose exact text is not recorded. */
export const REST_EXECUTION_UNVERIFIED = ['payloadTooLarge', 'startingExecution', 'methodRequest*', 'endpointRequestUri', 'successfullyCompleted'] as const;

/** API Gateway truncates logged bodies at 1 KB (documented "[TRUNCATED]" marker is unverified). */
export const LOG_BODY_LIMIT_CHARS = 1024;

function truncateLogBody(body: string): string {
  return body.length > LOG_BODY_LIMIT_CHARS ? `${body.slice(0, LOG_BODY_LIMIT_CHARS)} [TRUNCATED]` : body;
}

/** How the REST integration ended, as the execution log tells it. */
export type RestLogEnding =
  | { kind: 'success'; lambdaRequestId: string; latencyMs: number; payload: string; responseBody: string; headers: Record<string, string> }
  | { kind: 'function-error'; lambdaRequestId: string; latencyMs: number; payload: string; errorMessage: string }
  | { kind: 'malformed'; lambdaRequestId: string; latencyMs: number; payload: string }
  | { kind: 'timeout' }
  | { kind: 'no-permission' }
  | { kind: 'throttled'; lambdaRequestId: string; body: string }
  | { kind: 'lambda-rejected'; lambdaRequestId: string; status: number; message: string }
  | { kind: 'request-too-large' };

/** Everything the REST execution log mentions. */
export interface RestLogInput {
  requestId: string;
  extendedRequestId: string;
  method: string;
  resourcePath: string;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  requestBody: string | null;
  functionArn: string;
  region: string;
  nowMs: number;
  ending: RestLogEnding;
  status: number;
}

function braces(map: Record<string, string>): string {
  return `{${Object.entries(map)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}}`;
}

/** The REST API execution log lines for one request. */
export function createRestExecutionLog(input: RestLogInput): string[] {
  const id = input.requestId;
  const line = (m: string) => restLine(id, m);
  const M = REST_EXECUTION_MESSAGES;
  const out: string[] = [
    line(`Extended Request Id: ${input.extendedRequestId}`),
    line(`Starting execution for request: ${id}`),
    line(`HTTP Method: ${input.method}, Resource Path: ${input.resourcePath}`),
    line(`Method request path: ${braces(input.pathParameters)}`),
    line(`Method request query string: ${braces(input.query)}`),
    line(`Method request headers: ${braces(input.headers)}`),
    line(`Method request body before transformations: ${truncateLogBody(input.requestBody ?? '')}`),
  ];
  const e = input.ending;
  if (e.kind === 'request-too-large') {
    out.push(line(M.methodCompleted(input.status)));
    return out;
  }
  const uri = `https://lambda.${input.region}.amazonaws.com/2015-03-31/functions/${input.functionArn}/invocations`;
  out.push(line(`Endpoint request URI: ${uri}`));
  if (e.kind === 'no-permission') {
    out.push(line(M.invalidPermissions));
  } else if (e.kind === 'timeout') {
    out.push(line(`Sending request to ${uri}`));
    out.push(line(M.timeout));
  } else if (e.kind === 'throttled') {
    out.push(line(`Sending request to ${uri}`));
    out.push(line(M.receivedResponse(429, 0)));
    out.push(line(M.endpointResponseBody(e.body)));
    out.push(line(M.invocationFailed(429, e.lambdaRequestId)));
    out.push(line(M.rateExceeded));
  } else if (e.kind === 'lambda-rejected') {
    out.push(line(`Sending request to ${uri}`));
    out.push(line(M.invocationFailed(e.status, e.lambdaRequestId)));
    out.push(line(`Execution failed: ${e.message}`));
  } else {
    out.push(line(`Sending request to ${uri}`));
    out.push(line(M.receivedResponse(200, e.latencyMs)));
    const respHeaders: Record<string, string> = {
      Date: new Date(input.nowMs + e.latencyMs).toUTCString(),
      'Content-Type': 'application/json',
      'Content-Length': String(e.payload.length),
      Connection: 'keep-alive',
      'x-amzn-RequestId': e.lambdaRequestId,
    };
    // brain-power/Brain-Power-Amazon-Fidgetology#28: endpoint headers show X-Amz-Function-Error=Unhandled.
    if (e.kind === 'function-error') respHeaders['X-Amz-Function-Error'] = 'Unhandled';
    respHeaders['X-Amz-Executed-Version'] = '$LATEST';
    out.push(line(`Endpoint response headers: ${braces(respHeaders)}`));
    out.push(line(M.endpointResponseBody(e.payload)));
    if (e.kind === 'function-error') out.push(line(M.functionError(e.errorMessage, e.lambdaRequestId)));
    else if (e.kind === 'malformed') out.push(line(M.malformed));
    else {
      out.push(line(`Method response body after transformations: ${truncateLogBody(e.responseBody)}`));
      out.push(line(`Method response headers: ${braces(e.headers)}`));
      out.push(line('Successfully completed execution'));
    }
  }
  out.push(line(M.methodCompleted(input.status)));
  return out;
}

/** REST `$context.error.responseType` values used here (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html names). */
export type RestResponseType = 'INTEGRATION_FAILURE' | 'INTEGRATION_TIMEOUT' | 'API_CONFIGURATION_ERROR' | 'REQUEST_TOO_LARGE' | '-';

/** One REST access-log entry (JSON). */
export interface RestAccessLogInput {
  requestId: string;
  sourceIp: string;
  nowMs: number;
  method: string;
  resourcePath: string;
  status: number;
  responseLength: number;
  errorMessage: string | null;
  responseType: RestResponseType;
  integrationErrorMessage: string | null;
  integrationStatus: number | null;
  integrationLatencyMs: number | null;
}

/** A REST API access-log line (JSON). */
export function createRestAccessLog(input: RestAccessLogInput): string {
  return JSON.stringify({
    requestId: input.requestId,
    ip: input.sourceIp,
    requestTime: formatRequestTime(input.nowMs),
    httpMethod: input.method,
    resourcePath: input.resourcePath,
    status: String(input.status),
    protocol: 'HTTP/1.1',
    responseLength: String(input.responseLength),
    'error.message': input.errorMessage ?? '-',
    'error.responseType': input.responseType,
    integrationErrorMessage: input.integrationErrorMessage ?? '-',
    integrationStatus: input.integrationStatus === null ? '-' : String(input.integrationStatus),
    integrationLatency: input.integrationLatencyMs === null ? '-' : String(Math.round(input.integrationLatencyMs)),
  });
}

/** `integrationErrorMessage` for a REST function error (DataBiosphere/azul PR#6624): no space after the colon. */
export function restCustomerFunctionError(errorMessage: string): string {
  return `Lambda Customer Function Error:${errorMessage}`;
}

/** HTTP API `$context.integrationErrorMessage` for a function error (public captures quoted in Dynatrace's and AWS workshop guides). */
export function httpApiFunctionErrorMessage(errorMessage: string): string {
  return `The Lambda function returned the following error: ${errorMessage}. Check your Lambda function code and try again.`;
}

/** One HTTP API access-log entry. */
export interface HttpApiAccessLogInput {
  requestId: string;
  sourceIp: string;
  nowMs: number;
  method: string;
  routeKey: string;
  status: number;
  responseLength: number;
  integrationErrorMessage: string | null;
  errorMessage: string | null;
  integrationStatus: number | null;
  integrationLatencyMs: number | null;
}

/** An HTTP API access-log line (JSON), with `$context.integrationErrorMessage` as https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html recommends. */
export function createHttpApiAccessLog(input: HttpApiAccessLogInput): string {
  return JSON.stringify({
    requestId: input.requestId,
    ip: input.sourceIp,
    requestTime: formatRequestTime(input.nowMs),
    httpMethod: input.method,
    routeKey: input.routeKey,
    status: String(input.status),
    protocol: 'HTTP/1.1',
    responseLength: String(input.responseLength),
    errorMessage: input.errorMessage ?? '-',
    integrationStatus: input.integrationStatus === null ? '-' : String(input.integrationStatus),
    integrationLatency: input.integrationLatencyMs === null ? '-' : String(Math.round(input.integrationLatencyMs)),
    integrationErrorMessage: input.integrationErrorMessage ?? '-',
  });
}

/** ALB `error_reason` codes for Lambda targets (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html#error-reason-codes). */
export const ALB_LAMBDA_ERROR_REASONS = [
  'LambdaAccessDenied',
  'LambdaBadRequest',
  'LambdaConnectionTimeout',
  'LambdaInvalidResponse',
  'LambdaRequestTooLarge',
  'LambdaResourceNotFound',
  'LambdaResponseTooLarge',
  'LambdaServiceException',
  'LambdaThrottling',
  'LambdaUnhandled',
  'LambdaUnhandledException',
] as const;

/** One ALB Lambda error reason. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html#error-reason-codes has no `LambdaTimeout`: a function timeout is an Unhandled function error. */
export type AlbErrorReason = (typeof ALB_LAMBDA_ERROR_REASONS)[number];

/** One ALB access-log entry for a Lambda target. */
export interface AlbAccessLogInput {
  nowMs: number;
  /** `app/<name>/<id>` */
  elb: string;
  clientIp: string;
  clientPort: number;
  /** Seconds the target took, or -1 when not dispatched. */
  targetProcessingSeconds: number;
  elbStatus: number;
  targetStatus: number | null;
  receivedBytes: number;
  sentBytes: number;
  method: string;
  url: string;
  userAgent: string;
  targetGroupArn: string;
  traceId: string;
  errorReason: AlbErrorReason | null;
}

/** An ALB access-log line in the documented field order (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html#error-reason-codes), as in its Lambda examples. */
export function createAlbAccessLog(input: AlbAccessLogInput): string {
  const dispatched = input.targetProcessingSeconds >= 0;
  const t = (s: number) => (s < 0 ? '-1' : s.toFixed(3));
  const fields = [
    'http',
    formatAlbTime(input.nowMs + Math.max(0, input.targetProcessingSeconds) * 1000),
    input.elb,
    `${input.clientIp}:${input.clientPort}`,
    '-', // target:port is "-" for Lambda targets
    t(dispatched ? 0 : -1),
    t(input.targetProcessingSeconds),
    t(dispatched ? 0 : -1),
    String(input.elbStatus),
    input.targetStatus === null ? '-' : String(input.targetStatus),
    String(input.receivedBytes),
    String(input.sentBytes),
    `"${input.method} ${input.url} HTTP/1.1"`,
    `"${preview(input.userAgent, 8192).replace(/"/g, '\\"')}"`,
    '-', // ssl_cipher
    '-', // ssl_protocol
    input.targetGroupArn,
    `"${input.traceId}"`,
    '"-"', // domain_name
    '"-"', // chosen_cert_arn
    '0', // matched_rule_priority (default action)
    formatAlbTime(input.nowMs),
    '"forward"',
    '"-"', // redirect_url
    `"${input.errorReason ?? '-'}"`,
    '"-"', // target:port_list
    '"-"', // target_status_code_list
    '"-"', // classification
    '"-"', // classification_reason
  ];
  return fields.join(' ');
}
