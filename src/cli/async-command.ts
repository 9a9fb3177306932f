/**
 * `lambda-triage invoke … --invocation-type Event`: an asynchronous invocation followed to its end
 * (retries on virtual time, then the on-failure destination or dead-letter queue).
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import type { Executor } from '../engine/executor/types.ts';
import type { AwsWorld } from '../engine/aws/index.ts';
import { invokeAsync, type AsyncDelivery, type AsyncInvocationResult } from '../engine/async/async-invoke.ts';
import { buildReport } from '../engine/report/invoke-response.ts';
import type { FunctionConfig } from '../engine/types.ts';
import type { InvokeArgs } from './args.ts';
import type { CliInput } from './inputs.ts';

/** Destination ARNs the CLI configures (ILLUSTRATIVE names derived from the function). */
export function cliDestinations(config: FunctionConfig): { onFailure: string; deadLetterQueue: string } {
  const base = `arn:aws:sqs:${config.region}:${config.accountId}:${config.functionName}`;
  return { onFailure: `${base}-on-failure`, deadLetterQueue: `${base}-dlq` };
}

function clock(ms: number): string {
  return new Date(Date.UTC(2026, 0, 1) + ms).toISOString().slice(11, 23);
}

/** Human output of an asynchronous invocation. */
export function formatAsync(r: AsyncInvocationResult): string[] {
  const out = [`Invoke API: HTTP ${r.response.statusCode}${r.response.statusCode === 202 ? ' (accepted; Lambda runs the event from its queue)' : ''}`];
  if (r.response.body) out.push(r.response.body);
  out.push('');
  for (const a of r.attempts) {
    out.push(`--- Attempt ${a.attempt} at ${clock(a.startedAtMs)}${a.record.coldStart ? ' (cold start)' : ''}: ${a.record.outcome} ---`);
    out.push(...a.record.logs);
    out.push('');
  }
  const outcome: Record<AsyncInvocationResult['outcome'], string> = {
    success: 'The event was processed.',
    RetriesExhausted: `Every attempt failed (${r.attempts.length}); Lambda gave up: RetriesExhausted.`,
    EventAgeExceeded: 'The event grew older than the maximum event age before the next retry: EventAgeExceeded.',
    ZeroReservedConcurrency: 'Reserved concurrency is 0, so Lambda never ran the event: ZeroReservedConcurrency.',
    rejected: 'The Invoke call was rejected; nothing was queued.',
  };
  out.push(outcome[r.outcome]);
  for (const d of r.deliveries) out.push(...formatDelivery(d));
  if (r.discarded) out.push('No on-failure destination or dead-letter queue is configured, so the event was discarded.');
  return out;
}

function formatDelivery(d: AsyncDelivery): string[] {
  if (d.kind === 'dead-letter-queue') {
    return ['', `--- Sent to the dead-letter queue ${d.targetArn} at ${clock(d.atMs)} ---`, JSON.stringify(d.message, null, 2)];
  }
  return ['', `--- Sent to the ${d.kind} destination ${d.destinationArn} at ${clock(d.atMs)} ---`, JSON.stringify(d.record, null, 2)];
}

/** Run the asynchronous invocation for the CLI; exit 0 when the event was processed, else 1. */
export async function runAsyncCommand(args: InvokeArgs, quickjs: QuickJSWASMModule, config: FunctionConfig, files: Record<string, string>, input: CliInput, out: (s: string) => void, world?: AwsWorld, executor?: Executor): Promise<number> {
  const targets = cliDestinations(config);
  const result = await invokeAsync({
    quickjs,
    ...(executor ? { executor } : {}),
    config,
    files,
    seed: args.seed,
    event: input.kind === 'event' ? input.value : {},
    ...(input.kind === 'event' ? { rawPayload: input.text } : {}),
    maximumRetryAttempts: args.retryAttempts,
    maximumEventAgeSeconds: args.maxEventAgeSeconds,
    ...(args.onFailure === 'destination' ? { onFailure: targets.onFailure } : { deadLetterQueue: targets.deadLetterQueue }),
    reservedConcurrency: args.reservedConcurrency,
    ...(world ? { resolveModule: world.resolveModule, services: world.services } : {}),
  });
  if (args.json) {
    const invocations = result.attempts.map((a) => ({ ...buildReport(a.record), response: result.response, attempt: a.attempt }));
    out(JSON.stringify({ invocations, asyncDeliveries: result.deliveries, calls: world?.calls() ?? [], async: { requestId: result.requestId, outcome: result.outcome, response: result.response, discarded: result.discarded } }, null, 2));
  } else {
    for (const line of formatAsync(result)) out(line);
  }
  return result.outcome === 'success' ? 0 : 1;
}
