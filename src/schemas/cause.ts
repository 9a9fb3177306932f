/**
 * Schema of `content/causes.yaml`: the one definition of every cause the site talks about.
 * Messages say what is wrong and what to do, because a content author reads them in a failed build.
 */
import { z } from 'astro/zod';
import { BUCKETS, CAUSE_IDS, FRONT_DOORS } from '../engine/vocabulary.ts';

const list = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

/** A cause id, with a message that lists the valid ids. */
export const causeIdSchema = z.enum(CAUSE_IDS, {
  error: (issue) =>
    `"${String(issue.input)}" is not a cause id. Use one of ${list(CAUSE_IDS)} (defined in content/causes.yaml).`,
});

/** A front door id, with a message that lists the valid ids. */
export const frontDoorSchema = z.enum(FRONT_DOORS, {
  error: (issue) => `"${String(issue.input)}" is not a front door. Use one of ${list(FRONT_DOORS)}.`,
});

/** What a caller typically sees through one front door for a cause. */
export const typicalStatusSchema = z.strictObject({
  /** HTTP status the caller gets; null when this front door has no such failure (say why in `note`). */
  status: z
    .number({ error: 'status must be an HTTP status number such as 502, or null with a note.' })
    .int()
    .min(100, 'status must be between 100 and 599.')
    .max(599, 'status must be between 100 and 599.')
    .nullable(),
  /** Short qualifier shown next to the status. */
  note: z.string().optional(),
  /** True when AWS neither documents nor has a public recording of this status. */
  unverified: z.boolean().default(false),
});

/** One entry of `content/causes.yaml`. */
export const causeSchema = z.strictObject({
  /** The permanent id; must be one of the ids the engine knows (src/engine/vocabulary.ts). */
  id: causeIdSchema,
  title: z.string({ error: 'title is required: a short name such as "Function timeout".' }).min(3),
  bucket: z.enum(BUCKETS, {
    error: `bucket must be one of ${list(BUCKETS)}: function (the handler's code failed), runtime (a limit or the runtime stopped it), integration (the front door failed).`,
  }),
  summary: z
    .string({ error: 'summary is required: one line that says what happens.' })
    .min(20, 'summary should be one full sentence (at least 20 characters).')
    .max(200, 'summary must fit on one line (200 characters at most).'),
  /** Typical status per front door; every front door must be present. */
  typicalStatus: z.strictObject(
    Object.fromEntries(FRONT_DOORS.map((door) => [door, typicalStatusSchema])) as Record<
      (typeof FRONT_DOORS)[number],
      typeof typicalStatusSchema
    >,
    { error: `typicalStatus must give an entry for each front door: ${list(FRONT_DOORS)}.` },
  ),
  /** AWS documentation pages backing the statuses. */
  sources: z.array(z.url('each source must be a full https:// URL of an AWS documentation page.')).min(1),
});

/** A parsed cause. */
export type Cause = z.infer<typeof causeSchema>;
