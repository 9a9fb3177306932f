/** Builds the cause → guide/tree links the Diagnosis panel uses, from the content collections. Pure. */
import type { CauseLinks } from './panels/types.ts';
import { isCauseId } from '../engine/vocabulary.ts';

/** Minimal views of the collection entries this needs. */
export interface CauseEntry {
  id: string;
  data: { title: string };
}
/** A tree node: its id and, for outcomes, the cause it names. */
export interface TreeEntry {
  id: string;
  data: { type: string; cause?: string };
}

/**
 * For each cause: its guide (`/guides/<cause>/` when that guide exists) and its tree node (the node
 * named after the cause, else the first outcome naming it).
 */
export function buildCauseLinks(causes: readonly CauseEntry[], guideIds: ReadonlySet<string>, tree: readonly TreeEntry[]): CauseLinks {
  const links: CauseLinks = {};
  for (const c of causes) {
    if (!isCauseId(c.id)) continue;
    const named = tree.find((n) => n.id === c.id && n.data.type === 'outcome');
    const outcome = named ?? tree.find((n) => n.data.type === 'outcome' && n.data.cause === c.id);
    links[c.id] = {
      title: c.data.title,
      guide: guideIds.has(`guides/${c.id}`) ? `/guides/${c.id}/` : null,
      tree: outcome ? `/tree/${outcome.id}/` : null,
    };
  }
  return links;
}
