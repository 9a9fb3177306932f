// `npm run bench`: prints figures (never asserts). Starts with the build time and the size of the
// built site, then the engine's figures.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dist = join(repo, 'dist');

/** Prints one figure as an aligned line. */
function figure(name, value, unit) {
  const shown = typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : value;
  console.log(`${name.padEnd(44)} ${String(shown).padStart(12)} ${unit}`);
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

console.log('Lambda Triage benchmarks (figures only; targets are in the issues)\n');
console.log('# Site');
const started = performance.now();
const build = spawnSync('npx', ['astro', 'build'], {
  cwd: repo,
  encoding: 'utf8',
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
});
if (build.status !== 0) {
  console.error(build.stdout, build.stderr);
  console.error('The build failed: no site figures.');
  process.exit(1);
}
figure('build time', (performance.now() - started) / 1000, 's');

if (existsSync(dist)) {
  const files = walk(dist);
  let raw = 0;
  let gzip = 0;
  const byKind = new Map();
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    const gz = gzipSync(bytes).length;
    gzip += gz;
    const kind = file.endsWith('.html') ? 'html' : file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : 'other';
    byKind.set(kind, (byKind.get(kind) ?? 0) + gz);
  }
  figure('dist/ files', files.length, 'files');
  figure('dist/ size', raw / 1024, 'KiB');
  figure('dist/ size (each file gzipped)', gzip / 1024, 'KiB');
  for (const [kind, bytes] of [...byKind].sort()) figure(`  ${kind} (gzip)`, bytes / 1024, 'KiB');
  const pages = files.filter((f) => f.endsWith('.html'));
  figure('HTML pages', pages.length, 'pages');
  // The offline copy: what the service worker downloads on a first visit (src/offline/precache-manifest.ts).
  const { listBuiltFiles } = await import('../src/integrations/offline.ts');
  const { createPrecacheManifest, isPrecached } = await import('../src/offline/precache-manifest.ts');
  const precache = createPrecacheManifest(listBuiltFiles(dist), '/', (text) => createHash('sha256').update(text).digest('hex'));
  const precachedGzip = walk(dist)
    .filter((file) => isPrecached(relative(dist, file).split(sep).join('/')))
    .reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
  figure('offline precache', precache.entries.length, 'files');
  figure('offline precache size', precache.bytes, 'bytes');
  figure('offline precache size (each file gzipped)', precachedGzip / 1024, 'KiB');
}

console.log('\n# Page budgets (gzip; initial = loaded up front, all = including lazy chunks, workers, wasm)');
const { PAGE_TYPES, pageBytes, lighthouseScores } = await import('./bench-site.mjs');
const kib = (n) => (n / 1024).toFixed(1);
for (const [type, path] of Object.entries(PAGE_TYPES)) {
  const b = pageBytes(dist, path);
  if (!b) {
    console.log(`${type.padEnd(12)} ${path}: not built`);
    continue;
  }
  console.log(
    `${type.padEnd(12)} html ${kib(b.initial.html)} KiB | js ${kib(b.initial.js)} KiB initial, ${kib(b.all.js)} KiB all | css ${kib(b.initial.css)} KiB | other (wasm…) ${kib(b.all.other)} KiB | Monaco: ${b.monaco ? 'yes' : 'no'}, QuickJS: ${b.quickjs ? 'yes' : 'no'}`,
  );
}

if (process.env.BENCH_SKIP_LIGHTHOUSE) {
  console.log('\n# Lighthouse: skipped (BENCH_SKIP_LIGHTHOUSE is set)');
} else {
  console.log('\n# Lighthouse (mobile, median of 3 runs, system Chromium; cpu index = the host\'s BenchmarkIndex, 4x throttling assumes 1500-2000)');
  const { serveSite } = await import('./serve.mjs');
  const { server, url } = await serveSite({ port: 4490 });
  try {
    for (const [type, path] of Object.entries(PAGE_TYPES)) {
      if (!pageBytes(dist, path)) continue;
      const scores = await lighthouseScores(new URL(path, url).href);
      if (!scores) {
        console.log('Lighthouse is not installed: no scores.');
        break;
      }
      console.log(`${type.padEnd(12)} ${Object.entries(scores).map(([k, v]) => `${k} ${v}`).join(' | ')}`);
    }
  } finally {
    server.close();
  }
}

const engineBench = join(repo, 'scripts', 'bench-engine.ts');
if (existsSync(engineBench)) {
  console.log('\n# Engine');
  const { benchEngine } = await import(engineBench);
  for (const { name, value, unit } of await benchEngine()) figure(name, value, unit);
}

const analyzerBench = join(repo, 'scripts', 'bench-analyzer.ts');
if (existsSync(analyzerBench)) {
  console.log('\n# Log analyzer');
  const { benchAnalyzer } = await import(analyzerBench);
  for (const { name, value, unit } of await benchAnalyzer()) figure(name, value, unit);
}

console.log('\n# CLI start-up (hyperfine-style: 2 warm-up runs, then 10 timed runs)');
{
  const { benchCli } = await import(join(repo, 'scripts', 'bench-cli.mjs'));
  for (const { name, value, unit } of await benchCli()) figure(name, value, unit);
}

const nodeRunnerBench = join(repo, 'scripts', 'bench-node-runner.mjs');
if (existsSync(nodeRunnerBench)) {
  console.log('\n# Node runner (--runner node: real Node worker threads)');
  const { benchNodeRunner } = await import(nodeRunnerBench);
  for (const { name, value, unit } of await benchNodeRunner()) figure(name, value, unit);
}

const pythonBench = join(repo, 'scripts', 'bench-python.mjs');
if (existsSync(pythonBench)) {
  console.log('\n# Python handlers (Pyodide: download, first result and warm invoke in Node)');
  const { benchPython } = await import(pythonBench);
  for (const { name, value, unit } of await benchPython()) figure(name, value, unit);
}

const playgroundBench = join(repo, 'scripts', 'bench-playground.mjs');
if (existsSync(playgroundBench)) {
  console.log('\n# Playground (in Chromium; bytes counted from dist/ including workers and wasm)');
  const { benchPlayground, benchPythonPlayground } = await import(playgroundBench);
  for (const { name, value, unit } of await benchPlayground()) figure(name, value, unit);
  if (benchPythonPlayground) {
    console.log('\n# Playground Python (in Chromium: Pyodide from the site, on a Python run only)');
    for (const { name, value, unit } of await benchPythonPlayground()) figure(name, value, unit);
  }
}
