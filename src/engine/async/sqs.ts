/**
 * An SQS queue as a Lambda trigger (event source mapping): batches of messages shaped like real SQS
 * events, partial batch responses, visibility timeouts and a redrive to a dead-letter queue.
 *
 * Sources:
 * - Event shape (Records[].messageId, receiptHandle, body, attributes{ApproximateReceiveCount,
 *   SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp}, messageAttributes, md5OfBody,
 *   eventSource "aws:sqs", eventSourceARN, awsRegion): https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
 * - Partial batch responses `{ "batchItemFailures": [{ "itemIdentifier": "<messageId>" }] }` with
 *   ReportBatchItemFailures: success when the list is empty or null or the response is empty/null;
 *   the whole batch fails when an itemIdentifier is empty, null, has a wrong key name or names a
 *   message not in the batch, and when the function errors:
 *   https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 * - Without ReportBatchItemFailures any function error returns the whole batch to the queue; a
 *   message becomes visible again after the visibility timeout (default 30 s), and SQS moves it to the
 *   DLQ once its receive count exceeds maxReceiveCount:
 *   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
 * ILLUSTRATIVE: one poller, batches run one after another, a poll happens as soon as messages are
 * visible; SenderId is a fixed example principal; receipt handles are random base64 text.
 */
import { createSeededRandom, type SeededRandom } from '../clock/seeded-random.ts';
import { createEnvironmentPool, type EnvironmentOptions } from '../load/environments.ts';
import type { InvocationRecord } from '../types.ts';
import { md5Hex } from './md5.ts';

/** Default visibility timeout of a queue, seconds (CreateQueue VisibilityTimeout default). */
export const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
/** Default batch size of an SQS event source mapping. https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html */
export const DEFAULT_SQS_BATCH_SIZE = 10;
/** Upper bound of the polls one run makes (a guard against a message that fails forever without a DLQ). */
export const MAX_SQS_POLLS = 1000;
/** Example SenderId (an IAM user id shape). ILLUSTRATIVE. */
const SENDER_ID = 'AIDAEXAMPLESENDER0001';

/** A message attribute as the Lambda SQS event carries it. */
export interface SqsEventMessageAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

/** One record of an SQS event. */
export interface SqsEventRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: { ApproximateReceiveCount: string; SentTimestamp: string; SenderId: string; ApproximateFirstReceiveTimestamp: string };
  messageAttributes: Record<string, SqsEventMessageAttribute>;
  md5OfBody: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

/** A message to put on the queue. */
export interface SqsMessageInput {
  body: string;
  /** `{ name: { dataType: 'String', stringValue: '…' } }` */
  messageAttributes?: Record<string, { dataType: string; stringValue?: string; binaryValue?: string }>;
}

interface QueuedMessage {
  messageId: string;
  body: string;
  messageAttributes: Record<string, SqsEventMessageAttribute>;
  sentAtMs: number;
  visibleAtMs: number;
  receiveCount: number;
  firstReceiveMs: number | null;
}

/** How the batch response was judged. */
export interface BatchVerdict {
  /** Message ids that go back to the queue. */
  failed: string[];
  wholeBatchFailed: boolean;
  /** Why, in plain words; null when everything succeeded. */
  reason: string | null;
}

/**
 * Judge an invocation's result for a batch. Without ReportBatchItemFailures only a function error
 * fails the batch (and then all of it). Rules: services-sqs-errorhandling.html (see the file header).
 */
export function checkBatchResponse(record: InvocationRecord, batchIds: readonly string[], reportBatchItemFailures: boolean): BatchVerdict {
  if (record.outcome !== 'success') return { failed: [...batchIds], wholeBatchFailed: true, reason: `the function failed (${record.errorType ?? record.outcome})` };
  if (!reportBatchItemFailures) return { failed: [], wholeBatchFailed: false, reason: null };
  const result = record.result;
  if (result === null || result === undefined) return { failed: [], wholeBatchFailed: false, reason: null };
  if (typeof result !== 'object' || Array.isArray(result)) return { failed: [...batchIds], wholeBatchFailed: true, reason: 'the response is not a JSON object with batchItemFailures' };
  const list = (result as Record<string, unknown>)['batchItemFailures'];
  if (list === null || list === undefined) return { failed: [], wholeBatchFailed: false, reason: null };
  if (!Array.isArray(list)) return { failed: [...batchIds], wholeBatchFailed: true, reason: 'batchItemFailures is not a list' };
  const failed: string[] = [];
  for (const item of list) {
    const id = item && typeof item === 'object' ? (item as Record<string, unknown>)['itemIdentifier'] : undefined;
    if (typeof id !== 'string' || id === '') {
      return { failed: [...batchIds], wholeBatchFailed: true, reason: 'an entry of batchItemFailures has no itemIdentifier (empty, null or a misspelt key)' };
    }
    if (!batchIds.includes(id)) return { failed: [...batchIds], wholeBatchFailed: true, reason: `itemIdentifier "${id}" is not a message of this batch` };
    if (!failed.includes(id)) failed.push(id);
  }
  return { failed, wholeBatchFailed: false, reason: failed.length > 0 ? `the function reported ${failed.length} failed message(s)` : null };
}

function receiptHandle(random: SeededRandom): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = 'AQEB';
  for (let i = 0; i < 140; i++) out += alphabet[random.nextUint32() % 64];
  return out;
}

/** Build the event for one batch. */
export function createSqsEvent(messages: readonly QueuedMessageView[], queueArn: string, region: string, random: SeededRandom): { Records: SqsEventRecord[] } {
  return {
    Records: messages.map((m) => ({
      messageId: m.messageId,
      receiptHandle: receiptHandle(random),
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentTimestampMs),
        SenderId: SENDER_ID,
        ApproximateFirstReceiveTimestamp: String(m.firstReceiveTimestampMs),
      },
      messageAttributes: m.messageAttributes,
      md5OfBody: md5Hex(m.body),
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: region,
    })),
  };
}

/** What {@link createSqsEvent} needs of a message. */
export interface QueuedMessageView {
  messageId: string;
  body: string;
  messageAttributes: Record<string, SqsEventMessageAttribute>;
  receiveCount: number;
  sentTimestampMs: number;
  firstReceiveTimestampMs: number;
}

/** Options of {@link runSqsTrigger}. */
export interface SqsTriggerOptions extends EnvironmentOptions {
  messages: readonly SqsMessageInput[];
  queueName?: string;
  batchSize?: number;
  reportBatchItemFailures?: boolean;
  visibilityTimeoutSeconds?: number;
  /** Redrive policy: messages received more often than this go to the DLQ; null for no DLQ. */
  maxReceiveCount?: number | null;
}

/** One batch the function received. */
export interface SqsBatchRun {
  /** Virtual ms since the epoch start. */
  atMs: number;
  messageIds: string[];
  requestId: string;
  outcome: InvocationRecord['outcome'];
  errorType: string | null;
  result: unknown;
  logs: string[];
  verdict: BatchVerdict;
}

/** Result of {@link runSqsTrigger}. */
export interface SqsTriggerResult {
  queueArn: string;
  batches: SqsBatchRun[];
  /** Message ids deleted after success, in order. */
  deleted: string[];
  /** Messages moved to the dead-letter queue (receive count over maxReceiveCount). */
  deadLettered: Array<{ messageId: string; body: string; receiveCount: number }>;
  /** Message ids still on the queue when the run stopped. */
  remaining: string[];
}

/** Feed messages to the function in batches until the queue is empty (or the poll guard trips). */
export async function runSqsTrigger(options: SqsTriggerOptions): Promise<SqsTriggerResult> {
  const pool = createEnvironmentPool(options);
  const { config } = pool;
  const queueArn = `arn:aws:sqs:${config.region}:${config.accountId}:${options.queueName ?? 'my-queue'}`;
  const random = createSeededRandom(((options.seed ?? 1) ^ 0x5a5) >>> 0);
  const batchSize = options.batchSize ?? DEFAULT_SQS_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error('The batch size must be a whole number from 1 to 10,000.');
  const visibilityMs = (options.visibilityTimeoutSeconds ?? DEFAULT_VISIBILITY_TIMEOUT_SECONDS) * 1000;
  const maxReceive = options.maxReceiveCount ?? null;
  const queue: QueuedMessage[] = options.messages.map((m) => ({
    messageId: random.uuid(),
    body: m.body,
    messageAttributes: Object.fromEntries(
      Object.entries(m.messageAttributes ?? {}).map(([k, v]) => [
        k,
        { ...(v.stringValue !== undefined ? { stringValue: v.stringValue } : {}), ...(v.binaryValue !== undefined ? { binaryValue: v.binaryValue } : {}), stringListValues: [], binaryListValues: [], dataType: v.dataType },
      ]),
    ),
    sentAtMs: 0,
    visibleAtMs: 0,
    receiveCount: 0,
    firstReceiveMs: null,
  }));
  const result: SqsTriggerResult = { queueArn, batches: [], deleted: [], deadLettered: [], remaining: [] };
  try {
    const env = pool.create();
    let now = 0;
    for (let poll = 0; poll < MAX_SQS_POLLS && queue.length > 0; poll++) {
      now = Math.max(now, Math.min(...queue.map((m) => m.visibleAtMs)));
      const batch: QueuedMessage[] = [];
      for (const m of queue) {
        if (batch.length >= batchSize) break;
        if (m.visibleAtMs > now) continue;
        if (maxReceive !== null && m.receiveCount >= maxReceive) {
          // Redrive: received maxReceiveCount times already, so SQS moves it instead of delivering it.
          result.deadLettered.push({ messageId: m.messageId, body: m.body, receiveCount: m.receiveCount });
          m.visibleAtMs = Infinity;
          continue;
        }
        m.receiveCount++;
        m.firstReceiveMs ??= now;
        batch.push(m);
      }
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.visibleAtMs === Infinity) queue.splice(i, 1);
      if (batch.length === 0) continue;
      const epoch = pool.epochMs;
      const event = createSqsEvent(
        batch.map((m) => ({ messageId: m.messageId, body: m.body, messageAttributes: m.messageAttributes, receiveCount: m.receiveCount, sentTimestampMs: epoch + m.sentAtMs, firstReceiveTimestampMs: epoch + (m.firstReceiveMs ?? now) })),
        queueArn,
        config.region,
        random,
      );
      const record = await env.invokeAt(now, event);
      const ids = batch.map((m) => m.messageId);
      const verdict = checkBatchResponse(record, ids, options.reportBatchItemFailures ?? false);
      result.batches.push({ atMs: now, messageIds: ids, requestId: record.requestId, outcome: record.outcome, errorType: record.errorType, result: record.result, logs: record.logs, verdict });
      const receivedAt = now;
      now = env.clock.nowMs();
      for (const m of batch) {
        if (verdict.failed.includes(m.messageId)) m.visibleAtMs = receivedAt + visibilityMs;
        else {
          result.deleted.push(m.messageId);
          queue.splice(queue.indexOf(m), 1);
        }
      }
    }
  } finally {
    pool.disposeAll();
  }
  result.remaining = queue.map((m) => m.messageId);
  return result;
}
