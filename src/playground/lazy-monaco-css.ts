/**
 * Build-time Vite plugin: Monaco's stylesheets load with Monaco, not with the page.
 *
 * Why: Astro links every stylesheet a page's scripts can reach, dynamic imports included
 * (https://github.com/withastro/astro/issues/9495), so Monaco's ≈ 170 KB of CSS became render-blocking
 * on /playground/ although Monaco itself loads on first interaction. This plugin turns each `.css` file
 * that a monaco-editor module imports into a small script that adds the stylesheet (processed by Vite
 * through `?inline`, so its font and image URLs still resolve) as a `<style>` element when Monaco's code
 * runs. The page's Content-Security-Policy already allows inline styles (Monaco adds its own at run time).
 */
import type { Plugin } from 'vite';

const PREFIX = '\0lt-lazy-monaco-css:';

/** Whether `importer` is a module of the monaco-editor package. */
function isMonacoModule(importer: string | undefined): boolean {
  return importer !== undefined && importer.replaceAll('\\', '/').includes('/node_modules/monaco-editor/');
}

/** The Vite plugin; add it to `vite.plugins` in astro.config. */
export function createLazyMonacoCssPlugin(): Plugin {
  return {
    name: 'lambda-triage:lazy-monaco-css',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('.css') || !isMonacoModule(importer) || options?.ssr) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      // Why the `.js` suffix: an id ending in `.css` would be handed to Vite's own CSS pipeline again.
      return resolved ? `${PREFIX}${resolved.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      return [
        `import css from ${JSON.stringify(`${file}?inline`)};`,
        `const style = document.createElement('style');`,
        `style.dataset.monaco = '';`,
        `style.textContent = css;`,
        `document.head.append(style);`,
      ].join('\n');
    },
  };
}
