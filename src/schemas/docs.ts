/**
 * Extra frontmatter of guides in `content/docs/`, merged into Starlight's docs schema.
 */
import { z } from 'astro/zod';
import { causeIdSchema, frontDoorSchema } from './cause.ts';

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
   * Shown in a "You are in the right place if you see" box and weighted high in site search.
   */
  errorStrings: z.array(z.string().min(3, 'an error string is an exact piece of text a responder sees.')).default([]),
  /** Ids of log signatures (content/signatures.yaml) that point to this guide. */
  logSignatures: z
    .array(z.string().regex(/^[a-z0-9-]+$/, 'a log signature id is lower-case words joined by hyphens.'))
    .default([]),
});
