/**
 * Reading the CLI's input files: the handler and its sibling files, the event (`--event`) and the HTTP
 * request description (`--request`). Every failure is a one-line message for exit code 2.
 */
// Synchronous reads: the CLI reads a few small files before it does anything else, and node:fs/promises costs
// its own start-up (it loads Node's readline internals).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseHttpRequestSpec, type HttpRequestSpec } from '../engine/integrations/http-request.ts';
import { parseFunctionConfig } from '../engine/lambda/function-config.ts';
import type { FunctionConfig } from '../engine/types.ts';
import type { RuntimeId } from '../engine/vocabulary.ts';
import type { InvokeArgs } from './args.ts';
import { loadProject } from './project.ts';
import { isPythonRuntime } from '../engine/lambda/runtime-ids.ts';

/** Result of reading an input: the value or a one-line message. */
export type InputResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Handler files with a JavaScript or TypeScript extension: never Python files, so reading them needs nothing of
 * python-project.ts, which is imported only for other paths (it loads Node's crypto and vm, ≈ 2 ms).
 */
const JS_OR_TS_FILE = /\.(?:js|mjs|cjs|ts|mts|cts)$/i;

/** Sibling files larger than this are not copied into the simulated /var/task (ILLUSTRATIVE). */
export const MAX_SIBLING_FILE_BYTES = 1_000_000;

/** What the function is given: nothing (`{}`), a raw event, or an HTTP request for a front door. */
export type CliInput =
  | { kind: 'none' }
  /** `text` is the exact file content; `value` its JSON parse, or undefined when it is not valid JSON. */
  | { kind: 'event'; text: string; value: unknown; validJson: boolean }
  | { kind: 'request'; spec: HttpRequestSpec };

function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}

/** Read a text file, or say which option's file could not be read. */
export async function readTextFile(what: string, path: string): Promise<InputResult<string>> {
  try {
    return { ok: true, value: readFileSync(path, 'utf8') };
  } catch (e) {
    return { ok: false, error: `cannot read ${what} ${path}: ${errCode(e)}` };
  }
}

/** Read a JSON file; the message names the option, the file and the parse error. */
export async function readJsonFile(what: string, path: string): Promise<InputResult<unknown>> {
  const text = await readTextFile(what, path);
  if (!text.ok) return text;
  try {
    return { ok: true, value: JSON.parse(text.value) as unknown };
  } catch (e) {
    return { ok: false, error: `${what} ${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The function's configuration and files: the project the handler belongs to (`project.ts`: the files the
 * handler reaches, with their packages from `node_modules`), plus small .js/.mjs/.cjs/.json files beside
 * the handler (kept for requests built at run time, e.g. `require('./' + name)`), and for a Node.js handler the
 * folder that is `/var/task` (the Node runner runs there, so both runners resolve the handler string alike).
 */
export async function loadFunction(args: InvokeArgs): Promise<InputResult<{ config: FunctionConfig; files: Record<string, string>; root?: string }>> {
  if (isPythonRuntime(args.runtime) || (!JS_OR_TS_FILE.test(args.file) && (await import('./python-project.ts')).isPythonFile(args.file))) {
    return loadPythonFunction(args);
  }
  const project = loadProject({ path: args.file, handler: args.handler });
  if (!project.ok) return project;
  const { root, handler, files } = project.value;
  const config = parseFunctionConfig({
    handler,
    runtime: args.runtime as RuntimeId,
    timeoutSeconds: args.timeout,
    memoryMB: args.memory,
    environment: args.env,
    logFormat: args.logFormat,
    ...(args.logLevel ? { applicationLogLevel: args.logLevel } : {}),
  });
  if (!config.ok) return { ok: false, error: config.error };
  const handlerFile = resolve(args.file);
  const dir = statSync(handlerFile).isDirectory() ? handlerFile : dirname(handlerFile);
  try {
    for (const f of readdirSync(dir)) {
      if (!/\.(mjs|cjs|js|json)$/.test(f)) continue;
      const at = relative(root, join(dir, f)).split(sep).join('/');
      if (at.startsWith('..') || Object.prototype.hasOwnProperty.call(files, at)) continue;
      const s = statSync(join(dir, f));
      if (s.isFile() && s.size < MAX_SIBLING_FILE_BYTES) files[at] = readFileSync(join(dir, f), 'utf8');
    }
  } catch (e) {
    return { ok: false, error: `cannot read the handler's folder ${dir}: ${errCode(e)}` };
  }
  return { ok: true, value: { config: config.config, files, root } };
}

/** A Python function: the handler's folder with its `.py` files (python-project.ts). */
async function loadPythonFunction(args: InvokeArgs): Promise<InputResult<{ config: FunctionConfig; files: Record<string, string> }>> {
  if (!isPythonRuntime(args.runtime)) {
    return { ok: false, error: `${args.file} is a Python file but --runtime is ${args.runtime}: use --runtime python3.12, python3.13 or python3.14` };
  }
  const { loadPythonProject } = await import('./python-project.ts');
  const project = loadPythonProject({ path: args.file, handler: args.handler });
  if (!project.ok) return project;
  const config = parseFunctionConfig({
    handler: project.value.handler,
    runtime: args.runtime,
    timeoutSeconds: args.timeout,
    memoryMB: args.memory,
    environment: args.env,
    logFormat: args.logFormat,
    ...(args.logLevel ? { applicationLogLevel: args.logLevel } : {}),
  });
  if (!config.ok) return { ok: false, error: config.error };
  return { ok: true, value: { config: config.config, files: project.value.files } };
}

/** Read `--event` or `--request` (the parser already refused both together). */
export async function loadInput(args: Pick<InvokeArgs, 'event' | 'request'>): Promise<InputResult<CliInput>> {
  if (args.request !== undefined) {
    const json = await readJsonFile('request file', args.request);
    if (!json.ok) return json;
    const spec = parseHttpRequestSpec(json.value);
    if (!spec.ok) return { ok: false, error: `request file ${args.request}: ${spec.error}` };
    return { ok: true, value: { kind: 'request', spec: spec.value } };
  }
  if (args.event !== undefined) {
    const text = await readTextFile('event file', args.event);
    if (!text.ok) return text;
    try {
      return { ok: true, value: { kind: 'event', text: text.value, value: JSON.parse(text.value) as unknown, validJson: true } };
    } catch {
      // Kept: the Invoke API answers invalid JSON with InvalidRequestContentException, which the simulator shows.
      return { ok: true, value: { kind: 'event', text: text.value, value: undefined, validJson: false } };
    }
  }
  return { ok: true, value: { kind: 'none' } };
}
