/**
 * Helpers that turn collections into links for pages. Components only render; the logic lives here.
 */

/** The fields of a docs entry these helpers read. */
export interface DocsEntryLike {
  id: string;
  data: { title: string; description?: string | undefined; sidebar?: { order?: number | undefined } | undefined };
}

/** A guide as the landing page lists it. */
export interface GuideLink {
  slug: string;
  title: string;
  description: string | undefined;
}

/** Guides (docs under `guides/`) sorted by sidebar order, then title. */
export function listGuides(entries: readonly DocsEntryLike[]): GuideLink[] {
  return entries
    .filter((e) => e.id.startsWith('guides/'))
    .sort(
      (a, b) =>
        (a.data.sidebar?.order ?? Number.MAX_SAFE_INTEGER) - (b.data.sidebar?.order ?? Number.MAX_SAFE_INTEGER) ||
        a.data.title.localeCompare(b.data.title),
    )
    .map((e) => ({ slug: e.id, title: e.data.title, description: e.data.description }));
}
