/**
 * The Invoke API's view of an invocation (front door `invoke`) and the JSON report for the CLI.
 */
import type { HttpResponse, InvocationRecord, InvocationReport } from '../types.ts';

/** HTTP status of Invoke API errors that reject the request — https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html#API_Invoke_Errors. */
export const INVOKE_ERROR_STATUS: Readonly<Record<string, number>> = {
  ResourceNotFoundException: 404,
  InvalidRequestContentException: 400,
  RequestTooLargeException: 413,
  RequestEntityTooLargeException: 413,
  TooManyRequestsException: 429,
  UnsupportedMediaTypeException: 415,
  ServiceException: 500,
  ResourceConflictException: 409,
  // UNVERIFIED: IAM denials of lambda:InvokeFunction are AccessDeniedException; 403 is the usual status.
  AccessDeniedException: 403,
};

/** The Invoke API status for an exception name (own keys only, so "valueOf" is not a status). */
export function invokeErrorStatus(type: string, fallback: number): number {
  return Object.hasOwn(INVOKE_ERROR_STATUS, type) ? INVOKE_ERROR_STATUS[type]! : fallback;
}

/**
 * What a direct Invoke (RequestResponse) caller receives. Function errors are HTTP 200 with
 * `X-Amz-Function-Error: Unhandled` and the error document as body (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Errors.js, https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html). Rejected
 * requests get the error status; the error body shape `{"Type":"User","message":…}` follows the
 * throttling capture (docs/sources.md#throttling) and is UNVERIFIED for 413/400.
 */
export function toInvokeResponse(record: InvocationRecord): HttpResponse {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'x-amzn-RequestId': record.requestId,
  };
  if (record.outcome === 'invalid-request' || record.outcome === 'throttled') {
    const type = record.errorType ?? 'ServiceException';
    headers['x-amzn-ErrorType'] = type;
    return {
      statusCode: invokeErrorStatus(type, 500),
      headers,
      body: JSON.stringify({ Type: 'User', message: record.errorMessage ?? '' }),
    };
  }
  headers['X-Amz-Executed-Version'] = '$LATEST';
  if (record.functionError) headers['X-Amz-Function-Error'] = record.functionError;
  return { statusCode: 200, headers, body: record.payload ?? 'null' };
}

/** The JSON report entry for a direct invoke (no integrations yet: gatewayLogs and findings empty). */
export function buildReport(record: InvocationRecord): InvocationReport {
  return { ...record, frontDoor: 'invoke', response: toInvokeResponse(record), gatewayLogs: [], findings: [] };
}
