/**
 * `runScenarioChecks`: run a learner's handler against a scenario's shown request and its hidden
 * variations, judge every check, and report the smallest failing case with what the caller received
 * and the decisive log line.
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { createSimulator, type SimFunction } from '../index.ts';
import { DEFAULT_EPOCH_MS } from '../clock/virtual-clock.ts';
import { runThroughFrontDoor, type RunOptions } from '../integrations/compare.ts';
import { runStreamingFrontDoor, type StreamingFrontDoor } from '../streaming/streaming-front-door.ts';
import { runConcurrentIsolationCheck } from './concurrent-isolation-check.ts';
import { checkManagedInstancesConfig } from '../lambda/managed-instances-config.ts';
import { createFrontDoorIds } from '../integrations/events.ts';
import type { HttpRequestSpec, SimulationInputs } from '../integrations/http-request.ts';
import type { FunctionConfig } from '../types.ts';
import type { Executor } from '../executor/types.ts';
import type { FrontDoor } from '../vocabulary.ts';
import { diagnoseCalls } from '../aws/diagnose.ts';
import { planCases, selects, type PlannedCase } from './cases.ts';
import { decisiveLogLine, describeCheck, judgeInvocation, judgeState, selectorOf } from './checks.ts';
import { invokeRequestFor, isInvokeAllowed, parseFunctionConfigFile, parseResourcePolicy, SCENARIO_ACCOUNT, type FunctionConfigFile, type ResourcePolicy } from './config-files.ts';
import type {
  CaseOutcome,
  CheckFailureCase,
  CheckResult,
  ScenarioDefinition,
  ScenarioResult,
  ScenarioSubmission,
  ScenarioWorld,
  ScenarioWorldFactory,
  WarmInvocationsCheck,
} from './types.ts';

/** Dependencies of {@link runScenarioChecks}, injected by the caller (Node test, CLI or worker). */
export interface ScenarioDeps {
  quickjs: QuickJSWASMModule;
  /** Builds the simulated AWS world; needed only by scenarios with an `aws` section. */
  createWorld?: ScenarioWorldFactory;
  /** Wall-clock guard per invocation, ms (see SIMULATION.md). */
  wallBudgetMs?: number;
  /** Wall clock for the runaway guard only. */
  wallClock?: () => number;
  /** Runs scenarios whose runtime is `python*` (the Python executor, `createPythonExecutor`); without it they cannot run. */
  pythonExecutor?: Executor;
}

/** The learner's file name: `index.mjs` for Node.js, `<module>.py` from the handler string for Python. */
function handlerFileName(scenario: ScenarioDefinition): string {
  if (!scenario.function.runtime.startsWith('python')) return 'index.mjs';
  const dot = scenario.function.handler.lastIndexOf('.');
  return `${(dot > 0 ? scenario.function.handler.slice(0, dot) : 'lambda_function').replace(/\./g, '/')}.py`;
}

export { SCENARIO_ACCOUNT };

const SEED = 7;
const BODY_PREVIEW_CHARS = 400;

interface Prepared {
  handler: string;
  configOverrides: FunctionConfigFile;
  policy: ResourcePolicy | null;
  /** The execution role's policy from a `role-policy` config file (JSON value). */
  rolePolicy?: unknown;
}

function prepare(scenario: ScenarioDefinition, submission: ScenarioSubmission): { ok: true; value: Prepared } | { ok: false; error: string } {
  const handler = typeof submission === 'string' ? submission : submission.handler;
  const configText = typeof submission === 'string' ? scenario.config?.broken : (submission.config ?? scenario.config?.broken);
  const prepared: Prepared = { handler, configOverrides: {}, policy: null };
  if (scenario.config && configText !== undefined) {
    if (scenario.config.kind === 'resource-policy') {
      const parsed = parseResourcePolicy(configText, scenario.config.name);
      if (!parsed.ok) return parsed;
      prepared.policy = parsed.value;
    } else if (scenario.config.kind === 'role-policy') {
      try {
        prepared.rolePolicy = JSON.parse(configText) as unknown;
      } catch (error) {
        return { ok: false, error: `${scenario.config.name} is not valid JSON (${error instanceof Error ? error.message : String(error)}). Check for a missing comma or quote.` };
      }
    } else {
      const parsed = parseFunctionConfigFile(configText, scenario.config.name);
      if (!parsed.ok) return parsed;
      if (parsed.value.concurrencyPerEnvironment !== undefined) {
        const problem = checkManagedInstancesConfig(parsed.value.concurrencyPerEnvironment, scenario.function.runtime, scenario.function.logFormat);
        if (problem !== null) return { ok: false, error: `${scenario.config.name}: ${problem}` };
      }
      prepared.configOverrides = parsed.value;
    }
  }
  return { ok: true, value: prepared };
}

function requestPreview(input: PlannedCase['input']): unknown {
  if ('request' in input) {
    const r: HttpRequestSpec = input.request;
    const body = typeof r.body === 'string' && r.body.length > BODY_PREVIEW_CHARS ? `${r.body.slice(0, BODY_PREVIEW_CHARS)}… (${r.body.length} characters)` : r.body;
    return { ...r, body: body ?? null };
  }
  const text = JSON.stringify(input.rawEvent) ?? 'null';
  return text.length > BODY_PREVIEW_CHARS * 2 ? `${text.slice(0, BODY_PREVIEW_CHARS * 2)}… (${text.length} characters)` : input.rawEvent;
}

/** Deep copy of authored JSON data, so one case cannot change the next case's world. */
function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function requestIdFor(n: number): string {
  return `5ce0a710-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** A simulator, the scenario's function on it and the AWS world it calls, for one case (or one run of a check). */
interface ScenarioFunctionRun {
  sim: ReturnType<typeof createSimulator>;
  fn: SimFunction;
  world: ScenarioWorld | null;
}

/** Build the simulator, the world and the function of one case; `pc` supplies the case's environment and faults. */
function openScenarioFunction(scenario: ScenarioDefinition, prepared: Prepared, pc: Pick<PlannedCase, 'environment' | 'faults'>, deps: ScenarioDeps): ScenarioFunctionRun {
  const fnName = scenario.function.functionName;
  let world: ScenarioWorld | null = null;
  const simEpoch = DEFAULT_EPOCH_MS;
  if (scenario.aws) {
    if (!deps.createWorld) throw new Error(`Scenario ${scenario.id} needs the simulated AWS world: pass createWorld in the dependencies.`);
    world = deps.createWorld({
      state: cloneJson(scenario.aws.state ?? {}),
      policy: prepared.rolePolicy !== undefined ? prepared.rolePolicy : cloneJson(scenario.aws.policy),
      faults: cloneJson(pc.faults !== undefined ? pc.faults : scenario.aws.faults),
      ...SCENARIO_ACCOUNT,
      functionName: fnName,
      epochMs: simEpoch,
    });
  }
  const python = scenario.function.runtime.startsWith('python');
  if (python && !deps.pythonExecutor) throw new Error(`Scenario ${scenario.id} runs ${scenario.function.runtime}: pass pythonExecutor in the dependencies.`);
  const sim = createSimulator({
    quickjs: deps.quickjs,
    ...(python && deps.pythonExecutor ? { executor: deps.pythonExecutor } : {}),
    seed: SEED,
    epochMs: simEpoch,
    ...(deps.wallBudgetMs !== undefined ? { wallBudgetMs: deps.wallBudgetMs } : {}),
    ...(deps.wallClock ? { wallClock: deps.wallClock } : {}),
    ...(world ? { resolveModule: world.resolveModule, services: world.services } : {}),
  });
  const o = prepared.configOverrides;
  const config: Partial<FunctionConfig> = {
    functionName: fnName,
    handler: scenario.function.handler,
    runtime: scenario.function.runtime,
    timeoutSeconds: o.timeoutSeconds ?? scenario.function.timeoutSeconds,
    memoryMB: o.memoryMB ?? scenario.function.memoryMB,
    environment: { ...scenario.function.environment, ...(pc.environment ?? {}) },
    ...SCENARIO_ACCOUNT,
    ...(scenario.function.logFormat ? { logFormat: scenario.function.logFormat } : {}),
  };
  // Lambda Managed Instances (the learner's function-config file may change it): several invocations per environment.
  const concurrencyPerEnvironment = o.concurrencyPerEnvironment ?? scenario.function.concurrencyPerEnvironment;
  if (concurrencyPerEnvironment !== undefined) config.concurrencyPerEnvironment = concurrencyPerEnvironment;
  const fn = sim.createFunction(config, { ...scenario.support, [handlerFileName(scenario)]: prepared.handler });
  return { sim, fn, world };
}

/** Is the case's front door set to stream (function URL `RESPONSE_STREAM`, REST API `STREAM`)? */
function streamsThrough(scenario: ScenarioDefinition, door: FrontDoor): door is StreamingFrontDoor {
  if (door === 'function-url') return scenario.frontDoorSettings.invokeMode === 'RESPONSE_STREAM';
  if (door === 'apigw-rest') return scenario.frontDoorSettings.responseTransferMode === 'STREAM';
  return false;
}

/** The front door's options of a scenario (everything but the simulation inputs). */
function frontDoorOptions(scenario: ScenarioDefinition, prepared: Prepared, door: FrontDoor, request: HttpRequestSpec | null): Omit<RunOptions, 'sim'> {
  const fnName = scenario.function.functionName;
  const ids = createFrontDoorIds({ ...SCENARIO_ACCOUNT, functionName: fnName });
  const invokePermission = prepared.policy === null ? true : isInvokeAllowed(prepared.policy, invokeRequestFor(door, ids, { ...SCENARIO_ACCOUNT, functionName: fnName }, request), door);
  return {
    invokePermission,
    throttled: prepared.configOverrides.reservedConcurrency === 0,
    ...(scenario.frontDoorSettings.integrationTimeoutMs !== undefined ? { integrationTimeoutMs: scenario.frontDoorSettings.integrationTimeoutMs } : {}),
    ...(scenario.frontDoorSettings.albMultiValueHeaders !== undefined ? { albMultiValueHeaders: scenario.frontDoorSettings.albMultiValueHeaders } : {}),
  };
}

/** Run one planned case: `calls` invocations on one environment; returns an outcome per call. */
async function runCase(scenario: ScenarioDefinition, prepared: Prepared, pc: PlannedCase, deps: ScenarioDeps, keepAll: boolean): Promise<CaseOutcome[]> {
  const fnName = scenario.function.functionName;
  const { sim, fn, world } = openScenarioFunction(scenario, prepared, pc, deps);
  const door: FrontDoor = pc.frontDoor;
  const request = 'request' in pc.input ? pc.input.request : null;
  const options = frontDoorOptions(scenario, prepared, door, request);
  const outcomes: CaseOutcome[] = [];
  try {
    for (let call = 1; call <= pc.calls; call++) {
      const simInputs: SimulationInputs = { requestId: requestIdFor(call), nowMs: sim.now(), ...SCENARIO_ACCOUNT, functionName: fnName };
      // A streaming front door invokes with InvokeWithResponseStream; the caller's response is the streamed one.
      const run = streamsThrough(scenario, door)
        ? await runStreamingFrontDoor(door, pc.input, (event) => fn.invoke(event, { responseStream: true }), { ...options, sim: simInputs }, { functionTimeoutMs: fn.config.timeoutSeconds * 1000 })
        : await runThroughFrontDoor(door, pc.input, (event) => fn.invoke(event), { ...options, sim: simInputs });
      if (keepAll || call === pc.calls) {
        outcomes.push({
          name: pc.name,
          group: pc.group,
          rank: pc.rank,
          frontDoor: door,
          request: requestPreview(pc.input),
          response: run.response,
          record: run.record,
          gatewayLogs: run.gatewayLogs,
          causes: [...new Set([...(run.record?.causes ?? []), ...(run.record && world?.calls ? diagnoseCalls(run.record, world.calls()) : []), ...run.findings.filter((f) => f.severity !== 'warning').map((f) => f.cause)])],
          finding: run.findings[0]?.message ?? null,
          ...(keepAll ? { call } : {}),
          ...(world ? { state: world.snapshot() } : {}),
        });
      }
    }
  } finally {
    fn.dispose();
  }
  return outcomes;
}

function failureCase(c: CaseOutcome, detail: string, label?: string): CheckFailureCase {
  const body = c.response.body.length > BODY_PREVIEW_CHARS ? `${c.response.body.slice(0, BODY_PREVIEW_CHARS)}… (${c.response.body.length} characters)` : c.response.body;
  return {
    name: label ?? c.name,
    frontDoor: c.frontDoor,
    request: c.request,
    response: { status: c.response.statusCode, body },
    decisiveLogLine: decisiveLogLine(c),
    finding: c.finding,
    detail,
  };
}

function seriesLabel(check: WarmInvocationsCheck, call: number): string {
  return `warm series: call ${call} of ${check.count} on one environment`;
}

/**
 * Run a learner's submission against a scenario. The submission passes only when every check holds
 * on the shown request and on every hidden variation. Never throws for a bad submission: problems with
 * the submitted files come back as `submissionError`.
 */
export async function runScenarioChecks(scenario: ScenarioDefinition, submission: ScenarioSubmission, deps: ScenarioDeps): Promise<ScenarioResult> {
  const prepared = prepare(scenario, submission);
  if (!prepared.ok) return { id: scenario.id, passed: false, checks: [], submissionError: prepared.error };

  const planned = planCases(scenario);
  const outcomes: CaseOutcome[] = [];
  try {
    for (const pc of planned) outcomes.push(...(await runCase(scenario, prepared.value, pc, deps, false)));
  } catch (error) {
    return { id: scenario.id, passed: false, checks: [], submissionError: `The scenario could not run: ${error instanceof Error ? error.message : String(error)}` };
  }
  const byRank = (a: CaseOutcome, b: CaseOutcome) => a.rank - b.rank;
  outcomes.sort(byRank);

  const checks: CheckResult[] = [];
  let smallest: (CheckFailureCase & { checkId: string; rank: number }) | undefined;
  for (const [index, check] of scenario.checks.entries()) {
    const id = check.id ?? `${check.kind}-${index + 1}`;
    const description = describeCheck(check);
    let failure: CheckFailureCase | undefined;
    let failRank = Infinity;
    let checked = 0;
    if (check.kind === 'concurrent-isolation') {
      // Lambda Managed Instances: the requests at once in one environment, then each alone (concurrent-isolation-check.ts).
      const first = check.requests?.[0] ?? null;
      const result = await runConcurrentIsolationCheck(check, {
        frontDoor: scenario.frontDoor,
        openFunction: () => {
          const opened = openScenarioFunction(scenario, prepared.value, {}, deps);
          return { fn: opened.fn, nowMs: () => opened.sim.now(), dispose: () => opened.fn.dispose() };
        },
        runOptions: frontDoorOptions(scenario, prepared.value, scenario.frontDoor, first),
        simBase: { ...SCENARIO_ACCOUNT, functionName: scenario.function.functionName },
        rank: 9,
      });
      checked = result.checked;
      if (result.failure) {
        failure = failureCase(result.failure.outcome, result.failure.detail);
        failRank = 9;
      }
    } else if (check.kind === 'warm-invocations') {
      const shown = planned.find((p) => p.name === 'shown');
      if (shown) {
        const series = await runCase(scenario, prepared.value, { ...shown, name: 'warm-series', calls: check.count }, deps, true);
        outer: for (const c of series) {
          checked++;
          for (const inner of check.then) {
            const detail = judgeInvocation(inner, c);
            if (detail !== null) {
              failure = failureCase(c, detail, seriesLabel(check, c.call ?? 0));
              failRank = 8 + (c.call ?? 0) / 1000;
              break outer;
            }
          }
        }
      }
    } else {
      const selector = selectorOf(check);
      for (const c of outcomes) {
        if (!selects(selector, c)) continue;
        checked++;
        const detail = check.kind === 'state' ? judgeState(check, c) : judgeInvocation(check, c);
        if (detail !== null) {
          failure = failureCase(c, detail);
          failRank = c.rank;
          break;
        }
      }
    }
    const result: CheckResult = { id, description, passed: failure === undefined && checked > 0, casesChecked: checked };
    if (failure) result.case = failure;
    else if (checked === 0) result.case = { name: 'none', frontDoor: scenario.frontDoor, request: null, response: { status: 0, body: '' }, decisiveLogLine: null, finding: null, detail: 'No case matched this check; the scenario definition is wrong.' };
    checks.push(result);
    if (failure && (smallest === undefined || failRank < smallest.rank)) smallest = { ...failure, checkId: id, rank: failRank };
  }
  const passed = checks.length > 0 && checks.every((c) => c.passed);
  const out: ScenarioResult = { id: scenario.id, passed, checks };
  if (smallest) {
    const { rank: _rank, ...rest } = smallest;
    void _rank;
    out.smallestFailure = rest;
  }
  return out;
}
