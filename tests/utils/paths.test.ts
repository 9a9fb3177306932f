import { describe, expect, it } from 'vitest';
import { BASE_PATH_ENV, joinBase, parseBasePath, resolveBasePath, withBase } from '../../src/utils/paths.ts';
import { baseLinkEdit, createBaseLinksIntegration, createBaseLinksPlugin } from '../../src/utils/base-links.ts';

describe('parseBasePath', () => {
  it('reads the root from nothing, an empty string or a slash', () => {
    for (const raw of [undefined, '', '  ', '/']) expect(parseBasePath(raw)).toEqual({ ok: true, value: '/' });
  });

  it('adds the leading and trailing slash a base needs', () => {
    expect(parseBasePath('lambda-triage')).toEqual({ ok: true, value: '/lambda-triage/' });
    expect(parseBasePath('/lambda-triage')).toEqual({ ok: true, value: '/lambda-triage/' });
    expect(parseBasePath(' /docs/triage/ ')).toEqual({ ok: true, value: '/docs/triage/' });
  });

  it('refuses a URL, a query, parent segments and doubled slashes with a message naming the variable', () => {
    for (const raw of ['https://example.com/x/', '/x?y=1', '/x#top', '/a/../b/', '/a//b/', '/a b/']) {
      const result = parseBasePath(raw);
      expect(result.ok, raw).toBe(false);
      if (!result.ok) {
        expect(result.error).toContain(BASE_PATH_ENV);
        expect(result.error).toContain(raw);
      }
    }
  });

  it('is read from the environment variable', () => {
    expect(resolveBasePath({ [BASE_PATH_ENV]: 'lambda-triage' })).toEqual({ ok: true, value: '/lambda-triage/' });
    expect(resolveBasePath({})).toEqual({ ok: true, value: '/' });
  });
});

describe('joinBase', () => {
  it('prefixes root-relative site paths, keeping query and fragment', () => {
    expect(joinBase('/lambda-triage/', '/guides/timeout/')).toBe('/lambda-triage/guides/timeout/');
    expect(joinBase('/lambda-triage/', '/playground/?scenario=a#b')).toBe('/lambda-triage/playground/?scenario=a#b');
    expect(joinBase('/lambda-triage/', '/')).toBe('/lambda-triage/');
  });

  it('leaves absolute, protocol-relative, relative and fragment links alone', () => {
    for (const href of ['https://docs.aws.amazon.com/lambda/', '//cdn.example/x.js', 'guides/x/', '#top', '?a=1', 'mailto:a@b.c']) {
      expect(joinBase('/lambda-triage/', href)).toBe(href);
    }
  });

  it('does not prefix twice, and the root base changes nothing', () => {
    const once = joinBase('/lambda-triage/', '/tree/start/');
    expect(joinBase('/lambda-triage/', once)).toBe(once);
    expect(joinBase('/lambda-triage/', '/lambda-triage')).toBe('/lambda-triage');
    expect(joinBase('/', '/guides/timeout/')).toBe('/guides/timeout/');
    // A path that merely begins with the same letters is not under the base.
    expect(joinBase('/lambda/', '/lambda-triage/')).toBe('/lambda/lambda-triage/');
  });

  it('withBase uses the base of this build (the root under Vitest)', () => {
    expect(withBase('/guides/timeout/')).toBe('/guides/timeout/');
  });
});

describe('base links in guides', () => {
  const base = '/lambda-triage/';

  it('prefixes Markdown links and images, and MDX LinkCard hrefs', () => {
    expect(baseLinkEdit({ type: 'element', tagName: 'a', properties: { href: '/guides/timeout/' } }, base)).toEqual({ key: 'href', value: '/lambda-triage/guides/timeout/' });
    expect(baseLinkEdit({ type: 'element', tagName: 'img', properties: { src: '/favicon.svg' } }, base)).toEqual({ key: 'src', value: '/lambda-triage/favicon.svg' });
    const card = { type: 'mdxJsxFlowElement', name: 'LinkCard', attributes: [{ type: 'mdxJsxAttribute', name: 'title', value: 'Tree' }, { type: 'mdxJsxAttribute', name: 'href', value: '/tree/' }] };
    expect(baseLinkEdit(card, base)).toEqual({ key: 'href', value: '/lambda-triage/tree/' });
  });

  it('leaves outside links, fragments, other elements and already prefixed links alone', () => {
    expect(baseLinkEdit({ type: 'element', tagName: 'a', properties: { href: 'https://docs.aws.amazon.com/lambda/' } }, base)).toBeNull();
    expect(baseLinkEdit({ type: 'element', tagName: 'a', properties: { href: '#top' } }, base)).toBeNull();
    expect(baseLinkEdit({ type: 'element', tagName: 'code', properties: { href: '/x/' } }, base)).toBeNull();
    expect(baseLinkEdit({ type: 'element', tagName: 'a', properties: { href: '/lambda-triage/tree/' } }, base)).toBeNull();
    expect(baseLinkEdit({ type: 'mdxJsxTextElement', name: 'LinkCard', attributes: [{ type: 'mdxJsxExpressionAttribute' }] }, base)).toBeNull();
  });

  it('the plugin sets the attribute through the processor context, and there is none for the root base', () => {
    expect(createBaseLinksPlugin('/')).toBeNull();
    const plugin = createBaseLinksPlugin(base)!;
    const set: [string, unknown][] = [];
    const ctx = { setProperty: (_node: never, key: string, value: unknown) => set.push([key, value]) };
    plugin.element.visit({ type: 'element', tagName: 'a', properties: { href: '/analyze/' } }, ctx);
    plugin.element.visit({ type: 'element', tagName: 'a', properties: { href: 'https://example.com/' } }, ctx);
    expect(set).toEqual([['href', '/lambda-triage/analyze/']]);
    expect(plugin.element.filter).toContain('a');
  });

  it('the integration registers the plugin with Sätteri and refuses another processor with a clear message', () => {
    const hastPlugins: unknown[] = [];
    const setup = createBaseLinksIntegration(base).hooks['astro:config:setup'];
    setup({ config: { markdown: { processor: { name: 'satteri', options: { hastPlugins } } } } });
    expect(hastPlugins).toHaveLength(1);
    expect(() => setup({ config: { markdown: { processor: { name: 'unified', options: {} } } } })).toThrow(/Sätteri.*"unified"/);
    const none: unknown[] = [];
    createBaseLinksIntegration('/').hooks['astro:config:setup']({ config: { markdown: { processor: { name: 'satteri', options: { hastPlugins: none } } } } });
    expect(none).toHaveLength(0);
  });
});
