/**
 * The one place an InvocationRecord starts from: every field at its "nothing happened yet" value,
 * so the runtime, load runs and front doors that answer without invoking all build the same shape.
 */
import type { InvocationRecord } from '../types.ts';

/** A record with the given fields and every other field empty (success, no error, zero durations). */
export function createInvocationRecord(
  fields: Pick<InvocationRecord, 'requestId' | 'startedAt'> & Partial<InvocationRecord>,
): InvocationRecord {
  return {
    coldStart: false,
    outcome: 'success',
    errorType: null,
    errorMessage: null,
    functionError: null,
    durationMs: 0,
    billedDurationMs: 0,
    initDurationMs: null,
    maxMemoryUsedMB: 0,
    payload: null,
    result: null,
    logs: [],
    pending: [],
    causes: [],
    processExit: null,
    ...fields,
  };
}
