/**
 * Progressive enhancement of the decision tree's breadcrumb. Without JavaScript every node page shows
 * the shortest path from the start; with it, the breadcrumb shows the answers the reader actually
 * gave, kept in sessionStorage as they click. Builds DOM nodes with textContent only.
 */

/** One answered question. */
export interface TrailStep {
  id: string;
  label: string;
  answer: string;
}

interface StoredTrail {
  /** The node the trail leads to. */
  at: string;
  steps: TrailStep[];
}

/** sessionStorage key of the trail. */
export const TRAIL_KEY = 'lambda-triage:tree-trail';

/** Reads a stored trail; anything malformed counts as no trail. */
export function parseStoredTrail(text: string | null): StoredTrail | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as StoredTrail;
    const ok =
      typeof value?.at === 'string' &&
      Array.isArray(value.steps) &&
      value.steps.every((s) => typeof s?.id === 'string' && typeof s.label === 'string' && typeof s.answer === 'string');
    return ok ? value : null;
  } catch {
    return null;
  }
}

/** The trail to show on `node`: the stored one when it leads here, else the static one. */
export function chooseTrail(node: string, stored: StoredTrail | null, fallback: TrailStep[]): TrailStep[] {
  if (node === 'start') return [];
  return stored && stored.at === node ? stored.steps : fallback;
}

function save(storage: Pick<Storage, 'setItem'>, trail: StoredTrail) {
  try {
    storage.setItem(TRAIL_KEY, JSON.stringify(trail));
  } catch {
    // Storage can be full or disabled; the static breadcrumb still works.
  }
}

function render(host: HTMLElement, steps: TrailStep[]) {
  const list = host.querySelector('nav.trail ol');
  if (!list) return;
  const items = steps.map((step, index) => {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = step.id === 'start' ? '/tree/' : `/tree/${step.id}/`;
    link.textContent = step.label;
    link.dataset['trailIndex'] = String(index);
    const chosen = document.createElement('span');
    chosen.className = 'chosen';
    chosen.textContent = step.answer;
    li.append(link, chosen);
    return li;
  });
  list.replaceChildren(...items);
  const back = host.querySelector<HTMLAnchorElement>('a[data-back]');
  const previous = steps.at(-1);
  if (back && previous) {
    back.href = previous.id === 'start' ? '/tree/' : `/tree/${previous.id}/`;
    back.dataset['trailIndex'] = String(steps.length - 1);
  }
}

/** Wires the breadcrumb of one tree page. */
export function enhanceTrail(host: HTMLElement, storage: Storage) {
  const node = host.dataset['node'] ?? '';
  const label = host.dataset['label'] ?? '';
  let fallback: TrailStep[] = [];
  try {
    fallback = JSON.parse(host.dataset['static'] ?? '[]') as TrailStep[];
  } catch {
    fallback = [];
  }
  let stored: StoredTrail | null = null;
  try {
    stored = parseStoredTrail(storage.getItem(TRAIL_KEY));
  } catch {
    stored = null;
  }
  const steps = chooseTrail(node, stored, fallback);
  if (steps !== fallback) render(host, steps);
  save(storage, { at: node, steps });

  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a');
    if (!(link instanceof HTMLAnchorElement)) return;
    const next = link.dataset['next'];
    if (next && link.dataset['answer'] !== undefined) {
      save(storage, { at: next, steps: [...steps, { id: node, label, answer: link.dataset['answer'] }] });
      return;
    }
    const index = link.dataset['trailIndex'];
    if (index !== undefined) {
      const i = Number(index);
      const target = steps[i];
      if (target) save(storage, { at: target.id, steps: steps.slice(0, i) });
    }
  });
}
