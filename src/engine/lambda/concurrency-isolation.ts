/**
 * A cheap check for state shared between concurrent requests (Lambda Managed Instances): run each request of a
 * concurrent batch again alone, in a new environment with the same request id, and compare what the caller got.
 * The simulator is deterministic (virtual clock, seeded random numbers), so an answer that changes only because
 * other requests ran beside it points at module-scope state one request wrote and another read: the bug the
 * Node.js Managed Instances page warns about ("Each concurrent request handled by the same worker thread shares
 * the same handler object and global state",
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html).
 * Limits: an answer that depends on the time or on the order of events can differ for other reasons, so the
 * result is a lead to read, not a proof; and a request that reads shared state without changing its answer is
 * not caught.
 */
import type { InvocationRecord } from '../types.ts';

/** One request whose answer under concurrency differed from its answer alone. */
export interface IsolationDifference {
  /** Index of the request in the batch. */
  index: number;
  requestId: string;
  /** Payload the caller got while other requests ran in the same environment. */
  concurrentPayload: string | null;
  /** Payload the same request got alone in a new environment. */
  alonePayload: string | null;
}

/**
 * Compare each record of a concurrent batch with the record of the same request run alone (same order, same
 * request ids). Returns the requests whose payload or outcome differed.
 */
export function checkConcurrencyIsolation(concurrent: InvocationRecord[], alone: InvocationRecord[]): IsolationDifference[] {
  if (concurrent.length !== alone.length) throw new Error(`checkConcurrencyIsolation needs one lone record per concurrent record (${concurrent.length} vs ${alone.length}).`);
  const out: IsolationDifference[] = [];
  concurrent.forEach((c, index) => {
    const a = alone[index] as InvocationRecord;
    if (c.outcome !== a.outcome || c.payload !== a.payload) {
      out.push({ index, requestId: c.requestId, concurrentPayload: c.payload, alonePayload: a.payload });
    }
  });
  return out;
}

/** One sentence per difference, for the CLI and the playground. */
export function describeIsolationDifferences(diffs: IsolationDifference[]): string[] {
  return diffs.map(
    (d) =>
      `Request ${d.index + 1} (${d.requestId}) answered ${d.concurrentPayload ?? '(nothing)'} beside the other requests, but ${d.alonePayload ?? '(nothing)'} alone in a new environment: with several invocations in one environment (Lambda Managed Instances) module-scope state is shared, so a variable one request wrote was read by another. Keep per-request data in local variables or AsyncLocalStorage (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html).`,
  );
}
