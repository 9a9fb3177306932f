import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { causeSchema } from './schemas/cause.ts';
import { guideFrontmatterSchema } from './schemas/docs.ts';
import { treeNodeSchema } from './schemas/tree.ts';

export const collections = {
  // Guides live in the top-level content/docs/ folder (authored material stays out of src/);
  // astro.config.mjs lists it in Starlight's markdown.processedDirs so asides and anchors work.
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({ extend: guideFrontmatterSchema }),
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
};
