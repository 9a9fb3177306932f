/**
 * The Invoke API's answer for an asynchronous (`Event`) invocation. Pure.
 *
 * Source (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html, InvokeResponse StatusCode):
 * "For the RequestResponse invocation type, this status code is 200. For the Event invocation type,
 * this status code is 202." The asynchronous caller gets no payload; the function's own result and
 * errors appear only in its logs.
 */
import type { HttpResponse } from '../engine/types.ts';

/** HTTP status of an accepted asynchronous invoke (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html). */
export const ASYNC_INVOKE_STATUS = 202;

/**
 * What an `Event` caller receives instead of the synchronous response. A rejected request (status
 * other than 200) is returned unchanged: Lambda rejects it before queueing.
 */
export function asyncInvokeResponse(sync: HttpResponse): HttpResponse {
  if (sync.statusCode !== 200) return sync;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(sync.headers)) {
    if (k.toLowerCase() === 'x-amzn-requestid') headers[k] = v;
  }
  return { statusCode: ASYNC_INVOKE_STATUS, headers, body: '' };
}
