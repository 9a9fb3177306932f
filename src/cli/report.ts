/**
 * Turning front-door runs into the JSON report entries the CLI prints (`InvocationReport`, see
 * src/engine/types.ts). Pure functions: no I/O.
 */
import type { FrontDoorRun } from '../engine/integrations/compare.ts';
import type { Finding, InvocationRecord, InvocationReport, Outcome } from '../engine/types.ts';
import type { CauseId } from '../engine/vocabulary.ts';
import { createInvocationRecord } from '../engine/report/record.ts';

/** One invocation in the CLI's JSON report: the engine's report plus how the front door handled it. */
export interface CliInvocationReport extends InvocationReport {
  /** False when the front door answered without invoking the function (no permission, over a limit, throttled). */
  invoked: boolean;
  /** How long the caller waited, ms of virtual time. */
  clientLatencyMs: number;
  /** ALB `error_reason` or REST `error.responseType`, when the front door recorded one. */
  errorReason: string | null;
  /** The event the function received (or would have received). */
  event: unknown;
}

/** Is this finding one that decided the caller's response (not a warning)? */
export function isErrorFinding(f: Finding): boolean {
  return (f.severity ?? 'error') === 'error';
}

function notInvokedOutcome(findings: readonly Finding[]): Outcome {
  return findings.some((f) => f.code === 'LT-THROTTLED') ? 'throttled' : 'invalid-request';
}

/**
 * The record of a front-door run. When the front door answered without invoking, Lambda produced no
 * record: the entry then carries the front door's request id, no logs and an outcome of `throttled`
 * or `invalid-request` (the Lambda service refused or was never asked).
 */
function recordOf(run: FrontDoorRun, gatewayRequestId: string, startedAt: number): InvocationRecord {
  if (run.record) return run.record;
  return createInvocationRecord({ requestId: gatewayRequestId, startedAt, outcome: notInvokedOutcome(run.findings) });
}

/**
 * Build the report entry of one front-door run. `causes` joins what Lambda diagnosed with the causes
 * of the findings that decided the caller's response (e.g. a malformed response at the front door).
 */
export function buildRunReport(run: FrontDoorRun, gatewayRequestId: string, startedAt: number): CliInvocationReport {
  const record = recordOf(run, gatewayRequestId, startedAt);
  const causes: CauseId[] = [...record.causes];
  for (const f of run.findings) if (isErrorFinding(f) && !causes.includes(f.cause)) causes.push(f.cause);
  return {
    ...record,
    causes,
    frontDoor: run.frontDoor,
    response: run.response,
    gatewayLogs: run.gatewayLogs,
    findings: run.findings,
    invoked: run.invoked,
    clientLatencyMs: run.clientLatencyMs,
    errorReason: run.errorReason,
    event: run.event,
  };
}

/** Did the caller get what the function meant to send: the function succeeded and no finding decided otherwise? */
export function isSuccessfulReport(r: InvocationReport): boolean {
  return r.outcome === 'success' && !r.findings.some(isErrorFinding);
}
