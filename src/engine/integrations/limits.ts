/**
 * Front-door limits as named constants, each with its unit and source. A limit that AWS states as
 * "1 MB" without saying which megabyte is marked unverified in {@link LIMITS}.
 */
import type { FrontDoor } from '../vocabulary.ts';

/** Sync Invoke request payload: 6 MiB. Source: https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html; 2018 capture "limit 6291456 bytes". */
export const MAX_SYNC_REQUEST_BYTES = 6_291_456;

/** Sync Invoke response payload: 6 MiB + 100 bytes. Source: docs/sources.md §7 ("Response payload size exceeded maximum allowed payload size (6291556 bytes).", anomalyco/console#63). */
export const MAX_SYNC_RESPONSE_BYTES = 6_291_556;

/** Async Invoke payload: 1 MB since Oct 2025. Source: https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb. */
export const MAX_ASYNC_PAYLOAD_BYTES = 1_048_576;

/** API Gateway (REST and HTTP API) payload size: 10 MB. Source: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html. */
export const MAX_API_GATEWAY_PAYLOAD_BYTES = 10_485_760;

/** ALB → Lambda request body: 1 MB (larger gives 413). Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html. */
export const MAX_ALB_REQUEST_BODY_BYTES = 1_048_576;

/** Lambda → ALB response JSON: 1 MB (larger gives 502 LambdaResponseTooLarge). Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html, https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html#error-reason-codes. */
export const MAX_ALB_RESPONSE_BYTES = 1_048_576;

/** REST API default and usual maximum integration timeout: 29 s. Source: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html; raise possible since 2024 (https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/). */
export const REST_DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;

/** REST API minimum integration timeout: 50 ms. Source: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html. */
export const REST_MIN_INTEGRATION_TIMEOUT_MS = 50;

/** HTTP API maximum (and default) integration timeout: 30 s. Source: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html ("Maximum integration timeout 30 seconds"). */
export const HTTP_API_MAX_INTEGRATION_TIMEOUT_MS = 30_000;

/** Lambda function timeout maximum: 900 s. Source: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html. */
export const MAX_FUNCTION_TIMEOUT_MS = 900_000;

/** One limit as data, for the UI and tests. */
export interface LimitRule {
  /** Which bytes the limit counts. */
  applies: 'request-body' | 'invoke-payload' | 'response-payload';
  bytes: number;
  /** Status the caller receives when the limit is exceeded. */
  status: number;
  source: string;
  unverified?: true;
  /** Why it is unverified, or extra context. */
  note?: string;
}

/** HTTP API limits; payload formats 1.0 and 2.0 share them (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html quotas, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html troubleshooting). */
const HTTP_API_REQUEST_LIMITS: readonly LimitRule[] = [
  {
    applies: 'request-body',
    bytes: MAX_API_GATEWAY_PAYLOAD_BYTES,
    status: 413,
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
    unverified: true,
  },
  {
    applies: 'invoke-payload',
    bytes: MAX_SYNC_REQUEST_BYTES,
    status: 500,
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html',
    unverified: true,
  },
];

/** Request-side limits per front door, checked in order: the front door's own limit, then Lambda's. */
export const REQUEST_LIMITS: Record<FrontDoor, readonly LimitRule[]> = {
  invoke: [
    {
      applies: 'invoke-payload',
      bytes: MAX_SYNC_REQUEST_BYTES,
      status: 413,
      source: 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html',
    },
  ],
  'apigw-rest': [
    {
      applies: 'request-body',
      bytes: MAX_API_GATEWAY_PAYLOAD_BYTES,
      status: 413,
      source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
      unverified: true,
      note: 'Status from the REQUEST_TOO_LARGE gateway response default (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html); body bytes unrecorded.',
    },
    {
      applies: 'invoke-payload',
      bytes: MAX_SYNC_REQUEST_BYTES,
      status: 500,
      source: 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html',
      unverified: true,
      note: 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html: "If the Lambda API rejects the invocation request, API Gateway returns a 500"; no recording of the oversized case.',
    },
  ],
  'http-api-v1': HTTP_API_REQUEST_LIMITS,
  'http-api-v2': HTTP_API_REQUEST_LIMITS,
  'function-url': [
    {
      applies: 'invoke-payload',
      bytes: MAX_SYNC_REQUEST_BYTES,
      status: 413,
      source: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html',
      unverified: true,
      note: 'Function URLs share the 6 MB sync limit; the status the caller sees is not recorded.',
    },
  ],
  alb: [
    {
      applies: 'request-body',
      bytes: MAX_ALB_REQUEST_BODY_BYTES,
      status: 413,
      source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html',
      unverified: true,
      note: '"1 MB" is taken as 1,048,576 bytes; AWS does not say which megabyte.',
    },
  ],
};

/** Default integration timeout of a front door in ms, or null when the front door waits for the function. */
export function defaultIntegrationTimeoutMs(frontDoor: FrontDoor): number | null {
  if (frontDoor === 'apigw-rest') return REST_DEFAULT_INTEGRATION_TIMEOUT_MS;
  if (frontDoor === 'http-api-v1' || frontDoor === 'http-api-v2') return HTTP_API_MAX_INTEGRATION_TIMEOUT_MS;
  // Function URLs and ALB wait for the function's own timeout (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html, urls-monitoring). Invoke callers wait too.
  return null;
}
