/**
 * Programmatic API of Lambda Triage: what would API Gateway (REST or HTTP API), a function URL, an ALB
 * or the Invoke API answer for this handler? For tests (Vitest, Jest) in a project.
 *
 * ```ts
 * import { invoke } from 'lambda-triage';
 *
 * const r = await invoke({ file: 'src/orders.mjs', frontDoor: 'apigw-rest', request: { method: 'POST', path: '/orders', body: '{' } });
 * expect(r.response.statusCode).toBe(400);   // what the client gets
 * expect(r.outcome).toBe('success');         // what Lambda reported
 * ```
 *
 * The default runner is `node` (real Node.js with the project's `node_modules`, see
 * `src/cli/node-runner/`); `runner: 'sandbox'` uses the deterministic QuickJS simulator.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import { createSimulator, DEFAULT_EPOCH_MS, type Executor } from './engine/index.ts';
import { createAwsWorld } from './engine/aws/index.ts';
import { runThroughFrontDoor, type RunInput } from './engine/integrations/compare.ts';
import { parseHttpRequestSpec, type HttpRequestSpec } from './engine/integrations/http-request.ts';
import type { ApplicationLogLevel, LogFormat } from './engine/types.ts';
import { FRONT_DOORS, isFrontDoor, type FrontDoor, type RuntimeId } from './engine/vocabulary.ts';
import { buildRunReport, type CliInvocationReport } from './cli/report.ts';
import { createNodeExecutor } from './cli/node-runner/node-executor.ts';

export type { CliInvocationReport as InvocationResult } from './cli/report.ts';
export type { HttpRequestSpec } from './engine/integrations/http-request.ts';
export type { FrontDoor, RuntimeId } from './engine/vocabulary.ts';
export { FRONT_DOORS } from './engine/vocabulary.ts';

/** What to run and how to send it. */
export interface InvokeOptions {
  /** The handler's file (`.mjs`, `.js`, `.cjs`, `.ts`); its folder plays `/var/task`. */
  file: string;
  /** Handler string `file.export` relative to that folder (default `<file name>.handler`). */
  handler?: string;
  /** Front door (default `apigw-rest` with `request`, else `invoke`). */
  frontDoor?: FrontDoor;
  /** HTTP request for a front door: `{ method, path, query?, headers?, body? }`. */
  request?: HttpRequestSpec;
  /** Raw event for the Invoke API (default `{}`). */
  event?: unknown;
  /** `node` (default) or `sandbox`. */
  runner?: 'node' | 'sandbox';
  /** Node runner: `virtual` (default) or `real` clock. */
  clock?: 'virtual' | 'real';
  /** Node runner: `simulated` (default) or `real` AWS SDK. */
  sdk?: 'simulated' | 'real';
  runtime?: RuntimeId;
  timeoutSeconds?: number;
  memoryMB?: number;
  environment?: Record<string, string>;
  logFormat?: LogFormat;
  applicationLogLevel?: ApplicationLogLevel;
  /** Simulated AWS account: seeded state, the execution role's policy, injected faults (see the CLI's --state/--policy/--faults). */
  state?: unknown;
  policy?: unknown;
  faults?: unknown;
  /** Invocations on the same environment (the first cold); the last one is returned by {@link invoke}. Default 1. */
  times?: number;
  /** Seed for request ids (default 1). */
  seed?: number;
}

function sourceFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string, rel: string, depth: number): void => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const full = path.join(d, name);
      const st = statSync(full);
      if (st.isDirectory() && depth < 4) walk(full, `${rel}${name}/`, depth + 1);
      else if (st.isFile() && /\.(m?js|cjs|json|[mc]?ts)$/.test(name) && st.size < 1_000_000) files[`${rel}${name}`] = readFileSync(full, 'utf8');
    }
  };
  walk(dir, '', 0);
  return files;
}

/**
 * Run the handler through a front door and return every invocation's report (the first cold, the rest
 * warm). Throws an Error with a readable message on bad options (missing file, unknown front door).
 */
export async function invokeAll(options: InvokeOptions): Promise<CliInvocationReport[]> {
  const file = path.resolve(options.file);
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new Error(`lambda-triage invoke: handler file ${options.file} does not exist (resolved to ${file})`);
  }
  const frontDoor = options.frontDoor ?? (options.request ? 'apigw-rest' : 'invoke');
  if (!isFrontDoor(frontDoor)) throw new Error(`lambda-triage invoke: frontDoor must be one of ${FRONT_DOORS.join(', ')}; got "${String(frontDoor)}"`);
  let input: RunInput;
  if (options.request) {
    const spec = parseHttpRequestSpec(options.request);
    if (!spec.ok) throw new Error(`lambda-triage invoke: request: ${spec.error}`);
    input = { request: spec.value };
  } else if (frontDoor !== 'invoke') input = { request: { method: 'GET', path: '/' } };
  else input = { rawEvent: options.event ?? {} };
  const taskRoot = path.dirname(file);
  const moduleName = path.basename(file).replace(/\.(mjs|cjs|js|mts|cts|ts)$/, '');
  const config = {
    handler: options.handler ?? `${moduleName}.handler`,
    ...(options.runtime ? { runtime: options.runtime } : {}),
    ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}),
    ...(options.memoryMB ? { memoryMB: options.memoryMB } : {}),
    ...(options.environment ? { environment: options.environment } : {}),
    ...(options.logFormat ? { logFormat: options.logFormat } : {}),
    ...(options.applicationLogLevel ? { applicationLogLevel: options.applicationLogLevel } : {}),
  };
  const seed = options.seed ?? 1;
  const world = createAwsWorld({
    ...(options.state !== undefined ? { state: options.state } : {}),
    ...(options.policy !== undefined ? { policy: options.policy } : {}),
    ...(options.faults !== undefined ? { faults: options.faults } : {}),
    seed,
  });
  const runner = options.runner ?? 'node';
  const executor: Executor | undefined = runner === 'node' ? createNodeExecutor({ taskRoot, clock: options.clock ?? 'virtual', sdk: options.sdk ?? 'simulated', resolveModule: world.resolveModule }) : undefined;
  const quickjs = executor ? undefined : await newQuickJSWASMModuleFromVariant(RELEASE_SYNC);
  const sim = createSimulator({ ...(executor ? { executor } : quickjs ? { quickjs } : {}), seed, epochMs: DEFAULT_EPOCH_MS, resolveModule: world.resolveModule, services: world.services });
  const fn = sim.createFunction(config, executor ? {} : sourceFiles(taskRoot));
  const reports: CliInvocationReport[] = [];
  try {
    for (let i = 0; i < Math.max(1, options.times ?? 1); i++) {
      const gatewayRequestId = `api-${seed}-${i + 1}`;
      const run = await runThroughFrontDoor(frontDoor, input, (event) => fn.invoke(event), {
        sim: { requestId: gatewayRequestId, nowMs: sim.now(), region: fn.config.region, accountId: fn.config.accountId, functionName: fn.config.functionName },
      });
      reports.push(buildRunReport(run, gatewayRequestId, sim.now() - DEFAULT_EPOCH_MS));
    }
  } finally {
    fn.dispose();
  }
  return reports;
}

/** Run the handler once through a front door: what the caller got (`response`), what Lambda reported, the findings. */
export async function invoke(options: InvokeOptions): Promise<CliInvocationReport> {
  const all = await invokeAll({ ...options, times: options.times ?? 1 });
  return all[all.length - 1] as CliInvocationReport;
}

/** The same request through every front door (a new environment each): `{ 'apigw-rest': report, … }`. */
export async function compare(options: Omit<InvokeOptions, 'frontDoor'>): Promise<Record<FrontDoor, CliInvocationReport>> {
  const out: Partial<Record<FrontDoor, CliInvocationReport>> = {};
  for (const door of FRONT_DOORS) out[door] = await invoke({ ...options, frontDoor: door });
  return out as Record<FrontDoor, CliInvocationReport>;
}
