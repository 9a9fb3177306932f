/**
 * The Timeline panel: virtual time of one run as an SVG — init, the invocation, each SDK/HTTP call,
 * the function timeout and (for API Gateway) the integration timeout line. A text list carries the
 * same facts for screen readers.
 */
import { defaultIntegrationTimeoutMs } from '../../engine/integrations/limits.ts';
import { h, replaceChildren, svg } from '../dom.ts';
import { formatMs } from '../format.ts';
import type { Panel, PanelData } from './types.ts';

interface Bar {
  label: string;
  start: number;
  end: number;
  kind: 'init' | 'invoke' | 'call' | 'caller' | 'open';
}

// A narrow drawing (scaled to the panel's width) so labels stay readable on a 390 px phone.
const WIDTH = 440;
const ROW = 26;
const LEFT = 110;
/** Narrowest bar drawn, in drawing units: a 1 ms invocation on a 3 s scale is still visible (about 4 px on a phone). */
const MIN_BAR_WIDTH = 8;

/** Mount the Timeline panel on `host`. */
export function createTimelinePanel(host: HTMLElement): Panel {
  const body = h('div', { class: 'pg-panel-body' }, h('p', { class: 'pg-muted' }, 'The timeline appears after a run.'));
  host.append(body);
  return {
    update(data: PanelData) {
      const run = data.run;
      const r = run?.record;
      if (!run || !r || !data.config) {
        if (run) replaceChildren(body, h('p', {}, 'The function did not run, so there is no timeline: the front door answered at once.'));
        return;
      }
      const init = r.coldStart && r.initDurationMs !== null ? r.initDurationMs : 0;
      const timeoutMs = data.config.timeoutSeconds * 1000;
      const gatewayMs = defaultIntegrationTimeoutMs(run.frontDoor);
      const bars: Bar[] = [];
      if (init > 0) bars.push({ label: 'Init', start: 0, end: init, kind: 'init' });
      bars.push({ label: 'Invocation', start: init, end: init + r.durationMs, kind: 'invoke' });
      for (const c of run.calls) bars.push({ label: c.label, start: init + c.startMs, end: init + (c.endMs ?? r.durationMs), kind: c.endMs === null ? 'open' : 'call' });
      // Timers still scheduled when the invocation ended, drawn from the end to when they were due.
      const end = init + r.durationMs;
      for (const p of r.pending) {
        const timer = /^setTimeout(?: (\S+))? due in (\d+) ms/.exec(p);
        if (timer) bars.push({ label: `setTimeout${timer[1] ? ` ${timer[1]}` : ''} (pending)`, start: end, end: end + Number(timer[2]), kind: 'open' });
      }
      if (run.frontDoor !== 'invoke') bars.push({ label: 'Caller waited', start: 0, end: run.clientLatencyMs, kind: 'caller' });
      const lastBar = Math.max(...bars.map((b) => b.end));
      // Scale to what happened and the function timeout; the 29 s line is drawn when it fits, else pointed at.
      const domain = Math.max(lastBar, init + timeoutMs) * 1.05 || 1;
      const x = (ms: number) => LEFT + (Math.min(ms, domain) / domain) * (WIDTH - LEFT - 10);
      const height = ROW * bars.length + 44;
      const lines: { at: number; label: string; cls: string }[] = [{ at: init + timeoutMs, label: `Function timeout ${data.config.timeoutSeconds} s`, cls: 'pg-tl-timeout' }];
      const gatewayFits = gatewayMs !== null && gatewayMs <= domain;
      if (gatewayMs !== null && gatewayFits) lines.push({ at: gatewayMs, label: `API Gateway ${gatewayMs / 1000} s`, cls: 'pg-tl-gateway' });
      const chart = svg(
        'svg',
        { viewBox: `0 0 ${WIDTH} ${height}`, class: 'pg-timeline', role: 'img', 'aria-labelledby': 'pg-tl-title' },
        svg('title', { id: 'pg-tl-title' }, `Timeline of request ${r.requestId} in virtual time`),
        ...bars.flatMap((b, i) => {
          const y = 8 + i * ROW;
          const w = Math.max(MIN_BAR_WIDTH, x(b.end) - x(b.start));
          return [
            svg('text', { x: 4, y: y + 15, class: 'pg-tl-label' }, b.label.length > 16 ? `${b.label.slice(0, 15)}…` : b.label),
            svg('rect', { x: x(b.start), y, width: w, height: ROW - 8, rx: 3, class: `pg-tl-bar pg-tl-${b.kind}` }),
          ];
        }),
        ...lines.flatMap((l) => [
          svg('line', { x1: x(l.at), x2: x(l.at), y1: 2, y2: height - 26, class: l.cls }),
          svg('text', { x: Math.min(x(l.at), WIDTH - 4), y: height - 12, class: `pg-tl-axis ${l.cls}-text`, 'text-anchor': 'end' }, l.label),
        ]),
        svg('text', { x: LEFT, y: height - 2, class: 'pg-tl-axis' }, '0'),
        svg('text', { x: WIDTH - 10, y: height - 2, class: 'pg-tl-axis', 'text-anchor': 'end' }, formatMs(domain)),
      );
      const facts = h(
        'ul',
        { class: 'pg-tl-list' },
        ...bars.map((b) => h('li', {}, `${b.label}: ${formatMs(b.start)} → ${formatMs(b.end)}${b.kind === 'open' ? ' (still pending when the invocation ended)' : ''}`)),
        h('li', {}, `Function timeout at ${formatMs(init + timeoutMs)}`),
        gatewayMs !== null ? h('li', {}, `API Gateway integration timeout at ${formatMs(gatewayMs)}${gatewayFits ? '' : ' (beyond this run: the function timeout comes first)'}`) : null,
      );
      replaceChildren(
        body,
        h('div', { class: 'pg-scroll', tabindex: 0, role: 'group', 'aria-label': 'Timeline chart' }, chart),
        run.calls.length === 0 ? h('p', { class: 'pg-muted' }, 'This run made no AWS SDK or HTTP calls.') : null,
        h('details', { class: 'pg-details' }, h('summary', {}, 'Timeline as text'), facts),
      );
    },
    unmount() {
      body.remove();
    },
  };
}
