/**
 * Analyzer bench: top-1 accuracy on the held-out set of real excerpts (tests/engine/analyzer/held-out/,
 * never tuned line by line) and on the authored corpus (tests/engine/analyzer/corpus/), false confidence on
 * undecidable pastes (an answer where the text cannot decide; the target is 0), and the time to diagnose
 * and redact a 1 MB paste (wall-clock ms on this machine). `npm run bench` calls benchAnalyzer(); run
 * directly to print.
 */
import { diagnose, redact } from '../src/engine/analyzer/index.ts';
import { loadSignatures, scoreCorpus } from '../tests/engine/analyzer/corpus.ts';
import { scoreHeldOut } from '../tests/engine/analyzer/held-out.ts';

/** Measure the analyzer figures. */
export async function benchAnalyzer(): Promise<Array<{ name: string; value: number; unit: string }>> {
  const signatures = loadSignatures();
  const score = scoreCorpus(undefined, signatures);
  const held = scoreHeldOut(undefined, signatures);
  const line = '2026-01-12T09:14:03.112Z\t7c9e6679-7425-40de-944b-e07fc1f90ae7\tINFO\tprocessing item 42 from 203.0.113.7 for arn:aws:lambda:us-east-1:123456789012:function:orders\n';
  const big = line.repeat(Math.ceil(1_048_576 / line.length));
  diagnose(line, signatures); // compile the patterns once, as a page does on its first run
  const t0 = performance.now();
  diagnose(big, signatures);
  const diagnoseMs = performance.now() - t0;
  const t1 = performance.now();
  redact(big);
  const redactMs = performance.now() - t1;
  return [
    { name: 'analyzer held-out excerpts', value: held.total, unit: 'cases' },
    { name: 'analyzer held-out top-1 accuracy', value: round(held.accuracy * 100), unit: '%' },
    { name: 'analyzer false confidence on undecidable pastes', value: held.falseConfidence, unit: `of ${held.unknownCases}` },
    { name: 'analyzer held-out wrong cause', value: held.wrongCause, unit: 'cases' },
    { name: 'analyzer held-out missed (answered unknown)', value: held.missed, unit: 'cases' },
    { name: 'analyzer corpus excerpts', value: score.total, unit: 'cases' },
    { name: 'analyzer corpus top-1 accuracy', value: round(score.accuracy * 100), unit: '%' },
    { name: 'analyzer unknown cases answered unknown', value: score.unknownCorrect, unit: `of ${score.unknownCases}` },
    { name: 'analyzer confident wrong answers', value: score.wrongCause, unit: 'cases' },
    { name: 'analyzer signatures', value: signatures.length, unit: 'signatures' },
    { name: 'analyzer diagnose 1 MB paste', value: round(diagnoseMs), unit: 'ms' },
    { name: 'analyzer redact 1 MB paste', value: round(redactMs), unit: 'ms' },
  ];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await benchAnalyzer()) console.log(`${f.name}: ${f.value} ${f.unit}`);
}
