/**
 * The Logs panel: the function's CloudWatch stream (levels coloured, filter, request-id highlighting,
 * copy) beside the front door's own log.
 */
import { h, replaceChildren } from '../dom.ts';
import { logLevel } from '../format.ts';
import type { Panel, PanelData } from './types.ts';
import { PENDING_KEY } from '../../analyzer/handoff.ts';

function highlight(line: string, ids: readonly string[]): (Node | string)[] {
  const wanted = ids.filter((id) => id.length > 0);
  if (wanted.length === 0) return [line];
  const out: (Node | string)[] = [];
  let rest = line;
  for (;;) {
    let at = -1;
    let id = '';
    for (const candidate of wanted) {
      const i = rest.indexOf(candidate);
      if (i !== -1 && (at === -1 || i < at)) {
        at = i;
        id = candidate;
      }
    }
    if (at === -1) break;
    if (at > 0) out.push(rest.slice(0, at));
    out.push(h('mark', { class: 'pg-reqid' }, id));
    rest = rest.slice(at + id.length);
  }
  if (rest) out.push(rest);
  return out;
}

function renderLines(target: HTMLElement, lines: readonly string[], filter: string, ids: readonly string[], empty: string): number {
  const needle = filter.trim().toLowerCase();
  const shown = needle ? lines.filter((l) => l.toLowerCase().includes(needle)) : lines;
  if (shown.length === 0) {
    replaceChildren(target, h('span', { class: 'pg-muted' }, lines.length === 0 ? empty : 'No line matches the filter.'));
    return 0;
  }
  replaceChildren(target, ...shown.map((line) => h('span', { class: `pg-log-line pg-log-${logLevel(line)}` }, ...highlight(line, ids), '\n')));
  return shown.length;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Mount the Logs panel on `host`. */
export function createLogsPanel(host: HTMLElement): Panel {
  let lines: string[] = [];
  let gateway: string[] = [];
  let ids: string[] = [];
  let gatewayTitle = 'Gateway log';
  const filter = h('input', { type: 'search', id: 'pg-log-filter', placeholder: 'e.g. ERROR or REPORT', autocomplete: 'off', spellcheck: 'false' });
  const copyStatus = h('span', { class: 'pg-copy-status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'pg-button pg-button-small' }, 'Copy log');
  const fnPre = h('pre', { class: 'pg-log', tabindex: 0, 'aria-label': 'Function log (CloudWatch Logs)' });
  const gwPre = h('pre', { class: 'pg-log', tabindex: 0, 'aria-label': 'Front door log' });
  const gwHeading = h('h3', { class: 'pg-sub' }, gatewayTitle);
  const count = h('span', { class: 'pg-muted pg-log-count' });
  // Round trip to the log analyzer: the logs go through localStorage (the analyzer's hand-off
  // contract, src/analyzer/handoff.ts), so nothing is put in a URL or leaves the browser.
  const analyze = h('a', { href: '/analyze/?from=playground', class: 'pg-button pg-button-small', hidden: true }, 'Analyze these logs');

  function render(): void {
    const n = renderLines(fnPre, lines, filter.value, ids, 'No function log yet.');
    renderLines(gwPre, gateway, filter.value, ids, 'This front door writes no log of its own for this run.');
    count.textContent = lines.length ? `${n} of ${lines.length} lines` : '';
    analyze.hidden = lines.length === 0;
  }

  filter.addEventListener('input', render);
  analyze.addEventListener('click', () => {
    try {
      localStorage.setItem(PENDING_KEY, [...lines, ...(gateway.length ? ['', ...gateway] : [])].join('\n'));
    } catch {
      // Storage full or off: the analyzer opens empty and says how to paste.
    }
  });
  copy.addEventListener('click', () => {
    void copyText(lines.join('\n')).then((ok) => {
      copyStatus.textContent = ok ? 'Copied.' : 'Copy failed: select the text and copy it.';
    });
  });

  host.append(
    h('div', { class: 'pg-log-tools' }, h('label', { for: 'pg-log-filter' }, 'Filter'), filter, copy, analyze, copyStatus, count),
    h(
      'div',
      { class: 'pg-log-columns' },
      h('div', {}, h('h3', { class: 'pg-sub' }, 'Function log (CloudWatch Logs)'), fnPre),
      h('div', {}, gwHeading, gwPre),
    ),
  );
  render();

  return {
    update(data: PanelData) {
      const run = data.run;
      lines = run?.record?.logs ?? [];
      gateway = run?.gatewayLogs ?? [];
      ids = run?.record ? [run.record.requestId] : [];
      gatewayTitle = run?.frontDoor === 'alb' ? 'Load balancer access log' : run?.frontDoor === 'invoke' ? 'Invoke API (no gateway)' : run?.frontDoor === 'function-url' ? 'Function URL' : 'API Gateway log';
      gwHeading.textContent = gatewayTitle;
      copyStatus.textContent = '';
      render();
    },
    unmount() {
      host.replaceChildren();
    },
  };
}
