import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { scenarioPythonExecutor } from '../../src/cli/scenarios-command.ts';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lambda-triage scenarios', () => {
  it('lists id, cause and title as JSON', async () => {
    const r = await run('scenarios', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out).scenarios;
    expect(list.length).toBeGreaterThanOrEqual(16);
    expect(list.find((s: { id: string }) => s.id === 'product-body-object')).toMatchObject({ cause: 'malformed-response', title: expect.any(String) });
  });

  it('lists as a table', async () => {
    const r = await run('scenarios');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^ID\s+CAUSE\s+RUNTIME\s+TITLE$/);
    expect(r.out).toContain('order-without-items');
    expect(r.out).toMatch(/^py-rest-body-dict\s+malformed-response\s+python3\.13\s+Stock badge is blank/m);
    expect(r.out).toMatch(/^order-without-items\s+\S+\s+nodejs\S+\s+/m);
  });

  it('lists the Python scenarios with their runtime', async () => {
    const list = JSON.parse((await run('scenarios', '--json')).out).scenarios as Array<{ id: string; runtime: string }>;
    const python = list.filter((s) => s.runtime.startsWith('python')).map((s) => s.id);
    // Every scenario of content/ whose function runs on a python runtime (a new one needs no change here).
    const dir = new URL('../../content/scenarios/', import.meta.url);
    const onPython = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/scenario.yaml`, dir)))
      .filter((d) => /^\s*runtime:\s*python/m.test(readFileSync(new URL(`${d.name}/scenario.yaml`, dir), 'utf8')))
      .map((d) => d.name);
    expect(onPython.length).toBeGreaterThanOrEqual(6);
    expect([...python].sort()).toEqual(onPython.sort());
    expect(list.find((s) => s.id === 'product-body-object')?.runtime).toMatch(/^nodejs/);
  });
});

describe('lambda-triage scenario <id>, Python', () => {
  it('fails the broken Python handler with exit 1: the REST API could not use a dict body', async () => {
    const r = await run('scenario', 'py-rest-body-dict', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ id: 'py-rest-body-dict', passed: false });
    expect(report.smallestFailure).toMatchObject({ name: 'shown', response: { status: 502 } });
    expect(report.smallestFailure.decisiveLogLine).toContain('Malformed Lambda proxy response');
  }, 120_000);

  it('passes the Python solution with exit 0 (--solution)', async () => {
    const r = await run('scenario', 'py-receipt-datetime', '--solution');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PASSED  py-receipt-datetime \(solution\)/);
  }, 120_000);

  it('runs your own .py file, and refuses a JavaScript file for a Python scenario (and the reverse)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lt-scenario-py-'));
    const fix = join(dir, 'fix.py');
    // Returns the time as text but drops the total: the time check passes, the total check fails.
    writeFileSync(fix, "from datetime import datetime, timezone\n\ndef lambda_handler(event, context):\n    return {'orderId': event['orderId'], 'issuedAt': datetime.now(timezone.utc).isoformat()}\n");
    const r = await run('scenario', 'py-receipt-datetime', '--handler', fix, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.checks.find((c: { id: string }) => c.id === 'receipt-has-time').passed).toBe(true);
    expect(report.checks.find((c: { id: string }) => c.id === 'receipt-has-total').passed).toBe(false);

    const js = join(dir, 'fix.mjs');
    writeFileSync(js, 'export const handler = async () => 1;');
    const wrong = await run('scenario', 'py-receipt-datetime', '--handler', js);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toBe(`lambda-triage scenario: py-receipt-datetime runs python3.13: give a Python file (--handler my-fix.py), not ${js}.`);
    const reverse = await run('scenario', 'product-body-object', '--handler', fix);
    expect(reverse.code).toBe(2);
    expect(reverse.err).toContain('give a JavaScript file (--handler my-fix.mjs)');
  }, 120_000);

  it('loads the Python executor only for a Python scenario', async () => {
    expect(await scenarioPythonExecutor({ function: { runtime: 'nodejs22.x' } as never })).toEqual({});
    const py = await scenarioPythonExecutor({ function: { runtime: 'python3.13' } as never });
    expect(py.pythonExecutor?.kind).toBe('python');
  });
});

describe('lambda-triage scenario <id>', () => {
  it('fails the broken handler with exit 1 and shows the smallest failing case', async () => {
    const r = await run('scenario', 'product-body-object', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ id: 'product-body-object', passed: false });
    expect(report.smallestFailure).toMatchObject({ name: 'shown', response: { status: 502, body: '{"message": "Internal server error"}' } });
    expect(report.smallestFailure.decisiveLogLine).toContain('Malformed Lambda proxy response');
  });

  it('passes the solution with exit 0', async () => {
    const r = await run('scenario', 'product-body-object', '--solution');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PASSED/);
  });

  it('runs your own handler file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lt-scenario-'));
    const file = join(dir, 'fix.mjs');
    // Answers 200 to everything: passes the status check, fails the body checks.
    writeFileSync(file, "export const handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' });");
    const r = await run('scenario', 'product-body-object', '--handler', file, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.checks.find((c: { id: string }) => c.id === 'product-is-200').passed).toBe(true);
    expect(report.checks.find((c: { id: string }) => c.id === 'body-is-the-product').passed).toBe(false);
  });

  it('takes an edited config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lt-scenario-'));
    const file = join(dir, 'function.json');
    writeFileSync(file, '{ "reservedConcurrency": 5 }');
    expect((await run('scenario', 'reserved-concurrency-zero', '--config', file)).code).toBe(0);
    writeFileSync(file, '{ "reservedConcurrency": -1 }');
    const bad = await run('scenario', 'reserved-concurrency-zero', '--config', file, '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).submissionError).toContain('reservedConcurrency');
  });

  it.each([
    [['scenario'], 'needs one scenario id'],
    [['scenario', 'nope'], 'no scenario "nope"'],
    [['scenario', 'product-body-object', '--solution', '--handler', 'x.mjs'], 'not both'],
    [['scenario', 'product-body-object', '--handler', '/does/not/exist.mjs'], 'no such file'],
    [['scenario', 'product-body-object', '--config', 'x.json'], 'no configuration file'],
    [['scenarios', '--bogus'], 'unknown option --bogus for scenarios; run `lambda-triage scenarios --help` for the options'],
  ])('exits 2 for bad usage: %j', async (argv, fragment) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(fragment);
  });
});
