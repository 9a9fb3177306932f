/**
 * Scenario mode of the playground (`/playground/?scenario=<id>`), the parts without a DOM: reading the
 * scenario JSON the site publishes (`/onboarding/scenarios/<id>.json`) and its list, turning a scenario
 * into the playground's state, the storage keys of the learner's work, the line diff between the
 * learner's code and the solution, and short texts for a failing case. Parsers never throw.
 */
import { formatCount } from './format.ts';
import { diffLines } from 'diff';
import { createFrontDoorIds } from '../engine/integrations/events.ts';
import type { HttpRequestSpec } from '../engine/integrations/http-request.ts';
// From config-files.ts, not the scenarios index: the index brings the whole engine (sandbox, acorn, Pyodide
// bootstrap) into the page's main bundle, which only the engine worker needs.
import { invokeRequestFor, isInvokeAllowed, parseFunctionConfigFile, parseResourcePolicy, SCENARIO_ACCOUNT } from '../engine/scenarios/config-files.ts';
import type { ScenarioDefinition, ScenarioSubmission } from '../engine/scenarios/types.ts';
import type { FunctionConfig } from '../engine/types.ts';
import { ALL_RUNTIMES, isFrontDoor, type FrontDoor } from '../engine/vocabulary.ts';
import { createDefaultState, HANDLER_FILES, storageKey, type Parsed, type PlaygroundState } from './state.ts';
import { withBase } from '../utils/paths.ts';

/** A scenario as the playground shows it: what the engine runs plus the story around it. */
export interface PlaygroundScenario extends ScenarioDefinition {
  summary: string;
  /** Exactly three: a nudge, a pointer, nearly the answer. */
  hints: string[];
  /** Shown after solving. */
  explanation: string;
  sources: string[];
  /** Site path of the cause's guide, e.g. `/guides/malformed-response/`. */
  guide: string;
  /** Tree node id of the outcome, linked as `/tree/<id>/`. */
  treeOutcome: string;
  order: number;
}

/** One entry of `/onboarding/scenarios.json`. */
export interface ScenarioListEntry {
  id: string;
  title: string;
  order: number;
}

/** Scenario ids: lower-case words joined by hyphens (content/scenarios/README.md). */
const SCENARIO_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Longest scenario id accepted from the address bar, characters. */
export const MAX_SCENARIO_ID_CHARS = 80;

/** Is `value` a well-formed scenario id (not necessarily an existing one)? */
export function isScenarioId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_SCENARIO_ID_CHARS && SCENARIO_ID.test(value);
}

/** The scenario id in a page's query string (`?scenario=<id>`): null when absent, an error when malformed. */
export function parseScenarioParam(search: string): Parsed<string> | null {
  const raw = new URLSearchParams(search).get('scenario');
  if (raw === null || raw === '') return null;
  if (!isScenarioId(raw)) return { ok: false, error: `"${String(raw).slice(0, MAX_SCENARIO_ID_CHARS)}" is not a scenario id (lower-case words joined by hyphens).` };
  return { ok: true, value: raw };
}

/** Where the site publishes one scenario. */
export function scenarioUrl(id: string): string {
  return withBase(`/onboarding/scenarios/${encodeURIComponent(id)}.json`);
}

/** Where the site publishes the list. */
export const SCENARIO_LIST_URL = withBase('/onboarding/scenarios.json');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Check the JSON of `/onboarding/scenarios/<id>.json`. The site wrote it from a schema-validated
 * scenario, so this only guards against a stale cache or a wrong file: every field the page reads.
 */
export function parseScenarioJson(value: unknown): Parsed<PlaygroundScenario> {
  const bad = (what: string): Parsed<PlaygroundScenario> => ({ ok: false, error: `The scenario file is damaged: ${what}. Reload the page; if it persists, the site build is out of date.` });
  if (!isRecord(value)) return bad('it is not an object');
  for (const key of ['id', 'title', 'brief', 'handler', 'solution', 'explanation', 'guide', 'treeOutcome'] as const) {
    if (typeof value[key] !== 'string') return bad(`"${key}" is missing`);
  }
  if (!isScenarioId(value['id'])) return bad('"id" is not a scenario id');
  if (!isStringList(value['hints']) || value['hints'].length === 0) return bad('"hints" is not a list of texts');
  if (!Array.isArray(value['checks'])) return bad('"checks" is missing');
  if (typeof value['frontDoor'] !== 'string' || !isFrontDoor(value['frontDoor'])) return bad('"frontDoor" is unknown');
  if (!isRecord(value['function']) || !isRecord(value['variations'])) return bad('"function" or "variations" is missing');
  if (value['request'] === undefined && value['event'] === undefined) return bad('it has neither a request nor an event');
  const config = value['config'];
  if (config !== undefined && (!isRecord(config) || typeof config['name'] !== 'string' || typeof config['broken'] !== 'string' || typeof config['solution'] !== 'string')) {
    return bad('"config" is incomplete');
  }
  return {
    ok: true,
    value: {
      ...(value as unknown as PlaygroundScenario),
      summary: typeof value['summary'] === 'string' ? value['summary'] : '',
      sources: isStringList(value['sources']) ? value['sources'] : [],
      support: isRecord(value['support']) ? (value['support'] as Record<string, string>) : {},
      cases: Array.isArray(value['cases']) ? (value['cases'] as PlaygroundScenario['cases']) : [],
      frontDoorSettings: isRecord(value['frontDoorSettings']) ? (value['frontDoorSettings'] as PlaygroundScenario['frontDoorSettings']) : {},
      order: typeof value['order'] === 'number' ? value['order'] : 0,
    },
  };
}

/** Check the JSON of `/onboarding/scenarios.json`; entries come back in onboarding order. */
export function parseScenarioList(value: unknown): Parsed<ScenarioListEntry[]> {
  if (!isRecord(value) || !Array.isArray(value['scenarios'])) return { ok: false, error: 'The scenario list is damaged.' };
  const out: ScenarioListEntry[] = [];
  for (const s of value['scenarios']) {
    if (!isRecord(s) || !isScenarioId(s['id']) || typeof s['title'] !== 'string') continue;
    out.push({ id: s['id'], title: s['title'], order: typeof s['order'] === 'number' ? s['order'] : 0 });
  }
  return { ok: true, value: out.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title)) };
}

/** The scenario after `id` on the onboarding path, or null for the last one (or an id not in the list). */
export function nextScenario(list: readonly ScenarioListEntry[], id: string): ScenarioListEntry | null {
  const i = list.findIndex((s) => s.id === id);
  return i === -1 ? null : (list[i + 1] ?? null);
}

/** An execution-role policy that allows every call: what a scenario without `aws.policy` runs with (README: "omit for allow all"). */
export const ALLOW_ALL_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }]
}
`;

const pretty = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The playground state a scenario starts with: its broken handler, request (or event), front door,
 * function settings, AWS state, policy and faults. Load settings keep their defaults.
 */
export function scenarioState(scenario: PlaygroundScenario): PlaygroundState {
  const base = createDefaultState();
  const [file = 'index', exportName = 'handler'] = splitHandler(scenario.function.handler);
  const fileName = HANDLER_FILES.find((f) => f.startsWith(`${file}.`)) ?? 'index.mjs';
  const env = Object.entries(scenario.function.environment ?? {}).map(([k, v]) => `${k}=${v}\n`).join('');
  return {
    ...base,
    code: scenario.handler,
    fileName,
    handlerExport: exportName,
    request: scenario.request !== undefined ? pretty(scenario.request) : pretty(scenario.event ?? {}),
    requestMode: scenario.request !== undefined ? 'http' : 'event',
    frontDoor: scenario.frontDoor,
    runtime: (ALL_RUNTIMES as readonly string[]).includes(scenario.function.runtime) ? scenario.function.runtime : base.runtime,
    timeoutSeconds: scenario.function.timeoutSeconds ?? base.timeoutSeconds,
    memoryMB: scenario.function.memoryMB ?? base.memoryMB,
    environment: env,
    invocationType: 'RequestResponse',
    policy: scenario.aws?.policy !== undefined ? pretty(scenario.aws.policy) : ALLOW_ALL_POLICY,
    awsState: pretty(scenario.aws?.state ?? {}),
    faults: pretty(scenario.aws?.faults ?? { rules: [] }),
    reservedConcurrency: null,
  };
}

/** `index.handler` → ['index', 'handler']; `src/app.main` → ['src/app', 'main']. */
function splitHandler(handler: string): [string, string] {
  const dot = handler.lastIndexOf('.');
  return dot === -1 ? [handler, 'handler'] : [handler.slice(0, dot), handler.slice(dot + 1)];
}

/** localStorage keys of the learner's work on one scenario, besides the playground state itself. */
export function scenarioKeys(id: string): { state: string; config: string; hints: string; backup: string } {
  const base = storageKey(id);
  return { state: base, config: `${base}:config`, hints: `${base}:hints`, backup: `${base}:before-solution` };
}

/** What "Check my fix" submits: the code, plus the edited config file when the scenario has one. */
export function scenarioSubmission(scenario: PlaygroundScenario, code: string, configText: string | null): ScenarioSubmission {
  return scenario.config ? { handler: code, config: configText ?? scenario.config.broken } : { handler: code };
}

/** How the config file changes a playground Run (so Run shows what "Check my fix" judges). */
export interface ConfigEffect {
  /** Function settings from a `function-config` file. */
  config: Partial<FunctionConfig>;
  /** The execution-role policy text from a `role-policy` file (replaces the Policy tab). */
  policyText?: string;
  /** From a `resource-policy` file: may the front door invoke the function? */
  invokePermission?: boolean;
  /** Reserved concurrency 0 from a `function-config` file throttles every invocation. */
  throttled?: boolean;
  /**
   * The settings a `function-config` file sets, as written (reserved concurrency null = unreserved). The
   * playground shows them in its own fields, read-only, so the page has one source of truth.
   */
  fileSettings?: { timeoutSeconds?: number; memoryMB?: number; reservedConcurrency?: number | null };
}

/**
 * Read the scenario's config file the way the checks do (src/engine/scenarios/run.ts), for a Run in
 * the playground: function settings, the role policy, or whether the resource policy lets this front
 * door invoke the function. A file that does not parse comes back as the parser's sentence.
 */
export function configEffect(scenario: PlaygroundScenario, configText: string, frontDoor: FrontDoor, request: HttpRequestSpec | null): Parsed<ConfigEffect> {
  const config: Partial<FunctionConfig> = { functionName: scenario.function.functionName };
  const file = scenario.config;
  if (!file) return { ok: true, value: { config } };
  if (file.kind === 'role-policy') {
    try {
      JSON.parse(configText);
    } catch (error) {
      return { ok: false, error: `${file.name} is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
    }
    return { ok: true, value: { config, policyText: configText } };
  }
  if (file.kind === 'function-config') {
    const parsed = parseFunctionConfigFile(configText, file.name);
    if (!parsed.ok) return parsed;
    const o = parsed.value;
    return {
      ok: true,
      value: {
        config: { ...config, ...(o.timeoutSeconds !== undefined ? { timeoutSeconds: o.timeoutSeconds } : {}), ...(o.memoryMB !== undefined ? { memoryMB: o.memoryMB } : {}) },
        ...(o.reservedConcurrency === 0 ? { throttled: true } : {}),
        fileSettings: { ...o },
      },
    };
  }
  const policy = parseResourcePolicy(configText, file.name);
  if (!policy.ok) return policy;
  const fn = { ...SCENARIO_ACCOUNT, functionName: scenario.function.functionName };
  const invokePermission = isInvokeAllowed(policy.value, invokeRequestFor(frontDoor, createFrontDoorIds(fn), fn, request), frontDoor);
  return { ok: true, value: { config, invokePermission } };
}

/** One line of a line diff. */
export interface DiffRow {
  kind: 'same' | 'add' | 'remove';
  text: string;
  /** 1-based line in the learner's code (same and remove rows). */
  before?: number;
  /** 1-based line in the solution (same and add rows). */
  after?: number;
}

/** A unified line diff from `before` (the learner's code) to `after` (the solution). */
export function lineDiff(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let b = 1;
  let a = 1;
  for (const part of diffLines(before.replace(/\r\n/g, '\n'), after.replace(/\r\n/g, '\n'))) {
    const lines = part.value.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const text of lines) {
      if (part.added) rows.push({ kind: 'add', text, after: a++ });
      else if (part.removed) rows.push({ kind: 'remove', text, before: b++ });
      else rows.push({ kind: 'same', text, before: b++, after: a++ });
    }
  }
  return rows;
}

/** Counts of a diff, for its heading ("3 lines removed, 7 added"). */
export function diffStats(rows: readonly DiffRow[]): { added: number; removed: number } {
  return { added: rows.filter((r) => r.kind === 'add').length, removed: rows.filter((r) => r.kind === 'remove').length };
}

/** Shorten `text` to `max` characters, saying how long it was. */
export function excerpt(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${formatCount(text.length)} characters)`;
}

/** A failing case's request in one line: `GET /products/cup-01` or `POST /orders body {"a":1}` or the event. */
export function describeCaseRequest(request: unknown): { line: string; body: string | null } {
  if (isRecord(request) && typeof request['method'] === 'string' && typeof request['path'] === 'string') {
    const query = isRecord(request['query']) ? new URLSearchParams(Object.entries(request['query']).map(([k, v]) => [k, String(v)])).toString() : '';
    const body = typeof request['body'] === 'string' ? request['body'] : null;
    return { line: `${request['method']} ${request['path']}${query ? `?${query}` : ''}`, body: body === null || body === '' ? null : excerpt(body) };
  }
  if (request === null || request === undefined) return { line: '(no request)', body: null };
  const text = typeof request === 'string' ? request : (JSON.stringify(request) ?? String(request));
  return { line: 'Event', body: excerpt(text) };
}
