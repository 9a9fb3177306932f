#!/usr/bin/env node
/**
 * Capture the stack traces real Node.js (V8) prints for the programs in
 * tests/engine/sandbox/fixtures/v8-trace-programs.json, so the simulator's traces are checked
 * against measurements rather than against what we believe V8 does.
 *
 * Each program is written to a temporary /…/var/task, its handler is called the way the runtime
 * interface client calls it (`this.handler(event, context, callback)` on a `Runtime` object), and the
 * error's `stack` (or an uncaught exception's, e.g. from a timer) is recorded with the temporary
 * directory replaced by `/var/task`.
 * Output: tests/engine/sandbox/fixtures/v8-traces.json (with the Node version that made it).
 *
 * Usage: npm run capture:v8-traces   (uses the project's pinned Node 22)
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'tests/engine/sandbox/fixtures');
const programs = JSON.parse(readFileSync(join(fixtures, 'v8-trace-programs.json'), 'utf8'));

// Runs in the child: load the handler module, call it like the RIC's Runtime does, print the stack.
const HARNESS = `
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const [file, exportName, eventJson] = process.argv.slice(2);
const mod = file.endsWith('.mjs') ? await import(pathToFileURL(file).href) : createRequire(import.meta.url)(file);
process.on('uncaughtException', (e) => {
  process.stdout.write(JSON.stringify(String(e && e.stack)));
  process.exit(0);
});
class Runtime {
  constructor(handler) { this.handler = handler; }
  handleOnceNonStreaming() {
    const done = (e) => { process.stdout.write(JSON.stringify(String(e && e.stack))); process.exit(0); };
    try {
      const r = this.handler(JSON.parse(eventJson), {}, (err) => done(err));
      if (r && typeof r.then === 'function') r.then(() => done(new Error('no error')), done);
    } catch (e) { done(e); }
  }
}
new Runtime(mod[exportName] ?? mod.default?.[exportName]).handleOnceNonStreaming();
`;

const out = [];
for (const p of programs) {
  const base = mkdtempSync(join(tmpdir(), 'lt-v8-'));
  const task = join(base, 'var', 'task');
  mkdirSync(task, { recursive: true });
  for (const [name, text] of Object.entries(p.files)) {
    mkdirSync(dirname(join(task, name)), { recursive: true });
    writeFileSync(join(task, name), text);
  }
  const harness = join(base, 'harness.mjs');
  writeFileSync(harness, HARNESS);
  const entry = Object.keys(p.files).find((f) => f.startsWith('index.'));
  const stack = JSON.parse(
    execFileSync(process.execPath, [harness, join(task, entry), p.handler ?? 'handler', JSON.stringify(p.event ?? {})], { encoding: 'utf8' }),
  );
  rmSync(base, { recursive: true, force: true });
  const trace = stack
    .split(task)
    .join('/var/task')
    .split('\n')
    .filter((l) => !l.includes('harness.mjs') && !l.includes('node:internal'));
  out.push({ ...p, node: process.version, trace });
}
writeFileSync(join(fixtures, 'v8-traces.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`captured ${out.length} traces with Node ${process.version}`);

// Syntax errors at load (v8-syntax-programs.json → v8-syntax-errors.json): each source is written as
// /var/task/index.js (CommonJS, loaded with require) or index.mjs (ES module, loaded with import), and the
// SyntaxError's message is recorded, with the line V8 names: CommonJS stacks start `<file>:<line>` above the
// source line and a caret; an ES module's error has no such header, so the line is read from what Node prints
// when it runs the module itself as its entry (stderr starts `file://<file>:<line>`).
const SYNTAX_HARNESS = `
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const [file] = process.argv.slice(2);
try {
  if (file.endsWith('.mjs')) await import(pathToFileURL(file).href);
  else createRequire(import.meta.url)(file);
  process.stdout.write(JSON.stringify(null));
} catch (e) {
  const m = /^[^\\n]*:(\\d+)\\n/.exec(String(e.stack));
  process.stdout.write(JSON.stringify({ name: e.name, message: e.message, line: m ? Number(m[1]) : null }));
}
`;
const syntaxPrograms = JSON.parse(readFileSync(join(fixtures, 'v8-syntax-programs.json'), 'utf8'));
const syntaxOut = [];
for (const p of syntaxPrograms) {
  const base = mkdtempSync(join(tmpdir(), 'lt-v8-syntax-'));
  const task = join(base, 'var', 'task');
  mkdirSync(task, { recursive: true });
  const file = join(task, p.kind === 'esm' ? 'index.mjs' : 'index.js');
  writeFileSync(file, p.source);
  const harness = join(base, 'harness.mjs');
  writeFileSync(harness, SYNTAX_HARNESS);
  const error = JSON.parse(execFileSync(process.execPath, [harness, file], { encoding: 'utf8' }));
  if (error && error.line === null) {
    try {
      execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const m = /^file:\/\/[^\n]*:(\d+)\n/.exec(String(e.stderr));
      if (m) error.line = Number(m[1]);
    }
  }
  rmSync(base, { recursive: true, force: true });
  syntaxOut.push({ ...p, node: process.version, error });
}
writeFileSync(join(fixtures, 'v8-syntax-errors.json'), JSON.stringify(syntaxOut, null, 2) + '\n');
console.log(`captured ${syntaxOut.length} syntax errors with Node ${process.version}`);
