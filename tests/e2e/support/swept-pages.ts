import { readdirSync } from 'node:fs';
import { guides } from './guide-checks.ts';

/**
 * The pages a11y-sweep.spec.ts opens one by one (every guide and every tree node but the start, picked up from
 * content/): besides its axe scan, each is checked there for console errors and requests to other hosts, so the
 * crawl in site.spec.ts only has to fetch them, not open them again.
 */
export const guidePaths = guides.map((g) => `/guides/${g.slug}/`);

/** Every tree node's page but the start (`/tree/`, which site.spec.ts scans whole). */
export const treeNodePaths = readdirSync(new URL('../../../content/tree/', import.meta.url))
  .filter((f) => f.endsWith('.yaml') && f !== 'start.yaml')
  .map((f) => `/tree/${f.replace(/\.yaml$/, '')}/`);

/** Both lists. */
export const sweptPaths: ReadonlySet<string> = new Set([...guidePaths, ...treeNodePaths]);
