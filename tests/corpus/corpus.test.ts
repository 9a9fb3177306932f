/**
 * The real-handler corpus: every public handler in tests/corpus/cases must give, in the sandbox, the result AWS
 * gives (its case.json `expected`), except the cases listed in known-gaps.json, which must still fail (a fixed gap
 * has to leave the list). The CLI runs in this process (`main` from src/cli/main.ts, the same code as
 * `bin/lambda-triage.mjs`), which saves a Node start per case; `npm run corpus` runs the same cases as processes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { ROOT, compareCase, loadCases, loadKnownGaps, runCases, type CaseRun, type Comparison } from '../../scripts/run-corpus.mjs';

const cases = loadCases();
const gaps = loadKnownGaps();
const gapIds = new Set(gaps.map((g) => g.id));

/** The CLI in-process: same arguments, output captured. */
async function execInProcess(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (s: string) => void (stdout += s + '\n'), err: (s: string) => void (stderr += s + '\n') });
  return { code, stdout, stderr };
}

describe('corpus manifests', () => {
  it('has at least 36 cases from at least 6 public repositories', () => {
    expect(cases.length).toBeGreaterThanOrEqual(36);
    expect(new Set(cases.map((c) => c.manifest?.source.repo)).size).toBeGreaterThanOrEqual(6);
  });

  it('every case.json is complete (source, licence, commit, input, expectation and its justification)', () => {
    const problems = cases.flatMap((c) => c.problems.map((p) => `${c.id}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('copies only from repositories whose licence allows redistribution', () => {
    const ok = /^(MIT|MIT-0|Apache-2\.0|BSD)/;
    expect(cases.filter((c) => !ok.test(c.manifest?.source.licence ?? '')).map((c) => c.id)).toEqual([]);
  });

  it('covers the kinds of handler the corpus is meant to hold', () => {
    const tags = new Set(cases.flatMap((c) => c.manifest?.tags ?? []));
    const wanted = ['rest', 'http-api', 'function-url', 'alb', 'sqs', 'sns', 's3', 'eventbridge', 'dynamodb-stream', 'cloudwatch-logs',
      'sdk-dynamodb', 'lib-dynamodb', 'sdk-s3', 'sdk-sqs', 'sdk-sns', 'sdk-secrets-manager', 'sdk-ssm', 'sdk-eventbridge',
      'middy', 'powertools', 'zod', 'axios', 'express', 'callback', 'typescript', 'commonjs', 'esm', 'project', 'fails-on-aws'];
    expect(wanted.filter((t) => !tags.has(t))).toEqual([]);
    expect(cases.filter((c) => c.manifest?.tags.includes('fails-on-aws')).length).toBeGreaterThanOrEqual(3);
  });

  it('finds at the repository root the package versions each expectation was checked against', () => {
    const drift: string[] = [];
    for (const c of cases) {
      const packages = (c.manifest as { packages?: Record<string, string | null> } | null)?.packages ?? {};
      for (const [name, version] of Object.entries(packages)) {
        const file = join(ROOT, 'node_modules', name, 'package.json');
        const installed = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : null;
        if (installed !== version) drift.push(`${c.id}: ${name} is ${installed ?? 'not installed'}, the expectation was checked with ${version ?? 'no such package'}: check it again and update case.json`);
      }
    }
    expect(drift).toEqual([]);
  });

  it('lists known gaps by existing case, each with a reason, at most 20% of the corpus', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(gaps.filter((g) => !ids.has(g.id)).map((g) => g.id)).toEqual([]);
    expect(gaps.filter((g) => typeof g.reason !== 'string' || g.reason.length < 20).map((g) => g.id)).toEqual([]);
    expect(gapIds.size).toBe(gaps.length);
    expect(gaps.length).toBeLessThanOrEqual(Math.floor(cases.length * 0.2));
  });
});

describe('compareCase', () => {
  const got = { outcome: 'success', errorType: null, errorMessage: null, result: { statusCode: 200, body: 'x' }, statusCode: 502, body: 'b' };
  it('compares only the fields a case states', () => {
    expect(compareCase({ outcome: 'success' }, got).match).toBe(true);
    expect(compareCase({ outcome: 'success', resultIncludes: { statusCode: 200 } }, got).match).toBe(true);
  });
  it('reports each field that differs', () => {
    const c = compareCase({ outcome: 'function-error', errorType: 'Error', statusCode: 200, result: null }, got);
    expect(c.match).toBe(false);
    expect(c.mismatches.map((m) => m.split(':')[0])).toEqual(['outcome', 'errorType', 'statusCode', 'result']);
  });
});

describe('corpus in the sandbox', () => {
  const results = new Map<string, { run: CaseRun; comparison: Comparison }>();
  beforeAll(async () => {
    const runnable = cases.filter((c) => c.problems.length === 0);
    for (const [id, r] of await runCases(runnable, { exec: execInProcess, jobs: 1 })) results.set(id, r);
  }, 900_000);

  for (const c of cases) {
    const gap = gaps.find((g) => g.id === c.id);
    it(gap ? `${c.id} (known gap: still fails)` : `${c.id} matches AWS`, () => {
      const r = results.get(c.id);
      expect(r, `${c.id} did not run: ${c.problems.join('; ')}`).toBeDefined();
      if (!r) return;
      if (gap) {
        expect(r.comparison.match, `${c.id} now matches AWS: remove it from tests/corpus/known-gaps.json`).toBe(false);
      } else {
        expect(r.comparison.mismatches, `lambda-triage ${r.run.argv.join(' ')}`).toEqual([]);
      }
    });
  }
});
