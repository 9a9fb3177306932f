/**
 * /tmp full (ENOSPC): the signature `tmp-no-space-left` answers the out-of-memory cause (the guide's /tmp
 * section lives there) for every runtime's wording, on the authored corpus and on the held-out excerpts.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/analyzer/index.ts';
import { loadCorpus, loadSignatures } from './corpus.ts';
import { loadHeldOut } from './held-out.ts';

const signatures = loadSignatures();
const top = (text: string) => {
  const d = diagnose(text, signatures);
  return { cause: d.causes[0]?.cause ?? 'unknown', d };
};

describe('tmp-no-space-left (ENOSPC)', () => {
  it('every authored tmp-full corpus case gets its expected answer', () => {
    const cases = loadCorpus().filter((c) => c.id.startsWith('tmp-full-'));
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const c of cases) expect(top(c.text).cause, c.id).toBe(c.expect);
  });

  it('every held-out /tmp excerpt (Node.js and Python, log and invoke output) is answered out-of-memory', () => {
    const cases = loadHeldOut().filter((c) => /no space left on device/i.test(c.text));
    expect(cases.length).toBeGreaterThanOrEqual(2);
    for (const c of cases) expect(top(c.text).cause, c.id).toBe('out-of-memory');
  });

  it.each([
    ['Node.js text log', "2026-03-02T09:14:07.402Z\t7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b\tERROR\tInvoke Error \t{\"errorType\":\"Error\",\"errorMessage\":\"ENOSPC: no space left on device, open '/tmp/out.csv'\"}"],
    ['invoke output', '{"errorType":"Error","errorMessage":"ENOSPC: no space left on device, write","trace":["Error: ENOSPC: no space left on device, write"]}'],
    ['Java', '2026-03-02 09:14:07 7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b ERROR java.io.IOException: No space left on device'],
  ])('%s: the answer names the signature and the /tmp evidence', (_, text) => {
    const { cause, d } = top(text);
    expect(cause).toBe('out-of-memory');
    const ids = d.causes[0]?.evidence.map((e) => e.signature) ?? [];
    expect(ids).toContain('tmp-no-space-left');
  });
});
