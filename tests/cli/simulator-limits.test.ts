/**
 * The simulator's own limits (SimulatorLimitError: the real-memory budget, the cap on live Python environments)
 * on every CLI path that can meet them: one plain `lambda-triage: … [LT-SIM-MEMORY-BUDGET]` line on stderr and
 * exit status 2, never a stack trace or an invented outcome.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { parseCliArgs, type InvokeArgs } from '../../src/cli/args.ts';
import { runLoadCommand } from '../../src/cli/load-command.ts';
import { runAsyncCommand } from '../../src/cli/async-command.ts';
import { describeSimulatorLimit, withSimulatorLimits } from '../../src/cli/limit-errors.ts';
import { createPythonExecutor } from '../../src/engine/executor/python-executor.ts';
import { SimulatorLimitError } from '../../src/engine/lambda/limits.ts';
import { parseFunctionConfig } from '../../src/engine/lambda/function-config.ts';
import type { FunctionConfig } from '../../src/engine/types.ts';
import { getTestQuickJS } from '../engine/quickjs.ts';

const dir = mkdtempSync(join(tmpdir(), 'lt-cli-limits-'));
// 500 MiB at once: past the simulator's 384 MiB real-memory budget, far below a 3,008 MB function on Lambda.
const bigPy = join(dir, 'big.py');
writeFileSync(bigPy, 'def lambda_handler(event, context):\n    data = bytearray(500 * 1024 * 1024)\n    return len(data)\n');
const smallPy = join(dir, 'small.py');
writeFileSync(smallPy, 'def lambda_handler(event, context):\n    return 1\n');
const bigMjs = join(dir, 'big.mjs');
writeFileSync(bigMjs, 'const keep = [];\nexport const handler = async () => { for (let i = 0; i < 500; i++) keep.push(Buffer.alloc(1024 * 1024, i)); return { statusCode: 200, body: String(keep.length) }; };\n');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

function expectOneLimitLine(r: { code: number; out: string[]; err: string[] }, kind: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(/^lambda-triage( scenario)?: /);
  expect(r.err[0]).toMatch(kind);
  expect(r.err[0]).toMatch(/\[LT-SIM-MEMORY-BUDGET\]$/);
  expect(r.err[0]).not.toMatch(/\n\s+at /);
}

function argsOf(argv: string[]): InvokeArgs {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok || 'help' in parsed) throw new Error('bad test arguments');
  return parsed.args;
}

describe('the real-memory budget on each CLI path (Python)', () => {
  it('a single invoke', async () => {
    const r = await run('invoke', bigPy, '--memory', '3008');
    expectOneLimitLine(r, /needs more than the 384 MiB of real memory the simulator may use \(it had reached about \d+ MB of simulated Python memory, below the function's 3008 MB/);
    expect(r.out).toEqual([]);
  }, 60_000);

  it('a load run (--load)', async () => {
    const r = await run('invoke', bigPy, '--memory', '3008', '--load', '3', '--rate', '10');
    expectOneLimitLine(r, /384 MiB of real memory/);
    expect(r.out).toEqual([]);
  }, 60_000);

  it('an asynchronous invocation (--invocation-type Event)', async () => {
    const r = await run('invoke', bigPy, '--memory', '3008', '--invocation-type', 'Event');
    expectOneLimitLine(r, /384 MiB of real memory/);
    expect(r.out).toEqual([]);
  }, 60_000);
});

describe('the cap on live Python environments', () => {
  // A cap of 0 stops the first environment before Pyodide loads: the same error a load run past 32 live
  // environments meets, without starting 33 interpreters in a test.
  const capped = () =>
    createPythonExecutor({
      loadPyodide: () => Promise.reject(new Error('Pyodide must not load past the cap')),
      maxLiveEnvironments: 0,
    });

  it('a load run ends with one line naming the cap and what to lower', async () => {
    const args = argsOf(['invoke', smallPy, '--load', '5', '--rate', '10']);
    const out: string[] = [];
    const err: string[] = [];
    const code = await withSimulatorLimits(
      (s) => err.push(s),
      async () => runLoadCommand(args, await getTestQuickJS(), pythonConfig(), { 'lambda_function.py': '' }, { rawEvent: {} }, (s) => out.push(s), undefined, capped()),
    );
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^lambda-triage: This run needs more than 0 Python execution environments at once; .* lower the concurrency \(--load\/--rate, --reserved-concurrency\)\. \[LT-SIM-MEMORY-BUDGET\]$/);
  }, 60_000);

  it('an asynchronous invocation ends the same way', async () => {
    const args = argsOf(['invoke', smallPy, '--invocation-type', 'Event']);
    const err: string[] = [];
    const code = await withSimulatorLimits(
      (s) => err.push(s),
      async () => runAsyncCommand(args, await getTestQuickJS(), pythonConfig(), { 'lambda_function.py': '' }, { kind: 'none' }, () => undefined, undefined, capped()),
    );
    expect(code).toBe(2);
    expect(err[0]).toMatch(/Python execution environments at once.*\[LT-SIM-MEMORY-BUDGET\]$/);
  }, 60_000);
});

describe('the real-memory budget in `lambda-triage scenario`', () => {
  it('a submitted handler that needs more real memory than the simulator may use: not passed, one plain line, no stack trace', async () => {
    // catalogue-over-6mb runs with 1,024 MB: 500 MiB of buffers is allowed on Lambda, past the budget here. The
    // scenario runner reports the limit as the submission's error (src/engine/scenarios/run.ts), so exit 1.
    const r = await run('scenario', 'catalogue-over-6mb', '--handler', bigMjs);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([]);
    expect(r.out[0]).toBe(`FAILED  catalogue-over-6mb (${bigMjs})`);
    expect(r.out[1]).toMatch(/^  The scenario could not run: This program needs more than the 384 MiB of real memory the simulator may use .*--runner node/);
    expect(r.out.join('\n')).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe('the real-memory budget in `lambda-triage check --runner sandbox`', () => {
  it('one plain line and exit 2, not a stack trace', async () => {
    const project = mkdtempSync(join(tmpdir(), 'lt-cli-limits-check-'));
    writeFileSync(join(project, 'app.mjs'), readFileSync(bigMjs, 'utf8'));
    writeFileSync(
      join(project, 'template.yaml'),
      [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  BigFunction:',
        '    Type: AWS::Serverless::Function',
        '    Properties: { CodeUri: ., Handler: app.handler, Runtime: nodejs22.x, MemorySize: 3008 }',
        '',
      ].join('\n'),
    );
    const r = await run('check', join(project, 'template.yaml'), '--runner', 'sandbox');
    expectOneLimitLine(r, /384 MiB of real memory/);
  }, 60_000);
});

describe('describeSimulatorLimit', () => {
  it('describes only SimulatorLimitError; other errors pass through withSimulatorLimits unchanged', async () => {
    expect(describeSimulatorLimit(new SimulatorLimitError(1024 * 1024, 10, 128))).toMatch(/^This program needs more than the 1 MiB .*\[LT-SIM-MEMORY-BUDGET\]$/);
    expect(describeSimulatorLimit(new Error('x'))).toBeNull();
    const bug = new TypeError('a simulator bug');
    await expect(withSimulatorLimits(() => undefined, () => Promise.reject(bug))).rejects.toBe(bug);
  });
});

/** A Python function's configuration with Lambda's defaults (what `invoke` builds for a `.py` file). */
function pythonConfig(): FunctionConfig {
  const r = parseFunctionConfig({ runtime: 'python3.13', handler: 'lambda_function.lambda_handler', functionName: 'my-function' });
  if (!r.ok) throw new Error(r.error);
  return r.config;
}
