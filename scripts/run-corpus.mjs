#!/usr/bin/env node
/**
 * Runs the real-handler corpus (`tests/corpus/cases/<id>/`) through the real `lambda-triage` CLI and compares
 * each result with what AWS does (`expected` in the case's `case.json`).
 *
 *   npm run corpus                      # every case, sandbox runner, a table and the pass rate
 *   npm run corpus -- --runner node     # passed through to `lambda-triage invoke --runner node`
 *   npm run corpus -- --case sam-hello-rest --verbose   # one case, with the CLI's command line and output
 *   npm run corpus -- --json            # one JSON document instead of the table
 *
 * Exit code: 0 when every case that is not a known gap matches, 1 otherwise, 2 for a bad option.
 * `tests/corpus/corpus.test.ts` imports the functions below, so the test and this script judge alike.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, isDeepStrictEqual } from 'node:util';

/** The repository root (this file lives in `scripts/`). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the cases live: one folder per case, with `case.json` and the handler's files under `code/`. */
export const CASES_DIR = join(ROOT, 'tests', 'corpus', 'cases');
/** Cases that fail in the sandbox today, each with the reason (`[{ "id", "reason" }]`). */
export const KNOWN_GAPS_FILE = join(ROOT, 'tests', 'corpus', 'known-gaps.json');
/** Node 22 from the project's devDependency `node` (the system `node` may be older). */
const NODE = join(ROOT, 'node_modules', '.bin', 'node');
const CLI = join(ROOT, 'bin', 'lambda-triage.mjs');
/** Wall-time cap for one CLI run; a case that needs longer is reported as `cli-error`. */
export const CASE_WALL_LIMIT_MS = 60_000;

const OUTCOMES = ['success', 'function-error', 'timeout', 'out-of-memory', 'init-error', 'throttled', 'invalid-request'];
const FRONT_DOORS = ['invoke', 'apigw-rest', 'http-api-v1', 'http-api-v2', 'function-url', 'alb'];
const HANDLER_FILE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/**
 * Check one parsed `case.json` and return a list of problems (empty when the manifest is complete).
 * @param {any} c
 * @param {string} folder the case's folder name, which must equal its id
 * @returns {string[]}
 */
export function checkCaseManifest(c, folder) {
  const problems = [];
  const need = (cond, what) => { if (!cond) problems.push(what); };
  const str = (v) => typeof v === 'string' && v.length > 0;
  need(c && typeof c === 'object', 'case.json must be an object');
  if (!c || typeof c !== 'object') return problems;
  need(c.id === folder, `id "${c.id}" must equal the folder name "${folder}"`);
  need(str(c.title), 'title is missing');
  const s = c.source ?? {};
  need(str(s.repo) && /^[^/]+\/[^/]+$/.test(s.repo), 'source.repo must be owner/name');
  need(str(s.path), 'source.path is missing');
  need(/^[0-9a-f]{40}$/.test(s.commit ?? ''), 'source.commit must be a 40-character commit id');
  need(str(s.url) && s.url.startsWith(`https://github.com/${s.repo}/blob/${s.commit}/`), 'source.url must point at the repository file at that commit');
  need(str(s.licence), 'source.licence is missing');
  need(str(s.copyright), 'source.copyright is missing');
  need(s.files && typeof s.files === 'object' && Object.keys(s.files).length > 0, 'source.files must list the copied files');
  const f = c.function ?? {};
  need(str(f.handler) && /^[^.]+(\.[^.]+)+$/.test(f.handler.replace(/^.*\//, '')), 'function.handler must be module.export');
  need(['nodejs20.x', 'nodejs22.x', 'nodejs24.x'].includes(f.runtime), 'function.runtime must be nodejs20.x, nodejs22.x or nodejs24.x');
  need(Number.isInteger(f.memoryMB) && f.memoryMB >= 128 && f.memoryMB <= 10240, 'function.memoryMB must be 128-10240');
  need(Number.isInteger(f.timeoutSeconds) && f.timeoutSeconds >= 1 && f.timeoutSeconds <= 900, 'function.timeoutSeconds must be 1-900');
  const i = c.input ?? {};
  need(('event' in i) !== ('request' in i), 'input must have exactly one of event or request');
  if ('request' in i) need(FRONT_DOORS.includes(i.frontDoor) && i.frontDoor !== 'invoke', 'input.frontDoor must name a front door for a request');
  need(str(c.inputSource), 'inputSource (where the event comes from) is missing');
  const e = c.expected ?? {};
  need(OUTCOMES.includes(e.outcome), `expected.outcome must be one of ${OUTCOMES.join(', ')}`);
  if ('request' in i) need(Number.isInteger(e.statusCode), 'expected.statusCode is required for a front-door request');
  need(str(c.justification) && (/https?:\/\//.test(c.justification) || /README|test/.test(c.justification)), 'justification must cite an AWS document or the repository\'s README or tests');
  return problems;
}

/**
 * Read every case folder. A folder whose `case.json` is missing or incomplete is returned with its problems,
 * so the test can fail with a message that names the file.
 * @returns {{ dir: string, id: string, manifest: any, problems: string[] }[]}
 */
export function loadCases(casesDir = CASES_DIR) {
  return readdirSync(casesDir)
    .filter((d) => statSync(join(casesDir, d)).isDirectory())
    .sort()
    .map((id) => {
      const dir = join(casesDir, id);
      const file = join(dir, 'case.json');
      if (!existsSync(file)) return { dir, id, manifest: null, problems: [`${file} is missing`] };
      let manifest;
      try {
        manifest = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        return { dir, id, manifest: null, problems: [`${file} is not valid JSON: ${e.message}`] };
      }
      const problems = checkCaseManifest(manifest, id);
      if (!existsSync(join(dir, 'code'))) problems.push(`${join(dir, 'code')} (the handler's files) is missing`);
      return { dir, id, manifest, problems };
    });
}

/**
 * Read `tests/corpus/known-gaps.json`: `[{ id, reason }]`.
 * @returns {{ id: string, reason: string }[]}
 */
export function loadKnownGaps(file = KNOWN_GAPS_FILE) {
  if (!existsSync(file)) return [];
  const list = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${file} must be a JSON array of { "id", "reason" }`);
  return list;
}

/** The file a handler string names (`src/app.handler` → `<code>/src/app.<ext>`), or null. */
function findHandlerFile(codeDir, handler) {
  const modulePath = handler.slice(0, handler.lastIndexOf('/') + 1) + handler.slice(handler.lastIndexOf('/') + 1).split('.')[0];
  for (const ext of ['', ...HANDLER_FILE_EXTENSIONS]) {
    const p = join(codeDir, modulePath + ext);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return null;
}

function runCli(args) {
  return new Promise((resolveRun) => {
    execFile(NODE, [CLI, ...args], { cwd: ROOT, timeout: CASE_WALL_LIMIT_MS, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : error.killed ? 'killed' : 'error') : 0;
      resolveRun({ code, stdout, stderr });
    });
  });
}

/**
 * Run one case through `lambda-triage invoke … --json`.
 *
 * The handler's folder is passed as a project (`invoke <code> --handler src/app.handler`). A CLI that does not
 * take a folder yet (exit 2) gets the handler file itself with the module path dropped from the handler string
 * (`invoke <code>/src/app.mjs --handler app.handler`); `form` says which was used.
 * @param {{ dir: string, id: string, manifest: any }} c
 * @param {{ runner?: string, exec?: (argv: string[]) => Promise<{ code: number | string, stdout: string, stderr: string }>, forms?: { file?: boolean } }} [options]
 *   `runner` is passed through as `--runner` when given; `exec` runs the CLI (default: a `node bin/lambda-triage.mjs`
 *   process); `forms` is shared between cases so a CLI without folder support is detected once.
 */
export async function runCase(c, options = {}) {
  const m = c.manifest;
  const tmp = mkdtempSync(join(tmpdir(), `corpus-${c.id}-`));
  try {
    const common = ['--runtime', m.function.runtime, '--timeout', String(m.function.timeoutSeconds), '--memory', String(m.function.memoryMB), '--json'];
    for (const [k, v] of Object.entries(m.function.environment ?? {})) common.push('--env', `${k}=${v}`);
    if ('request' in m.input) {
      const p = join(tmp, 'request.json');
      writeFileSync(p, JSON.stringify(m.input.request));
      common.push('--request', p, '--integration', m.input.frontDoor);
    } else {
      const p = join(tmp, 'event.json');
      writeFileSync(p, JSON.stringify(m.input.event));
      common.push('--event', p);
    }
    if (m.state) {
      const p = join(tmp, 'state.json');
      writeFileSync(p, JSON.stringify(m.state));
      common.push('--state', p);
    }
    if (options.runner) common.push('--runner', options.runner);
    const codeDir = join(c.dir, 'code');
    const exec = options.exec ?? runCli;
    const forms = options.forms ?? {};
    const file = findHandlerFile(codeDir, m.function.handler);
    const fileArgv = file && ['invoke', file, '--handler', m.function.handler.slice(m.function.handler.lastIndexOf('/') + 1), ...common];
    let argv = ['invoke', codeDir, '--handler', m.function.handler, ...common];
    let form = 'project';
    let run;
    // The Node runner does not take a project folder yet (it looks for the handler module beside the runtime), so it
    // gets the handler file; the sandbox gets the folder, as a user would pass a project.
    if ((forms.file || options.runner === 'node') && fileArgv) {
      argv = fileArgv;
      form = 'file';
      run = await exec(argv);
    } else {
      run = await exec(argv);
      if (run.code === 2 && fileArgv) {
        const second = await exec(fileArgv);
        if (second.code !== 2) {
          argv = fileArgv;
          run = second;
          form = 'file';
          forms.file = true;
        }
      }
    }
    return { id: c.id, form, argv, exitCode: run.code, stderr: run.stderr, got: readReport(run) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** What the CLI's JSON report says, reduced to the fields a case can expect. */
function readReport(run) {
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    const why = (run.stderr || run.stdout || `exit ${run.code}`).trim().split('\n')[0].slice(0, 300);
    return { outcome: 'cli-error', errorType: null, errorMessage: why };
  }
  const inv = report.invocations?.[0];
  if (!inv) return { outcome: 'cli-error', errorType: null, errorMessage: 'the report has no invocation' };
  let result;
  try {
    result = inv.payload === undefined || inv.payload === null ? inv.result : JSON.parse(inv.payload);
  } catch {
    result = inv.payload;
  }
  const got = { outcome: inv.outcome, errorType: inv.errorType ?? null, errorMessage: inv.errorMessage ?? null, result };
  if (inv.response && inv.frontDoor && inv.frontDoor !== 'invoke') {
    got.statusCode = inv.response.statusCode;
    got.body = inv.response.body;
  }
  return got;
}

function isSubset(part, whole) {
  if (part === null || typeof part !== 'object') return isDeepStrictEqual(part, whole);
  if (whole === null || typeof whole !== 'object') return false;
  return Object.entries(part).every(([k, v]) => isSubset(v, whole[k]));
}

/**
 * Compare what a case expects with what the simulator gave. Only the fields the case states are compared.
 * @returns {{ match: boolean, mismatches: string[] }}
 */
export function compareCase(expected, got) {
  const mismatches = [];
  const show = (v) => (v === undefined ? 'undefined' : JSON.stringify(v)).slice(0, 200);
  if (got.outcome !== expected.outcome) mismatches.push(`outcome: expected ${expected.outcome}, got ${got.outcome}${got.errorType ? ` (${got.errorType}: ${String(got.errorMessage ?? '').split('\n')[0].slice(0, 160)})` : got.outcome === 'cli-error' ? ` (${got.errorMessage})` : ''}`);
  if ('errorType' in expected && got.errorType !== expected.errorType) mismatches.push(`errorType: expected ${show(expected.errorType)}, got ${show(got.errorType)}`);
  if ('errorMessage' in expected && got.errorMessage !== expected.errorMessage) mismatches.push(`errorMessage: expected ${show(expected.errorMessage)}, got ${show(got.errorMessage)}`);
  if ('statusCode' in expected && got.statusCode !== expected.statusCode) mismatches.push(`statusCode: expected ${expected.statusCode}, got ${show(got.statusCode)}`);
  if ('body' in expected && got.body !== expected.body) mismatches.push(`body: expected ${show(expected.body)}, got ${show(got.body)}`);
  if ('result' in expected && !isDeepStrictEqual(got.result, expected.result)) mismatches.push(`result: expected ${show(expected.result)}, got ${show(got.result)}`);
  if ('resultIncludes' in expected && !isSubset(expected.resultIncludes, got.result)) mismatches.push(`result: expected to include ${show(expected.resultIncludes)}, got ${show(got.result)}`);
  return { match: mismatches.length === 0, mismatches };
}

/**
 * Run cases with at most `jobs` CLI runs at a time (the machine may have only 2 cores); `exec` as in {@link runCase}.
 * @returns {Promise<Map<string, { run: any, comparison: { match: boolean, mismatches: string[] } }>>}
 */
export async function runCases(cases, { runner, jobs = 2, exec, onResult } = {}) {
  const results = new Map();
  const forms = {};
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++];
      const run = await runCase(c, { runner, exec, forms });
      const entry = { run, comparison: compareCase(c.manifest.expected, run.got) };
      results.set(c.id, entry);
      onResult?.(c, entry);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

/** `success`, `function-error Error`, `init-error Runtime.ImportModuleError → 502`: one cell of the table. */
export function summarise(r) {
  const parts = [r.outcome];
  if (r.errorType) parts.push(r.errorType);
  if (r.statusCode !== undefined) parts.push(`→ ${r.statusCode}`);
  return parts.join(' ');
}

async function main() {
  let opts;
  try {
    opts = parseArgs({ options: { runner: { type: 'string' }, case: { type: 'string', multiple: true }, jobs: { type: 'string', default: '2' }, json: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } }).values;
  } catch (e) {
    process.stderr.write(`run-corpus: ${e.message} (see --help)\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write('Usage: npm run corpus -- [--runner sandbox|node] [--case ID]... [--jobs N] [--json] [--verbose]\n');
    return 0;
  }
  const jobs = Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    process.stderr.write(`run-corpus: --jobs must be a whole number of at least 1, got "${opts.jobs}"\n`);
    return 2;
  }
  let cases = loadCases();
  const broken = cases.filter((c) => c.problems.length > 0);
  for (const c of broken) process.stderr.write(`run-corpus: ${c.id}: ${c.problems.join('; ')}\n`);
  cases = cases.filter((c) => c.problems.length === 0);
  if (opts.case) {
    const unknown = opts.case.filter((id) => !cases.some((c) => c.id === id));
    if (unknown.length) {
      process.stderr.write(`run-corpus: no case named ${unknown.join(', ')} (folders in ${CASES_DIR})\n`);
      return 2;
    }
    cases = cases.filter((c) => opts.case.includes(c.id));
  }
  const gaps = new Map(loadKnownGaps().map((g) => [g.id, g.reason]));
  const started = Date.now();
  const results = await runCases(cases, { runner: opts.runner, jobs });
  const seconds = (Date.now() - started) / 1000;
  const rows = cases.map((c) => {
    const { run, comparison } = results.get(c.id);
    return { id: c.id, expected: summarise(c.manifest.expected), got: summarise(run.got), match: comparison.match, knownGap: gaps.has(c.id), mismatches: comparison.mismatches, form: run.form, run };
  });
  const passed = rows.filter((r) => r.match).length;
  const unexpected = rows.filter((r) => !r.match && !r.knownGap);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ runner: opts.runner ?? 'sandbox', cases: rows.map(({ run, ...r }) => r), passed, total: rows.length, seconds }, null, 2) + '\n');
  } else {
    const w = (s, n) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));
    const idW = Math.max(4, ...rows.map((r) => r.id.length));
    process.stdout.write(`${w('case', idW)}  ${w('expected (AWS)', 44)}  ${w('got (simulator)', 44)}  match\n`);
    for (const r of rows) {
      process.stdout.write(`${w(r.id, idW)}  ${w(r.expected, 44)}  ${w(r.got, 44)}  ${r.match ? 'yes' : r.knownGap ? 'no (known gap)' : 'NO'}\n`);
      if (!r.match && (opts.verbose || !r.knownGap)) for (const m of r.mismatches) process.stdout.write(`${' '.repeat(idW)}    ${m}\n`);
      if (opts.verbose) process.stdout.write(`${' '.repeat(idW)}    lambda-triage ${r.run.argv.join(' ')}\n`);
    }
    const pct = rows.length ? ((100 * passed) / rows.length).toFixed(1) : '0.0';
    process.stdout.write(`\nrunner: ${opts.runner ?? 'sandbox (default)'}; ${passed}/${rows.length} cases match AWS (${pct}%), ${rows.length - passed - unexpected.length} known gaps, ${unexpected.length} unexpected failures; ${seconds.toFixed(1)} s\n`);
  }
  return unexpected.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
