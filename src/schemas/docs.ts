/**
 * Extra frontmatter of guides in `content/docs/`, merged into Starlight's docs schema.
 */
import { z } from 'astro/zod';
import { causeIdSchema, frontDoorSchema } from './cause.ts';

/** Longest one-line fix in the first-screen box, characters (it has to read at a glance on a phone). */
export const MAX_FIRST_SCREEN_FIX_CHARS = 200;

/**
 * The box a cause guide opens with (issue 17): how to confirm the cause, the fix in one line and the
 * playground scenario that reproduces it. The tell is the guide's `errorStrings`.
 */
export const firstScreenSchema = z.strictObject({
  /** One way to confirm it: a CloudWatch Logs Insights query or a shell command (AWS CLI). */
  confirm: z.strictObject({
    kind: z.enum(['logs-insights', 'cli'], { error: 'firstScreen.confirm.kind must be "logs-insights" or "cli".' }),
    /** For a Logs Insights query: the log group to run it on. Defaults to the function's log group. */
    logGroup: z.string().min(3).optional(),
    /** The query or command, exactly as it is run. */
    code: z.string().trim().min(10, 'firstScreen.confirm.code is the query or command itself (at least 10 characters).'),
  }),
  /** The fix in one line (inline `code` allowed). */
  fix: z
    .string()
    .trim()
    .min(10, 'firstScreen.fix says the fix in one line (at least 10 characters).')
    .max(MAX_FIRST_SCREEN_FIX_CHARS, `firstScreen.fix must fit in one line of at most ${MAX_FIRST_SCREEN_FIX_CHARS} characters; the guide's "Fix it" section has the details.`)
    .refine((v) => !v.includes('\n'), 'firstScreen.fix must be one line.'),
  /** Id of the playground scenario (a folder of content/scenarios/) that reproduces the cause. */
  reproduce: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'firstScreen.reproduce is a scenario id: the name of a folder in content/scenarios/.'),
});

/** The first-screen box of a cause guide. */
export type FirstScreen = z.infer<typeof firstScreenSchema>;

/** Fields a guide may add to Starlight's frontmatter. */
export const guideFrontmatterSchema = z.object({
  /** Sidebar section the guide appears in (cause guides are grouped by their first cause's bucket). */
  section: z
    .enum(['basics', 'causes', 'front-doors', 'operations'], {
      error: 'section must be one of "basics", "causes", "front-doors", "operations".',
    })
    .default('basics'),
  /** Cause ids this guide explains; the integrity tests check every cause has a guide. */
  causes: z.array(causeIdSchema).default([]),
  /** Front doors the guide talks about. */
  frontDoors: z.array(frontDoorSchema).default([]),
  /**
   * Exact strings a responder sees (log lines, error types, response bodies) that this guide explains.
   * Shown as "the tell" in the first-screen box of a cause guide and weighted high in site search.
   */
  errorStrings: z.array(z.string().min(3, 'an error string is an exact piece of text a responder sees.')).default([]),
  /** Ids of log signatures (content/signatures.yaml) that point to this guide. */
  logSignatures: z
    .array(z.string().regex(/^[a-z0-9-]+$/, 'a log signature id is lower-case words joined by hyphens.'))
    .default([]),
  /** The box a cause guide opens with; required when `causes` is not empty (see {@link checkCauseGuide}). */
  firstScreen: firstScreenSchema.optional(),
});

/**
 * A cause guide (one with `causes`) must open with the first-screen box: `errorStrings` (the tell) and
 * `firstScreen` (confirm, fix, reproduce). Used as a refinement of the docs collection's schema, so a
 * cause guide without them fails the build with this message.
 */
export function checkCauseGuide(
  data: { causes?: readonly string[]; errorStrings?: readonly string[]; firstScreen?: FirstScreen | undefined },
  ctx: { addIssue: (issue: { code: 'custom'; path: string[]; message: string }) => void },
): void {
  const causes = data.causes ?? [];
  if (causes.length === 0) return;
  const which = `A cause guide (causes: [${causes.join(', ')}])`;
  if (!data.firstScreen) {
    ctx.addIssue({
      code: 'custom',
      path: ['firstScreen'],
      message: `${which} must open with the first-screen box: add firstScreen to its frontmatter with confirm (kind "logs-insights" or "cli", and code), fix (one line) and reproduce (a scenario id from content/scenarios/).`,
    });
  }
  if ((data.errorStrings ?? []).length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['errorStrings'],
      message: `${which} needs errorStrings: the exact strings that tell this cause, shown first in its first-screen box.`,
    });
  }
}

/** The guide frontmatter with the cause-guide rule applied (what the docs collection checks on top of Starlight's fields). */
export const causeGuideCheckedSchema = guideFrontmatterSchema.superRefine(checkCauseGuide);
