/**
 * Loads the held-out set (tests/engine/analyzer/held-out/excerpts.yaml): real log excerpts from public
 * sources, labelled from each source's own discussion. Shared by the held-out test and `npm run bench`.
 * The rule for this file is in held-out/README.md: signatures are never tuned line by line on it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { diagnose } from '../../../src/engine/analyzer/index.ts';
import type { Signature } from '../../../src/engine/analyzer/index.ts';
import { CAUSE_IDS, type CauseId } from '../../../src/engine/vocabulary.ts';
import { loadSignatures } from './corpus.ts';

/** Where a held-out excerpt comes from. */
export const HELD_OUT_KINDS = [
  'function-log-text',
  'function-log-json',
  'invoke-output',
  'console-test-output',
  'rest-execution-log',
  'rest-access-log',
  'http-api-access-log',
  'alb-access-log',
  'client-response',
  'step-functions',
] as const;

/** One held-out excerpt. */
export interface HeldOutCase {
  id: string;
  url: string;
  kind: (typeof HELD_OUT_KINDS)[number];
  label: CauseId | 'unknown';
  why: string;
  text: string;
}

const file = fileURLToPath(new URL('./held-out/excerpts.yaml', import.meta.url));

/** Parse the held-out file; throws with the entry id and field on a malformed entry. */
export function loadHeldOut(path = file): HeldOutCase[] {
  const entries = parse(readFileSync(path, 'utf8')) as Array<Record<string, unknown>>;
  return entries.map((e, i) => {
    const where = `held-out entry ${i + 1} (${String(e['id'])})`;
    for (const k of ['id', 'url', 'kind', 'label', 'why', 'text']) {
      if (typeof e[k] !== 'string' || (e[k] as string).trim() === '') throw new Error(`${where}: "${k}" must be a non-empty string`);
    }
    if (!/^https:\/\//.test(e['url'] as string)) throw new Error(`${where}: url must be an https address`);
    if (!(HELD_OUT_KINDS as readonly unknown[]).includes(e['kind'])) throw new Error(`${where}: kind must be one of ${HELD_OUT_KINDS.join(', ')}`);
    if (e['label'] !== 'unknown' && !(CAUSE_IDS as readonly unknown[]).includes(e['label'])) throw new Error(`${where}: label must be a cause id or unknown`);
    return e as unknown as HeldOutCase;
  });
}

/** Outcome of one held-out excerpt. */
export interface HeldOutResult {
  case: HeldOutCase;
  got: CauseId | 'unknown';
  confidence: 'high' | 'medium' | 'low' | 'none';
  ok: boolean;
}

/**
 * Run the analyzer on every excerpt. Top-1 accuracy counts an `unknown` excerpt answered unknown as
 * correct. False confidence: an excerpt labelled `unknown` that got any answer at medium or high
 * confidence (the analyzer claimed to know what the paste cannot say).
 */
export function scoreHeldOut(cases = loadHeldOut(), signatures: readonly Signature[] = loadSignatures()) {
  const results: HeldOutResult[] = cases.map((c) => {
    const first = diagnose(c.text, signatures).causes[0];
    const got = first?.cause ?? 'unknown';
    return { case: c, got, confidence: first?.confidence ?? 'none', ok: got === c.label };
  });
  const unknownResults = results.filter((r) => r.case.label === 'unknown');
  const correct = results.filter((r) => r.ok).length;
  return {
    results,
    total: results.length,
    correct,
    accuracy: correct / results.length,
    unknownCases: unknownResults.length,
    /** Undecidable excerpts that got an answer (medium or high confidence). */
    falseConfidence: unknownResults.filter((r) => r.got !== 'unknown').length,
    /** Excerpts with a cause that got a different cause. */
    wrongCause: results.filter((r) => r.case.label !== 'unknown' && r.got !== 'unknown' && !r.ok).length,
    /** Excerpts with a cause that got no answer. */
    missed: results.filter((r) => r.case.label !== 'unknown' && r.got === 'unknown').length,
  };
}
