/**
 * Asynchronous invocation (InvocationType Event): the Invoke API accepts the event with 202, Lambda
 * queues it, runs the function, retries function errors, and hands a failed event to an on-failure
 * destination or a dead-letter queue. Runs on virtual time, so the one- and two-minute waits cost
 * nothing.
 *
 * Sources:
 * - Retries: "If the function returns an error, by default Lambda attempts to run it two more times,
 *   with a one-minute wait between the first two attempts, and two minutes between the second and
 *   third attempts. Function errors include … timeouts."
 *   https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 * - MaximumRetryAttempts 0–2 (default 2), MaximumEventAgeInSeconds 60–21,600 (default 6 h):
 *   https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
 * - Invocation record (version, timestamp, requestContext{requestId, functionArn, condition,
 *   approximateInvokeCount}, requestPayload, responseContext{statusCode, executedVersion,
 *   functionError}, responsePayload): example in
 *   https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 * - Dead-letter queue: the event unchanged as the body; attributes RequestID (String), ErrorCode
 *   (Number, "3-digit HTTP error code"), ErrorMessage (String, truncated to 1 KB): same page, #invocation-dlq.
 * - Reserved concurrency 0: Invoke still returns 202; the event goes to the on-failure destination or
 *   DLQ without retries, condition `ZeroReservedConcurrency`, approximateInvokeCount 0 (docs/sources.md §8;
 *   same page, note on reserved concurrency zero).
 * - Invoke with InvocationType Event returns 202 (docs/sources.md §10).
 * UNVERIFIED: the DLQ ErrorCode for a function error (we send 200, the Invoke status of a function
 * error); responseContext/responsePayload for ZeroReservedConcurrency (omitted); whether retries keep
 * the request id (we keep it); delivering to both a destination and a DLQ when both are configured.
 * ILLUSTRATIVE: the event starts ASYNC_QUEUE_DELAY_MS after it is accepted; a retry waits its delay
 * after the previous attempt ends.
 */
import { createSeededRandom } from '../clock/seeded-random.ts';
import { createEnvironmentPool, type EnvironmentOptions } from '../load/environments.ts';
import type { HttpResponse, InvocationRecord } from '../types.ts';
import { utf8ByteLength } from '../integrations/text.ts';

/** Waits before the second and third attempts, ms (invocation-async-error-handling.html). */
export const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000] as const;
/** Default and limits of MaximumRetryAttempts (API_PutFunctionEventInvokeConfig). */
export const DEFAULT_MAX_RETRY_ATTEMPTS = 2;
/** Default MaximumEventAgeInSeconds: 6 hours; range 60–21,600 (API_PutFunctionEventInvokeConfig). */
export const DEFAULT_MAX_EVENT_AGE_SECONDS = 21_600;
export const MIN_MAX_EVENT_AGE_SECONDS = 60;
/** Async payload limit: "1 MB" (https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb). Exact byte count UNVERIFIED (1,048,576 assumed). */
export const MAX_ASYNC_REQUEST_BYTES = 1_048_576;
/** DLQ ErrorMessage is truncated to 1 KB (invocation-async-retain-records.html#invocation-dlq). */
export const DLQ_ERROR_MESSAGE_MAX_CHARS = 1024;
/** Time from acceptance to the first attempt, ms. ILLUSTRATIVE. */
export const ASYNC_QUEUE_DELAY_MS = 10;

/** Why Lambda gave up on an event. */
export type FailureCondition = 'RetriesExhausted' | 'EventAgeExceeded' | 'ZeroReservedConcurrency';

/** The JSON document Lambda sends to a destination. */
export interface DestinationRecord {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: FailureCondition | 'Success';
    approximateInvokeCount: number;
  };
  requestPayload: unknown;
  responseContext?: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload?: unknown;
}

/** An SQS/SNS message attribute. */
export interface MessageAttribute {
  DataType: 'String' | 'Number';
  StringValue: string;
}

/** The message Lambda sends to a dead-letter queue. */
export interface DeadLetterMessage {
  /** The original event, unchanged. */
  body: string;
  messageAttributes: { RequestID: MessageAttribute; ErrorCode: MessageAttribute; ErrorMessage: MessageAttribute };
}

/** Where an event (or its record) went. */
export type AsyncDelivery =
  | { kind: 'on-success' | 'on-failure'; destinationArn: string; atMs: number; record: DestinationRecord }
  | { kind: 'dead-letter-queue'; targetArn: string; atMs: number; message: DeadLetterMessage };

/** One attempt to run the event. */
export interface AsyncAttempt {
  attempt: number;
  /** Virtual ms since the epoch start. */
  startedAtMs: number;
  record: InvocationRecord;
}

/** Options of {@link invokeAsync}. */
export interface AsyncInvokeOptions extends EnvironmentOptions {
  event: unknown;
  /** Exact payload text (overrides `event`). */
  rawPayload?: string;
  maximumRetryAttempts?: number;
  maximumEventAgeSeconds?: number;
  /** ARN of the on-success destination. */
  onSuccess?: string | null;
  /** ARN of the on-failure destination. */
  onFailure?: string | null;
  /** ARN of the dead-letter queue (DeadLetterConfig.TargetArn). */
  deadLetterQueue?: string | null;
  reservedConcurrency?: number | null;
  /** Virtual ms at which the Invoke call arrives (default 0). */
  atMs?: number;
}

/** Result of {@link invokeAsync}. */
export interface AsyncInvocationResult {
  /** What the Invoke caller received: 202 (or 4xx when the request itself is rejected). */
  response: HttpResponse;
  requestId: string;
  acceptedAtMs: number;
  attempts: AsyncAttempt[];
  /** `success`, why Lambda gave up, or `rejected` when the Invoke call itself failed. */
  outcome: 'success' | FailureCondition | 'rejected';
  deliveries: AsyncDelivery[];
  /** True when the event failed and no destination or DLQ received it. */
  discarded: boolean;
}

function isFailure(r: InvocationRecord): boolean {
  return r.outcome !== 'success';
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Build the destination record for an event. */
export function createDestinationRecord(input: {
  requestId: string;
  functionArn: string;
  condition: FailureCondition | 'Success';
  attempts: readonly AsyncAttempt[];
  payloadText: string;
  timestampMs: number;
}): DestinationRecord {
  const last = input.attempts[input.attempts.length - 1];
  const record: DestinationRecord = {
    version: '1.0',
    timestamp: new Date(input.timestampMs).toISOString(),
    requestContext: { requestId: input.requestId, functionArn: `${input.functionArn}:$LATEST`, condition: input.condition, approximateInvokeCount: input.attempts.length },
    requestPayload: parsePayload(input.payloadText),
  };
  if (last) {
    record.responseContext = { statusCode: 200, executedVersion: '$LATEST' };
    if (last.record.functionError) record.responseContext.functionError = last.record.functionError;
    record.responsePayload = last.record.payload === null ? null : parsePayload(last.record.payload);
  }
  return record;
}

/** Build the dead-letter message for an event. */
export function createDeadLetterMessage(requestId: string, payloadText: string, errorCode: number, errorMessage: string): DeadLetterMessage {
  return {
    body: payloadText,
    messageAttributes: {
      RequestID: { DataType: 'String', StringValue: requestId },
      ErrorCode: { DataType: 'Number', StringValue: String(errorCode) },
      ErrorMessage: { DataType: 'String', StringValue: errorMessage.slice(0, DLQ_ERROR_MESSAGE_MAX_CHARS) },
    },
  };
}

/** Invoke asynchronously and follow the event to its end: success, or a destination / DLQ / discard. */
export async function invokeAsync(options: AsyncInvokeOptions): Promise<AsyncInvocationResult> {
  const retries = options.maximumRetryAttempts ?? DEFAULT_MAX_RETRY_ATTEMPTS;
  if (!Number.isInteger(retries) || retries < 0 || retries > 2) throw new Error('MaximumRetryAttempts must be 0, 1 or 2.');
  const maxAge = options.maximumEventAgeSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS;
  if (!Number.isInteger(maxAge) || maxAge < MIN_MAX_EVENT_AGE_SECONDS || maxAge > DEFAULT_MAX_EVENT_AGE_SECONDS) {
    throw new Error('MaximumEventAgeInSeconds must be a whole number from 60 to 21600.');
  }
  const pool = createEnvironmentPool(options);
  const { config, epochMs } = pool;
  const functionArn = `arn:aws:lambda:${config.region}:${config.accountId}:function:${config.functionName}`;
  const ids = createSeededRandom(((options.seed ?? 1) ^ 0xa5c1d) >>> 0);
  const requestId = ids.uuid();
  const acceptedAtMs = options.atMs ?? 0;
  const payloadText = options.rawPayload ?? JSON.stringify(options.event === undefined ? null : options.event) ?? 'null';
  const size = utf8ByteLength(payloadText);
  const attempts: AsyncAttempt[] = [];
  const deliveries: AsyncDelivery[] = [];

  if (size > MAX_ASYNC_REQUEST_BYTES) {
    pool.disposeAll();
    // Message shape as the 2017 capture in docs/sources.md §7 ("… for the Event invocation type (limit …)"); limit bytes UNVERIFIED.
    const message = `${size} byte payload is too large for the Event invocation type (limit ${MAX_ASYNC_REQUEST_BYTES} bytes)`;
    return {
      response: { statusCode: 413, headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'RequestEntityTooLargeException', 'x-amzn-RequestId': requestId }, body: JSON.stringify({ Type: 'User', message }) },
      requestId,
      acceptedAtMs,
      attempts,
      outcome: 'rejected',
      deliveries,
      discarded: false,
    };
  }
  const accepted: HttpResponse = { statusCode: 202, headers: { 'Content-Length': '0', 'x-amzn-RequestId': requestId }, body: '' };

  const fail = (condition: FailureCondition, atMs: number, errorCode: number, errorMessage: string): AsyncInvocationResult => {
    if (options.onFailure) {
      deliveries.push({ kind: 'on-failure', destinationArn: options.onFailure, atMs, record: createDestinationRecord({ requestId, functionArn, condition, attempts, payloadText, timestampMs: epochMs + atMs }) });
    }
    if (options.deadLetterQueue) {
      deliveries.push({ kind: 'dead-letter-queue', targetArn: options.deadLetterQueue, atMs, message: createDeadLetterMessage(requestId, payloadText, errorCode, errorMessage) });
    }
    return { response: accepted, requestId, acceptedAtMs, attempts, outcome: condition, deliveries, discarded: deliveries.length === 0 };
  };

  try {
    if (options.reservedConcurrency === 0) return fail('ZeroReservedConcurrency', acceptedAtMs, 429, 'Rate Exceeded.');
    const env = pool.create();
    let at = acceptedAtMs + ASYNC_QUEUE_DELAY_MS;
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      if (at - acceptedAtMs > maxAge * 1000) {
        const last = attempts[attempts.length - 1]?.record;
        return fail('EventAgeExceeded', at, 200, last?.errorMessage ?? 'Event age exceeded');
      }
      const record = await env.invokeAt(at, null, { rawPayload: payloadText, requestId });
      attempts.push({ attempt, startedAtMs: record.startedAt, record });
      const endedAt = env.clock.nowMs();
      if (!isFailure(record)) {
        if (options.onSuccess) {
          deliveries.push({ kind: 'on-success', destinationArn: options.onSuccess, atMs: endedAt, record: createDestinationRecord({ requestId, functionArn, condition: 'Success', attempts, payloadText, timestampMs: epochMs + endedAt }) });
        }
        return { response: accepted, requestId, acceptedAtMs, attempts, outcome: 'success', deliveries, discarded: false };
      }
      if (attempt === retries + 1) return fail('RetriesExhausted', endedAt, 200, record.errorMessage ?? record.errorType ?? 'Unhandled');
      at = endedAt + (ASYNC_RETRY_DELAYS_MS[attempt - 1] ?? 120_000);
    }
    throw new Error('unreachable');
  } finally {
    pool.disposeAll();
  }
}
