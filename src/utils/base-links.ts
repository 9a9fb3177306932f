/**
 * Links in the guides' Markdown/MDX under the site's base path: root-relative links and images
 * (`[guide](/guides/timeout/)`, `<LinkCard href="/tree/" />`) get the base, so content is written once
 * with plain site paths and still works when the site is hosted under a prefix. Astro leaves such links
 * as written (https://docs.astro.build/en/reference/configuration-reference/#base).
 *
 * Astro's default Markdown processor is Sätteri (`@astrojs/markdown-satteri`); its plugins are objects
 * with one visitor per node type, registered in `markdown.processor.options.hastPlugins`, which is how
 * Starlight adds its own. {@link createBaseLinksIntegration} does the same.
 */
import { joinBase } from './paths.ts';

/** The attributes that hold a URL, by element or component name. */
export const LINK_ATTRIBUTES: Readonly<Record<string, string>> = {
  a: 'href',
  img: 'src',
  LinkCard: 'href',
  LinkButton: 'href',
};

/** The part of a hast element (or MDX JSX element) this plugin reads. */
export interface LinkNode {
  type: string;
  tagName?: string;
  name?: string | null;
  properties?: Record<string, unknown>;
  attributes?: readonly { type: string; name?: string; value?: unknown }[];
}

/**
 * The new value of the node's link attribute under `base`, with the attribute's name, or null when the
 * node has no root-relative link (see {@link joinBase}).
 */
export function baseLinkEdit(node: LinkNode, base: string): { key: string; value: string } | null {
  const name = node.type === 'element' ? node.tagName : node.name;
  const key = name ? LINK_ATTRIBUTES[name] : undefined;
  if (!key) return null;
  const current =
    node.type === 'element'
      ? node.properties?.[key]
      : node.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === key)?.value;
  if (typeof current !== 'string') return null;
  const value = joinBase(base, current);
  return value === current ? null : { key, value };
}

/** What the plugin needs of Sätteri's visitor context. */
interface SetPropertyContext {
  setProperty(node: never, key: string, value: unknown): void;
}

/** A Sätteri hast plugin that puts `base` in front of root-relative links; null for the root base. */
export function createBaseLinksPlugin(base: string) {
  if (base === '/') return null;
  const visit = (node: LinkNode, ctx: SetPropertyContext) => {
    const edit = baseLinkEdit(node, base);
    if (edit) ctx.setProperty(node as never, edit.key, edit.value);
  };
  const filter = Object.keys(LINK_ATTRIBUTES);
  return {
    name: 'lambda-triage-base-links',
    element: { filter, visit },
    mdxJsxFlowElement: { filter, visit },
    mdxJsxTextElement: { filter, visit },
  };
}

/** The part of Astro's config this integration touches. */
interface MarkdownConfig {
  markdown?: { processor?: { name?: string; options?: { hastPlugins?: unknown[] } } };
}

/**
 * An Astro integration that registers {@link createBaseLinksPlugin} with the Markdown processor. It
 * fails the build with a clear message if the processor is not Sätteri (links would silently break).
 */
export function createBaseLinksIntegration(base: string) {
  return {
    name: 'lambda-triage:base-links',
    hooks: {
      'astro:config:setup': ({ config }: { config: MarkdownConfig }) => {
        const plugin = createBaseLinksPlugin(base);
        if (!plugin) return;
        const processor = config.markdown?.processor;
        if (processor?.name !== 'satteri' || !Array.isArray(processor.options?.hastPlugins)) {
          throw new Error(
            `A base path (${base}) needs the Sätteri Markdown processor to prefix links in guides; this build uses "${processor?.name ?? 'none'}".`,
          );
        }
        processor.options.hastPlugins.push(plugin);
      },
    },
  };
}
