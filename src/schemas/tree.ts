/**
 * Schema of the symptom decision tree: one YAML file per node in `content/tree/`, the file name is the
 * node id (and its URL: /tree/<id>/). A node is a question or an outcome (discriminated on `type`).
 */
import { z } from 'astro/zod';
import { causeIdSchema } from './cause.ts';

const nodeId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a node id is lower-case words joined by hyphens: the name of a file in content/tree/ without .yaml.');

/** An answer: an observation the responder can make, and the node it leads to. */
export const treeAnswerSchema = z.strictObject({
  label: z.string().min(3, 'label is the observation, in a few words.'),
  next: nodeId,
  hint: z.string().optional(),
});

/** A question answerable from what the responder can see. */
export const treeQuestionSchema = z.strictObject({
  type: z.literal('question'),
  question: z.string().min(5, 'question must be a full question.'),
  /** Where to look to answer it. */
  help: z.string().optional(),
  answers: z
    .array(treeAnswerSchema)
    .min(2, 'a question needs 2 to 5 answers.')
    .max(5, 'a question needs 2 to 5 answers: split a longer list into two questions.'),
});

/** An outcome: the likely cause, why it fits, and what to check next. */
export const treeOutcomeSchema = z.strictObject({
  type: z.literal('outcome'),
  cause: causeIdSchema,
  title: z.string().min(3),
  why: z.string().min(20, 'why says in a sentence or two why this cause fits what the responder saw.'),
  evidence: z.array(z.string().min(5)).min(1, 'evidence lists the next things to check, at least one.'),
  /** Id of a playground scenario that reproduces this outcome (content/scenarios/<id>/). */
  scenario: z.string().optional(),
});

/** One node of the tree. */
export const treeNodeSchema = z.discriminatedUnion('type', [treeQuestionSchema, treeOutcomeSchema], {
  error: 'type must be "question" (with question and answers) or "outcome" (with cause, title, why, evidence).',
});

/** A parsed node. */
export type TreeNode = z.infer<typeof treeNodeSchema>;
