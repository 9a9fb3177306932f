/**
 * Progressive enhancement of the decision tree's breadcrumb. Without JavaScript (or on a page opened
 * directly) a node page lists the ways into it: the questions and answers that lead there, labelled as
 * such. With JavaScript, once the reader has answered questions, it shows the answers they actually
 * gave and marks that path, and only that path, on the map. The answers are kept in sessionStorage per
 * node reached, so the browser's Back and Forward buttons land on pages that still know their trail.
 * Builds DOM nodes with textContent only.
 */
import { withBase } from './paths.ts';

/** One answered question. */
export interface TrailStep {
  id: string;
  label: string;
  answer: string;
}

/** What sessionStorage keeps: for each node reached by answering, the answers that led there. */
export interface StoredTrails {
  trails: Record<string, TrailStep[]>;
}

/** sessionStorage key of the trails. */
export const TRAIL_KEY = 'lambda-triage:tree-trails';

/** At most this many nodes keep a trail (the tree has fewer nodes; this bounds a tampered storage). */
export const MAX_STORED_TRAILS = 200;

const isStep = (s: unknown): s is TrailStep =>
  typeof s === 'object' && s !== null && typeof (s as TrailStep).id === 'string' && typeof (s as TrailStep).label === 'string' && typeof (s as TrailStep).answer === 'string';

/** Reads stored trails; anything malformed counts as none, and malformed entries are dropped. */
export function parseStoredTrail(text: string | null): StoredTrails | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const trails = (value as { trails?: unknown }).trails;
    if (typeof trails !== 'object' || trails === null || Array.isArray(trails)) return null;
    const out: Record<string, TrailStep[]> = Object.create(null);
    for (const [id, steps] of Object.entries(trails).slice(0, MAX_STORED_TRAILS)) {
      if (Array.isArray(steps) && steps.every(isStep)) out[id] = steps;
    }
    return { trails: out };
  } catch {
    return null;
  }
}

/**
 * The answers the reader gave on the way to `node`, or null when they gave none that lead here (a page
 * opened directly).
 */
export function chooseTrail(node: string, stored: StoredTrails | null): TrailStep[] | null {
  if (node === 'start') return [];
  const steps = stored && Object.hasOwn(stored.trails, node) ? stored.trails[node] : undefined;
  return Array.isArray(steps) && steps.length > 0 ? steps : null;
}

/** Records that answering leads to `node` through `steps`. Returns new trails. */
export function recordTrail(stored: StoredTrails | null, node: string, steps: TrailStep[]): StoredTrails {
  return { trails: { ...(stored?.trails ?? {}), [node]: steps } };
}

/** The node ids of a trail that ends at `node`, in order (what the map marks). */
export function trailNodeIds(steps: readonly TrailStep[], node: string): string[] {
  return [...steps.map((s) => s.id), node];
}

/** Marks the reader's path on every tree map of the page: the boxes and the arrows between them. */
export function markMapTrail(root: ParentNode, ids: readonly string[]) {
  for (const map of root.querySelectorAll('.tree-map')) {
    for (const marked of map.querySelectorAll('.trail')) marked.classList.remove('trail');
    ids.forEach((id, i) => {
      map.querySelector(`a[data-node="${CSS.escape(id)}"] rect`)?.classList.add('trail');
      const next = ids[i + 1];
      if (next) map.querySelector(`path[data-from="${CSS.escape(id)}"][data-to="${CSS.escape(next)}"]`)?.classList.add('trail');
    });
    map.setAttribute('data-trail', ids.join(' '));
  }
}

function read(storage: Pick<Storage, 'getItem'>): StoredTrails | null {
  try {
    return parseStoredTrail(storage.getItem(TRAIL_KEY));
  } catch {
    return null;
  }
}

function save(storage: Pick<Storage, 'setItem'>, trails: StoredTrails) {
  try {
    storage.setItem(TRAIL_KEY, JSON.stringify(trails));
  } catch {
    // Storage can be full or disabled; the static "ways in" list still works.
  }
}

const href = (id: string) => withBase(id === 'start' ? '/tree/' : `/tree/${id}/`);

function render(host: HTMLElement, steps: TrailStep[]) {
  const nav = host.querySelector('nav.trail');
  const list = nav?.querySelector('ol, ul');
  if (!nav || !list) return;
  const items = steps.map((step, index) => {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = href(step.id);
    link.textContent = step.label;
    link.dataset['trailIndex'] = String(index);
    const chosen = document.createElement('span');
    chosen.className = 'chosen';
    chosen.textContent = `→ ${step.answer}`;
    // A space between question and answer, so the text never reads "error?A client…".
    li.append(link, ' ', chosen);
    return li;
  });
  const ol = document.createElement('ol');
  ol.replaceChildren(...items);
  list.replaceWith(ol);
  nav.setAttribute('data-kind', 'answers');
  const title = nav.querySelector('#trail-title');
  if (title) title.textContent = 'Your answers so far';
  nav.querySelector('.trail-note')?.remove();
  const moves = nav.querySelector('.moves');
  const previous = steps.at(-1);
  if (moves && previous && !moves.querySelector('a[data-back]')) {
    const back = document.createElement('a');
    back.href = href(previous.id);
    back.dataset['back'] = '';
    back.dataset['trailIndex'] = String(steps.length - 1);
    back.textContent = '← Back';
    moves.prepend(back);
  }
}

/** Wires the breadcrumb of one tree page. */
export function enhanceTrail(host: HTMLElement, storage: Storage) {
  const node = host.dataset['node'] ?? '';
  const label = host.dataset['label'] ?? '';
  const given = chooseTrail(node, read(storage));
  const steps = given ?? [];
  if (given && given.length > 0) render(host, given);
  markMapTrail(document, trailNodeIds(steps, node));

  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a');
    if (!(link instanceof HTMLAnchorElement)) return;
    const next = link.dataset['next'];
    if (next && link.dataset['answer'] !== undefined) {
      save(storage, recordTrail(read(storage), next, [...steps, { id: node, label, answer: link.dataset['answer'] }]));
      return;
    }
    const index = link.dataset['trailIndex'];
    if (index !== undefined) {
      const i = Number(index);
      const target = steps[i];
      if (target) save(storage, recordTrail(read(storage), target.id, steps.slice(0, i)));
    }
  });
}
