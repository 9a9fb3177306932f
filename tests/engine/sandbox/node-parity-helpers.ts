/**
 * Runs the same handler code in the sandbox and in the Node that runs the tests, shared by the parity tests
 * (tests/engine/sandbox/builtins-node-parity.test.ts, tests/engine/sandbox/builtins-moved-modules.test.ts).
 */
import { createRequire } from 'node:module';
import { once } from '../helpers.ts';

const hostRequire = createRequire(import.meta.url);

/** What `both` returns: the sandbox's result, Node's (both after a JSON round trip), and the sandbox's error message. */
export interface BothResult {
  sandbox: unknown;
  node: unknown;
  error: string | null;
}

/**
 * Runs one CommonJS handler body in the sandbox and in this Node, and returns both results (JSON round trip).
 * The body is `async (event) => …` code that returns plain data; in Node its `require` loads only built-ins.
 */
export async function both(body: string): Promise<BothResult> {
  const source = `exports.handler = async (event) => {\n${body}\n};`;
  const r = await once({ 'index.js': source });
  const mod: { exports: { handler?: (e: unknown) => Promise<unknown> } } = { exports: {} };
  // The same code in this process: a deprecated API it calls (util.deprecate) would print Node's
  // DeprecationWarning into the test run's output; only the values are compared.
  const quiet = process.noDeprecation === true;
  process.noDeprecation = true;
  try {
    new Function('exports', 'require', 'module', source)(mod.exports, hostRequire, mod);
    const node = JSON.parse(JSON.stringify(await mod.exports.handler!({}))) as unknown;
    return { sandbox: r.result, node, error: r.errorMessage };
  } finally {
    process.noDeprecation = quiet;
  }
}
