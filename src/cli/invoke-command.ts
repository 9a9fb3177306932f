/**
 * `lambda-triage invoke`: run a handler file in the simulator behind one front door (or all of them
 * with `--compare`) and print the function's logs, the front door's logs, the caller's response and
 * the findings, or a JSON report (`--json`).
 */
import type { FunctionUrlPermission } from '../engine/integrations/url-permissions.ts';
import { createSimulator, DEFAULT_EPOCH_MS, SimulatorLimitError, type SimFunction, type Simulator } from '../engine/index.ts';
import { createSeededRandom, type SeededRandom } from '../engine/clock/seeded-random.ts';
import { runThroughFrontDoor, type RunInput, type RunOptions } from '../engine/integrations/compare.ts';
import type { HttpRequestSpec } from '../engine/integrations/http-request.ts';
import type { FunctionConfig } from '../engine/types.ts';
import { FRONT_DOORS, type FrontDoor } from '../engine/vocabulary.ts';
import type { InvokeArgs } from './args.ts';
import { formatCompare, formatInvocation } from './format.ts';
import { loadQuickJS } from './quickjs.ts';
import { withConcurrencyPerEnvironment } from './concurrency-config.ts';
import { loadFunction, loadInput, type CliInput } from './inputs.ts';
import { formatCallsOf, loadWorld } from './world.ts';
import { diagnoseCalls, simulatorGapFindings } from '../engine/aws/index.ts';
import { buildRunReport, isSuccessfulReport } from './report.ts';
import { dirname, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { nodeVersionWarning } from './node-runner/runner-options.ts';
import { responseStreamOf } from '../engine/streaming/capture.ts';
import { createFinding } from '../engine/errors/catalogue.ts';
import { createStreamReport, formatStream, type StreamingCliReport } from './stream-output.ts';
import { isPythonRuntime } from '../engine/lambda/runtime-ids.ts';
import { checkLogView, createLogView } from '../engine/report/log-view.ts';

// commands.ts runs this command inside withSimulatorLimits, taken from this module (see commands.ts).
export { withSimulatorLimits } from './limit-errors.ts';

/** Where output goes (injected for tests). */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /**
   * The process ends as soon as the command returns (bin/lambda-triage.mjs): what it allocated need not be freed
   * first (disposing a QuickJS runtime walks its whole heap, ≈ 1.5 ms). Unset in-process, where it must be.
   */
  processExitsAfter?: boolean;
}

/** Seed offset of the front doors' own request ids, so they never repeat the function's ids. */
const GATEWAY_SEED_OFFSET = 0x6a7e;

/** The request a front door receives when no `--request` is given. */
export const DEFAULT_REQUEST: HttpRequestSpec = { method: 'GET', path: '/' };

/** Everything one front-door run needs. */
export interface RunContext {
  sim: Simulator;
  fn: SimFunction;
  config: FunctionConfig;
  input: CliInput;
  gatewayIds: SeededRandom;
  invokePermission: boolean;
  /** What the resource policy grants the function URL (`--url-permissions`); undefined grants both. */
  urlPermissions?: FunctionUrlPermission[] | undefined;
  albMultiValueHeaders: boolean;
  /** The front door invokes with InvokeWithResponseStream (`--invoke-mode RESPONSE_STREAM` and the like). */
  responseStream?: boolean;
}

/** Run the input once through `frontDoor` and build its report entry. */
export async function runOnce(ctx: RunContext, frontDoor: FrontDoor): Promise<StreamingCliReport> {
  const { sim, fn, config, input } = ctx;
  const gatewayRequestId = ctx.gatewayIds.uuid();
  const options: RunOptions = {
    sim: { requestId: gatewayRequestId, nowMs: sim.now(), region: config.region, accountId: config.accountId, functionName: config.functionName },
    invokePermission: ctx.invokePermission,
    ...(ctx.urlPermissions !== undefined ? { urlPermissions: ctx.urlPermissions } : {}),
    albMultiValueHeaders: ctx.albMultiValueHeaders,
  };
  let runInput: RunInput;
  let invoke: (event: unknown) => ReturnType<SimFunction['invoke']>;
  if (input.kind === 'request') {
    runInput = { request: input.spec };
    invoke = (event) => fn.invoke(event);
  } else if (input.kind === 'event') {
    // The exact bytes of the file go to Lambda, so invalid JSON and sizes behave as on the Invoke API.
    runInput = { rawEvent: input.validJson ? input.value : input.text };
    invoke = () => fn.invoke(null, { rawPayload: input.text });
  } else {
    runInput = { rawEvent: {} };
    invoke = (event) => fn.invoke(event);
  }
  const startedAt = sim.now() - DEFAULT_EPOCH_MS;
  // Loaded only for a streamed invocation (like the Node runner, Python and the other modes below): a plain
  // `invoke` starts without the modules it does not use.
  const streaming = ctx.responseStream ? await import('../engine/streaming/streaming-front-door.ts') : null;
  if (streaming && streaming.isStreamingFrontDoor(frontDoor)) {
    const { runStreamingFrontDoor } = streaming;
    // InvokeWithResponseStream: the 6 MB buffered limit gives way to the stream's 200 MB.
    const streamInvoke = (event: unknown) => (input.kind === 'event' ? fn.invoke(null, { rawPayload: input.text, responseStream: true }) : fn.invoke(event, { responseStream: true }));
    const run = await runStreamingFrontDoor(frontDoor, runInput, streamInvoke, options, { functionTimeoutMs: config.timeoutSeconds * 1000 });
    return { ...buildRunReport(run, gatewayRequestId, startedAt), stream: createStreamReport(run) };
  }
  const run = await runThroughFrontDoor(frontDoor, runInput, (event) => invoke(event), options);
  const report = buildRunReport(run, gatewayRequestId, startedAt);
  // A streaming handler behind a front door that buffers: Lambda collects the stream first.
  if (frontDoor !== 'invoke' && responseStreamOf(run.record)) report.findings.push(createFinding('LT-STREAM-BUFFERED-FRONT-DOOR', { frontDoor }));
  return report;
}

/** The folder that plays /var/task for the Node runner: the project folder, or the handler file's folder. */
function taskRootOf(file: string): string {
  const target = resolve(file);
  try {
    return statSync(target).isDirectory() ? target : dirname(target);
  } catch {
    return dirname(target);
  }
}

/** Exit codes: 0 all invocations succeeded, 1 a function or front door failed, 2 usage or input error. */
export async function runInvoke(args: InvokeArgs, io: Io): Promise<number> {
  const fail = (message: string): number => {
    io.err(`lambda-triage: ${message}`);
    return 2;
  };
  const loaded = await loadFunction(args);
  if (!loaded.ok) return fail(loaded.error);
  const input = await loadInput(args);
  if (!input.ok) return fail(input.error);
  if (input.value.kind === 'event' && !input.value.validJson && (args.compare || args.integration !== 'invoke')) {
    return fail(`event file ${args.event ?? ''} is not valid JSON; only --integration invoke sends raw bytes (to show Lambda's InvalidRequestContentException)`);
  }
  if (input.value.kind === 'event' && !input.value.validJson && (args.load !== null || args.invocationType === 'Event')) {
    return fail(`event file ${args.event ?? ''} is not valid JSON`);
  }

  const { files } = loaded.value;
  // --concurrency-per-environment: Lambda Managed Instances (concurrent-command.ts).
  const managed = withConcurrencyPerEnvironment(loaded.value.config, args.concurrencyPerEnvironment);
  if (!managed.ok) return fail(managed.error);
  const config = managed.config;
  // The simulated AWS account: SDK packages resolve and calls are checked against --policy, --state, --faults.
  const worldResult = await loadWorld(args, config);
  if (!worldResult.ok) return fail(worldResult.error);
  const world = worldResult.value;
  const python = isPythonRuntime(config.runtime);
  // The first sandbox starts from the prelude start-up snapshot (prelude-snapshot.ts) unless no sandbox runs.
  const quickjs = await loadQuickJS({ preludeSnapshot: !python && args.runner.runner !== 'node' });
  const logViewProblem = checkLogView(args.logView, config.runtime);
  if (logViewProblem) return fail(`--log-view: ${logViewProblem}`);
  if (python && args.runner.runner === 'node') {
    return fail(`--runner node runs Node.js handlers only; ${args.file} is a Python handler (${config.runtime}): drop --runner node to run it in the simulator's Python (Pyodide)`);
  }
  // --runner node: real Node worker threads in the handler's own folder (its node_modules), same service above.
  // Python runtimes: Pyodide, loaded only now that a Python handler runs.
  const executor = python
    ? await (await import('./python-project.ts')).createCliPythonExecutor()
    : args.runner.runner === 'node'
      ? (await import('./node-runner/node-executor.ts')).createNodeExecutor({ taskRoot: loaded.value.root ?? taskRootOf(args.file), clock: args.runner.clock, sdk: args.runner.sdk, resolveModule: world.resolveModule })
      : undefined;
  const versionWarning = executor && !python ? nodeVersionWarning(config.runtime) : null;
  if (versionWarning) io.err(`lambda-triage: ${versionWarning}`);
  if (args.invocationType === 'Event') return (await import('./async-command.ts')).runAsyncCommand(args, quickjs, config, files, input.value, io.out, world, executor);
  if (args.load !== null) {
    const v = input.value;
    const loadInput: RunInput = v.kind === 'request' ? { request: v.spec } : v.kind === 'event' ? { rawEvent: v.value } : args.integration === 'invoke' ? { rawEvent: {} } : { request: DEFAULT_REQUEST };
    return (await import('./load-command.ts')).runLoadCommand(args, quickjs, config, files, loadInput, io.out, world, executor);
  }
  if (args.concurrent !== null) return (await import('./concurrent-command.ts')).runConcurrentCommand(args, quickjs, config, files, input.value, io.out, world);
  const sim = createSimulator({ quickjs, ...(executor ? { executor } : {}), seed: args.seed, epochMs: DEFAULT_EPOCH_MS, resolveModule: world.resolveModule, services: world.services });
  const fn = sim.createFunction(config, files);
  // Without --request, a front door other than the Invoke API receives a plain `GET /`.
  const cliInput: CliInput = input.value.kind === 'none' && (args.compare || args.integration !== 'invoke') ? { kind: 'request', spec: DEFAULT_REQUEST } : input.value;
  const ctx: RunContext = {
    sim,
    fn,
    config,
    input: cliInput,
    gatewayIds: createSeededRandom((args.seed + GATEWAY_SEED_OFFSET) >>> 0),
    invokePermission: args.invokePermission,
    urlPermissions: args.urlPermissions,
    albMultiValueHeaders: args.albMultiValueHeaders,
    responseStream: args.responseStream,
  };
  const reports: StreamingCliReport[] = [];
  try {
    if (args.compare) {
      for (const door of FRONT_DOORS) {
        // Every door starts from the same state, so the table does not depend on the order of the doors.
        fn.newEnvironment();
        reports.push(await runOnce(ctx, door));
      }
    } else {
      for (let i = 0; i < args.times; i++) reports.push(await runOnce(ctx, args.integration));
    }
  } catch (e) {
    // The program needs more real memory than the sandbox may use: said plainly, no invented outcome.
    if (e instanceof SimulatorLimitError) return fail(`${e.message} [${e.code}]`);
    throw e;
  } finally {
    if (!io.processExitsAfter) fn.dispose();
  }
  const calls = world.calls();
  for (const r of reports) if (r.invoked) for (const c of diagnoseCalls(r, calls)) if (!r.causes.includes(c)) r.causes.push(c);
  // Calls the simulator does not cover say so plainly (LT-SIM-UNSUPPORTED), whatever the handler did with the error.
  for (const r of reports) if (r.invoked) r.findings.push(...simulatorGapFindings(r, calls));
  // --log-view emulator: the lines a local emulator's stdout shows (src/engine/report/log-view.ts). The JSON report
  // carries the real carriage returns; the log stream shows each one as the two characters \r, since a terminal
  // would return to the start of the line and overwrite what came before it.
  if (args.logView !== 'cloudwatch') for (const r of reports) r.logs = createLogView(r.logs, args.logView);
  if (args.logView !== 'cloudwatch' && !args.json) for (const r of reports) r.logs = r.logs.map((l) => l.replace(/\r/g, '\\r'));
  if (args.json) {
    io.out(JSON.stringify(args.compare ? { compare: reports, calls } : { invocations: reports, calls }, null, 2));
  } else if (args.compare) {
    for (const line of formatCompare(reports)) io.out(line);
  } else {
    for (const r of reports) {
      const lines = formatInvocation(r, config.functionName);
      // The calls go right after the function's log stream (before the first blank line).
      const at = lines.indexOf('');
      lines.splice(at + 1, 0, ...formatCallsOf(r, calls));
      if (r.stream) lines.push('', ...formatStream(r.stream));
      for (const line of lines) io.out(line);
    }
  }
  return reports.every(isSuccessfulReport) ? 0 : 1;
}
