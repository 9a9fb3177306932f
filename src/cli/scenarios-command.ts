/**
 * `lambda-triage scenarios [--json]` lists the scenarios; `lambda-triage scenario <id> [--solution |
 * --handler FILE] [--config FILE] [--json]` runs a scenario's checks on the broken handler, the solution
 * or your own file. Also the Node loader of `content/scenarios/` used by the tests.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { loadQuickJS } from './quickjs.ts';
import { runScenarioChecks, type ScenarioResult, type ScenarioWorldFactory } from '../engine/scenarios/index.ts';
import type { Executor } from '../engine/executor/types.ts';
import { isPythonRuntime } from '../engine/lambda/runtime-ids.ts';
import { parseScenario, type Scenario } from '../schemas/scenario.ts';

/** Output streams of a command. */
export interface ScenarioIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** The repository's scenario folder. */
export const SCENARIOS_DIR = fileURLToPath(new URL('../../content/scenarios/', import.meta.url));

/** Usage of the two commands. */
export const SCENARIOS_USAGE = `Usage:
  lambda-triage scenarios [--json]
      List the scenarios: id, cause and title.
  lambda-triage scenario <id> [--solution | --handler FILE] [--config FILE] [--json]
      Run the scenario's checks on its broken handler (default), on its solution, or on your handler
      file. --config FILE replaces the scenario's configuration file (e.g. resource-policy.json).

Exit codes: 0 every check passed, 1 a check failed, 2 bad usage or an unreadable file.`;

async function readFolder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name !== 'scenario.yaml') out[relative(dir, full).split(sep).join('/')] = await readFile(full, 'utf8');
    }
  }
  await walk(dir);
  return out;
}

/** Result of {@link loadScenarios}. */
export type LoadScenariosResult = { ok: true; value: Scenario[] } | { ok: false; error: string };

/** Read and validate every `content/scenarios/<id>/` folder, sorted by id. */
export async function loadScenarios(dir: string = SCENARIOS_DIR): Promise<LoadScenariosResult> {
  const scenarios: Scenario[] = [];
  const errors: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const folder = join(dir, entry.name);
    let data: unknown;
    try {
      data = parseYaml(await readFile(join(folder, 'scenario.yaml'), 'utf8'));
    } catch (error) {
      errors.push(`content/scenarios/${entry.name}/scenario.yaml: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const parsed = parseScenario(entry.name, data, await readFolder(folder));
    if (parsed.ok) scenarios.push(parsed.value);
    else errors.push(parsed.error);
  }
  return errors.length > 0 ? { ok: false, error: errors.join('\n') } : { ok: true, value: scenarios };
}

/**
 * The simulated AWS world factory, when the engine has one (src/engine/aws/). Loaded lazily so the
 * scenarios that need only Lambda and the front doors keep working while it is absent.
 */
export async function loadWorldFactory(): Promise<ScenarioWorldFactory | undefined> {
  try {
    const mod = (await import('../engine/aws/index.ts')) as { createAwsWorld?: ScenarioWorldFactory };
    return mod.createAwsWorld;
  } catch {
    return undefined;
  }
}

/**
 * The Python executor a scenario needs, as scenario dependencies: `{ pythonExecutor }` for a `python*` runtime
 * (Pyodide from the installed `pyodide` package, loaded only now), `{}` for Node.js scenarios.
 */
export async function scenarioPythonExecutor(scenario: Pick<Scenario, 'function'>): Promise<{ pythonExecutor?: Executor }> {
  if (!isPythonRuntime(scenario.function.runtime)) return {};
  const { createCliPythonExecutor } = await import('./python-project.ts');
  return { pythonExecutor: await createCliPythonExecutor() };
}

async function readUserFile(what: string, path: string): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, error: `${what} ${path} is not a file.` };
    if (info.size > 7_000_000) return { ok: false, error: `${what} ${path} is larger than 7 MB.` };
    return { ok: true, value: await readFile(path, 'utf8') };
  } catch (error) {
    return { ok: false, error: `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}.` };
  }
}

function formatResult(result: ScenarioResult, label: string): string[] {
  const lines = [`${result.passed ? 'PASSED' : 'FAILED'}  ${result.id} (${label})`];
  if (result.submissionError) lines.push(`  ${result.submissionError}`);
  for (const check of result.checks) {
    lines.push(`  ${check.passed ? '✓' : '✗'} ${check.description}`);
    if (!check.passed && check.case) {
      const c = check.case;
      lines.push(`      case: ${c.name} via ${c.frontDoor}`);
      lines.push(`      ${c.detail}`);
      if (c.request !== null) lines.push(`      request: ${JSON.stringify(c.request).slice(0, 300)}`);
      lines.push(`      caller received: ${c.response.status} ${JSON.stringify(c.response.body.slice(0, 200))}`);
      if (c.finding) lines.push(`      diagnosis: ${c.finding.slice(0, 300)}`);
      if (c.decisiveLogLine) lines.push(`      log: ${c.decisiveLogLine.replace(/\t/g, '  ').slice(0, 400)}`);
    }
  }
  if (result.smallestFailure) lines.push(`Smallest failing case: ${result.smallestFailure.name} (${result.smallestFailure.checkId}).`);
  return lines;
}

/** Run `scenarios` or `scenario`; `argv` starts with the command name. Returns the exit code. */
export async function runScenariosCommand(argv: string[], io: ScenarioIo): Promise<number> {
  const [command, ...rest] = argv;
  let values: { json?: boolean; solution?: boolean; handler?: string; config?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, solution: { type: 'boolean' }, handler: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    const { describeParseArgsError } = await import('./args.ts');
    io.err(`lambda-triage: ${describeParseArgsError(error, command ?? 'scenarios')}`);
    return 2;
  }
  if (values.help) {
    io.out(SCENARIOS_USAGE);
    return 0;
  }
  const loaded = await loadScenarios();
  if (!loaded.ok) {
    io.err(`lambda-triage: the scenario files are invalid:\n${loaded.error}`);
    return 2;
  }
  const scenarios = loaded.value;
  if (command === 'scenarios') {
    if (positionals.length > 0 || values.solution || values.handler || values.config) {
      io.err(`lambda-triage scenarios takes only --json.\n\n${SCENARIOS_USAGE}`);
      return 2;
    }
    if (values.json) io.out(JSON.stringify({ scenarios: scenarios.map((s) => ({ id: s.id, cause: s.cause, title: s.title, frontDoor: s.frontDoor, runtime: s.function.runtime })) }, null, 2));
    else {
      const width = Math.max(...scenarios.map((s) => s.id.length), 2);
      const causeWidth = Math.max(...scenarios.map((s) => s.cause.length), 5);
      const runtimeWidth = Math.max(...scenarios.map((s) => s.function.runtime.length), 7);
      io.out(`${'ID'.padEnd(width)}  ${'CAUSE'.padEnd(causeWidth)}  ${'RUNTIME'.padEnd(runtimeWidth)}  TITLE`);
      for (const s of scenarios) io.out(`${s.id.padEnd(width)}  ${s.cause.padEnd(causeWidth)}  ${s.function.runtime.padEnd(runtimeWidth)}  ${s.title}`);
    }
    return 0;
  }
  // command === 'scenario'
  if (positionals.length !== 1) {
    io.err(`lambda-triage scenario needs one scenario id (see \`lambda-triage scenarios\`).\n\n${SCENARIOS_USAGE}`);
    return 2;
  }
  if (values.solution && values.handler) {
    io.err('lambda-triage scenario: use --solution or --handler FILE, not both.');
    return 2;
  }
  const id = positionals[0] ?? '';
  const scenario = scenarios.find((s) => s.id === id);
  if (!scenario) {
    io.err(`lambda-triage scenario: no scenario "${id}". Known ids: ${scenarios.map((s) => s.id).join(', ')}.`);
    return 2;
  }
  let handler = values.solution ? scenario.solution : scenario.handler;
  let label = values.solution ? 'solution' : 'broken handler';
  if (values.handler) {
    // The learner's file replaces the handler module: a Python scenario needs Python, a Node.js one JavaScript.
    const python = isPythonRuntime(scenario.function.runtime);
    if (python !== /\.py$/i.test(values.handler)) {
      io.err(
        python
          ? `lambda-triage scenario: ${id} runs ${scenario.function.runtime}: give a Python file (--handler my-fix.py), not ${values.handler}.`
          : `lambda-triage scenario: ${id} runs ${scenario.function.runtime}: give a JavaScript file (--handler my-fix.mjs), not ${values.handler}.`,
      );
      return 2;
    }
    const file = await readUserFile('handler file', values.handler);
    if (!file.ok) {
      io.err(`lambda-triage scenario: ${file.error}`);
      return 2;
    }
    handler = file.value;
    label = values.handler;
  }
  let config = values.solution ? scenario.config?.solution : scenario.config?.broken;
  if (values.config) {
    if (!scenario.config) {
      io.err(`lambda-triage scenario: ${id} has no configuration file; --config does not apply.`);
      return 2;
    }
    const file = await readUserFile('config file', values.config);
    if (!file.ok) {
      io.err(`lambda-triage scenario: ${file.error}`);
      return 2;
    }
    config = file.value;
  }
  const quickjs = await loadQuickJS();
  const createWorld = scenario.aws ? await loadWorldFactory() : undefined;
  if (scenario.aws && !createWorld) {
    io.err(`lambda-triage scenario: ${id} needs the simulated AWS world (src/engine/aws/), which this build does not have.`);
    return 2;
  }
  // A Python scenario loads Pyodide (only then); a Node.js one never does. A simulator limit met while the checks
  // run (SimulatorLimitError) comes back as the result's submissionError: one line, no stack trace.
  const python = await scenarioPythonExecutor(scenario);
  const result = await runScenarioChecks(scenario, config === undefined ? handler : { handler, config }, { quickjs, ...(createWorld ? { createWorld } : {}), ...python });
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else for (const line of formatResult(result, label)) io.out(line);
  return result.passed ? 0 : 1;
}
