/**
 * Schema of `content/signatures.yaml`: the log signatures the analyzer (`/analyze/`, `lambda-triage
 * diagnose`) matches against pasted text. Adding a signature is a data change: this schema checks it,
 * the engine (src/engine/analyzer/) reads it as plain data.
 */
import { z } from 'astro/zod';
import { parseDocument } from 'yaml';
import { causeIdSchema } from './cause.ts';
import { SIGNATURE_SOURCES } from '../engine/analyzer/types.ts';

const list = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

const signatureId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a signature id is lower-case words joined by hyphens, e.g. "task-timed-out".');

const sourceSchema = z.enum(SIGNATURE_SOURCES, {
  error: (issue) => `"${String(issue.input)}" is not a log source. Use one of ${list(SIGNATURE_SOURCES)}.`,
});

/** A regular expression written as a string; it must compile with the signature's flags. */
const patternSchema = z.string().min(3, 'a pattern is a regular expression of at least 3 characters.');

/** One entry of `content/signatures.yaml`. */
export const signatureSchema = z
  .strictObject({
    /** Permanent id, listed in the cause guide's `logSignatures`. */
    id: signatureId,
    /** The cause this evidence points to. */
    cause: causeIdSchema,
    /** Regular expressions (JavaScript syntax); a line matching any of them is evidence. */
    patterns: z.array(patternSchema).min(1, 'patterns needs at least one regular expression.'),
    /** Regular expression flags; only "i" (case-insensitive) is allowed. Case-sensitive by default. */
    flags: z.enum(['', 'i'], { error: 'flags may only be "i" (case-insensitive) or left out.' }).default(''),
    /** How decisive the evidence is: 0-10. A paste needs a cause with at least 4 points to get an answer. */
    weight: z
      .number({ error: 'weight must be a number from 0 to 10.' })
      .min(0, 'weight must be a number from 0 to 10.')
      .max(10, 'weight must be a number from 0 to 10.'),
    /** Where the line comes from; the pattern is only tried on lines of these kinds (and on unclassified lines). */
    source: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(sourceSchema).min(1, 'source needs at least one log source.')),
    /** Original prose: what this line means, in one or two sentences. */
    explanation: z.string().min(20, 'explanation says in a sentence what this line means.'),
    /** What to collect or check next. */
    next: z.array(z.string().min(5)).min(1, 'next lists at least one thing to collect or check next.'),
    /** Where the exact text comes from: an AWS documentation URL, or a public recording or runtime source file (https). */
    awsSource: z.string().regex(/https:\/\/\S+/, 'awsSource names the source of the exact text with an https URL (an AWS docs page, or a public recording or runtime source file).'),
    /** Exact human-readable strings this signature recognises; each must match one of its patterns. */
    examples: z.array(z.string().min(3)).min(1, 'examples lists at least one exact string the signature matches.'),
    /** Ids of signatures whose matches no longer count when this one matches. */
    negates: z.array(signatureId).default([]),
    /** Cause ids whose score is halved when this signature matches (a more specific reading wins). */
    suppresses: z.array(causeIdSchema).default([]),
    /** True to try the patterns only on lines classified as one of `source` (never on unclassified lines). */
    strictSource: z.boolean().default(false),
    /** True when the exact text is not backed by AWS docs or a recording. */
    unverified: z.boolean().default(false),
  })
  .superRefine((sig, ctx) => {
    for (const [i, pattern] of sig.patterns.entries()) {
      try {
        new RegExp(pattern, sig.flags);
      } catch (e) {
        ctx.addIssue({
          code: 'custom',
          path: ['patterns', i],
          message: `pattern ${i + 1} of "${sig.id}" is not a valid regular expression: ${(e as Error).message}`,
        });
      }
    }
  });

/** A parsed signature. */
export type SignatureEntry = z.infer<typeof signatureSchema>;

/** The whole file: a list of signatures with unique ids. */
export const signatureFileSchema = z.array(signatureSchema).superRefine((sigs, ctx) => {
  const seen = new Set<string>();
  for (const [i, s] of sigs.entries()) {
    if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `signature id "${s.id}" is used twice.` });
    seen.add(s.id);
  }
});

/**
 * Parse the text of `content/signatures.yaml` (untrusted: a content author may have made a mistake).
 * Returns the signatures, or a friendly error that names the entry and the field.
 */
export function parseSignaturesYaml(text: string): { ok: true; value: SignatureEntry[] } | { ok: false; error: string } {
  // Warnings (an unknown directive, an ambiguous alias…) count as mistakes here, reported in our words: with the
  // yaml package's default log level they were printed by Node as a YAMLWarning instead.
  const doc = parseDocument(text, { logLevel: 'error' });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) return { ok: false, error: `content/signatures.yaml is not valid YAML: ${problem.message}` };
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    return { ok: false, error: `content/signatures.yaml is not valid YAML: ${(e as Error).message}` };
  }
  const result = signatureFileSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, error: `content/signatures.yaml${where}: ${issue?.message ?? 'invalid'}` };
}
