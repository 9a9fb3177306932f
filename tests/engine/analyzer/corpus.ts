/**
 * Loads the labelled corpus (tests/engine/analyzer/corpus/*.yaml) and scores the analyzer on it.
 * Shared by the accuracy test and `npm run bench` (scripts/bench-analyzer.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { diagnose } from '../../../src/engine/analyzer/index.ts';
import type { Signature } from '../../../src/engine/analyzer/index.ts';
import { parseSignaturesYaml } from '../../../src/schemas/signature.ts';
import { CAUSE_IDS, type CauseId } from '../../../src/engine/vocabulary.ts';

/** One labelled excerpt. */
export interface CorpusCase {
  id: string;
  file: string;
  /** The expected first cause, or `unknown`. */
  expect: CauseId | 'unknown';
  /** Causes that must also be listed (for mixes). */
  alsoExpect: CauseId[];
  note: string;
  text: string;
}

const dir = fileURLToPath(new URL('./corpus/', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** Read every corpus file; throws with the file and entry on a malformed case. */
export function loadCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const entries = parse(readFileSync(join(dir, file), 'utf8')) as Array<Record<string, unknown>>;
    for (const e of entries) {
      const expect = e['expect'];
      if (typeof e['id'] !== 'string' || typeof e['text'] !== 'string') throw new Error(`${file}: an entry needs id and text`);
      if (expect !== 'unknown' && !(CAUSE_IDS as readonly unknown[]).includes(expect)) throw new Error(`${file} ${e['id']}: bad expect ${String(expect)}`);
      cases.push({
        id: e['id'],
        file,
        expect: expect as CauseId | 'unknown',
        alsoExpect: (e['alsoExpect'] as CauseId[] | undefined) ?? [],
        note: String(e['note'] ?? ''),
        text: e['text'],
      });
    }
  }
  return cases;
}

/** The signatures from content/signatures.yaml (throws with the schema's message when invalid). */
export function loadSignatures(): Signature[] {
  const parsed = parseSignaturesYaml(readFileSync(join(repo, 'content/signatures.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** Outcome of one case. */
export interface CaseResult {
  case: CorpusCase;
  got: string;
  ok: boolean;
}

/** Run the analyzer on every case; top-1 accuracy counts `unknown` cases answered unknown as correct. */
export function scoreCorpus(cases = loadCorpus(), signatures = loadSignatures()) {
  const results: CaseResult[] = cases.map((c) => {
    const d = diagnose(c.text, signatures);
    const got = d.causes[0]?.cause ?? 'unknown';
    return { case: c, got, ok: got === c.expect };
  });
  const correct = results.filter((r) => r.ok).length;
  const unknownCases = results.filter((r) => r.case.expect === 'unknown');
  return {
    results,
    total: results.length,
    correct,
    accuracy: correct / results.length,
    unknownCases: unknownCases.length,
    unknownCorrect: unknownCases.filter((r) => r.ok).length,
    /** Cases expecting a cause that got a different cause (a confident wrong answer). */
    wrongCause: results.filter((r) => !r.ok && r.got !== 'unknown').length,
  };
}
