import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/analyzer/index.ts';
import { CAUSE_IDS } from '../../../src/engine/vocabulary.ts';
import { loadSignatures } from './corpus.ts';
import { loadHeldOut, scoreHeldOut } from './held-out.ts';

const cases = loadHeldOut();
const signatures = loadSignatures();

/** Top-1 accuracy the held-out set must keep (issue 18). */
const MIN_HELD_OUT_ACCURACY = 0.95;

describe('held-out excerpts (tests/engine/analyzer/held-out/)', () => {
  it('has at least 70 real excerpts with unique ids and sources, covering every cause and unknown', () => {
    expect(cases.length).toBeGreaterThanOrEqual(70);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) expect(c.url, c.id).toMatch(/^https:\/\/[a-z0-9.-]+\//);
    const labels = new Set(cases.map((c) => c.label));
    expect(CAUSE_IDS.filter((c) => !labels.has(c))).toEqual([]);
    expect(cases.filter((c) => c.label === 'unknown').length).toBeGreaterThanOrEqual(8);
  });

  it('covers the log kinds people paste', () => {
    const kinds = new Set(cases.map((c) => c.kind));
    for (const k of ['function-log-text', 'function-log-json', 'invoke-output', 'console-test-output', 'rest-execution-log', 'rest-access-log', 'client-response', 'step-functions'] as const) {
      expect(kinds.has(k), k).toBe(true);
    }
  });

  it(`top-1 accuracy is at least ${MIN_HELD_OUT_ACCURACY * 100}%`, () => {
    const s = scoreHeldOut(cases, signatures);
    const misses = s.results.filter((r) => !r.ok).map((r) => `${r.case.id}: expected ${r.case.label}, got ${r.got} (${r.confidence})`);
    expect(s.accuracy, misses.join('\n')).toBeGreaterThanOrEqual(MIN_HELD_OUT_ACCURACY);
  });

  it('no undecidable excerpt gets an answer (false confidence is 0)', () => {
    const s = scoreHeldOut(cases, signatures);
    const confident = s.results.filter((r) => r.case.label === 'unknown' && r.got !== 'unknown').map((r) => `${r.case.id}: ${r.got} (${r.confidence})`);
    expect(confident).toEqual([]);
    expect(s.falseConfidence).toBe(0);
  });

  it.each(cases.filter((c) => c.label === 'unknown').map((c) => [c.id, c] as const))('%s stays unknown and says what to collect next', (_id, c) => {
    const d = diagnose(c.text, signatures);
    expect(d.causes).toEqual([]);
    expect(d.unknown?.next.length).toBeGreaterThan(0);
  });

  it('the scorer can fail: a wrong label is counted as a miss and an answered unknown as false confidence', () => {
    const [first] = cases;
    if (!first) throw new Error('no held-out cases');
    const wrong = { ...first, label: first.label === 'timeout' ? ('throttling' as const) : ('timeout' as const) };
    const answered = { ...first, label: 'unknown' as const };
    const s = scoreHeldOut([wrong, answered], signatures);
    expect(s.correct).toBe(0);
    expect(s.falseConfidence).toBe(1);
  });

  it('a malformed entry is reported with its id and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lt-held-out-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, '- id: x\n  url: http://example.com\n  kind: function-log-text\n  label: timeout\n  why: w\n  text: t\n');
    expect(() => loadHeldOut(bad)).toThrow(/held-out entry 1 \(x\): url must be an https address/);
    writeFileSync(bad, '- id: y\n  url: https://github.com/a/b\n  kind: syslog\n  label: timeout\n  why: w\n  text: t\n');
    expect(() => loadHeldOut(bad)).toThrow(/kind must be one of/);
    writeFileSync(bad, '- id: z\n  url: https://github.com/a/b\n  kind: step-functions\n  label: slowness\n  why: w\n  text: t\n');
    expect(() => loadHeldOut(bad)).toThrow(/label must be a cause id or unknown/);
  });
});
