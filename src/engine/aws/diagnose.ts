/**
 * Extra cause ids for an invocation from the calls it made to the simulated AWS world. The engine's
 * own `causes` only see the runtime (`unhandled-exception`, `timeout`); this adds what the world knows:
 * - `access-denied`: a call of this invocation was denied by IAM and the invocation failed;
 * - `downstream-failure`: a call failed through an injected fault, or hung, or the invocation timed
 *   out while a call was still waiting (or had been given up after a hang).
 */
import { createFinding } from '../errors/catalogue.ts';
import type { Finding, InvocationRecord } from '../types.ts';
import type { CauseId } from '../vocabulary.ts';
import type { AwsCallRecord } from './world.ts';

/** Calls that belong to an invocation (its request id; init-time calls of a cold start count too). */
export function callsOf(record: Pick<InvocationRecord, 'requestId' | 'coldStart' | 'startedAt'>, calls: readonly AwsCallRecord[]): AwsCallRecord[] {
  return calls.filter((c) => c.requestId === record.requestId || (c.requestId === null && record.coldStart && c.startMs >= record.startedAt));
}

/** Cause ids the calls add to `record.causes` (never repeats one already there). */
export function diagnoseCalls(record: InvocationRecord, calls: readonly AwsCallRecord[]): CauseId[] {
  if (record.outcome === 'success' || record.outcome === 'invalid-request') return [];
  const mine = callsOf(record, calls);
  const out: CauseId[] = [];
  const add = (c: CauseId): void => {
    if (!out.includes(c) && !record.causes.includes(c)) out.push(c);
  };
  if (mine.some((c) => c.iam !== undefined && c.iam.decision !== 'allow' && c.outcome === 'error')) add('access-denied');
  // Unsupported calls (SimulatorUnsupportedOperation) carry no fault and no IAM decision, so they add no cause here.
  const faulted = mine.some((c) => c.fault !== undefined && (c.outcome !== 'ok' || c.abandoned !== undefined));
  const hung = mine.some((c) => c.outcome === 'hang');
  const waitingAtTimeout = record.outcome === 'timeout' && record.pending.some((p) => / call (still waiting|in flight)|^fetch /.test(p));
  if (faulted || hung || waitingAtTimeout) add('downstream-failure');
  return out;
}

/**
 * One LT-SIM-UNSUPPORTED finding per distinct client and operation the invocation called that the simulator does
 * not cover (calls answered SimulatorUnsupportedOperation), whether or not the handler caught the error. These calls
 * add no cause to {@link diagnoseCalls}: the gap is the simulator's, not the function's.
 */
export function simulatorGapFindings(record: Pick<InvocationRecord, 'requestId' | 'coldStart' | 'startedAt'>, calls: readonly AwsCallRecord[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const c of callsOf(record, calls)) {
    if (!c.unsupported) continue;
    const what = `${c.unsupported.client}.${c.unsupported.operation}`;
    if (seen.has(what)) continue;
    seen.add(what);
    out.push(createFinding('LT-SIM-UNSUPPORTED', { field: what }));
  }
  return out;
}
