/**
 * The playground's whole state (code, request, configuration, policy, AWS state, faults, load), and
 * the parsers for every untrusted form of it: localStorage, share links (URL hash), the environment
 * variables box and the request box. Parsers never throw; errors are sentences for the page.
 */
import { parseHttpRequestSpec } from '../engine/integrations/http-request.ts';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, MAX_MEMORY_MB, MAX_TIMEOUT_SECONDS, MIN_MEMORY_MB, MIN_TIMEOUT_SECONDS } from '../engine/lambda/limits.ts';
import { ALL_RUNTIMES, isFrontDoor, PYTHON_RUNTIMES, type FrontDoor, type RuntimeId } from '../engine/vocabulary.ts';
import { APPLICATION_LOG_LEVELS } from '../engine/lambda/function-config.ts';
import type { ApplicationLogLevel } from '../engine/types.ts';
import type { FunctionInput, RequestInput } from '../worker/protocol.ts';
import { PYTHON_STARTER_CODE, STARTER_AWS_STATE, STARTER_CODE, STARTER_FAULTS, STARTER_POLICY, STARTER_REQUEST } from './samples.ts';

/** Result of every `parse*` here. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Handler file names the playground offers (the runtime decides ESM vs CommonJS from these, see
 * SIMULATION.md). The TypeScript names are sent to the engine as the user named them; the engine
 * strips the types.
 */
export const HANDLER_FILES = ['index.mjs', 'index.js', 'index.cjs', 'index.ts', 'index.mts', 'index.cts', 'lambda_function.py'] as const;
/** One handler file name. */
export type HandlerFile = (typeof HANDLER_FILES)[number];

/** The editor language of the handler: JavaScript or TypeScript. */
export type CodeLanguage = 'javascript' | 'typescript';

/**
 * The Python handler file and function: the Lambda console's defaults for Python
 * (https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html).
 */
export const PYTHON_HANDLER_FILE = 'lambda_function.py';
/** The Python handler function's default name. */
export const PYTHON_HANDLER_FUNCTION = 'lambda_handler';
/** The Python runtime a switch to Python picks when the state has none yet. */
export const DEFAULT_PYTHON_RUNTIME: RuntimeId = 'python3.13';
/** The Node.js runtime a switch back picks when the state has none yet. */
export const DEFAULT_NODE_RUNTIME: RuntimeId = 'nodejs22.x';

/** Is this runtime a Python one (`python3.12`, `python3.13`, `python3.14`)? */
export function isPythonRuntimeId(runtime: string): boolean {
  return (PYTHON_RUNTIMES as readonly string[]).includes(runtime);
}

/** Is this a Python file (by its extension)? */
export function isPythonFile(name: string): boolean {
  return name.endsWith('.py');
}

/** Is this file TypeScript (by its extension)? */
export function isTypeScriptFile(name: string): boolean {
  return /\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts');
}

/** The handler file with the same module kind in the other language (index.mjs ⇄ index.mts, index.js ⇄ index.ts, …). */
export function handlerFileFor(file: HandlerFile, language: CodeLanguage): HandlerFile {
  const pairs: Record<string, HandlerFile> = { 'index.mjs': 'index.mts', 'index.js': 'index.ts', 'index.cjs': 'index.cts' };
  if (language === 'typescript') return isTypeScriptFile(file) ? file : (pairs[file] ?? 'index.ts');
  if (!isTypeScriptFile(file)) return file;
  return (Object.keys(pairs) as HandlerFile[]).find((k) => pairs[k] === file) ?? 'index.mjs';
}

/** One more file of the function besides the handler (a module it imports, a package.json, a JSON file). */
export interface ExtraFile {
  name: string;
  text: string;
}

/** Most extra files a playground function may have. */
export const MAX_EXTRA_FILES = 20;
/** Longest file name (path inside the function), characters. */
export const MAX_FILE_NAME_CHARS = 100;
const FILE_NAME_RE = /^(?:[A-Za-z0-9_@-][A-Za-z0-9_.@-]*\/)*[A-Za-z0-9_@-][A-Za-z0-9_.@-]*\.(?:mjs|cjs|js|ts|mts|cts|json|py)$/;

/**
 * Check a new name for an extra file: a relative path of plain segments ending in .js, .mjs, .cjs,
 * .ts, .mts, .cts or .json, not the handler's own file and not a name already taken.
 */
export function parseFileName(raw: string, taken: readonly string[]): Parsed<string> {
  const name = String(raw).trim().replace(/^\.\//, '');
  if (name === '') return { ok: false, error: 'Give the file a name, such as lib.mjs.' };
  if (name.length > MAX_FILE_NAME_CHARS) return { ok: false, error: `File names are at most ${MAX_FILE_NAME_CHARS} characters.` };
  if (name.split('/').some((seg) => seg === '..' || seg === '.')) return { ok: false, error: 'A file name cannot go up a folder (..): files live inside the function.' };
  if (!FILE_NAME_RE.test(name)) {
    return { ok: false, error: `"${name.slice(0, 40)}" is not a file name the playground accepts: use letters, digits, - _ . and /, ending in .js, .mjs, .cjs, .ts, .mts, .cts, .json or .py.` };
  }
  if (taken.includes(name)) return { ok: false, error: `There is already a file called ${name}.` };
  return { ok: true, value: name };
}

/** Invocation types of the Invoke API (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html: RequestResponse answers 200, Event answers 202). */
export const INVOCATION_TYPES = ['RequestResponse', 'Event'] as const;
/** Log formats and application log levels the Config tab offers ('' = no filtering). */
export const LOG_FORMATS = ['Text', 'JSON'] as const;
export const LOG_LEVEL_CHOICES = ['', ...APPLICATION_LOG_LEVELS] as const;
/** One invocation type. */
export type InvocationType = (typeof INVOCATION_TYPES)[number];

/**
 * The handler of the other language, kept while the playground shows this one: switching the runtime between
 * Node.js and Python swaps it back, so nothing typed is lost.
 */
export interface StashedCode {
  code: string;
  fileName: HandlerFile;
  handlerExport: string;
  extraFiles: ExtraFile[];
  runtime: RuntimeId;
}

/** Everything a user can edit. Editor texts are kept as typed, even when they do not parse. */
export interface PlaygroundState {
  /** Text of the handler file. */
  code: string;
  fileName: HandlerFile;
  /** The function's other files (format 2; format-1 links have none). */
  extraFiles: ExtraFile[];
  /** Exported handler name (Python: the function): the handler string is `<file without extension>.<handlerExport>`. */
  handlerExport: string;
  /** The other language's handler, files and runtime (null until the user switches language once). */
  stashed: StashedCode | null;
  /** JSON text: an HTTP request (`requestMode` http) or the raw event (`event`). */
  request: string;
  requestMode: 'http' | 'event';
  frontDoor: FrontDoor;
  runtime: RuntimeId;
  timeoutSeconds: number;
  memoryMB: number;
  /** `KEY=value` lines. */
  environment: string;
  invocationType: InvocationType;
  logFormat: (typeof LOG_FORMATS)[number];
  /** Application log level (JSON format only), or '' for no filtering. */
  applicationLogLevel: ApplicationLogLevel | '';
  /** JSON text of the execution-role policy. */
  policy: string;
  /** JSON text of the seeded AWS state. */
  awsState: string;
  /** JSON text of the downstream faults. */
  faults: string;
  /** Scenario mode: the text of the scenario's config file (resource policy, function config, role policy); '' otherwise. */
  scenarioConfig: string;
  /** Reserved concurrency, or null for unreserved. */
  reservedConcurrency: number | null;
  loadRequests: number;
  /** `rate`: requests arrive at a rate (open model); `clients`: a number of callers in a loop (closed model). */
  loadModel: 'rate' | 'clients';
  loadRatePerSecond: number;
  loadClients: number;
}

/** Version written into share links and storage; older versions stay readable. */
export const STATE_VERSION = 2;
/** Scenario id used when the page has no scenario. */
export const DEFAULT_SCENARIO_ID = 'scratch';
/** Largest share-link payload accepted (characters of the hash), so a hostile link cannot exhaust memory. */
export const MAX_SHARE_HASH_CHARS = 200_000;
/** Largest decompressed state accepted, bytes. */
export const MAX_STATE_BYTES = 1_000_000;
/** Largest load run the page offers (each request runs the handler in the browser). */
export const MAX_LOAD_REQUESTS = 2_000;

/** The state a fresh scratch pad starts with. */
export function createDefaultState(): PlaygroundState {
  return {
    code: STARTER_CODE,
    fileName: 'index.mjs',
    extraFiles: [],
    handlerExport: 'handler',
    stashed: null,
    request: STARTER_REQUEST,
    requestMode: 'http',
    frontDoor: 'apigw-rest',
    runtime: 'nodejs22.x',
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    memoryMB: DEFAULT_MEMORY_MB,
    environment: 'TABLE_NAME=orders\n',
    invocationType: 'RequestResponse',
    logFormat: 'Text',
    applicationLogLevel: '',
    policy: STARTER_POLICY,
    awsState: STARTER_AWS_STATE,
    faults: STARTER_FAULTS,
    scenarioConfig: '',
    reservedConcurrency: null,
    loadRequests: 200,
    loadModel: 'rate',
    loadRatePerSecond: 50,
    loadClients: 10,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick<T>(raw: Record<string, unknown>, key: string, ok: (v: unknown) => v is T, fallback: T, dropped: string[]): T {
  if (!(key in raw)) return fallback;
  const v = raw[key];
  if (ok(v)) return v;
  dropped.push(key);
  return fallback;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_STATE_BYTES;
const intIn = (min: number, max: number) => (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const oneOf = <T extends string>(list: readonly T[]) => (v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
const isExportName = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(v) && v.length <= 100;

function pickExtraFiles(raw: Record<string, unknown>, handlerFile: string, dropped: string[]): ExtraFile[] {
  if (!('extraFiles' in raw)) return [];
  const list = raw['extraFiles'];
  if (!Array.isArray(list)) {
    dropped.push('extraFiles');
    return [];
  }
  const out: ExtraFile[] = [];
  let bytes = 0;
  for (const item of list.slice(0, MAX_EXTRA_FILES)) {
    if (!isRecord(item) || typeof item['text'] !== 'string' || typeof item['name'] !== 'string') continue;
    const name = parseFileName(item['name'], [handlerFile, ...out.map((f) => f.name)]);
    bytes += item['text'].length;
    if (!name.ok || bytes > MAX_STATE_BYTES) continue;
    out.push({ name: name.value, text: item['text'] });
  }
  if (out.length !== list.length) dropped.push('extraFiles');
  return out;
}

function pickStashed(raw: Record<string, unknown>, state: PlaygroundState, dropped: string[]): StashedCode | null {
  if (!('stashed' in raw) || raw['stashed'] === null) return null;
  const s = raw['stashed'];
  const runtime = isRecord(s) ? s['runtime'] : undefined;
  const fileName = isRecord(s) ? s['fileName'] : undefined;
  const ok =
    isRecord(s) &&
    isString(s['code']) &&
    oneOf(HANDLER_FILES)(fileName) &&
    isExportName(s['handlerExport']) &&
    oneOf(ALL_RUNTIMES)(runtime) &&
    // The stash holds the other language, with a file of its own language.
    isPythonRuntimeId(runtime) !== isPythonRuntimeId(state.runtime) &&
    isPythonRuntimeId(runtime) === isPythonFile(fileName);
  if (!ok) {
    dropped.push('stashed');
    return null;
  }
  const notes: string[] = [];
  const extraFiles = pickExtraFiles(s, fileName, notes);
  if (notes.length) dropped.push('stashed');
  return { code: s['code'] as string, fileName, handlerExport: s['handlerExport'] as string, extraFiles, runtime };
}

/**
 * The state with `runtime` chosen. Within one language only the runtime changes; across languages (Node.js ⇄
 * Python) the handler, its files and runtime trade places with the stashed ones, or the language's starting code
 * when nothing is stashed yet, so switching back restores exactly what was there.
 */
export function switchRuntime(state: PlaygroundState, runtime: RuntimeId): PlaygroundState {
  const toPython = isPythonRuntimeId(runtime);
  if (toPython === isPythonRuntimeId(state.runtime)) return { ...state, runtime };
  const current: StashedCode = { code: state.code, fileName: state.fileName, handlerExport: state.handlerExport, extraFiles: state.extraFiles, runtime: state.runtime };
  const restored: StashedCode =
    state.stashed ??
    (toPython
      ? { code: PYTHON_STARTER_CODE, fileName: PYTHON_HANDLER_FILE, handlerExport: PYTHON_HANDLER_FUNCTION, extraFiles: [], runtime }
      : { code: STARTER_CODE, fileName: 'index.mjs', handlerExport: 'handler', extraFiles: [], runtime });
  return { ...state, code: restored.code, fileName: restored.fileName, handlerExport: restored.handlerExport, extraFiles: restored.extraFiles, runtime, stashed: current };
}

/** The runtime a language switch lands on: the stashed one when it is of that language, else the default. */
export function runtimeForLanguage(state: PlaygroundState, python: boolean): RuntimeId {
  if (isPythonRuntimeId(state.runtime) === python) return state.runtime;
  if (state.stashed && isPythonRuntimeId(state.stashed.runtime) === python) return state.stashed.runtime;
  return python ? DEFAULT_PYTHON_RUNTIME : DEFAULT_NODE_RUNTIME;
}

/** A parsed state plus the fields that were unreadable and replaced by defaults. */
export interface StateWithNotes {
  state: PlaygroundState;
  /** Field names that were present but invalid (replaced by their default). */
  dropped: string[];
}

/**
 * Parse a state object from storage or a share link (any version ≤ {@link STATE_VERSION}). Missing
 * fields take their defaults; invalid ones are reported in `dropped` and replaced, so a partly
 * damaged state still restores everything that is readable.
 */
export function parsePlaygroundState(input: unknown): Parsed<StateWithNotes> {
  try {
    if (!isRecord(input)) return { ok: false, error: 'The saved playground is not an object.' };
    const version = input['v'];
    if (version !== undefined && !(typeof version === 'number' && Number.isInteger(version) && version >= 1)) {
      return { ok: false, error: 'The saved playground has an unreadable version number.' };
    }
    if (typeof version === 'number' && version > STATE_VERSION) {
      return { ok: false, error: `This link was made by a newer version of the playground (format ${version}); this page reads up to format ${STATE_VERSION}.` };
    }
    const d = createDefaultState();
    const dropped: string[] = [];
    const state: PlaygroundState = {
      code: pick(input, 'code', isString, d.code, dropped),
      fileName: pick(input, 'fileName', oneOf(HANDLER_FILES), d.fileName, dropped),
      extraFiles: [],
      handlerExport: pick(input, 'handlerExport', isExportName, d.handlerExport, dropped),
      stashed: null,
      request: pick(input, 'request', isString, d.request, dropped),
      requestMode: pick(input, 'requestMode', oneOf(['http', 'event'] as const), d.requestMode, dropped),
      frontDoor: pick(input, 'frontDoor', isFrontDoor, d.frontDoor, dropped),
      runtime: pick(input, 'runtime', oneOf(ALL_RUNTIMES), d.runtime, dropped),
      timeoutSeconds: pick(input, 'timeoutSeconds', intIn(MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS), d.timeoutSeconds, dropped),
      memoryMB: pick(input, 'memoryMB', intIn(MIN_MEMORY_MB, MAX_MEMORY_MB), d.memoryMB, dropped),
      environment: pick(input, 'environment', isString, d.environment, dropped),
      invocationType: pick(input, 'invocationType', oneOf(INVOCATION_TYPES), d.invocationType, dropped),
      logFormat: pick(input, 'logFormat', oneOf(LOG_FORMATS), d.logFormat, dropped),
      applicationLogLevel: pick(input, 'applicationLogLevel', oneOf(LOG_LEVEL_CHOICES), d.applicationLogLevel, dropped),
      policy: pick(input, 'policy', isString, d.policy, dropped),
      awsState: pick(input, 'awsState', isString, d.awsState, dropped),
      faults: pick(input, 'faults', isString, d.faults, dropped),
      scenarioConfig: pick(input, 'scenarioConfig', isString, d.scenarioConfig, dropped),
      reservedConcurrency: pick(input, 'reservedConcurrency', (v: unknown): v is number | null => v === null || intIn(0, 10_000)(v), d.reservedConcurrency, dropped),
      loadRequests: pick(input, 'loadRequests', intIn(1, MAX_LOAD_REQUESTS), d.loadRequests, dropped),
      loadModel: pick(input, 'loadModel', oneOf(['rate', 'clients'] as const), d.loadModel, dropped),
      loadRatePerSecond: pick(input, 'loadRatePerSecond', intIn(1, 10_000), d.loadRatePerSecond, dropped),
      loadClients: pick(input, 'loadClients', intIn(1, 1_000), d.loadClients, dropped),
    };
    // A handler file of the other language than the runtime (a hand-made link): the runtime decides.
    if (isPythonRuntimeId(state.runtime) !== isPythonFile(state.fileName)) {
      dropped.push('fileName');
      state.fileName = isPythonRuntimeId(state.runtime) ? PYTHON_HANDLER_FILE : 'index.mjs';
    }
    state.extraFiles = pickExtraFiles(input, state.fileName, dropped);
    state.stashed = pickStashed(input, state, dropped);
    return { ok: true, value: { state, dropped } };
  } catch {
    // Why: getters or proxies in hostile input can throw while being read.
    return { ok: false, error: 'The saved playground could not be read.' };
  }
}

/** The object written to storage and share links (the state plus its format version). */
export function serialiseState(state: PlaygroundState): string {
  return JSON.stringify({ v: STATE_VERSION, ...state });
}

/** localStorage key of a scenario's autosave. */
export function storageKey(scenarioId: string): string {
  return `lambda-triage:playground:${scenarioId}`;
}

/** Parse an autosave read from localStorage (null when nothing was saved). */
export function parseStoredState(text: string | null): Parsed<StateWithNotes> | null {
  if (text === null) return null;
  if (text.length > MAX_STATE_BYTES * 2) return { ok: false, error: 'The autosave is too large to restore.' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The autosave is not valid JSON (it may have been cut short).' };
  }
  return parsePlaygroundState(raw);
}

// ── Share links ──────────────────────────────────────────────────────────────────────────────

/** Prefix of share hashes: `#s=<version>.<base64url deflate-raw JSON>`. */
export const SHARE_PREFIX = 's=';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(b64);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | null> {
  const writer = stream.writable.getWriter();
  // Why: write errors surface on the reader too; swallowing them here avoids an unhandled rejection.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Encode the whole state as a URL hash (without `#`): versioned, deflate-raw compressed, base64url. */
export async function encodeShareHash(state: PlaygroundState): Promise<string> {
  const json = new TextEncoder().encode(serialiseState(state));
  const compressed = await pipe(json, new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY);
  return `${SHARE_PREFIX}${STATE_VERSION}.${toBase64Url(compressed ?? new Uint8Array())}`;
}

/** Does this hash look like a share link at all (so the page knows whether to try)? */
export function isShareHash(hash: string): boolean {
  return hash.replace(/^#/, '').startsWith(SHARE_PREFIX);
}

/** Parse a share hash (with or without `#`). Never throws; an unreadable link explains itself. */
export async function parseShareHash(hash: string): Promise<Parsed<StateWithNotes>> {
  const broken = (why: string): Parsed<StateWithNotes> => ({ ok: false, error: `This share link could not be opened: ${why} Your autosaved work is unchanged.` });
  try {
    const text = hash.replace(/^#/, '');
    if (!text.startsWith(SHARE_PREFIX)) return broken('it is not a playground link.');
    if (text.length > MAX_SHARE_HASH_CHARS) return broken('it is too long.');
    const body = text.slice(SHARE_PREFIX.length);
    const dot = body.indexOf('.');
    const versionText = dot === -1 ? '' : body.slice(0, dot);
    if (!/^[1-9]\d{0,3}$/.test(versionText)) return broken('its format version is missing.');
    const version = Number(versionText);
    if (version > STATE_VERSION) return broken(`it was made by a newer version of the playground (format ${version}).`);
    const bytes = fromBase64Url(body.slice(dot + 1));
    if (!bytes || bytes.length === 0) return broken('it was cut short or changed (the data is not base64url).');
    const json = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_STATE_BYTES).catch(() => null);
    if (!json) return broken('it was cut short or changed (the data does not decompress).');
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
    } catch {
      return broken('its contents are not valid JSON.');
    }
    const parsed = parsePlaygroundState(raw);
    return parsed.ok ? parsed : broken(parsed.error);
  } catch {
    return broken('it is damaged.');
  }
}

// ── Inputs for a run ───────────────────────────────────────────────────────────────────────────

const ENV_NAME_RE = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Lambda: environment variables total at most 4 KB. Source: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const MAX_ENVIRONMENT_BYTES = 4_096;

/** Parse `KEY=value` lines (blank lines and `#` comments ignored) into environment variables. */
export function parseEnvironment(text: string): Parsed<Record<string, string>> {
  const out: Record<string, string> = {};
  const lines = String(text).split(/\r?\n/);
  let bytes = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, error: `Environment line ${i + 1}: write KEY=value (got "${line.slice(0, 40)}").` };
    const name = line.slice(0, eq).trim();
    if (!ENV_NAME_RE.test(name)) {
      return { ok: false, error: `Environment line ${i + 1}: "${name.slice(0, 40)}" is not a valid name; start with a letter and use letters, digits and _.` };
    }
    const value = line.slice(eq + 1);
    out[name] = value;
    bytes += new TextEncoder().encode(name + value).length;
  }
  if (bytes > MAX_ENVIRONMENT_BYTES) return { ok: false, error: `Environment variables total ${bytes} bytes; Lambda allows 4 KB (4,096 bytes).` };
  return { ok: true, value: out };
}

/** Parse a JSON text box, naming the box and the position of a syntax error. */
export function parseJsonText(text: string, what: string): Parsed<unknown> {
  const source = String(text);
  if (source.trim() === '') return { ok: false, error: `${what} is empty; write JSON such as {}.` };
  try {
    return { ok: true, value: JSON.parse(source) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'invalid JSON';
    return { ok: false, error: `${what} is not valid JSON: ${detail}.` };
  }
}

/** Parse the request box into what the worker sends, according to the request mode. */
export function parseRequestInput(text: string, mode: 'http' | 'event'): Parsed<RequestInput> {
  const json = parseJsonText(text, mode === 'http' ? 'The request' : 'The event');
  if (!json.ok) return json;
  if (mode === 'event') return { ok: true, value: { kind: 'event', event: json.value } };
  const spec = parseHttpRequestSpec(json.value);
  if (!spec.ok) return { ok: false, error: `The request: ${spec.error}` };
  return { ok: true, value: { kind: 'http', request: spec.value } };
}

/** The function (files and configuration) described by a state. */
export function parseFunctionInput(state: PlaygroundState): Parsed<FunctionInput> {
  const env = parseEnvironment(state.environment);
  if (!env.ok) return env;
  const base = state.fileName.replace(/\.(mjs|cjs|js|mts|cts|ts|py)$/, '');
  const files: Record<string, string> = {};
  for (const f of state.extraFiles) files[f.name] = f.text;
  // Why last: the handler file wins over an extra file of the same name (the parser never lets one through).
  files[state.fileName] = state.code;
  return {
    ok: true,
    value: {
      files,
      config: {
        handler: `${base}.${state.handlerExport}`,
        runtime: state.runtime,
        timeoutSeconds: state.timeoutSeconds,
        memoryMB: state.memoryMB,
        environment: env.value,
        logFormat: state.logFormat,
        // Lambda filters only JSON logs; with Text the level is kept in the state but not applied.
        ...(state.logFormat === 'JSON' && state.applicationLogLevel !== '' ? { applicationLogLevel: state.applicationLogLevel } : {}),
      },
    },
  };
}
