/**
 * Hostile handler programs: each must end as a reported outcome within its limits, never crash or
 * hang the engine, and leave nothing behind for the next run. Shared by the engine suite and the
 * playground's browser suite.
 */
import type { Outcome } from '../../../src/engine/types.ts';

/** One hostile program. */
export interface HostileProgram {
  name: string;
  /** ES module source of index.mjs. */
  source: string;
  /** Outcomes that count as "contained" for this program. */
  outcomes: Outcome[];
  timeoutSeconds?: number;
  memoryMB?: number;
}

const loop = (body: string) => `export const handler = async () => { ${body} };`;
const FAILED: Outcome[] = ['timeout', 'out-of-memory', 'function-error', 'init-error'];

/** The suite (more than 30 programs). */
export const HOSTILE_PROGRAMS: HostileProgram[] = [
  // Infinite loops in every form.
  { name: 'sync infinite loop in the handler', source: loop('while (true) {}'), outcomes: ['timeout'] },
  { name: 'for(;;) after an await', source: loop('await null; for (;;) {}'), outcomes: ['timeout'] },
  { name: 'infinite loop at module top level (init)', source: 'while (true) {}\nexport const handler = async () => 1;', outcomes: ['init-error', 'timeout'] },
  { name: 'infinite loop in a getter read by the runtime', source: 'export const handler = async () => ({ get x() { while (true) {} } });', outcomes: ['timeout'] },
  { name: 'infinite loop in toJSON', source: 'export const handler = async () => ({ toJSON() { for (;;) {} } });', outcomes: ['timeout'] },
  { name: 'infinite loop in a promise chain', source: loop('return Promise.resolve().then(() => { while (true) {} });'), outcomes: ['timeout'] },
  { name: 'infinite loop in a timer callback', source: loop('setTimeout(() => { while (true) {} }, 10); await new Promise((r) => setTimeout(r, 100));'), outcomes: ['timeout', 'function-error'] },
  { name: 'infinite loop in an interval', source: loop('setInterval(() => { while (true) {} }, 5); await new Promise(() => {});'), outcomes: ['timeout', 'function-error'] },
  { name: 'infinite loop in eval', source: loop('eval("while (true) {}");'), outcomes: ['timeout'] },
  { name: 'infinite loop in new Function', source: loop('new Function("for (;;) {}")();'), outcomes: ['timeout'] },
  { name: 'catastrophic regular expression', source: loop('return /^(a+)+$/.test("a".repeat(40) + "!");'), outcomes: ['timeout'] },
  // Memory bombs.
  { name: 'array that grows forever', source: loop('const a = []; for (;;) a.push({ n: a.length, s: "xxxxxxxxxxxxxxxx" });'), outcomes: ['out-of-memory', 'timeout'] },
  { name: 'string doubling', source: loop('let s = "x"; for (;;) s += s;'), outcomes: ['out-of-memory', 'function-error', 'timeout'] },
  { name: 'typed arrays', source: loop('const keep = []; for (;;) keep.push(new Uint8Array(1 << 24));'), outcomes: ['out-of-memory', 'function-error', 'timeout'] },
  { name: 'one huge typed array', source: loop('return new Float64Array(2 ** 31).length;'), outcomes: ['out-of-memory', 'function-error'] },
  { name: 'a map that grows forever', source: loop('const m = new Map(); for (let i = 0; ; i++) m.set(i, [i, i, i]);'), outcomes: ['out-of-memory', 'timeout'] },
  { name: 'deeply nested objects', source: loop('let o = {}; for (;;) o = { o };'), outcomes: ['out-of-memory', 'timeout'] },
  { name: 'a giant string in the response', source: loop('return "y".repeat(2 ** 29);'), outcomes: ['out-of-memory', 'function-error'] },
  // Recursion.
  { name: 'deep recursion', source: 'const f = (n) => f(n + 1) + 1;\nexport const handler = async () => f(0);', outcomes: ['function-error'] },
  // Node on Lambda: the RIC's _trySerializeResponse catches the RangeError from JSON.stringify and reports
  // Error "Unable to stringify response body" (function-error); the simulator gives the same (SIMULATION.md).
  { name: 'recursion inside toJSON', source: 'const o = { toJSON() { return { o }; } };\nexport const handler = async () => o;', outcomes: ['function-error', 'timeout', 'out-of-memory'] },
  { name: 'a cyclic result', source: loop('const a = {}; a.a = a; return a;'), outcomes: ['function-error'] },
  // Exhausts the host's native stack inside QuickJS's C code (JSON.stringify → toJSON → …) before QuickJS's own check.
  { name: 'recursion inside toJSON called by the handler', source: loop('const o = { toJSON() { return { o }; } }; return JSON.stringify(o).length;'), outcomes: ['function-error'] },
  // Timer and promise storms.
  { name: 'a million timers', source: loop('for (let i = 0; i < 1e6; i++) setTimeout(() => {}, i % 1000); await new Promise(() => {});'), outcomes: ['timeout', 'out-of-memory', 'function-error'] },
  { name: 'a microtask storm', source: loop('const f = () => Promise.resolve().then(f); f(); await new Promise(() => {});'), outcomes: ['timeout', 'out-of-memory', 'function-error'] },
  { name: 'a setImmediate storm', source: loop('const f = () => setImmediate(f); f(); await new Promise(() => {});'), outcomes: ['timeout', 'out-of-memory', 'function-error'] },
  { name: 'a promise that never settles', source: loop('await new Promise(() => {});'), outcomes: ['timeout', 'function-error'] },
  // Tampering with the bridge and globals.
  { name: 'prototype pollution of Object.prototype', source: loop('Object.prototype.polluted = "yes"; Object.prototype.toJSON = () => "hijacked"; return { ok: true };'), outcomes: ['success', 'function-error'] },
  { name: 'replacing JSON.stringify', source: loop('JSON.stringify = () => { throw new Error("nope"); }; return { ok: true };'), outcomes: ['success', 'function-error'] },
  { name: 'replacing console and Promise', source: loop('console.log = null; globalThis.Promise = function () {}; return 1;'), outcomes: ['success', 'function-error'] },
  { name: 'freezing built-in prototypes', source: loop('Object.freeze(Array.prototype); Object.freeze(Object.prototype); return [1, 2];'), outcomes: ['success', 'function-error'] },
  { name: 'throwing a hostile error object', source: loop('throw { get name() { throw new Error("x"); }, get message() { while (true) {} } };'), outcomes: ['function-error', 'timeout'] },
  // Reaching for the host.
  { name: 'looking for host globals', source: loop('return [typeof window, typeof document, typeof globalThis.Deno, typeof globalThis.WebAssembly, typeof globalThis.postMessage, typeof globalThis.importScripts].join(",");'), outcomes: ['success'] },
  { name: 'fetch to the internet', source: loop('return await (await fetch("https://example.com/")).text();'), outcomes: ['function-error'] },
  { name: 'dynamic import of a URL', source: loop('return await import("https://example.com/evil.mjs");'), outcomes: ['function-error'] },
  { name: 'file system and child processes', source: 'import fs from "fs";\nimport cp from "child_process";\nexport const handler = async () => [fs.readFileSync("/etc/passwd", "utf8"), cp.execSync("id")];', outcomes: ['function-error', 'init-error'] },
  { name: 'escaping through Function constructors', source: loop('const g = (function () { return this; })() ?? new Function("return this")(); return typeof g.process?.binding;'), outcomes: ['success', 'function-error'] },
  { name: 'process.exit in the handler', source: loop('process.exit(3);'), outcomes: ['function-error'] },
];

/** Outcomes that mean "the run failed in a reported way". */
export const FAILED_OUTCOMES = FAILED;
