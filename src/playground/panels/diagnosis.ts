/**
 * The Diagnosis panel: what Lambda reported (kept apart from what the caller saw), the memory gauge,
 * and the findings with their causes, each linking to its guide and decision-tree node.
 */
import type { Finding } from '../../engine/types.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatMs } from '../format.ts';
import type { CauseLinks, Panel, PanelData } from './types.ts';

function findingItem(f: Finding, links: CauseLinks): HTMLElement {
  const link = links[f.cause];
  const severity = f.severity === 'warning' ? 'warning' : 'error';
  return h(
    'li',
    { class: `pg-finding pg-finding-${severity}` },
    h('p', { class: 'pg-finding-head' }, h('code', {}, f.code), ' ', h('span', { class: 'pg-badge' }, severity === 'warning' ? 'Warning' : 'Error'), f.unverified ? h('span', { class: 'pg-badge pg-badge-muted' }, 'Unverified') : null),
    h('p', {}, f.message),
    h(
      'p',
      { class: 'pg-finding-links' },
      `Cause: ${link?.title ?? f.cause}. `,
      link?.guide ? h('a', { href: link.guide }, `Guide: ${link.title}`) : h('a', { href: f.guide }, 'Guide'),
      link?.tree ? h('span', {}, ' · ', h('a', { href: link.tree }, 'Decision tree node')) : null,
      ' · ',
      h('a', { href: f.source, rel: 'noopener' }, 'AWS source'),
    ),
  );
}

function fact(label: string, value: string): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, value)];
}

/** Mount the Diagnosis panel on `host`; `links` maps causes to guide and tree pages. */
export function createDiagnosisPanel(host: HTMLElement, links: CauseLinks): Panel {
  const body = h('div', { class: 'pg-panel-body' }, h('p', { class: 'pg-muted' }, 'Findings appear here after a run.'));
  host.append(body);
  return {
    update(data: PanelData) {
      const run = data.run;
      if (!run) return;
      const r = run.record;
      const memory = data.config?.memoryMB ?? 128;
      const reported = r
        ? h(
            'dl',
            { class: 'pg-facts' },
            ...fact('Outcome', r.outcome),
            ...fact('Error type', r.errorType ?? '—'),
            ...fact('Error message', r.errorMessage ?? '—'),
            ...fact('Duration', formatMs(r.durationMs)),
            ...fact('Billed duration', `${r.billedDurationMs} ms`),
            ...fact('Init duration', r.initDurationMs === null ? 'warm start' : formatMs(r.initDurationMs)),
            ...fact('Request id', r.requestId),
          )
        : h('p', {}, 'Lambda never ran the function: the front door answered on its own.');
      const gauge = r
        ? h(
            'div',
            { class: 'pg-meter pg-memory' },
            h('label', { for: 'pg-memory-gauge' }, 'Memory'),
            h('meter', { id: 'pg-memory-gauge', min: 0, max: memory, value: r.maxMemoryUsedMB, low: memory * 0.7, high: memory * 0.9, optimum: 0 }),
            h('span', { class: 'pg-meter-text' }, `Max Memory Used ${r.maxMemoryUsedMB} MB of Memory Size ${memory} MB`),
          )
        : null;
      const pending = r && r.pending.length > 0 ? h('div', {}, h('h3', { class: 'pg-sub' }, 'Still pending when it ended'), h('ul', {}, ...r.pending.map((p) => h('li', {}, p)))) : null;
      const findings =
        run.findings.length > 0
          ? h('ul', { class: 'pg-findings' }, ...run.findings.map((f) => findingItem(f, links)))
          : h('p', {}, 'No findings: the caller got what the function meant to send.');
      const causes = [...new Set([...(r?.causes ?? []), ...run.callCauses, ...run.findings.map((f) => f.cause)])];
      const calls =
        run.calls.length > 0
          ? h(
              'div',
              {},
              h('h3', { class: 'pg-sub' }, `Calls to AWS and HTTP dependencies (${run.calls.length})`),
              h(
                'ul',
                { class: 'pg-calls' },
                ...run.calls.map((c) =>
                  h('li', { class: c.ok ? 'pg-call-ok' : 'pg-call-bad' }, h('code', {}, c.label), ` at ${formatMs(Math.max(0, c.startMs))}: `, c.detail),
                ),
              ),
            )
          : null;
      replaceChildren(
        body,
        h('h3', { class: 'pg-sub' }, 'Findings'),
        findings,
        causes.length > 0
          ? h('p', { class: 'pg-causes' }, 'Causes: ', ...causes.flatMap((c, i) => [i > 0 ? ', ' : '', links[c]?.guide ? h('a', { href: links[c]?.guide ?? '#' }, links[c]?.title ?? c) : c]))
          : null,
        calls,
        h('h3', { class: 'pg-sub' }, 'What Lambda reported'),
        gauge,
        reported,
        pending,
      );
    },
    unmount() {
      body.remove();
    },
  };
}
