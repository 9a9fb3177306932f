// `npm run bench:cli` (also a section of `npm run bench`): start-up time of `lambda-triage`, timed like
// hyperfine does (warm-up runs, then repeated runs; mean ± standard deviation, min, median) without
// needing hyperfine. Rows: bare Node, lambda-local on the same handler (when installed), --version, a trivial
// invoke from the bundle and from the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'lambda-triage.mjs');

/** Runs `args` on this Node `runs` times after `warmup` runs; returns the wall times in ms. */
function time(args, { runs, warmup, env = {} }) {
  const times = [];
  for (let i = 0; i < warmup + runs; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = performance.now() - started;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i >= warmup) times.push(ms);
  }
  return times;
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

/** The figures: one row per command (`{ name, value, unit }` like the other benches). */
export async function benchCli({ runs = Number(process.env.BENCH_CLI_RUNS ?? 10), warmup = 2 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lt-bench-cli-'));
  const handler = join(dir, 'index.mjs');
  writeFileSync(handler, 'export const handler = async () => ({ statusCode: 200, body: "ok" });');
  writeFileSync(join(dir, 'event.json'), '{}');
  // lambda-local (https://www.npmjs.com/package/lambda-local) on the same handler, side by side, when it is
  // installed: LAMBDA_LOCAL=path/to/bin/lambda-local, or `npm i lambda-local` in a scratch folder and point there.
  const lambdaLocal = process.env.LAMBDA_LOCAL ?? join(repo, 'node_modules', '.bin', 'lambda-local');
  const cases = [
    ['node -e 0 (Node start-up alone)', ['-e', '0'], {}],
    ...(existsSync(lambdaLocal) ? [['lambda-local (same handler, for comparison)', [lambdaLocal, '-l', handler, '-h', 'handler', '-e', join(dir, 'event.json')], {}]] : []),
    ['lambda-triage --version', [bin, '--version'], {}],
    ['lambda-triage invoke (trivial handler)', [bin, 'invoke', handler], {}],
    ['lambda-triage invoke, from the sources', [bin, 'invoke', handler], { LAMBDA_TRIAGE_FROM_SOURCE: '1' }],
  ];
  const rows = [];
  for (const [name, args, env] of cases) {
    const s = summarize(time(args, { runs, warmup, env }));
    rows.push({ name: `${name}: mean ± sd`, value: `${s.mean.toFixed(0)} ± ${s.sd.toFixed(0)}`, unit: 'ms' });
    rows.push({ name: '  min / median', value: `${s.min.toFixed(0)} / ${s.median.toFixed(0)}`, unit: 'ms' });
  }
  if (!existsSync(lambdaLocal)) rows.push({ name: 'lambda-local: not installed (set LAMBDA_LOCAL to its bin)', value: '-', unit: '' });
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`lambda-triage start-up (Node ${process.versions.node}; ${process.env.BENCH_CLI_RUNS ?? 10} runs after 2 warm-up runs)\n`);
  for (const { name, value, unit } of await benchCli()) console.log(`${name.padEnd(50)} ${String(value).padStart(12)} ${unit}`);
}
