/**
 * The front doors' own replies, byte for byte, as named constants with their sources. A reply whose
 * exact bytes were never recorded is marked `unverified`.
 */
import type { HttpResponse } from '../types.ts';
import { utf8ByteLength } from './text.ts';

/** A fixed reply of a front door. Headers listed here are the ones that identify the reply. */
export interface GatewayReply {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
  /** AWS source for the status, body and headers (URL or fact-file key expanded to a URL where one exists). */
  source: string;
  unverified?: true;
  /** What exactly is unverified, or context. */
  note?: string;
}

/** REST API generic error body: 36 bytes, a space after the colon, lower-case "server error". Source: https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html + a real REST API curl capture (2025-05-20) (content-length 36). */
export const REST_INTERNAL_ERROR_BODY = '{"message": "Internal server error"}';

/** REST API integration-timeout body, 41 bytes. Source: a real REST API curl capture (2025-05-20); DataBiosphere/azul#4955. */
export const REST_TIMEOUT_BODY = '{"message": "Endpoint request timed out"}';

/** HTTP API generic error body (no space; capital S and E). Source: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html */
export const HTTP_API_INTERNAL_ERROR_BODY = '{"message":"Internal Server Error"}';

/** HTTP API integration-timeout body. UNVERIFIED bytes: only "Service Unavailable" is reported (anomalyco/sst#2232). */
export const HTTP_API_SERVICE_UNAVAILABLE_BODY = '{"message":"Service Unavailable"}';

/** HTTP API REQUEST_TOO_LARGE body. UNVERIFIED. */
export const HTTP_API_REQUEST_TOO_LARGE_BODY = '{"message":"Request Entity Too Large"}';

/** REST API REQUEST_TOO_LARGE body (gateway response default, https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html). UNVERIFIED bytes. */
export const REST_REQUEST_TOO_LARGE_BODY = '{"message": "Request Too Long"}';

/** Function URL function-error body: plain text. Source: https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json `test_lambda_url_invocation_exception` (AWS-validated). */
export const FUNCTION_URL_INTERNAL_ERROR_BODY = 'Internal Server Error';

/** Function URL body when the resource policy lacks lambda:InvokeFunctionUrl. Source: https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json `test_lambda_permission_url_invocation`. */
export const FUNCTION_URL_FORBIDDEN_BODY =
  '{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}';

/** Function URL throttled body. UNVERIFIED (https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-throttling documents only the 429 status). */
export const FUNCTION_URL_THROTTLED_BODY = '{"Message":"Rate Exceeded."}';

/** Function URL request-too-large body. UNVERIFIED. */
export const FUNCTION_URL_REQUEST_TOO_LARGE_BODY = '{"Message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}';

/** ALB 502 page. Title and h1 recorded (CodeGenieApp/serverless-express#688; esi/esi-issues#902); exact whitespace UNVERIFIED. */
export const ALB_BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

/** ALB 413 page, same template as the 502 page. UNVERIFIED bytes. */
export const ALB_REQUEST_TOO_LARGE_HTML =
  '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n</body>\r\n</html>\r\n';

/** Invoke API throttling body. Source: docs/sources.md#throttling (solo-io/envoy-gloo PR#407 raw body; https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json reserved-concurrency snapshots). */
export const INVOKE_THROTTLED_BODY =
  '{"Reason": "ReservedFunctionConcurrentInvocationLimitExceeded", "Type": "User", "message": "Rate Exceeded."}';

/** `<bytes> byte payload is too large for the RequestResponse invocation type (limit 6291456 bytes)` (2018 capture, docs/sources.md §7). */
export function invokeTooLargeMessage(bytes: number, limit = 6_291_456): string {
  return `${bytes} byte payload is too large for the RequestResponse invocation type (limit ${limit} bytes)`;
}

/**
 * REST API reply when no resource and method match the request: 403, 42 bytes, no space after the colon.
 * Sources: https://repost.aws/knowledge-center/api-gateway-authentication-token-errors ("The API request
 * is made to a method or resource that doesn't exist"); a recorded reply with `Content-Length: 42` and
 * `x-amzn-ErrorType: MissingAuthenticationTokenException` in https://github.com/aws/chalice/issues/582.
 */
export const REST_MISSING_AUTH_TOKEN_BODY = '{"message":"Missing Authentication Token"}';

/** HTTP API reply when no route matches: "API Gateway returns {"message":"Not Found"}" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html). */
export const HTTP_API_NOT_FOUND_BODY = '{"message":"Not Found"}';

const REST_ERROR_HEADERS = {
  'content-type': 'application/json',
  'x-amzn-ErrorType': 'InternalServerErrorException',
};

/** The fixed replies, by name. Bodies that depend on the request (ids, sizes) are filled in by {@link renderReply}. */
export const GATEWAY_REPLIES = {
  restFunctionError: {
    statusCode: 502,
    body: REST_INTERNAL_ERROR_BODY,
    headers: REST_ERROR_HEADERS,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html; a real REST API curl capture (2025-05-20)',
  },
  restMalformedResponse: {
    statusCode: 502,
    body: REST_INTERNAL_ERROR_BODY,
    headers: REST_ERROR_HEADERS,
    source: 'https://repost.aws/knowledge-center/malformed-502-api-gateway; https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json',
  },
  restInvokeRejected: {
    statusCode: 500,
    body: REST_INTERNAL_ERROR_BODY,
    headers: REST_ERROR_HEADERS,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html; https://repost.aws/knowledge-center/api-gateway-rest-api-lambda-integrations',
  },
  restTimeout: {
    statusCode: 504,
    body: REST_TIMEOUT_BODY,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'InternalServerErrorException' },
    source: 'a real REST API curl capture (2025-05-20); https://github.com/DataBiosphere/azul/issues/4955',
  },
  restRequestTooLarge: {
    statusCode: 413,
    body: REST_REQUEST_TOO_LARGE_BODY,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'RequestEntityTooLargeException' },
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html',
    unverified: true,
    note: 'Status from the REQUEST_TOO_LARGE default; body and error type not recorded.',
  },
  restMissingAuthenticationToken: {
    statusCode: 403,
    body: REST_MISSING_AUTH_TOKEN_BODY,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'MissingAuthenticationTokenException' },
    source: 'https://repost.aws/knowledge-center/api-gateway-authentication-token-errors; https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html (MISSING_AUTHENTICATION_TOKEN, 403); capture in https://github.com/aws/chalice/issues/582',
  },
  httpApiNotFound: {
    statusCode: 404,
    body: HTTP_API_NOT_FOUND_BODY,
    headers: { 'content-type': 'application/json' },
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html',
    unverified: true,
    note: 'Status and body documented; the content-type header is not recorded.',
  },
  httpApiInternalError: {
    statusCode: 500,
    body: HTTP_API_INTERNAL_ERROR_BODY,
    headers: { 'content-type': 'application/json' },
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html; https://repost.aws/knowledge-center/api-gateway-status-codes-http-api',
  },
  httpApiTimeout: {
    statusCode: 503,
    body: HTTP_API_SERVICE_UNAVAILABLE_BODY,
    headers: { 'content-type': 'application/json' },
    source: 'https://github.com/anomalyco/sst/issues/2232; https://github.com/serverless/serverless/issues/11222',
    unverified: true,
    note: 'Status 503 reported; body bytes not recorded.',
  },
  httpApiRequestTooLarge: {
    statusCode: 413,
    body: HTTP_API_REQUEST_TOO_LARGE_BODY,
    headers: { 'content-type': 'application/json' },
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
    unverified: true,
  },
  functionUrlFunctionError: {
    statusCode: 502,
    body: FUNCTION_URL_INTERNAL_ERROR_BODY,
    headers: {},
    source: 'test_lambda_url_invocation_exception (AWS-validated snapshot, https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json)',
  },
  functionUrlForbidden: {
    statusCode: 403,
    body: FUNCTION_URL_FORBIDDEN_BODY,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'AccessDeniedException' },
    source: 'https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json test_lambda_permission_url_invocation (AWS-validated snapshot)',
  },
  functionUrlThrottled: {
    statusCode: 429,
    body: FUNCTION_URL_THROTTLED_BODY,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'TooManyRequestsException' },
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-throttling',
    unverified: true,
    note: 'Status documented; body and headers not recorded.',
  },
  functionUrlRequestTooLarge: {
    statusCode: 413,
    body: FUNCTION_URL_REQUEST_TOO_LARGE_BODY,
    headers: { 'Content-Type': 'application/json' },
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html',
    unverified: true,
  },
  albBadGateway: {
    statusCode: 502,
    body: ALB_BAD_GATEWAY_HTML,
    headers: { Server: 'awselb/2.0', 'Content-Type': 'text/html' },
    source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html; CodeGenieApp/serverless-express#688',
    unverified: true,
    note: 'Status documented; HTML whitespace not recorded byte for byte.',
  },
  albRequestTooLarge: {
    statusCode: 413,
    body: ALB_REQUEST_TOO_LARGE_HTML,
    headers: { Server: 'awselb/2.0', 'Content-Type': 'text/html' },
    source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html',
    unverified: true,
    note: 'Status documented; HTML bytes not recorded.',
  },
  invokeThrottled: {
    statusCode: 429,
    body: INVOKE_THROTTLED_BODY,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'TooManyRequestsException' },
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html; https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json test_reserved_concurrency',
  },
} satisfies Record<string, GatewayReply>;

/** Name of one fixed reply. */
export type GatewayReplyName = keyof typeof GATEWAY_REPLIES;

/** Extra headers every reply of a front door carries (request ids), added by {@link renderReply}. */
export interface ReplyExtras {
  headers?: Record<string, string>;
  body?: string;
}

/** Turn a reply into the {@link HttpResponse} the caller receives (adds Content-Length and extras). */
export function renderReply(reply: GatewayReply, extras: ReplyExtras = {}): HttpResponse {
  const body = extras.body ?? reply.body;
  return {
    statusCode: reply.statusCode,
    headers: { ...reply.headers, ...extras.headers, 'Content-Length': String(utf8ByteLength(body)) },
    body,
  };
}
