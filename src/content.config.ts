import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { causeSchema } from './schemas/cause.ts';
import { checkCauseGuide, guideFrontmatterSchema } from './schemas/docs.ts';
import { treeNodeSchema } from './schemas/tree.ts';
import { signatureSchema } from './schemas/signature.ts';
import { scenarioFileSchema } from './schemas/scenario.ts';

export const collections = {
  // Guides live in the top-level content/docs/ folder (authored material stays out of src/);
  // astro.config.mjs lists it in Starlight's markdown.processedDirs so asides and anchors work.
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    // A cause guide without its first-screen box fails the build (checkCauseGuide says what to add).
    schema: (context) => docsSchema({ extend: guideFrontmatterSchema })(context).superRefine(checkCauseGuide),
  }),
  // Starlight reads this collection on every build (its UI strings, overridable per language); without it
  // each build warned that "i18n" does not exist, and an empty folder warns that no files were found.
  // content/i18n/en.json overrides no string today.
  i18n: defineCollection({
    loader: glob({ base: './content/i18n', pattern: '[^_]*.{json,yml,yaml}' }),
    schema: i18nSchema(),
  }),
  // The decision tree: one YAML file per node; the file name is the node id.
  tree: defineCollection({
    loader: glob({ base: './content/tree', pattern: '*.yaml' }),
    schema: treeNodeSchema,
  }),
  causes: defineCollection({
    loader: file('./content/causes.yaml'),
    schema: causeSchema,
  }),
  // Log signatures of the analyzer (/analyze/, `lambda-triage diagnose`).
  signatures: defineCollection({
    loader: file('./content/signatures.yaml'),
    schema: signatureSchema,
  }),
  // Scenarios: content/scenarios/<id>/scenario.yaml (the folder name is the id); the handler files
  // beside it are read with import.meta.glob where needed (src/onboarding/scenario-files.ts).
  scenarios: defineCollection({
    loader: glob({ base: './content/scenarios', pattern: '*/scenario.yaml', generateId: ({ entry }) => entry.split('/')[0] ?? entry }),
    schema: scenarioFileSchema,
  }),
};
