// `npm run bench:cli` (also a section of `npm run bench`): start-up time of `lambda-triage`, timed like
// hyperfine does (warm-up runs, then repeated runs; mean ± standard deviation, min, median) without
// needing hyperfine. Rows: bare Node, lambda-local on the same handler (when installed), --version, a trivial
// invoke from the bundle and from the sources, then lambda-triage's median against lambda-local's.
// The commands run interleaved (one run of each per round), so a change in the machine's load during the
// bench falls on every row alike: the figures are meant to be compared side by side.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'lambda-triage.mjs');

/** Runs `args` on this Node once; returns the wall time in ms. */
function timeOnce(args, env) {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Mean, standard deviation, min and median of `xs`. */
export function summarize(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { mean, sd, min: sorted[0], median };
}

/**
 * Where lambda-local (https://www.npmjs.com/package/lambda-local) is: LAMBDA_LOCAL=path/to/bin/lambda-local,
 * or this repository's node_modules/.bin (it is not a dependency: `npm i lambda-local` in a scratch folder and
 * point LAMBDA_LOCAL there). Null when neither exists.
 */
export function findLambdaLocal() {
  const candidate = process.env.LAMBDA_LOCAL ?? join(repo, 'node_modules', '.bin', 'lambda-local');
  return existsSync(candidate) ? candidate : null;
}

/** The figures: one row per command (`{ name, value, unit }` like the other benches). */
export async function benchCli({ runs = Number(process.env.BENCH_CLI_RUNS ?? 10), warmup = 2 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lt-bench-cli-'));
  const handler = join(dir, 'index.mjs');
  writeFileSync(handler, 'export const handler = async () => ({ statusCode: 200, body: "ok" });');
  writeFileSync(join(dir, 'event.json'), '{}');
  const lambdaLocal = findLambdaLocal();
  const cases = [
    { name: 'node -e 0 (Node start-up alone)', args: ['-e', '0'], env: {} },
    ...(lambdaLocal ? [{ name: 'lambda-local (same handler, for comparison)', args: [lambdaLocal, '-l', handler, '-h', 'handler', '-e', join(dir, 'event.json')], env: {}, lambdaLocal: true }] : []),
    { name: 'lambda-triage --version', args: [bin, '--version'], env: {} },
    { name: 'lambda-triage invoke (trivial handler)', args: [bin, 'invoke', handler], env: {}, invoke: true },
    { name: 'lambda-triage invoke, from the sources', args: [bin, 'invoke', handler], env: { LAMBDA_TRIAGE_FROM_SOURCE: '1' } },
  ];
  const times = cases.map(() => []);
  for (let round = 0; round < warmup + runs; round++) {
    cases.forEach((c, i) => {
      const ms = timeOnce(c.args, c.env);
      if (round >= warmup) times[i].push(ms);
    });
  }
  const rows = [];
  const medians = new Map();
  cases.forEach((c, i) => {
    const s = summarize(times[i]);
    medians.set(c, s.median);
    rows.push({ name: `${c.name}: mean ± sd`, value: `${s.mean.toFixed(0)} ± ${s.sd.toFixed(0)}`, unit: 'ms' });
    rows.push({ name: '  min / median', value: `${s.min.toFixed(0)} / ${s.median.toFixed(0)}`, unit: 'ms' });
  });
  const ll = cases.find((c) => c.lambdaLocal);
  const inv = cases.find((c) => c.invoke);
  if (ll && inv) {
    const diff = medians.get(inv) - medians.get(ll);
    rows.push({ name: 'invoke vs lambda-local (medians)', value: `${diff >= 0 ? '+' : ''}${diff.toFixed(0)} (${(medians.get(inv) / medians.get(ll)).toFixed(2)}×)`, unit: 'ms' });
  } else {
    rows.push({ name: 'lambda-local: not installed (set LAMBDA_LOCAL to its bin)', value: '-', unit: '' });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = process.env.BENCH_CLI_RUNS ?? 10;
  console.log(`lambda-triage start-up (Node ${process.versions.node}; ${runs} interleaved rounds after 2 warm-up rounds)\n`);
  for (const { name, value, unit } of await benchCli()) console.log(`${name.padEnd(50)} ${String(value).padStart(16)} ${unit}`);
}
