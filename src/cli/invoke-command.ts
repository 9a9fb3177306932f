/**
 * `lambda-triage invoke`: run a handler file in the simulator and print the log stream and the
 * Invoke API result, or a JSON report (`--json`).
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readdirSync, statSync } from 'node:fs';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import { buildReport, createSimulator, parseFunctionConfig } from '../engine/index.ts';
import type { RuntimeId } from '../engine/vocabulary.ts';
import type { InvokeArgs } from './args.ts';

/** Where output goes (injected for tests). */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Exit codes: 0 all invocations succeeded, 1 a function failed, 2 usage or input error. */
export async function runInvoke(args: InvokeArgs, io: Io): Promise<number> {
  let source: string;
  try {
    source = await readFile(args.file, 'utf8');
  } catch (e) {
    io.err(`lambda-triage: cannot read handler file ${args.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return 2;
  }
  let event: unknown = {};
  let rawPayload: string | undefined;
  if (args.event !== undefined) {
    try {
      rawPayload = await readFile(args.event, 'utf8');
    } catch (e) {
      io.err(`lambda-triage: cannot read event file ${args.event}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return 2;
    }
    event = undefined;
  }
  const name = basename(args.file);
  const moduleName = name.replace(/\.(mjs|cjs|js)$/, '');
  const config = parseFunctionConfig({
    handler: args.handler ?? `${moduleName}.handler`,
    runtime: args.runtime as RuntimeId,
    timeoutSeconds: args.timeout,
    memoryMB: args.memory,
    environment: args.env,
  });
  if (!config.ok) {
    io.err(`lambda-triage: ${config.error}`);
    return 2;
  }
  // The function's files: the handler file plus small sibling .js/.mjs/.cjs/.json files (for relative imports).
  const files: Record<string, string> = { [name]: source };
  const dir = dirname(args.file);
  for (const f of readdirSync(dir)) {
    if (f === name || !/\.(mjs|cjs|js|json)$/.test(f)) continue;
    const p = join(dir, f);
    if (statSync(p).size < 1_000_000) files[f] = await readFile(p, 'utf8');
  }
  const quickjs = await newQuickJSWASMModuleFromVariant(RELEASE_SYNC);
  const fn = createSimulator({ quickjs }).createFunction(config.config, files);
  const reports = [];
  try {
    for (let i = 0; i < args.times; i++) {
      const record = rawPayload !== undefined ? await fn.invoke(null, { rawPayload }) : await fn.invoke(event);
      reports.push(buildReport(record));
    }
  } finally {
    fn.dispose();
  }
  if (args.json) {
    io.out(JSON.stringify({ invocations: reports }, null, 2));
  } else {
    for (const r of reports) {
      for (const line of r.logs) io.out(line);
      io.out('');
      io.out(`Invoke API: HTTP ${r.response.statusCode}${r.functionError ? ` (X-Amz-Function-Error: ${r.functionError})` : ''}`);
      io.out(r.response.body);
      if (r.pending.length > 0) io.out(`Pending when it ended: ${r.pending.join('; ')}`);
      io.out('');
    }
  }
  return reports.every((r) => r.outcome === 'success') ? 0 : 1;
}
