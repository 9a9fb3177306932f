/**
 * The /analyze/ page's behaviour: keeps the paste in localStorage, runs the analyzer in a worker, and
 * renders causes, evidence and the redacted copy. Everything the user pasted is rendered with
 * textContent: no user text ever goes through innerHTML.
 */
import type { CauseFinding, Diagnosis, Signature } from '../engine/analyzer/index.ts';
import { splitLines } from '../engine/analyzer/diagnose.ts';
import { createAnalyzerClient } from './client.ts';
import { PENDING_KEY, readHandoff, TEXT_KEY } from './handoff.ts';
import { findLastLogBeforeTimeout, presentFindings, type PresentedFinding } from './present.ts';
import { withBase } from '../utils/paths.ts';

/** Data the page build embeds as JSON. */
export interface AnalyzePageData {
  signatures: Signature[];
  causes: Record<string, { title: string; scenario?: string }>;
}

/** Lines of context shown around each evidence line in the paste view. */
const CONTEXT_LINES = 2;
/** At most this many lines are shown in the paste view. */
const MAX_VIEW_LINES = 400;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const c of children) node.append(c);
  return node;
}

function link(href: string, text: string): HTMLAnchorElement {
  const a = el('a', { text });
  a.href = withBase(href);
  return a;
}

/** Wire up the page. */
export function mountAnalyzePage(root: HTMLElement, data: AnalyzePageData): void {
  const input = root.querySelector<HTMLTextAreaElement>('#analyze-input')!;
  const runButton = root.querySelector<HTMLButtonElement>('#analyze-run')!;
  const redactButton = root.querySelector<HTMLButtonElement>('#analyze-redact')!;
  const clearButton = root.querySelector<HTMLButtonElement>('#analyze-clear')!;
  const status = root.querySelector<HTMLElement>('#analyze-status')!;
  const results = root.querySelector<HTMLElement>('#analyze-results')!;
  const redacted = root.querySelector<HTMLElement>('#analyze-redacted')!;
  const client = createAnalyzerClient(data.signatures);

  const say = (text: string) => {
    status.textContent = text;
  };

  // Keep the paste across reloads.
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    try {
      if (input.value) localStorage.setItem(TEXT_KEY, input.value);
      else localStorage.removeItem(TEXT_KEY);
    } catch {
      say('This paste is too large to keep in the browser across reloads; it is still analysed.');
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 300);
  });

  const analyze = async () => {
    const text = input.value;
    save();
    root.dataset['state'] = 'running';
    runButton.setAttribute('aria-busy', 'true');
    say('Analysing in a background worker…');
    try {
      const d = await client.diagnose(text);
      if (!d) return; // a newer run replaced this one
      renderResults(d, text);
      root.dataset['state'] = 'done';
      reveal();
      say(d.causes.length ? `Found ${d.causes.length} likely cause${d.causes.length > 1 ? 's' : ''}.` : 'Nothing decisive found. See what to collect next.');
    } catch (e) {
      root.dataset['state'] = 'error';
      say(e instanceof Error ? e.message : String(e));
    } finally {
      runButton.removeAttribute('aria-busy');
    }
  };

  const renderPasteView = (lines: string[], hits: Map<number, string[]>): HTMLElement => {
    const wanted = new Set<number>();
    for (const n of [...hits.keys()].sort((a, b) => a - b)) {
      for (let k = Math.max(1, n - CONTEXT_LINES); k <= Math.min(lines.length, n + CONTEXT_LINES); k++) {
        if (wanted.size >= MAX_VIEW_LINES) break;
        wanted.add(k);
      }
    }
    const list = el('ol', { className: 'paste-view' });
    let previous = 0;
    for (const n of [...wanted].sort((a, b) => a - b)) {
      if (previous && n > previous + 1) list.append(el('li', { className: 'gap', text: '…' }));
      const item = el('li');
      item.value = n;
      item.id = `paste-line-${n}`;
      const causes = hits.get(n);
      if (causes) {
        item.className = 'hit';
        item.dataset['causes'] = causes.join(' ');
        const mark = el('mark', { text: lines[n - 1] ?? '' });
        item.append(mark);
      } else {
        item.textContent = lines[n - 1] ?? '';
      }
      list.append(item);
      previous = n;
    }
    return list;
  };

  const renderCause = ({ finding: f, evidence, next: steps, strength }: PresentedFinding, index: number, lines: string[]): HTMLElement => {
    const title = data.causes[f.cause]?.title ?? f.cause;
    const card = el('article', { className: 'cause-card' });
    card.dataset['cause'] = f.cause;
    card.append(el('h3', { text: `${index + 1}. ${title}` }));
    card.append(el('p', { className: 'meta', text: strength }));
    card.append(el('p', { text: f.explanation }));
    if (f.cause === 'timeout') {
      const cutOff = evidence.find((e) => /Task timed out after|Sandbox\.Timedout|Status: timeout/i.test(e.line));
      const last = findLastLogBeforeTimeout(lines, cutOff?.lineNumber);
      const p = el('p', { className: 'last-log' });
      p.dataset['lastLog'] = last ? String(last.lineNumber) : 'none';
      if (last) {
        p.append(
          'Before the cut-off, the last thing the function logged was ',
          el('code', { text: last.message.length > 300 ? `${last.message.slice(0, 300)}…` : last.message }),
          ' (',
          link(`#paste-line-${last.lineNumber}`, `line ${last.lineNumber}`),
          '). What it did next never finished: that call is the one to give a deadline.',
        );
      } else {
        p.append('Your paste has no line the function logged before the cut-off in that invocation: add logging around each outbound call, or paste the lines before the timeout.');
      }
      card.append(p);
    }
    card.append(el('h4', { text: 'Evidence in your paste' }));
    const ev = el('ul', { className: 'evidence' });
    for (const e of evidence) {
      const item = el('li');
      item.append(link(`#paste-line-${e.lineNumber}`, `Line ${e.lineNumber}`), ` (${e.source.replace(/-/g, ' ')}): `);
      item.append(el('code', { text: e.line.length > 300 ? `${e.line.slice(0, 300)}…` : e.line }));
      ev.append(item);
    }
    card.append(ev);
    if (steps.length > 0) {
      card.append(el('h4', { text: 'Collect or check next' }));
      const next = el('ul');
      for (const n of steps) next.append(el('li', { text: n }));
      card.append(next);
    }
    const links = el('p', { className: 'links' });
    links.append(link(`/guides/${f.cause}/`, `Guide: ${title}`), ' · ', link(`/tree/${f.cause}/`, 'Decision tree outcome'));
    const scenario = data.causes[f.cause]?.scenario;
    if (scenario) links.append(' · ', link(`/playground/?scenario=${encodeURIComponent(scenario)}`, 'Reproduce in the playground'));
    card.append(links);
    return card;
  };

  /** Brings the results heading into view and moves focus there, so keyboard and screen reader users land on it too. */
  const reveal = () => {
    const heading = results.querySelector<HTMLElement>('h2');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    results.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  };

  const renderResults = (d: Diagnosis, text: string) => {
    results.replaceChildren();
    results.hidden = false;
    results.append(el('h2', { text: 'Likely causes' }));
    if (d.stats.truncated) results.append(el('p', { className: 'note', text: 'The paste is longer than the analyzer reads (5 MB); only its beginning was analysed.' }));
    if (d.causes.length === 0) {
      const box = el('div', { className: 'unknown' });
      box.dataset['cause'] = 'unknown';
      box.append(el('p', { text: 'Nothing in this paste decides the cause. That is an answer too: collect one of these and paste it here.' }));
      const leads = d.unknown?.leads ?? [];
      if (leads.length) box.append(el('p', { text: `Weak leads: ${leads.map((l) => data.causes[l.cause]?.title ?? l.cause).join(', ')}.` }));
      const list = el('ul');
      for (const n of new Set(d.unknown?.next ?? [])) list.append(el('li', { text: n }));
      box.append(list);
      results.append(box);
      return;
    }
    const lines = splitLines(text);
    const presented = presentFindings(d.causes);
    const cards = el('div', { className: 'cause-list' });
    presented.forEach((f, i) => cards.append(renderCause(f, i, lines)));
    results.append(cards);
    const hits = new Map<number, string[]>();
    for (const f of presented) {
      for (const e of f.evidence) {
        const causes = hits.get(e.lineNumber) ?? [];
        if (!causes.includes(f.finding.cause)) hits.set(e.lineNumber, [...causes, f.finding.cause]);
      }
    }
    results.append(el('h2', { text: 'Evidence lines in your paste' }));
    results.append(el('p', { className: 'note', text: 'Highlighted lines point to a cause; two lines of context are shown around each.' }));
    const region = el('div', { className: 'paste-scroll' }, renderPasteView(lines, hits));
    region.tabIndex = 0;
    region.setAttribute('role', 'region');
    region.setAttribute('aria-label', 'Evidence lines in your paste');
    results.append(region);
  };

  const showRedacted = async () => {
    say('Masking identifiers and secrets…');
    try {
      const r = await client.redact(input.value);
      if (!r) return;
      redacted.replaceChildren();
      redacted.hidden = false;
      redacted.append(el('h2', { text: 'Redacted copy to share' }));
      const kinds = Object.entries(r.counts).map(([k, n]) => `${n} ${k.replace(/-/g, ' ')}${n === 1 ? '' : 's'}`);
      redacted.append(el('p', { className: 'note', text: kinds.length ? `Masked: ${kinds.join(', ')}. Check it before you share: names in your own text are not masked.` : 'Nothing to mask was found. Check it before you share.' }));
      const pre = el('pre', { className: 'redacted-text', text: r.text });
      pre.tabIndex = 0;
      pre.setAttribute('aria-label', 'Redacted text');
      const copy = el('button', { className: 'sl-button', text: 'Copy redacted text' });
      copy.type = 'button';
      copy.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(r.text);
          say('Redacted text copied.');
        } catch {
          say('Copying was blocked by the browser: select the text and copy it by hand.');
        }
      });
      redacted.append(copy, pre);
      say('Redacted copy ready below.');
    } catch (e) {
      say(e instanceof Error ? e.message : String(e));
    }
  };

  runButton.addEventListener('click', () => void analyze());
  redactButton.addEventListener('click', () => void showRedacted());
  clearButton.addEventListener('click', () => {
    input.value = '';
    save();
    results.hidden = true;
    results.replaceChildren();
    redacted.hidden = true;
    redacted.replaceChildren();
    say('Cleared.');
    input.focus();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void analyze();
  });

  // Start: text handed over by another page wins over the saved paste.
  void (async () => {
    let handed: string | null = null;
    try {
      handed = await readHandoff(location, localStorage);
    } catch (e) {
      say(e instanceof Error ? e.message : String(e));
    }
    if (handed !== null) {
      input.value = handed;
      history.replaceState(null, '', location.pathname);
      await analyze();
      return;
    }
    try {
      const saved = localStorage.getItem(TEXT_KEY);
      if (saved && !input.value) input.value = saved;
    } catch {
      // storage unavailable (private mode): nothing to restore
    }
    root.dataset['ready'] = 'true';
  })().finally(() => {
    root.dataset['ready'] = 'true';
  });
}

export { PENDING_KEY };
