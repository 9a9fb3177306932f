/**
 * The log analyzer: reads pasted text line by line, tries each signature on the lines of the kind it
 * describes, and ranks causes by the evidence found. Pure: no DOM, no Node built-ins, no clock.
 */
import type { CauseId } from '../vocabulary.ts';
import { classifyLines } from './classify.ts';
import type { CauseFinding, Diagnosis, Evidence, LineSource, Signature } from './types.ts';

/** Largest input read (characters, about 5 MB of ASCII); the rest is ignored and `stats.truncated` is set. */
export const MAX_INPUT_CHARS = 5_000_000;
/** Lines longer than this (characters, 64 KiB) are cut before matching, which bounds every regex run. */
export const MAX_LINE_CHARS = 65_536;
/** Evidence lines are cut to this many characters in the answer. */
export const MAX_EVIDENCE_CHARS = 2_000;
/** At most this many evidence lines are kept per cause (the strongest signatures' lines first). */
export const MAX_EVIDENCE_PER_CAUSE = 12;
/** A cause needs at least this many points to be an answer; below it the analyzer answers `unknown`. */
export const ANSWER_THRESHOLD = 4;
/** Once there is an answer, other causes are listed when they have at least this many points. */
export const MIN_LISTED_SCORE = 2;
/** From this many points a cause is reported with high confidence. */
export const HIGH_CONFIDENCE_SCORE = 8;
/** Factor applied (once) to a cause that a matched, more specific signature suppresses. */
export const SUPPRESS_FACTOR = 0.5;
/** Share of the weight that each signature after a cause's strongest one adds. */
export const EXTRA_SIGNATURE_SHARE = 0.2;

/** What to collect when nothing decisive was found. */
export const DEFAULT_NEXT: readonly string[] = [
  "The function's CloudWatch log for the failing request, from START to REPORT, including ERROR lines (log group /aws/lambda/<function name>).",
  'The exact response the caller got: status line, headers (x-amzn-ErrorType, Server, X-Amz-Function-Error) and body.',
  "For a REST API: the stage's execution log for the request (logging level ERROR or INFO), especially the lines that start with \"Execution failed\" or \"Lambda execution failed\".",
  'For a load balancer: the access log entry of the request, whose error_reason field names the Lambda failure.',
];

/**
 * What to collect next when the paste is of a kind that cannot decide on its own, put before the general
 * list. A Step Functions task failure carries the function's error only when the function ran
 * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
 */
export const NEXT_BY_SOURCE: Readonly<Partial<Record<LineSource, string>>> = {
  'step-functions':
    "The state machine's execution history for the failed task (TaskFailed or LambdaFunctionFailed event) and the function's own log at that time: when the function ran, its error is the task's cause; States.TaskFailed alone says Step Functions could not tell.",
  'alb-access-log': "The entry's error_reason field (the last quoted field): without it, a 502 from a Lambda target does not say which failure it was.",
};

interface Compiled {
  sig: Signature;
  regexes: RegExp[];
  sources: ReadonlySet<string>;
  strict: boolean;
}

const compiledCache = new WeakMap<readonly Signature[], Compiled[]>();

function compile(signatures: readonly Signature[]): Compiled[] {
  const cached = compiledCache.get(signatures);
  if (cached) return cached;
  const out: Compiled[] = [];
  for (const sig of signatures) {
    const regexes: RegExp[] = [];
    for (const p of sig.patterns) {
      try {
        regexes.push(new RegExp(p, (sig.flags ?? '').replace(/[^i]/g, '')));
      } catch {
        // An invalid pattern is reported by the schema; the engine skips it rather than failing the paste.
      }
    }
    const sources = new Set<string>(typeof sig.source === 'string' ? [sig.source] : sig.source);
    out.push({ sig, regexes, sources, strict: sig.strictSource === true });
  }
  compiledCache.set(signatures, out);
  return out;
}

/**
 * Is a signature tried on a line of this kind? Unclassified lines get every signature that is not
 * `strictSource`. A Step Functions task failure carries the function's own error payload as its cause
 * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html), so signatures
 * for invoke output apply to it too.
 */
function applies(c: Compiled, source: LineSource): boolean {
  if (source === 'plain') return !c.strict;
  if (c.sources.has(source)) return true;
  return source === 'step-functions' && c.sources.has('invoke-output');
}

/** Split text into lines (\n, \r\n, and the \r the Node.js runtime puts inside one log entry). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Diagnose pasted text. Returns likely causes best first, each with the lines that point to it; when no
 * cause reaches {@link ANSWER_THRESHOLD} points, `causes` is empty and `unknown.next` says what to collect.
 */
export function diagnose(text: string, signatures: readonly Signature[]): Diagnosis {
  const truncated = text.length > MAX_INPUT_CHARS;
  const input = truncated ? text.slice(0, MAX_INPUT_CHARS) : text;
  const lines = splitLines(input).map((raw) => (raw.length > MAX_LINE_CHARS ? raw.slice(0, MAX_LINE_CHARS) : raw));
  const lineSources = classifyLines(lines);
  const compiled = compile(signatures);
  const sourceCounts: Partial<Record<LineSource, number>> = {};
  // signature id -> evidence (first few lines) and how many lines matched
  const hits = new Map<string, { sig: Signature; evidence: Evidence[] }>();

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim().length < 3) continue;
    const source = lineSources[i] ?? 'plain';
    sourceCounts[source] = (sourceCounts[source] ?? 0) + 1;
    for (const c of compiled) {
      if (!applies(c, source)) continue;
      if (!c.regexes.some((r) => r.test(line))) continue;
      let hit = hits.get(c.sig.id);
      if (!hit) {
        hit = { sig: c.sig, evidence: [] };
        hits.set(c.sig.id, hit);
      }
      if (hit.evidence.length < MAX_EVIDENCE_PER_CAUSE) {
        hit.evidence.push({
          line: line.length > MAX_EVIDENCE_CHARS ? `${line.slice(0, MAX_EVIDENCE_CHARS)}…` : line,
          lineNumber: i + 1,
          signature: c.sig.id,
          source,
        });
      }
    }
  }

  // A matched signature can cancel another's evidence (the same words meaning something else here).
  for (const hit of [...hits.values()]) for (const id of hit.sig.negates ?? []) if (id !== hit.sig.id) hits.delete(id);

  const byCause = new Map<CauseId, Array<{ sig: Signature; evidence: Evidence[] }>>();
  for (const hit of hits.values()) {
    const list = byCause.get(hit.sig.cause) ?? [];
    list.push(hit);
    byCause.set(hit.sig.cause, list);
  }
  const suppressed = new Set<CauseId>();
  for (const hit of hits.values()) for (const c of hit.sig.suppresses ?? []) if (c !== hit.sig.cause) suppressed.add(c);

  const findings: Array<CauseFinding & { top: number; first: number }> = [];
  for (const [cause, list] of byCause) {
    list.sort((a, b) => b.sig.weight - a.sig.weight || (a.evidence[0]?.lineNumber ?? 0) - (b.evidence[0]?.lineNumber ?? 0));
    const [best, ...rest] = list;
    if (!best) continue;
    let score = best.sig.weight + EXTRA_SIGNATURE_SHARE * rest.reduce((s, h) => s + h.sig.weight, 0);
    if (suppressed.has(cause)) score *= SUPPRESS_FACTOR;
    const evidence = list
      .flatMap((h) => h.evidence)
      .slice(0, MAX_EVIDENCE_PER_CAUSE)
      .sort((a, b) => a.lineNumber - b.lineNumber || a.signature.localeCompare(b.signature));
    const next = [...new Set(list.flatMap((h) => h.sig.next))].slice(0, 5);
    findings.push({
      cause,
      score: round(score),
      confidence: score >= HIGH_CONFIDENCE_SCORE ? 'high' : score >= ANSWER_THRESHOLD ? 'medium' : 'low',
      evidence,
      explanation: best.sig.explanation,
      next,
      top: best.sig.weight,
      first: evidence[0]?.lineNumber ?? 0,
    });
  }
  findings.sort((a, b) => b.score - a.score || b.top - a.top || a.first - b.first || a.cause.localeCompare(b.cause));
  const clean = findings.map(({ top: _top, first: _first, ...f }) => f);
  const stats = { lines: lines.length, truncated, sources: sourceCounts };

  const best = clean[0];
  if (!best || best.score < ANSWER_THRESHOLD) {
    const hinted = clean.flatMap((f) => f.next);
    const bySource = (Object.keys(sourceCounts) as LineSource[]).flatMap((k) => NEXT_BY_SOURCE[k] ?? []);
    return { causes: [], unknown: { next: [...new Set([...bySource, ...hinted, ...DEFAULT_NEXT])].slice(0, 6), leads: clean }, stats };
  }
  return { causes: clean.filter((f, i) => i === 0 || f.score >= MIN_LISTED_SCORE), stats };
}
