/**
 * `lambda-triage invoke --concurrency-per-environment N --concurrent K`: send K requests at once to one Lambda
 * Managed Instances environment (src/engine/lambda/managed-instances.ts) through one front door, print the
 * environment's interleaved log stream, each caller's response, and whether any answer changed only because the
 * requests shared the environment (src/engine/lambda/concurrency-isolation.ts).
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { createSimulator, DEFAULT_EPOCH_MS, SimulatorLimitError } from '../engine/index.ts';
import { isManagedInstancesFunction, type ConcurrentRequest } from '../engine/lambda/managed-instances.ts';
import { checkConcurrencyIsolation, describeIsolationDifferences } from '../engine/lambda/concurrency-isolation.ts';
import { createSeededRandom } from '../engine/clock/seeded-random.ts';
import { runThroughFrontDoor, type RunInput } from '../engine/integrations/compare.ts';
import type { FunctionConfig, InvocationRecord } from '../engine/types.ts';
import type { InvokeArgs } from './args.ts';
import type { CliInput } from './inputs.ts';
import { buildRunReport, isSuccessfulReport, type CliInvocationReport } from './report.ts';
import { formatInvocation } from './format.ts';
import type { AwsWorld } from '../engine/aws/index.ts';

/** Seed offset of the front doors' own request ids (as invoke-command.ts). */
const GATEWAY_SEED_OFFSET = 0x6a7e;

/**
 * Run K requests at once. Each request goes through the front door, which hands its event to a batch; the batch
 * is sent to one environment when every front door has asked (or answered without invoking).
 */
export async function runConcurrentCommand(
  args: InvokeArgs,
  quickjs: QuickJSWASMModule,
  config: FunctionConfig,
  files: Record<string, string>,
  input: CliInput,
  out: (s: string) => void,
  world: AwsWorld,
): Promise<number> {
  const k = args.concurrent ?? 1;
  const runInput: RunInput = input.kind === 'request' ? { request: input.spec } : input.kind === 'event' ? { rawEvent: input.value } : args.integration === 'invoke' ? { rawEvent: {} } : { request: { method: 'GET', path: '/' } };
  const sim = createSimulator({ quickjs, seed: args.seed, epochMs: DEFAULT_EPOCH_MS, resolveModule: world.resolveModule, services: world.services });
  const fn = sim.createFunction(config, files);
  if (!isManagedInstancesFunction(fn)) throw new Error('--concurrent needs --concurrency-per-environment');
  const gatewayIds = createSeededRandom((args.seed + GATEWAY_SEED_OFFSET) >>> 0);
  const startedAt = sim.now() - DEFAULT_EPOCH_MS;

  // The batch: every front door's invoke joins it; it is sent once all K runs have reached their invoke or answered.
  const waiting: { request: ConcurrentRequest; resolve: (r: InvocationRecord) => void; reject: (e: unknown) => void }[] = [];
  let settledWithoutInvoke = 0;
  let environmentLogs: string[] = [];
  let batchRecords: InvocationRecord[] = [];
  const flushIfReady = (): void => {
    if (waiting.length + settledWithoutInvoke < k || waiting.length === 0) return;
    const batch = waiting.splice(0);
    fn.invokeConcurrent(batch.map((w) => w.request)).then(
      (run) => {
        environmentLogs = run.logs;
        batchRecords = run.records;
        batch.forEach((w, i) => w.resolve(run.records[i] as InvocationRecord));
      },
      (e: unknown) => batch.forEach((w) => w.reject(e)),
    );
  };
  const reports: CliInvocationReport[] = [];
  try {
    const runs = await Promise.all(
      Array.from({ length: k }, async () => {
        const gatewayRequestId = gatewayIds.uuid();
        let invoked = false;
        const run = await runThroughFrontDoor(
          args.integration,
          runInput,
          (event) =>
            new Promise<InvocationRecord>((resolve, reject) => {
              invoked = true;
              waiting.push({ request: { event }, resolve, reject });
              flushIfReady();
            }),
          {
            sim: { requestId: gatewayRequestId, nowMs: sim.now(), region: config.region, accountId: config.accountId, functionName: config.functionName },
            invokePermission: args.invokePermission,
            ...(args.urlPermissions !== undefined ? { urlPermissions: args.urlPermissions } : {}),
            albMultiValueHeaders: args.albMultiValueHeaders,
          },
        ).finally(() => {
          if (!invoked) {
            settledWithoutInvoke++;
            flushIfReady();
          }
        });
        return buildRunReport(run, gatewayRequestId, startedAt);
      }),
    );
    reports.push(...runs);
  } catch (e) {
    if (e instanceof SimulatorLimitError) {
      out(`lambda-triage: ${e.message} [${e.code}]`);
      return 2;
    }
    throw e;
  } finally {
    fn.dispose();
  }

  // Each request again, alone in a new environment with the same request id: an answer that changes points at
  // module-scope state shared by the concurrent requests.
  const alone: InvocationRecord[] = [];
  for (const rec of batchRecords) {
    const lone = createSimulator({ quickjs, seed: args.seed, epochMs: DEFAULT_EPOCH_MS, resolveModule: world.resolveModule, services: world.services }).createFunction(config, files);
    try {
      const again = isManagedInstancesFunction(lone) ? await lone.invokeConcurrent([{ requestId: rec.requestId, rawPayload: rawPayloadOf(rec, reports) }]) : null;
      alone.push(again?.records[0] ?? rec);
    } finally {
      lone.dispose();
    }
  }
  const differences = batchRecords.length === alone.length ? checkConcurrencyIsolation(batchRecords, alone) : [];

  if (args.json) {
    out(JSON.stringify({ concurrent: k, concurrencyPerEnvironment: config.concurrencyPerEnvironment, environmentLogs, invocations: reports, sharedStateDifferences: differences }, null, 2));
  } else {
    out(`--- Environment log stream (/aws/lambda/${config.functionName}): ${k} requests at once, interleaved ---`);
    for (const l of environmentLogs) out(l);
    out('');
    reports.forEach((r, i) => {
      out(`=== Request ${i + 1} of ${k} ===`);
      for (const line of formatInvocation(r, config.functionName)) out(line);
    });
    out('--- Shared state between concurrent requests ---');
    if (differences.length === 0) out('Each request answered as it does alone in a new environment: no sign of state shared between these requests.');
    else for (const line of describeIsolationDifferences(differences)) out(line);
    out('');
  }
  return reports.every(isSuccessfulReport) && differences.length === 0 ? 0 : 1;
}

/** The exact payload a record's request carried (its front door's event), for the lone rerun. */
function rawPayloadOf(rec: InvocationRecord, reports: CliInvocationReport[]): string {
  const report = reports.find((r) => r.requestId === rec.requestId);
  return JSON.stringify(report ? report.event : null) ?? 'null';
}
