import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

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
    expect(r.out.split('\n')[0]).toMatch(/^ID\s+CAUSE\s+TITLE$/);
    expect(r.out).toContain('order-without-items');
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
