/**
 * `lambda-triage invoke … --load N`: a load run on virtual time and its CloudWatch-style metrics.
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import type { Executor } from '../engine/executor/types.ts';
import type { AwsWorld } from '../engine/aws/index.ts';
import type { RunInput } from '../engine/integrations/compare.ts';
import { runLoad, type LoadRunResult } from '../engine/load/load-run.ts';
import type { DurationStats, MetricsPeriod } from '../engine/load/metrics.ts';
import type { FunctionConfig } from '../engine/types.ts';
import { FRONT_DOOR_LABELS } from '../engine/vocabulary.ts';
import type { InvokeArgs, LoadArgs } from './args.ts';
import { GUIDE_LABEL, guideUrl, table } from './format.ts';

function ms(d: DurationStats | null): string {
  if (!d) return '-';
  const f = (n: number) => (Math.round(n * 10) / 10).toString();
  return `${f(d.avg)} / ${f(d.p50)} / ${f(d.p99)} / ${f(d.max)}`;
}

function codes(c: Record<string, number>): string {
  const entries = Object.entries(c).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '-' : entries.map(([k, v]) => `${k}×${v}`).join(' ');
}

/** Human output of a load run: what ran, per-second metrics, totals. */
export function formatLoadRun(result: LoadRunResult, load: LoadArgs): string[] {
  const arrivals = load.rate !== null ? `arriving at ${load.rate}/s (Poisson, seeded)` : `from ${load.concurrency} clients in a loop`;
  const limit = load.reservedConcurrency !== null ? `reserved concurrency ${load.reservedConcurrency}` : `account concurrency ${load.accountConcurrency}`;
  const out = [`Load run: ${load.requests} requests ${arrivals} through ${FRONT_DOOR_LABELS[result.frontDoor]}; ${limit}.`, ''];
  const rows = result.metrics.map((m: MetricsPeriod) => [
    m.timestamp.slice(11, 19),
    String(m.Invocations),
    String(m.Errors),
    String(m.Throttles),
    String(m.ConcurrentExecutions),
    String(m.ColdStarts),
    ms(m.Duration),
    codes(m.statusCodes),
  ]);
  out.push(...table(['Time', 'Invocations', 'Errors', 'Throttles', 'Concurrent', 'Cold starts', 'Duration ms avg / p50 / p99 / max', 'Status codes'], rows));
  const t = result.totals;
  out.push('');
  out.push(`Totals: ${t.requests} requests, ${t.Invocations} invocations, ${t.Errors} errors, ${t.Throttles} throttles, ${t.ColdStarts} cold starts in ${result.environmentsCreated} environments; peak concurrency ${t.maxConcurrentExecutions}.`);
  out.push(`Duration ms avg / p50 / p99 / max: ${ms(t.Duration)}. Callers received: ${codes(t.statusCodes)}. Virtual time: ${(t.spanMs / 1000).toFixed(1)} s.`);
  if (t.Throttles > 0) {
    out.push('');
    out.push(`Throttled requests: Lambda answered 429 TooManyRequestsException "Rate Exceeded." (${result.requests.find((r) => r.throttled)?.throttleReason ?? ''}); the caller saw what the front door makes of it.`);
    out.push(`  ${GUIDE_LABEL}${guideUrl('/guides/throttling/')}`);
  }
  return out;
}

/** Run the load test for the CLI; returns the exit code (0 when every caller got a 2xx/3xx and nothing failed). */
export async function runLoadCommand(args: InvokeArgs, quickjs: QuickJSWASMModule, config: FunctionConfig, files: Record<string, string>, input: RunInput, out: (s: string) => void, world?: AwsWorld, executor?: Executor): Promise<number> {
  const load = args.load as LoadArgs;
  const result = await runLoad({
    quickjs,
    ...(executor ? { executor } : {}),
    config,
    files,
    seed: args.seed,
    frontDoor: args.integration,
    input,
    requests: load.requests,
    arrivals: load.rate !== null ? { rate: load.rate } : { concurrency: load.concurrency ?? 1 },
    reservedConcurrency: args.reservedConcurrency,
    accountConcurrency: load.accountConcurrency,
    invokePermission: args.invokePermission,
    albMultiValueHeaders: args.albMultiValueHeaders,
    ...(world ? { resolveModule: world.resolveModule, services: world.services } : {}),
  });
  if (args.json) {
    const { metrics, ...rest } = result;
    out(JSON.stringify({ invocations: [], metrics, load: rest, calls: world?.calls() ?? [] }, null, 2));
  } else {
    for (const line of formatLoadRun(result, load)) out(line);
  }
  const failed = result.totals.Errors > 0 || Object.keys(result.totals.statusCodes).some((c) => Number(c) >= 400);
  return failed ? 1 : 0;
}
