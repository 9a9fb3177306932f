/**
 * The `concurrent-isolation` scenario check (Lambda Managed Instances): send a scenario's requests at once through
 * its front door to one environment that takes several invocations at a time, then send each request again alone
 * to a new environment, and compare what each caller got (`checkConcurrencyIsolation`). An answer that changes only
 * because other requests ran beside it is state shared across requests: "Each concurrent request handled by the same
 * worker thread shares the same handler object and global state"
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html).
 */
import type { SimFunction } from '../index.ts';
import { runThroughFrontDoor, type FrontDoorRun, type RunInput, type RunOptions } from '../integrations/compare.ts';
import { checkConcurrencyIsolation, describeIsolationDifferences } from '../lambda/concurrency-isolation.ts';
import { isManagedInstancesFunction, type ConcurrentRequest } from '../lambda/managed-instances.ts';
import type { InvocationRecord } from '../types.ts';
import type { FrontDoor } from '../vocabulary.ts';
import type { CaseOutcome, ConcurrentIsolationCheck } from './types.ts';

/** A function made for one run of the check, and how to release it. */
export interface IsolationFunction {
  fn: SimFunction;
  /** The function's virtual clock, epoch ms. */
  nowMs: () => number;
  dispose: () => void;
}

/** What the check needs from the scenario runner. */
export interface IsolationContext {
  frontDoor: FrontDoor;
  /** A new function in a new environment (same configuration, same seed) on each call. */
  openFunction: () => IsolationFunction;
  /** The front door's options except `sim`, which the check fills per request. */
  runOptions: Omit<RunOptions, 'sim'>;
  /** Account, region and function name of the front door's simulation inputs. */
  simBase: Omit<RunOptions['sim'], 'requestId' | 'nowMs'>;
  /** Rank given to a failing case (the runner's order of simplicity). */
  rank: number;
}

/** Result of {@link runConcurrentIsolationCheck}: how many requests were compared, and the first that differed. */
export interface IsolationCheckResult {
  checked: number;
  failure?: { outcome: CaseOutcome; detail: string };
}

/** The inputs of the check: its HTTP requests or its raw events. */
export function isolationInputs(check: ConcurrentIsolationCheck): RunInput[] {
  if (check.requests) return check.requests.map((request) => ({ request }));
  return (check.events ?? []).map((rawEvent) => ({ rawEvent }));
}

/** The front door's request id of the check's i-th request (distinct from the runner's case ids). */
function gatewayRequestId(i: number): string {
  return `5ce0a710-0000-4000-8000-${(0xc0000 + i).toString(16).padStart(12, '0')}`;
}

function preview(input: RunInput): unknown {
  return 'request' in input ? input.request : input.rawEvent;
}

function outcomeOf(run: FrontDoorRun, input: RunInput, index: number, door: FrontDoor, rank: number): CaseOutcome {
  return {
    name: `concurrent:${index + 1}`,
    group: 'good',
    rank,
    frontDoor: door,
    request: preview(input),
    response: run.response,
    record: run.record,
    gatewayLogs: run.gatewayLogs,
    causes: [...new Set([...(run.record?.causes ?? []), ...run.findings.filter((f) => f.severity !== 'warning').map((f) => f.cause)])],
    finding: run.findings[0]?.message ?? null,
  };
}

/**
 * Run the check. Every request goes through the front door; the events that reach Lambda form one batch, sent to
 * one environment once every request has either reached Lambda or been answered by the front door. Then each
 * invoked request runs again alone, with the same request id and the same event bytes, in a new environment.
 */
export async function runConcurrentIsolationCheck(check: ConcurrentIsolationCheck, ctx: IsolationContext): Promise<IsolationCheckResult> {
  const inputs = isolationInputs(check);
  const k = inputs.length;
  const shared = ctx.openFunction();
  const runs: FrontDoorRun[] = [];
  let batchRecords: InvocationRecord[] = [];
  try {
    const fn = shared.fn;
    if (!isManagedInstancesFunction(fn)) {
      return { checked: 0, failure: { outcome: placeholder(ctx, inputs[0]), detail: 'The function does not take several invocations at once: set function.concurrencyPerEnvironment (Lambda Managed Instances).' } };
    }
    if (fn.concurrencyPerEnvironment < k) {
      return {
        checked: 0,
        failure: {
          outcome: placeholder(ctx, inputs[0]),
          detail: `One environment takes at most ${fn.concurrencyPerEnvironment} invocations at once (concurrencyPerEnvironment), fewer than the ${k} requests this check sends together.`,
        },
      };
    }
    const waiting: { request: ConcurrentRequest; resolve: (r: InvocationRecord) => void; reject: (e: unknown) => void }[] = [];
    let answeredWithoutInvoke = 0;
    const flushIfReady = (): void => {
      if (waiting.length === 0 || waiting.length + answeredWithoutInvoke < k) return;
      const batch = waiting.splice(0);
      fn.invokeConcurrent(batch.map((w) => w.request)).then(
        (run) => {
          batchRecords = run.records;
          batch.forEach((w, i) => w.resolve(run.records[i] as InvocationRecord));
        },
        (e: unknown) => batch.forEach((w) => w.reject(e)),
      );
    };
    const done = await Promise.all(
      inputs.map(async (input, i) => {
        let invoked = false;
        try {
          return await runThroughFrontDoor(
            ctx.frontDoor,
            input,
            (event) =>
              new Promise<InvocationRecord>((resolve, reject) => {
                invoked = true;
                waiting.push({ request: { event }, resolve, reject });
                flushIfReady();
              }),
            { ...ctx.runOptions, sim: { ...ctx.simBase, requestId: gatewayRequestId(i), nowMs: shared.nowMs() } },
          );
        } finally {
          if (!invoked) {
            answeredWithoutInvoke++;
            flushIfReady();
          }
        }
      }),
    );
    runs.push(...done);
  } finally {
    shared.dispose();
  }

  // Each invoked request again, alone, in a new environment: the same request id and the same event bytes.
  const concurrent: InvocationRecord[] = [];
  const alone: InvocationRecord[] = [];
  const indexOf: number[] = [];
  for (const [i, run] of runs.entries()) {
    if (!run.record) continue;
    const record = batchRecords.find((r) => r.requestId === run.record?.requestId) ?? run.record;
    const lone = ctx.openFunction();
    try {
      if (!isManagedInstancesFunction(lone.fn)) continue;
      const again = await lone.fn.invokeConcurrent([{ requestId: record.requestId, rawPayload: JSON.stringify(run.event) ?? 'null' }]);
      concurrent.push(record);
      alone.push(again.records[0] ?? record);
      indexOf.push(i);
    } finally {
      lone.dispose();
    }
  }
  const differences = checkConcurrencyIsolation(concurrent, alone);
  const first = differences[0];
  if (!first) return { checked: k };
  const at = indexOf[first.index] ?? 0;
  const run = runs[at] as FrontDoorRun;
  const detail = describeIsolationDifferences([{ ...first, index: at }])[0] ?? '';
  return { checked: k, failure: { outcome: outcomeOf(run, inputs[at] as RunInput, at, ctx.frontDoor, ctx.rank), detail } };
}

/** A case standing for the whole check when it could not run its requests. */
function placeholder(ctx: IsolationContext, input: RunInput | undefined): CaseOutcome {
  return {
    name: 'concurrent',
    group: 'good',
    rank: ctx.rank,
    frontDoor: ctx.frontDoor,
    request: input ? preview(input) : null,
    response: { statusCode: 0, headers: {}, body: '' },
    record: null,
    gatewayLogs: [],
    causes: [],
    finding: null,
  };
}
