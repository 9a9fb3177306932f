// `npm run bench`: prints figures (never asserts). Starts with the build time and the size of the
// built site, then the engine's figures.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
}

const engineBench = join(repo, 'scripts', 'bench-engine.ts');
if (existsSync(engineBench)) {
  console.log('\n# Engine');
  const { benchEngine } = await import(engineBench);
  for (const { name, value, unit } of await benchEngine()) figure(name, value, unit);
}
