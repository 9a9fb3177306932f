// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';

export default defineConfig({
  site: 'https://lambda-triage.example',
  trailingSlash: 'always',
  integrations: [
    starlight({
      title: 'Lambda Triage',
      description:
        'Understand, reproduce and fix AWS Lambda "Internal server error" responses (HTTP 500, 502, 504).',
      favicon: '/favicon.svg',
      components: { Search: './src/components/Search.astro' },
      markdown: { processedDirs: ['./content/docs/'] },
      sidebar: [
        { label: 'Start here', items: [{ label: 'Home', link: '/' }] },
        { label: 'Guides', items: [{ autogenerate: { directory: 'guides' } }] },
      ],
      lastUpdated: false,
      pagination: false,
    }),
    mdx(),
  ],
});
