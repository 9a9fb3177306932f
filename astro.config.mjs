// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { fileURLToPath } from 'node:url';
import { buildSidebar } from './src/utils/sidebar.mjs';
import csp from './src/integrations/csp.mjs';
import { resolveSiteUrl } from './src/utils/site-url.ts';
import { resolveBasePath } from './src/utils/paths.ts';
import { createBaseLinksIntegration } from './src/utils/base-links.ts';
import { createLazyMonacoCssPlugin } from './src/playground/lazy-monaco-css.ts';
import { createOfflineIntegration } from './src/integrations/offline.ts';
import { createPyodideIntegration } from './src/integrations/pyodide.ts';
import { resolveOfflineSetting } from './src/offline/offline-setting.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
// The public address (canonical links): LAMBDA_TRIAGE_SITE=https://… npm run build. None by default.
const site = resolveSiteUrl(process.env);
if (!site.ok) throw new Error(site.error);
// The path the site is served under (GitHub Pages project sites: LAMBDA_TRIAGE_BASE=/lambda-triage/). Root by
// default. Links in pages go through withBase() (src/utils/paths.ts); links in guides through createBaseLinksIntegration.
const base = resolveBasePath(process.env);
if (!base.ok) throw new Error(base.error);
// The offline copy (a service worker precaching the whole build): on unless LAMBDA_TRIAGE_OFFLINE=off.
const offline = resolveOfflineSetting(process.env);
if (!offline.ok) throw new Error(offline.error);

export default defineConfig({
  site: site.value,
  base: base.value,
  trailingSlash: 'always',
  integrations: [
    starlight({
      title: 'Lambda Triage',
      description:
        'Understand, reproduce and fix AWS Lambda "Internal server error" responses (HTTP 500, 502, 504).',
      favicon: '/favicon.svg',
      components: {
        Search: './src/components/Search.astro',
        MarkdownContent: './src/components/MarkdownContent.astro',
      },
      markdown: { processedDirs: ['./content/docs/'] },
      // Built from each guide's frontmatter (section, causes): adding a guide needs no change here.
      sidebar: buildSidebar(root),
      lastUpdated: false,
      pagination: false,
      // The not-found page is src/pages/404.astro: a docs entry named 404 would also be rendered by Starlight's
      // [...slug] route and collide with its injected /404 (a warning on every build).
      disable404Route: true,
    }),
    mdx(),
    createBaseLinksIntegration(base.value),
    // Pyodide's browser files under <base>pyodide/<version>/ for the playground's Python (never precached).
    createPyodideIntegration({ base: base.value }),
    csp(),
    // After csp() and Starlight's Pagefind step: it precaches the build's files as they end up.
    createOfflineIntegration({ base: base.value, enabled: offline.value }),
    // Starlight adds @astrojs/sitemap unless an integration of that name is present, and the sitemap needs
    // absolute URLs: without a site it only warns "requires the `site` astro.config option. Skipping.". Without
    // a site this stand-in takes its place (Starlight has no opt-out: withastro/starlight#717); with a site,
    // Starlight adds the real sitemap.
    ...(site.value ? [] : [{ name: '@astrojs/sitemap', hooks: {} }]),
  ],
  vite: {
    // Monaco's CSS loads with Monaco instead of blocking the playground's first paint (withastro/astro#9495).
    plugins: [createLazyMonacoCssPlugin()],
    build: {
      // The playground's Monaco editor, its TypeScript worker (≈ 7 MB) and the engine worker are large by
      // nature and load only on /playground/, on first use; scripts/bench-playground.mjs tracks their bytes.
      chunkSizeWarningLimit: 7_000,
      rolldownOptions: {
        onwarn(warning, warn) {
          // Astro marks MDX modules with its own "use astro:head-inject" directive and handles it itself;
          // the bundler's note that it may not keep it is noise (one line per guide).
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
