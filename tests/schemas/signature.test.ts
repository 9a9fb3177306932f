import { describe, expect, it, vi } from 'vitest';
import { parseSignaturesYaml } from '../../src/schemas/signature.ts';

describe('parseSignaturesYaml', () => {
  it('reports a YAML warning as a mistake in its own words, and Node prints nothing', () => {
    const emitted = vi.spyOn(process, 'emitWarning');
    try {
      const r = parseSignaturesYaml('*68:\n');
      expect(r).toEqual({ ok: false, error: expect.stringMatching(/^content\/signatures\.yaml is not valid YAML: .*[Aa]lias/) });
      const directive = parseSignaturesYaml('%LAMBDA triage\n---\n[]\n');
      expect(directive.ok).toBe(false);
      expect(emitted).not.toHaveBeenCalled();
    } finally {
      emitted.mockRestore();
    }
  });
});
