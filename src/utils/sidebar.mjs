// Builds Starlight's sidebar from the guides' own frontmatter, so adding a guide needs no code change:
// a guide's `section` (and, for cause guides, the bucket of its first cause in content/causes.yaml)
// decides where it appears. Runs at config time, in plain Node.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Sidebar sections in display order. A guide names one with `section:` in its frontmatter. */
export const SECTIONS = [
  { id: 'basics', label: 'Start here', extra: [{ label: 'Find the cause (decision tree)', link: '/tree/' }, { label: 'Playground', link: '/playground/' }, { label: 'Analyze logs', link: '/analyze/' }, { label: 'Onboarding', link: '/onboarding/' }] },
  { id: 'causes', label: 'Causes' },
  { id: 'front-doors', label: 'Front doors' },
  { id: 'operations', label: 'Operate and prevent' },
];

const BUCKET_LABELS = { function: 'Function errors', runtime: 'Runtime and limits', integration: 'Integration failures' };

/** Reads the YAML frontmatter of an MDX/Markdown file (or {} when there is none or it is broken). */
function frontmatter(source) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  if (!match) return {};
  try {
    return parse(match[1]) ?? {};
  } catch {
    return {}; // the content schema reports broken frontmatter with a proper message
  }
}

/**
 * Sidebar groups for every guide in `<root>/content/docs/guides/`.
 * @param {string} root repository root
 */
export function buildSidebar(root) {
  const dir = join(root, 'content/docs/guides');
  const causes = parse(readFileSync(join(root, 'content/causes.yaml'), 'utf8'));
  const bucketOf = new Map(causes.map((c) => [c.id, c.bucket]));
  const guides = readdirSync(dir)
    .filter((f) => /^[^_].*\.mdx?$/.test(f))
    .map((file) => {
      const data = frontmatter(readFileSync(join(dir, file), 'utf8'));
      const slug = `guides/${file.replace(/\.mdx?$/, '')}`;
      return {
        slug,
        title: data.sidebar?.label ?? data.title ?? slug,
        order: data.sidebar?.order ?? 1000,
        section: SECTIONS.some((s) => s.id === data.section) ? data.section : 'basics',
        bucket: bucketOf.get(data.causes?.[0]),
      };
    })
    .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));

  const link = (g) => ({ label: g.title, link: `/${g.slug}/` });
  return SECTIONS.map((section) => {
    const inSection = guides.filter((g) => g.section === section.id);
    if (section.id !== 'causes') return { label: section.label, items: [...(section.extra ?? []), ...inSection.map(link)] };
    const groups = Object.entries(BUCKET_LABELS)
      .map(([bucket, label]) => ({ label, items: inSection.filter((g) => g.bucket === bucket).map(link) }))
      .filter((g) => g.items.length > 0);
    const loose = inSection.filter((g) => !g.bucket).map(link);
    return { label: section.label, items: [...groups, ...loose] };
  }).filter((s) => s.items.length > 0);
}
