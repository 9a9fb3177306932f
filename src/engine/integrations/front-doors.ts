/**
 * What each front door's caller receives for one invocation: pure mappers from the Lambda service's
 * view (`InvocationRecord`) to the caller's `HttpResponse`, the findings that explain it, and the
 * front door's own log lines. One mapper per front door; the shared rules are in `response-rules.ts`.
 */
import { isFrontDoorPermitted, type FunctionUrlPermission } from './url-permissions.ts';
import type { CatalogueCode, FindingParams } from '../errors/catalogue.ts';
import { createFinding } from '../errors/catalogue.ts';
import { SIMULATOR_GAP_SENTENCE } from '../errors/simulator-gap.ts';
import type { Finding, HttpResponse, InvocationRecord } from '../types.ts';
import type { FrontDoor } from '../vocabulary.ts';
import { deriveExtendedRequestId, deriveTraceId, createFrontDoorIds } from './events.ts';
import type { GatewayReply } from './gateway-replies.ts';
import { GATEWAY_REPLIES, invokeTooLargeMessage, renderReply } from './gateway-replies.ts';
import type { AlbErrorReason, RestLogEnding, RestResponseType } from './gateway-logs.ts';
import {
  createAlbAccessLog,
  createHttpApiAccessLog,
  createRestAccessLog,
  createRestExecutionLog,
  httpApiFunctionErrorMessage,
  restCustomerFunctionError,
} from './gateway-logs.ts';
import type { NamedValues, SimulationInputs } from './http-request.ts';
import type { LimitRule } from './limits.ts';
import { defaultIntegrationTimeoutMs, MAX_ALB_RESPONSE_BYTES, MAX_SYNC_REQUEST_BYTES, REQUEST_LIMITS } from './limits.ts';
import type { ResponseIssue, ShapedResponse } from './response-rules.ts';
import { checkV1Result, checkV2Result } from './response-rules.ts';
import { base64DecodedLength, utf8ByteLength } from './text.ts';
import { INVOKE_ERROR_STATUS, invokeErrorStatus } from '../report/invoke-response.ts';

/** The request as the front door's logs describe it. */
export interface RequestSummary {
  method: string;
  path: string;
  /** Decoded query, last value per key. */
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string | null;
  sourceIp: string;
  userAgent: string;
  /** HTTP API route key the request matched (`GET /items/{id}`); `$default` when absent. */
  routeKey?: string;
}

/** Inputs of a mapper besides the record: the front door's configuration and the request. */
export interface FrontDoorContext {
  /** Does the function's resource policy let this front door invoke it? */
  invokePermission: boolean;
  /** Function URL only: the permissions its resource policy grants; both are needed (see url-permissions.ts). */
  urlPermissions?: readonly FunctionUrlPermission[];
  /** Lambda throttles this invocation (reserved concurrency exhausted). */
  throttled?: boolean;
  /** Integration timeout (API Gateway). Defaults: REST 29,000 ms, HTTP API 30,000 ms. */
  integrationTimeoutMs?: number;
  /** ALB target group attribute `lambda.multi_value_headers.enabled`. */
  albMultiValueHeaders?: boolean;
  /** Bytes of the request body the client sent. */
  requestBodyBytes: number;
  /** Bytes of the event sent to Lambda (defaults to `requestBodyBytes`). */
  eventBytes?: number;
  /** Ids, clock and account of the simulation. */
  sim?: Partial<SimulationInputs>;
  request?: Partial<RequestSummary>;
}

/** What a front door's caller received, and why. */
export interface FrontDoorResult {
  frontDoor: FrontDoor;
  response: HttpResponse;
  findings: Finding[];
  /** The front door's own log stream (execution/access logs). */
  gatewayLogs: string[];
  /** False when the front door answered without invoking the function. */
  invoked: boolean;
  /** How long the caller waited for this response, ms. */
  clientLatencyMs: number;
  /** How long the function ran (it may run on after the caller got a 504), ms; null if not invoked. */
  functionDurationMs: number | null;
  billedDurationMs: number | null;
  /** ALB `error_reason` or REST `error.responseType`, when the front door recorded one. */
  errorReason: string | null;
}

/** Signature shared by every mapper. `record` is null when the Lambda service was never called. */
export type FrontDoorMapper = (record: InvocationRecord | null, ctx: FrontDoorContext) => FrontDoorResult;

/** Defaults a front door applies to a successful response, with their sources. */
export const RESPONSE_DEFAULTS = {
  restContentType: { value: 'application/json', source: 'https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json (AWS-validated): {"statusCode":200} gives Content-Type: application/json' },
  httpApiContentType: {
    value: 'text/plain; charset=utf-8',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response; a real 2020 capture of an HTTP API response with statusCode and no content-type',
    unverified: true,
  },
  functionUrlContentType: { value: 'application/json', source: 'https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json test_lambda_url_invocation (AWS-validated)' },
  albContentType: { value: null, source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html', unverified: true },
} as const;

const DEFAULT_SIM: SimulationInputs = {
  requestId: '00000000-0000-0000-0000-000000000000',
  nowMs: 0,
  region: 'us-east-1',
  accountId: '123456789012',
  functionName: 'my-function',
};

function simOf(ctx: FrontDoorContext): SimulationInputs {
  return { ...DEFAULT_SIM, ...ctx.sim };
}

function requestOf(ctx: FrontDoorContext): RequestSummary {
  return { method: 'GET', path: '/', query: {}, headers: {}, body: null, sourceIp: '203.0.113.10', userAgent: 'lambda-triage/1.0', ...ctx.request };
}

function functionArn(sim: SimulationInputs): string {
  return `arn:aws:lambda:${sim.region}:${sim.accountId}:function:${sim.functionName}`;
}

/** Did the function fail (as opposed to returning a result the front door then judges)? */
export function isFunctionFailure(record: InvocationRecord): boolean {
  return (
    record.functionError === 'Unhandled' ||
    record.outcome === 'function-error' ||
    record.outcome === 'timeout' ||
    record.outcome === 'out-of-memory' ||
    record.outcome === 'init-error'
  );
}

/** The catalogue code explaining a function failure. */
export function functionFailureCode(record: InvocationRecord): CatalogueCode {
  if (record.errorType === 'Function.ResponseSizeTooLarge') return 'LT-LAMBDA-RESPONSE-TOO-LARGE';
  if (record.outcome === 'timeout' || record.errorType === 'Sandbox.Timedout') return 'LT-FUNCTION-TIMEOUT';
  if (record.outcome === 'out-of-memory') return 'LT-OUT-OF-MEMORY';
  // A module the runtime provides and the simulator lacks (the runtimes' gap notes end their message this way).
  if (record.outcome === 'init-error' && (record.errorMessage ?? '').includes(SIMULATOR_GAP_SENTENCE)) return 'LT-SIM-MODULE-GAP';
  if (record.outcome === 'init-error') return 'LT-INIT-FAILURE';
  return 'LT-FUNCTION-ERROR';
}

function functionFinding(record: InvocationRecord, frontDoor: FrontDoor, status: number, overrides: { unverified?: boolean; source?: string } = {}): Finding {
  return createFinding(functionFailureCode(record), { frontDoor, status, errorType: record.errorType, errorMessage: record.errorMessage }, overrides);
}

function issueFindings(issues: readonly ResponseIssue[], status: number): Finding[] {
  return issues.map((i) =>
    createFinding(i.code, i.fatal ? { ...i.params, status } : i.params, { source: i.source, ...(i.unverified ? { unverified: true } : {}) }),
  );
}

function functionLatency(record: InvocationRecord): number {
  return (record.initDurationMs ?? 0) + record.durationMs;
}

/** A limit a request breaks, found before invoking. */
export interface LimitViolation {
  frontDoor: FrontDoor;
  rule: LimitRule;
  bytes: number;
}

/**
 * Check a request against the front door's limits before invoking, so the caller can skip the invoke.
 * `requestBytes` is the body size the client sent (for `invoke`, the payload size); `eventBytes` is the
 * size of the event sent to Lambda, when known.
 */
export function checkRequestLimits(frontDoor: FrontDoor, requestBytes: number, eventBytes?: number): LimitViolation | null {
  for (const rule of REQUEST_LIMITS[frontDoor]) {
    const bytes = rule.applies === 'request-body' ? requestBytes : (eventBytes ?? requestBytes);
    if (bytes > rule.bytes) return { frontDoor, rule, bytes };
  }
  return null;
}

function limitFinding(v: LimitViolation): Finding {
  const code: CatalogueCode = v.rule.applies === 'invoke-payload' && v.frontDoor !== 'invoke' && v.frontDoor !== 'function-url' ? 'LT-INVOKE-PAYLOAD-TOO-LARGE' : 'LT-REQUEST-TOO-LARGE';
  return createFinding(code, { frontDoor: v.frontDoor, bytes: v.bytes, limitBytes: v.rule.bytes, status: v.rule.status }, { source: v.rule.source, ...(v.rule.unverified ? { unverified: true } : {}) });
}

function toHttpResponse(statusCode: number, list: readonly NamedValues[], body: string, isBase64Encoded: boolean): HttpResponse {
  const headers: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const { name, values } of list) {
    headers[name] = values.join(', ');
    if (values.length > 1) multi[name] = [...values];
  }
  const response: HttpResponse = { statusCode, headers, body };
  if (isBase64Encoded) response.isBase64Encoded = true;
  if (Object.keys(multi).length > 0) response.multiValueHeaders = multi;
  return response;
}

function withoutHeader(list: NamedValues[], name: string): NamedValues[] {
  return list.filter((h) => h.name.toLowerCase() !== name.toLowerCase());
}

function hasHeader(list: readonly NamedValues[], name: string): boolean {
  return list.some((h) => h.name.toLowerCase() === name.toLowerCase());
}

function bodyBytes(body: string, isBase64Encoded: boolean): number {
  return isBase64Encoded ? base64DecodedLength(body) : utf8ByteLength(body);
}

function result(
  frontDoor: FrontDoor,
  response: HttpResponse,
  findings: Finding[],
  gatewayLogs: string[],
  record: InvocationRecord | null,
  extra: Partial<FrontDoorResult> = {},
): FrontDoorResult {
  return {
    frontDoor,
    response,
    findings,
    gatewayLogs,
    invoked: record !== null,
    clientLatencyMs: record ? functionLatency(record) : 0,
    functionDurationMs: record ? record.durationMs : null,
    billedDurationMs: record ? record.billedDurationMs : null,
    errorReason: null,
    ...extra,
  };
}

/** Steps every front door takes in the same order before it looks at the function's result. */
type Gate =
  | { kind: 'no-permission' }
  | { kind: 'too-large'; violation: LimitViolation }
  | { kind: 'throttled' }
  | { kind: 'missing-record' }
  | { kind: 'invalid-request'; record: InvocationRecord }
  | { kind: 'integration-timeout'; record: InvocationRecord; timeoutMs: number }
  | { kind: 'function-failure'; record: InvocationRecord }
  | { kind: 'result'; record: InvocationRecord };

function gate(frontDoor: FrontDoor, record: InvocationRecord | null, ctx: FrontDoorContext): Gate {
  if (!isFrontDoorPermitted(frontDoor, ctx.invokePermission, ctx.urlPermissions)) return { kind: 'no-permission' };
  const violation = checkRequestLimits(frontDoor, ctx.requestBodyBytes, ctx.eventBytes);
  if (violation) return { kind: 'too-large', violation };
  if (ctx.throttled || record?.outcome === 'throttled') return { kind: 'throttled' };
  if (!record) return { kind: 'missing-record' };
  if (record.outcome === 'invalid-request') return { kind: 'invalid-request', record };
  const timeoutMs = ctx.integrationTimeoutMs ?? defaultIntegrationTimeoutMs(frontDoor);
  if (timeoutMs !== null && (frontDoor === 'apigw-rest' || frontDoor.startsWith('http-api')) && functionLatency(record) > timeoutMs) {
    return { kind: 'integration-timeout', record, timeoutMs };
  }
  if (isFunctionFailure(record)) return { kind: 'function-failure', record };
  return { kind: 'result', record };
}

function timeoutFinding(frontDoor: FrontDoor, record: InvocationRecord, timeoutMs: number, status: number, unverified: boolean): Finding {
  return createFinding(
    'LT-INTEGRATION-TIMEOUT',
    { frontDoor, timeoutMs, durationMs: Math.round(functionLatency(record)), billedDurationMs: record.billedDurationMs, status },
    { source: frontDoor === 'apigw-rest' ? 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html; a real REST API curl capture (2025-05-20)' : 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html; anomalyco/sst#2232', ...(unverified ? { unverified: true } : {}) },
  );
}

// ── REST API ────────────────────────────────────────────────────────────────────────────────────

/** REST API (Lambda proxy) mapper. */
export const mapRestApiResponse: FrontDoorMapper = (record, ctx) => {
  const fd: FrontDoor = 'apigw-rest';
  const sim = simOf(ctx);
  const req = requestOf(ctx);
  const ext = deriveExtendedRequestId(sim.requestId);
  const idHeaders = { 'x-amzn-RequestId': sim.requestId, 'x-amz-apigw-id': ext };
  const g = gate(fd, record, ctx);
  const reply = (r: GatewayReply) => renderReply(r, { headers: idHeaders });
  const lambdaId = record?.requestId ?? sim.requestId;

  let response: HttpResponse;
  const findings: Finding[] = [];
  let ending: RestLogEnding;
  let responseType: RestResponseType = '-';
  let integrationError: string | null = null;
  let errorMessage: string | null = null;
  let integrationStatus: number | null = null;
  let latency: number | null = record ? functionLatency(record) : null;
  let extra: Partial<FrontDoorResult> = {};

  switch (g.kind) {
    case 'no-permission':
      response = reply(GATEWAY_REPLIES.restInvokeRejected);
      findings.push(createFinding('LT-NO-INVOKE-PERMISSION', { frontDoor: fd, status: 500 }, { source: GATEWAY_REPLIES.restInvokeRejected.source }));
      ending = { kind: 'no-permission' };
      responseType = 'API_CONFIGURATION_ERROR'; // sal-blog.com capture (docs/sources.md §6)
      errorMessage = 'Internal server error';
      latency = null;
      break;
    case 'too-large':
      if (g.violation.rule.applies === 'request-body') {
        response = reply(GATEWAY_REPLIES.restRequestTooLarge);
        ending = { kind: 'request-too-large' };
        responseType = 'REQUEST_TOO_LARGE';
      } else {
        response = reply(GATEWAY_REPLIES.restInvokeRejected);
        ending = { kind: 'lambda-rejected', lambdaRequestId: lambdaId, status: 413, message: invokeTooLargeMessage(g.violation.bytes) };
        integrationStatus = 413;
      }
      findings.push(limitFinding(g.violation));
      latency = null;
      break;
    case 'throttled':
      response = reply(GATEWAY_REPLIES.restInvokeRejected);
      findings.push(createFinding('LT-THROTTLED', { frontDoor: fd, status: 500 }, { source: 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html; a real REST API curl capture (2025-05-20)' }));
      ending = { kind: 'throttled', lambdaRequestId: lambdaId, body: GATEWAY_REPLIES.invokeThrottled.body };
      responseType = 'API_CONFIGURATION_ERROR';
      integrationStatus = 429;
      errorMessage = 'Internal server error';
      latency = null;
      break;
    case 'missing-record':
    case 'invalid-request': {
      response = reply(GATEWAY_REPLIES.restInvokeRejected);
      const r = g.kind === 'invalid-request' ? g.record : null;
      findings.push(createFinding('LT-INVALID-REQUEST', { frontDoor: fd, status: 500, errorType: r?.errorType ?? null, errorMessage: r?.errorMessage ?? null }, { unverified: true }));
      ending = { kind: 'lambda-rejected', lambdaRequestId: lambdaId, status: 400, message: r?.errorMessage ?? 'Lambda rejected the request' };
      integrationStatus = 400;
      break;
    }
    case 'integration-timeout':
      response = reply(GATEWAY_REPLIES.restTimeout);
      findings.push(timeoutFinding(fd, g.record, g.timeoutMs, 504, false));
      ending = { kind: 'timeout' };
      responseType = 'INTEGRATION_TIMEOUT';
      errorMessage = 'Endpoint request timed out';
      latency = g.timeoutMs;
      extra = { clientLatencyMs: g.timeoutMs };
      break;
    case 'function-failure':
      response = reply(GATEWAY_REPLIES.restFunctionError);
      findings.push(functionFinding(g.record, fd, 502));
      ending = {
        kind: 'function-error',
        lambdaRequestId: lambdaId,
        latencyMs: functionLatency(g.record),
        payload: g.record.payload ?? '',
        errorMessage: g.record.errorMessage ?? '',
      };
      responseType = 'INTEGRATION_FAILURE';
      integrationError = restCustomerFunctionError(g.record.errorMessage ?? '');
      errorMessage = 'Internal server error';
      integrationStatus = 200;
      break;
    case 'result': {
      const check = checkV1Result(fd, g.record.payload);
      integrationStatus = 200;
      if (!check.response) {
        response = reply(GATEWAY_REPLIES.restMalformedResponse);
        findings.push(...issueFindings(check.issues, 502));
        ending = { kind: 'malformed', lambdaRequestId: lambdaId, latencyMs: functionLatency(g.record), payload: g.record.payload ?? '' };
        // Malformed proxy responses are logged as a configuration error (https://repost.aws/knowledge-center/malformed-502-api-gateway); the access-log type is unverified.
        responseType = 'API_CONFIGURATION_ERROR';
        errorMessage = 'Internal server error';
        integrationError = 'Malformed Lambda proxy response';
      } else {
        findings.push(...issueFindings(check.issues, check.response.statusCode));
        response = restSuccess(check.response, idHeaders);
        if (check.response.isBase64Encoded) {
          findings.push(createFinding('LT-REST-BASE64-NOT-DECODED', { frontDoor: fd, detail: `The caller received ${utf8ByteLength(check.response.body)} bytes of base64 text.` }, { source: `https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html; https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json` }));
        }
        ending = {
          kind: 'success',
          lambdaRequestId: lambdaId,
          latencyMs: functionLatency(g.record),
          payload: g.record.payload ?? '',
          responseBody: response.body,
          headers: response.headers,
        };
      }
      break;
    }
  }

  const logs = createRestExecutionLog({
    requestId: sim.requestId,
    extendedRequestId: ext,
    method: req.method,
    resourcePath: req.path,
    pathParameters: {},
    query: req.query,
    headers: req.headers,
    requestBody: req.body,
    functionArn: functionArn(sim),
    region: sim.region,
    nowMs: sim.nowMs,
    ending,
    status: response.statusCode,
  });
  logs.push(
    createRestAccessLog({
      requestId: sim.requestId,
      sourceIp: req.sourceIp,
      nowMs: sim.nowMs,
      method: req.method,
      resourcePath: req.path,
      status: response.statusCode,
      responseLength: utf8ByteLength(response.body),
      errorMessage,
      responseType,
      integrationErrorMessage: integrationError,
      integrationStatus,
      integrationLatencyMs: latency,
    }),
  );
  return result(fd, response, findings, logs, g.kind === 'no-permission' || g.kind === 'too-large' || g.kind === 'throttled' ? null : record, {
    errorReason: responseType === '-' ? null : responseType,
    ...extra,
  });
};

function restSuccess(shaped: ShapedResponse, idHeaders: Record<string, string>): HttpResponse {
  let list = withoutHeader(shaped.headers, 'content-length');
  if (!hasHeader(list, 'content-type')) list = [...list, { name: 'Content-Type', values: [RESPONSE_DEFAULTS.restContentType.value] }];
  list.push({ name: 'Content-Length', values: [String(utf8ByteLength(shaped.body))] });
  for (const [k, v] of Object.entries(idHeaders)) list.push({ name: k, values: [v] });
  // Without binaryMediaTypes the base64 text is sent as-is (https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json): not flagged as binary for the caller.
  return toHttpResponse(shaped.statusCode, list, shaped.body, false);
}

// ── HTTP API ────────────────────────────────────────────────────────────────────────────────────

function mapHttpApi(fd: 'http-api-v1' | 'http-api-v2', record: InvocationRecord | null, ctx: FrontDoorContext): FrontDoorResult {
  const sim = simOf(ctx);
  const req = requestOf(ctx);
  const idHeaders = { 'apigw-requestid': sim.requestId };
  const g = gate(fd, record, ctx);
  const reply = (r: GatewayReply) => renderReply(r, { headers: idHeaders });
  const generic = () => reply(GATEWAY_REPLIES.httpApiInternalError);
  const D4 = GATEWAY_REPLIES.httpApiInternalError.source;

  let response: HttpResponse;
  const findings: Finding[] = [];
  let integrationError: string | null = null;
  let errorMessage: string | null = null;
  let integrationStatus: number | null = record ? 200 : null;
  let extra: Partial<FrontDoorResult> = {};

  switch (g.kind) {
    case 'no-permission':
      response = generic();
      findings.push(createFinding('LT-NO-INVOKE-PERMISSION', { frontDoor: fd, status: 500 }, { source: `${D4}; https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html` }));
      integrationError = 'Invalid permissions on Lambda function'; // unverified wording
      errorMessage = 'Internal Server Error';
      integrationStatus = null;
      break;
    case 'too-large':
      response = g.violation.rule.applies === 'request-body' ? reply(GATEWAY_REPLIES.httpApiRequestTooLarge) : generic();
      findings.push(limitFinding(g.violation));
      integrationStatus = g.violation.rule.applies === 'request-body' ? null : 413;
      errorMessage = g.violation.rule.applies === 'request-body' ? 'Request Entity Too Large' : 'Internal Server Error';
      break;
    case 'throttled':
      response = generic();
      findings.push(createFinding('LT-THROTTLED', { frontDoor: fd, status: 500 }, { source: 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html', unverified: true }));
      integrationError = 'Rate Exceeded.';
      errorMessage = 'Internal Server Error';
      integrationStatus = 429;
      break;
    case 'missing-record':
    case 'invalid-request': {
      const r = g.kind === 'invalid-request' ? g.record : null;
      response = generic();
      findings.push(createFinding('LT-INVALID-REQUEST', { frontDoor: fd, status: 500, errorType: r?.errorType ?? null, errorMessage: r?.errorMessage ?? null }, { unverified: true }));
      errorMessage = 'Internal Server Error';
      integrationStatus = 400;
      break;
    }
    case 'integration-timeout':
      response = reply(GATEWAY_REPLIES.httpApiTimeout);
      findings.push(timeoutFinding(fd, g.record, g.timeoutMs, 503, true));
      errorMessage = 'Service Unavailable';
      integrationStatus = null;
      extra = { clientLatencyMs: g.timeoutMs };
      break;
    case 'function-failure':
      response = generic();
      findings.push(functionFinding(g.record, fd, 500, { source: D4 }));
      integrationError = httpApiFunctionErrorMessage(g.record.errorMessage ?? '');
      errorMessage = 'Internal Server Error';
      break;
    case 'result': {
      const check = fd === 'http-api-v1' ? checkV1Result(fd, g.record.payload) : checkV2Result(fd, g.record.payload);
      if (!check.response) {
        response = generic();
        findings.push(...issueFindings(check.issues, 500));
        errorMessage = 'Internal Server Error';
        // Unverified wording; https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html tells users to log $context.integrationErrorMessage for this case.
        integrationError = "The response from the Lambda function doesn't match the format that API Gateway expects.";
      } else {
        findings.push(...issueFindings(check.issues, check.response.statusCode));
        response = httpApiSuccess(check.response, idHeaders);
      }
      break;
    }
  }
  const log = createHttpApiAccessLog({
    requestId: sim.requestId,
    sourceIp: req.sourceIp,
    nowMs: sim.nowMs,
    method: req.method,
    routeKey: req.routeKey ?? '$default',
    status: response.statusCode,
    responseLength: utf8ByteLength(response.body),
    integrationErrorMessage: integrationError,
    errorMessage,
    integrationStatus,
    integrationLatencyMs: extra.clientLatencyMs ?? (record ? functionLatency(record) : null),
  });
  return result(fd, response, findings, [log], g.kind === 'no-permission' || g.kind === 'too-large' || g.kind === 'throttled' ? null : record, extra);
}

function httpApiSuccess(shaped: ShapedResponse, idHeaders: Record<string, string>): HttpResponse {
  let list = withoutHeader(shaped.headers, 'content-length');
  if (!hasHeader(list, 'content-type')) list = [...list, { name: 'content-type', values: [RESPONSE_DEFAULTS.httpApiContentType.value] }];
  // Each cookie becomes its own set-cookie header (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response), after any set-cookie the headers already had.
  if (shaped.cookies.length > 0) {
    const existing = list.find((h) => h.name.toLowerCase() === 'set-cookie');
    if (existing) existing.values.push(...shaped.cookies);
    else list.push({ name: 'set-cookie', values: [...shaped.cookies] });
  }
  list.push({ name: 'content-length', values: [String(bodyBytes(shaped.body, shaped.isBase64Encoded))] });
  for (const [k, v] of Object.entries(idHeaders)) list.push({ name: k, values: [v] });
  return toHttpResponse(shaped.statusCode, list, shaped.body, shaped.isBase64Encoded);
}

/** HTTP API payload format 1.0 mapper. */
export const mapHttpApiV1Response: FrontDoorMapper = (record, ctx) => mapHttpApi('http-api-v1', record, ctx);

/** HTTP API payload format 2.0 mapper. */
export const mapHttpApiV2Response: FrontDoorMapper = (record, ctx) => mapHttpApi('http-api-v2', record, ctx);

// ── Function URL ────────────────────────────────────────────────────────────────────────────────

/** Function URL (BUFFERED) mapper. Function URLs keep no gateway log of their own. */
export const mapFunctionUrlResponse: FrontDoorMapper = (record, ctx) => {
  const fd: FrontDoor = 'function-url';
  const sim = simOf(ctx);
  const idHeaders = { 'x-amzn-RequestId': record?.requestId ?? sim.requestId };
  const g = gate(fd, record, ctx);
  const reply = (r: GatewayReply) => renderReply(r, { headers: idHeaders });
  const findings: Finding[] = [];
  let response: HttpResponse;
  switch (g.kind) {
    case 'no-permission':
      response = reply(GATEWAY_REPLIES.functionUrlForbidden);
      findings.push(createFinding('LT-NO-INVOKE-PERMISSION', { frontDoor: fd, status: 403 }, { source: GATEWAY_REPLIES.functionUrlForbidden.source }));
      break;
    case 'too-large':
      response = reply(GATEWAY_REPLIES.functionUrlRequestTooLarge);
      findings.push(limitFinding(g.violation));
      break;
    case 'throttled':
      response = reply(GATEWAY_REPLIES.functionUrlThrottled);
      findings.push(createFinding('LT-THROTTLED', { frontDoor: fd, status: 429, detail: 'The 429 body is not recorded.' }, { source: GATEWAY_REPLIES.functionUrlThrottled.source }));
      break;
    case 'missing-record':
    case 'invalid-request': {
      const r = g.kind === 'invalid-request' ? g.record : null;
      response = reply(GATEWAY_REPLIES.functionUrlFunctionError);
      findings.push(createFinding('LT-INVALID-REQUEST', { frontDoor: fd, status: 502, errorType: r?.errorType ?? null, errorMessage: r?.errorMessage ?? null }, { unverified: true }));
      break;
    }
    case 'integration-timeout': // function URLs have no integration timeout; unreachable, kept for exhaustiveness
    case 'function-failure': {
      const rec = g.record;
      response = reply(GATEWAY_REPLIES.functionUrlFunctionError);
      // Recorded for exceptions; timeouts are "very likely" the same 502 (Url5xxError counts them): unverified.
      findings.push(functionFinding(rec, fd, 502, { source: GATEWAY_REPLIES.functionUrlFunctionError.source, ...(rec.outcome === 'function-error' ? {} : { unverified: true }) }));
      break;
    }
    case 'result': {
      const check = checkV2Result(fd, g.record.payload);
      if (!check.response) {
        response = reply(GATEWAY_REPLIES.functionUrlFunctionError);
        findings.push(...issueFindings(check.issues, 502));
      } else {
        findings.push(...issueFindings(check.issues, check.response.statusCode));
        let list = withoutHeader(check.response.headers, 'content-length');
        if (!hasHeader(list, 'content-type')) list = [...list, { name: 'content-type', values: [RESPONSE_DEFAULTS.functionUrlContentType.value] }];
        if (check.response.cookies.length > 0) {
          const existing = list.find((h) => h.name === 'set-cookie');
          if (existing) existing.values.push(...check.response.cookies);
          else list.push({ name: 'set-cookie', values: [...check.response.cookies] });
        }
        list.push({ name: 'content-length', values: [String(bodyBytes(check.response.body, check.response.isBase64Encoded))] });
        list.push({ name: 'x-amzn-RequestId', values: [idHeaders['x-amzn-RequestId']] });
        response = toHttpResponse(check.response.statusCode, list, check.response.body, check.response.isBase64Encoded);
      }
      break;
    }
  }
  return result(fd, response, findings, [], g.kind === 'no-permission' || g.kind === 'too-large' || g.kind === 'throttled' ? null : record);
};

// ── ALB ─────────────────────────────────────────────────────────────────────────────────────────

/** Application Load Balancer (Lambda target group) mapper. */
export const mapAlbResponse: FrontDoorMapper = (record, ctx) => {
  const fd: FrontDoor = 'alb';
  const sim = simOf(ctx);
  const req = requestOf(ctx);
  const g = gate(fd, record, ctx);
  const findings: Finding[] = [];
  let response: HttpResponse;
  let reason: AlbErrorReason | null = null;
  const bad = () => renderReply(GATEWAY_REPLIES.albBadGateway);
  const D10 = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html#error-reason-codes';
  switch (g.kind) {
    case 'no-permission':
      response = bad();
      reason = 'LambdaAccessDenied';
      findings.push(createFinding('LT-NO-INVOKE-PERMISSION', { frontDoor: fd, status: 502, detail: 'The access log shows error_reason LambdaAccessDenied.' }, { source: D10, unverified: true }));
      break;
    case 'too-large':
      response = renderReply(GATEWAY_REPLIES.albRequestTooLarge);
      reason = 'LambdaRequestTooLarge';
      findings.push(limitFinding(g.violation));
      break;
    case 'throttled':
      response = bad();
      reason = 'LambdaThrottling';
      findings.push(createFinding('LT-THROTTLED', { frontDoor: fd, status: 502, detail: 'The access log shows error_reason LambdaThrottling.' }, { source: `https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html; ${D10}` }));
      break;
    case 'missing-record':
    case 'invalid-request': {
      const r = g.kind === 'invalid-request' ? g.record : null;
      response = bad();
      reason = 'LambdaBadRequest';
      findings.push(createFinding('LT-INVALID-REQUEST', { frontDoor: fd, status: 502, errorType: r?.errorType ?? null, errorMessage: r?.errorMessage ?? null }, { source: D10, unverified: true }));
      break;
    }
    case 'integration-timeout':
    case 'function-failure':
      response = bad();
      // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html#error-reason-codes has no LambdaTimeout: a timed-out function is an Unhandled function error (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html lists it as a 502 cause).
      reason = 'LambdaUnhandled';
      findings.push(functionFinding(g.record, fd, 502, { source: `https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html; ${D10}` }));
      break;
    case 'result': {
      const payload = g.record.payload ?? 'null';
      const size = utf8ByteLength(payload);
      if (size > MAX_ALB_RESPONSE_BYTES) {
        response = bad();
        reason = 'LambdaResponseTooLarge';
        findings.push(createFinding('LT-ALB-RESPONSE-TOO-LARGE', { frontDoor: fd, status: 502, bytes: size, limitBytes: MAX_ALB_RESPONSE_BYTES }, { source: `https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html; ${D10}` }));
        break;
      }
      const check = checkV1Result(fd, payload, { albMultiValueHeaders: ctx.albMultiValueHeaders ?? false });
      if (!check.response) {
        response = bad();
        reason = 'LambdaInvalidResponse';
        findings.push(...issueFindings(check.issues, 502));
      } else {
        findings.push(...issueFindings(check.issues, check.response.statusCode));
        // The load balancer drops hop-by-hop headers and computes Content-Length itself (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html).
        let list = check.response.headers.filter((h) => !['connection', 'transfer-encoding', 'content-length'].includes(h.name.toLowerCase()));
        list = [...list, { name: 'Content-Length', values: [String(bodyBytes(check.response.body, check.response.isBase64Encoded))] }];
        response = toHttpResponse(check.response.statusCode, list, check.response.body, check.response.isBase64Encoded);
      }
      break;
    }
  }
  const invoked = !(g.kind === 'no-permission' || g.kind === 'too-large' || g.kind === 'throttled');
  const targetSeconds = record && invoked ? functionLatency(record) / 1000 : g.kind === 'too-large' ? -1 : 0;
  const ids = createFrontDoorIds(sim);
  const log = createAlbAccessLog({
    nowMs: sim.nowMs,
    elb: `app/${sim.functionName.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 20) || 'lambda'}-alb/${ids.targetGroupArn.slice(-16)}`,
    clientIp: req.sourceIp,
    clientPort: 40000 + (ids.apiId.charCodeAt(0) % 1000),
    targetProcessingSeconds: targetSeconds,
    elbStatus: response.statusCode,
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html#error-reason-codes Lambda failure example: target_status_code "-" when the Lambda target failed.
    targetStatus: reason === null ? response.statusCode : null,
    receivedBytes: utf8ByteLength(`${req.method} ${req.path} HTTP/1.1\r\n`) + ctx.requestBodyBytes,
    sentBytes: utf8ByteLength(response.body) + Object.entries(response.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0),
    method: req.method,
    url: `http://${req.headers['host'] ?? req.headers['Host'] ?? 'alb.example'}:80${req.path}`,
    userAgent: req.userAgent,
    targetGroupArn: ids.targetGroupArn,
    traceId: deriveTraceId(sim.requestId, sim.nowMs),
    errorReason: reason,
  });
  return result(fd, response, findings, [log], invoked ? record : null, { errorReason: reason });
};

// ── Direct Invoke ───────────────────────────────────────────────────────────────────────────────

/** Invoke API error status by exception name: one table, in report/invoke-response.ts (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html). */
export { INVOKE_ERROR_STATUS };

/** Direct Invoke (RequestResponse) mapper: the status reflects the API call, not the function (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html). */
export const mapInvokeResponse: FrontDoorMapper = (record, ctx) => {
  const fd: FrontDoor = 'invoke';
  const sim = simOf(ctx);
  const g = gate(fd, record, ctx);
  const findings: Finding[] = [];
  const requestId = record?.requestId ?? sim.requestId;
  const apiError = (status: number, type: string, body: string): HttpResponse =>
    renderReply({ statusCode: status, body, headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': type, 'x-amzn-RequestId': requestId }, source: '' });
  let response: HttpResponse;
  switch (g.kind) {
    case 'no-permission': {
      // Message from the Lambda troubleshooting guide; the body envelope is unverified.
      const message = `User: arn:aws:iam::${sim.accountId}:user/developer is not authorized to perform: lambda:InvokeFunction on resource: ${functionArn(sim)}`;
      response = apiError(403, 'AccessDeniedException', JSON.stringify({ Message: message }));
      findings.push(createFinding('LT-NO-INVOKE-PERMISSION', { frontDoor: fd, status: 403, detail: 'The caller\'s IAM identity needs lambda:InvokeFunction.' }, { source: 'https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html', unverified: true }));
      break;
    }
    case 'too-large':
      response = apiError(413, 'RequestEntityTooLargeException', JSON.stringify({ Type: 'User', message: invokeTooLargeMessage(g.violation.bytes, MAX_SYNC_REQUEST_BYTES) }));
      findings.push(limitFinding(g.violation));
      break;
    case 'throttled':
      response = renderReply(GATEWAY_REPLIES.invokeThrottled, { headers: { 'x-amzn-RequestId': requestId } });
      findings.push(createFinding('LT-THROTTLED', { frontDoor: fd, status: 429 }, { source: GATEWAY_REPLIES.invokeThrottled.source }));
      break;
    case 'missing-record':
    case 'invalid-request': {
      const r = g.kind === 'invalid-request' ? g.record : null;
      const type = r?.errorType ?? 'InvalidRequestContentException';
      const status = invokeErrorStatus(type, 400);
      response = apiError(status, type, JSON.stringify({ Type: 'User', message: r?.errorMessage ?? 'Could not parse request body into json' }));
      findings.push(createFinding('LT-INVALID-REQUEST', { frontDoor: fd, status, errorType: type, errorMessage: r?.errorMessage ?? null }, { source: 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html' }));
      break;
    }
    case 'integration-timeout':
    case 'function-failure':
    case 'result': {
      const rec = g.record;
      const failed = g.kind !== 'result';
      const payload = rec.payload ?? 'null';
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'Content-Length': String(utf8ByteLength(payload)),
        'x-amzn-RequestId': rec.requestId,
        'X-Amz-Executed-Version': '$LATEST',
      };
      if (failed) headers['X-Amz-Function-Error'] = rec.functionError ?? 'Unhandled';
      response = { statusCode: 200, headers, body: payload };
      if (failed) findings.push(functionFinding(rec, fd, 200, { source: 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html; https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda_common.snapshot.json test_uncaught_exception_invoke' }));
      break;
    }
  }
  return result(fd, response, findings, [], g.kind === 'no-permission' || g.kind === 'too-large' || g.kind === 'throttled' ? null : record);
};

/** The mapper of each front door. */
export const FRONT_DOOR_MAPPERS: Record<FrontDoor, FrontDoorMapper> = {
  invoke: mapInvokeResponse,
  'apigw-rest': mapRestApiResponse,
  'http-api-v1': mapHttpApiV1Response,
  'http-api-v2': mapHttpApiV2Response,
  'function-url': mapFunctionUrlResponse,
  alb: mapAlbResponse,
};

/** Map a record through `frontDoor` (see {@link FRONT_DOOR_MAPPERS}). */
export function mapFrontDoorResponse(frontDoor: FrontDoor, record: InvocationRecord | null, ctx: FrontDoorContext): FrontDoorResult {
  const out = FRONT_DOOR_MAPPERS[frontDoor](record, ctx);
  if (record?.processExit && !isFunctionFailure(record)) {
    out.findings.push(createFinding('LT-PROCESS-EXIT-AFTER-ANSWER', { frontDoor, errorType: record.processExit.errorType, errorMessage: record.processExit.errorMessage }));
  }
  return out;
}

/** Catalogue params helper re-exported for callers building their own findings. */
export type { FindingParams };
