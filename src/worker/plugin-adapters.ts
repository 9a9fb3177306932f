/**
 * Adapters from Engine III's modules (src/engine/aws, src/engine/load) to the engine host's plug-in
 * types. They take the module namespace as a value, so the worker can find the modules at build time
 * and tests can pass the real modules in. Loose checks: a module without the expected exports is
 * treated as absent.
 */
import type { ModuleResolver, ServiceBridge } from '../engine/index.ts';
import type { RunInput } from '../engine/integrations/compare.ts';
import type { Finding, FunctionConfig, InvocationRecord } from '../engine/types.ts';
import { isCauseId, type CauseId } from '../engine/vocabulary.ts';
import type { AwsWorld, AwsWorldFactory, LoadRunner } from './engine-host.ts';
import type { CallSpan, LoadView, MetricSeries } from './protocol.ts';

/** The call record shape the AWS world reports (see src/engine/aws/world.ts AwsCallRecord). */
interface CallRecordLike {
  requestId: string | null;
  service: string;
  operation: string;
  target?: string;
  startMs: number;
  durationMs: number | null;
  outcome: 'ok' | 'error' | 'hang';
  error?: { name: string; message: string };
  iam?: { decision: string; action: string; resource: string };
  fault?: string;
  abandoned?: { reason: string; afterMs: number };
  note?: string;
}

interface WorldLike {
  resolveModule: ModuleResolver;
  services: ServiceBridge;
  calls: () => CallRecordLike[];
}

type Fn = (...args: never[]) => unknown;

function fn<T extends Fn>(mod: Record<string, unknown>, name: string): T | undefined {
  const v = mod[name];
  return typeof v === 'function' ? (v as T) : undefined;
}

/** Words for one call's outcome: the error, the IAM decision, the fault, an abandoned wait. */
export function describeCall(c: CallRecordLike): string {
  const parts: string[] = [];
  if (c.outcome === 'hang') parts.push('never answered');
  if (c.error) parts.push(`${c.error.name}: ${c.error.message}`);
  if (c.iam && c.iam.decision !== 'allow') parts.push(`IAM ${c.iam.decision.replace('-', ' ')} of ${c.iam.action} on ${c.iam.resource}`);
  if (c.fault) parts.push(`fault: ${c.fault}`);
  if (c.abandoned) parts.push(`given up after ${c.abandoned.afterMs} ms (${c.abandoned.reason})`);
  if (c.note) parts.push(c.note);
  return parts.length ? parts.join('; ') : `OK in ${c.durationMs ?? 0} ms`;
}

/** Map a world's call records of one invocation to timeline spans (times relative to the invocation start). */
export function toCallSpans(calls: readonly CallRecordLike[], startedAt: number, labels: Record<string, string>): CallSpan[] {
  return calls.map((c) => {
    const start = c.startMs - startedAt;
    return {
      label: `${labels[c.service] ?? (c.service === 'http' ? 'HTTP' : c.service)} ${c.operation}`,
      startMs: start,
      endMs: c.durationMs === null || c.outcome === 'hang' ? null : start + c.durationMs,
      ok: c.outcome === 'ok',
      detail: describeCall(c),
    };
  });
}

/** Fit `src/engine/aws/index.ts` to the host, or undefined when it lacks `createAwsWorld`. */
export function adaptAwsModule(mod: Record<string, unknown>): AwsWorldFactory | undefined {
  const create = fn<(o: Record<string, unknown>) => WorldLike>(mod, 'createAwsWorld');
  const callsOf = fn<(r: InvocationRecord, calls: readonly CallRecordLike[]) => CallRecordLike[]>(mod, 'callsOf');
  const diagnose = fn<(r: InvocationRecord, calls: readonly CallRecordLike[]) => unknown[]>(mod, 'diagnoseCalls');
  const gaps = fn<(r: InvocationRecord, calls: readonly CallRecordLike[]) => Finding[]>(mod, 'simulatorGapFindings');
  const labels = (typeof mod['SERVICE_LABELS'] === 'object' && mod['SERVICE_LABELS'] !== null ? mod['SERVICE_LABELS'] : {}) as Record<string, string>;
  if (!create) return undefined;
  return (input, config: FunctionConfig): AwsWorld => {
    const world = create({ state: input.state, policy: input.policy, faults: input.faults, functionName: config.functionName, region: config.region, accountId: config.accountId });
    const mine = (record: InvocationRecord) => (callsOf ? callsOf(record, world.calls()) : world.calls().filter((c) => c.requestId === record.requestId));
    return {
      resolveModule: world.resolveModule,
      services: world.services,
      callsFor: (record) => toCallSpans(mine(record), record.startedAt, labels),
      causesFor: (record): CauseId[] => (diagnose ? diagnose(record, world.calls()).filter(isCauseId) : []),
      gapFindingsFor: (record): Finding[] => (gaps ? gaps(record, world.calls()) : []),
    };
  };
}

/** The load-run result shape (see src/engine/load/load-run.ts LoadRunResult). */
interface LoadResultLike {
  metrics: Array<{ second: number; Invocations: number; Errors: number; Throttles: number; Duration: { p99: number } | null; ConcurrentExecutions: number }>;
  totals: { Invocations: number; Errors: number; Throttles: number; requests: number; maxConcurrentExecutions?: number };
}

/** Turn a load-run result into the chart series the Metrics panel draws. */
export function toLoadView(result: LoadResultLike): LoadView {
  const m = result.metrics;
  const series: MetricSeries[] = [
    { name: 'Invocations', values: m.map((p) => p.Invocations) },
    { name: 'Errors', values: m.map((p) => p.Errors) },
    { name: 'Throttles', values: m.map((p) => p.Throttles) },
    // Seconds without invocations have no duration: null leaves a gap rather than a false zero.
    { name: 'DurationP99', values: m.map((p) => (p.Duration ? p.Duration.p99 : null)) },
    { name: 'ConcurrentExecutions', values: m.map((p) => p.ConcurrentExecutions) },
  ];
  return {
    seconds: m.map((p) => p.second),
    series,
    totals: {
      requests: result.totals.requests,
      invocations: result.totals.Invocations,
      errors: result.totals.Errors,
      throttles: result.totals.Throttles,
      maxConcurrentExecutions: result.totals.maxConcurrentExecutions ?? Math.max(0, ...m.map((p) => p.ConcurrentExecutions)),
    },
  };
}

/** Fit `src/engine/load/load-run.ts` to the host, or undefined when it lacks `runLoad`. */
export function adaptLoadModule(mod: Record<string, unknown>): LoadRunner | undefined {
  const runLoad = fn<(o: Record<string, unknown>) => Promise<LoadResultLike>>(mod, 'runLoad');
  if (!runLoad) return undefined;
  return async ({ request, quickjs, config, files, world, wallBudgetMs }) => {
    const input: RunInput = request.input.kind === 'http' ? { request: request.input.request } : { rawEvent: request.input.event };
    const result = await runLoad({
      quickjs,
      config,
      files,
      wallBudgetMs,
      frontDoor: request.frontDoor,
      input,
      requests: request.load.requests,
      arrivals: request.load.model === 'clients' ? { concurrency: request.load.clients } : { rate: request.load.ratePerSecond },
      reservedConcurrency: request.load.reservedConcurrency,
      ...(world ? { resolveModule: world.resolveModule, services: world.services } : {}),
    });
    return toLoadView(result);
  };
}
