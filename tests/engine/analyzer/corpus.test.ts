import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/analyzer/index.ts';
import { CAUSE_IDS } from '../../../src/engine/vocabulary.ts';
import { loadCorpus, loadSignatures, scoreCorpus } from './corpus.ts';

const cases = loadCorpus();
const signatures = loadSignatures();

describe('analyzer corpus (tests/engine/analyzer/corpus/)', () => {
  it('has at least 60 excerpts, unique ids, and covers every cause and unknown', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    const expected = new Set(cases.map((c) => c.expect));
    expect(CAUSE_IDS.filter((c) => !expected.has(c))).toEqual([]);
    expect(expected.has('unknown')).toBe(true);
  });

  it('top-1 accuracy is at least 90%', () => {
    const score = scoreCorpus(cases, signatures);
    const misses = score.results.filter((r) => !r.ok).map((r) => `${r.case.file} ${r.case.id}: expected ${r.case.expect}, got ${r.got}`);
    expect(score.accuracy, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it.each(cases.filter((c) => c.expect === 'unknown').map((c) => [c.id, c] as const))('%s answers unknown with what to collect next', (_id, c) => {
    const d = diagnose(c.text, signatures);
    expect(d.causes).toEqual([]);
    expect(d.unknown?.next.length).toBeGreaterThan(0);
  });

  it.each(cases.filter((c) => c.alsoExpect.length > 0).map((c) => [c.id, c] as const))('%s also lists the runner-up causes', (_id, c) => {
    const listed = diagnose(c.text, signatures).causes.map((f) => f.cause);
    for (const cause of c.alsoExpect) expect(listed).toContain(cause);
  });
});
