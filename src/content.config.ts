import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { causeSchema } from './schemas/cause.ts';
import { guideFrontmatterSchema } from './schemas/docs.ts';

export const collections = {
  // Guides live in the top-level content/docs/ folder (authored material stays out of src/);
  // astro.config.mjs lists it in Starlight's markdown.processedDirs so asides and anchors work.
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({ extend: guideFrontmatterSchema }),
  }),
  causes: defineCollection({
    loader: file('./content/causes.yaml'),
    schema: causeSchema,
  }),
};
