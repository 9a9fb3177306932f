/** The Response panel: what the caller received, the compare table and the payload-size meters. */
import { MAX_ALB_RESPONSE_BYTES, MAX_SYNC_RESPONSE_BYTES, REQUEST_LIMITS } from '../../engine/integrations/limits.ts';
import { MAX_ASYNC_PAYLOAD_BYTES } from '../../engine/integrations/limits.ts';
import { FRONT_DOOR_LABELS, type FrontDoor } from '../../engine/vocabulary.ts';
import type { RunView } from '../../worker/protocol.ts';
import type { HttpResponse } from '../../engine/types.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatBytes, prettyBody, STATUS_TEXT } from '../format.ts';
import type { Panel, PanelData } from './types.ts';

function statusLine(status: number): HTMLElement {
  const kind = status >= 500 ? 'bad' : status >= 400 ? 'warn' : 'good';
  return h('p', { class: `pg-status pg-status-${kind}` }, h('span', { class: 'pg-status-code' }, String(status)), ` ${STATUS_TEXT[status] ?? ''}`);
}

/**
 * The header lines the caller receives, one per value: a header sent several times (a 2.0 response's
 * `cookies` become one `set-cookie` line each, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html)
 * is listed from `multiValueHeaders`, not as the `headers` entry that joins them with `, `.
 */
export function headerLines(response: Pick<HttpResponse, 'headers' | 'multiValueHeaders'>): [string, string][] {
  const multi = response.multiValueHeaders ?? {};
  const lower = new Set(Object.keys(multi).map((k) => k.toLowerCase()));
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(response.headers)) if (!lower.has(k.toLowerCase())) out.push([k, v]);
  for (const [k, values] of Object.entries(multi)) for (const v of values) out.push([k, v]);
  return out;
}

function headersList(response: HttpResponse): HTMLElement {
  const entries = headerLines(response);
  if (entries.length === 0) return h('p', { class: 'pg-muted' }, 'No headers.');
  return h('dl', { class: 'pg-headers' }, ...entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** The largest response payload the front door passes on, with its source (limits.ts). */
export function responseLimitBytes(frontDoor: FrontDoor): number {
  return frontDoor === 'alb' ? MAX_ALB_RESPONSE_BYTES : MAX_SYNC_RESPONSE_BYTES;
}

function requestLimit(frontDoor: FrontDoor, invocationType: 'RequestResponse' | 'Event'): { bytes: number; what: string } {
  if (frontDoor === 'invoke' && invocationType === 'Event') return { bytes: MAX_ASYNC_PAYLOAD_BYTES, what: 'asynchronous invoke payload' };
  const rules = REQUEST_LIMITS[frontDoor];
  const first = rules[0];
  if (!first) return { bytes: MAX_SYNC_RESPONSE_BYTES, what: 'payload' };
  const min = rules.reduce((a, r) => (r.bytes < a.bytes ? r : a), first);
  return { bytes: min.bytes, what: min.applies === 'request-body' ? 'request body' : 'invoke payload' };
}

function meter(label: string, value: number, max: number, id: string): HTMLElement {
  const pct = Math.min(100, (value / max) * 100);
  return h(
    'div',
    { class: 'pg-meter' },
    h('label', { for: id }, label),
    h('meter', { id, min: 0, max, value: Math.min(value, max), low: max * 0.7, high: max * 0.9, optimum: 0 }),
    h('span', { class: 'pg-meter-text' }, `${formatBytes(value)} of ${formatBytes(max)} (${pct < 0.1 && value > 0 ? '<0.1' : pct.toFixed(1)}%)`),
  );
}

function compareTable(runs: RunView[]): HTMLElement {
  const table = h(
    'table',
    { class: 'pg-compare' },
    h('caption', {}, 'The same request through every front door'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Front door'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Body'), h('th', { scope: 'col' }, 'Why'))),
    h(
      'tbody',
      {},
      ...runs.map((r) =>
        h(
          'tr',
          { 'data-front-door': r.frontDoor },
          h('th', { scope: 'row' }, FRONT_DOOR_LABELS[r.frontDoor]),
          h('td', { class: 'pg-compare-status' }, statusLine(r.response.statusCode)),
          h('td', {}, h('pre', { class: 'pg-body pg-body-small' }, r.response.body.length > 400 ? `${r.response.body.slice(0, 400)}…` : r.response.body)),
          h('td', {}, r.findings.length === 0 ? 'No findings.' : h('ul', {}, ...r.findings.map((f) => h('li', {}, h('code', {}, f.code))))),
        ),
      ),
    ),
  );
  return h('div', { class: 'pg-scroll', tabindex: 0, role: 'group', 'aria-label': 'Front doors compared (scrolls sideways)' }, table);
}

/** Mount the Response panel on `host`. */
export function createResponsePanel(host: HTMLElement): Panel {
  const body = h('div', { class: 'pg-panel-body' }, h('p', { class: 'pg-muted' }, 'Run the function to see what the caller receives.'));
  const compareHost = h('div', { class: 'pg-compare-host' });
  host.append(body, compareHost);
  return {
    update(data: PanelData) {
      const run = data.run;
      if (run) {
        const limit = requestLimit(run.frontDoor, data.invocationType);
        const respLimit = responseLimitBytes(run.frontDoor);
        replaceChildren(
          body,
          h('p', { class: 'pg-door' }, `Caller of ${FRONT_DOOR_LABELS[run.frontDoor]}${run.invoked ? '' : ' (the function was not invoked)'}`),
          statusLine(run.response.statusCode),
          h('details', { class: 'pg-details', open: true }, h('summary', {}, `Headers (${headerLines(run.response).length})`), headersList(run.response)),
          h('h3', { class: 'pg-sub' }, 'Body'),
          h('pre', { class: 'pg-body', tabindex: 0, 'aria-label': 'Response body' }, run.response.body === '' ? '(empty)' : prettyBody(run.response.body)),
          run.response.isBase64Encoded ? h('p', { class: 'pg-muted' }, 'The body is base64: the caller receives the decoded bytes.') : null,
          h(
            'div',
            { class: 'pg-meters' },
            meter(`Request: ${limit.what}`, limit.what === 'request body' ? run.requestBytes : run.eventBytes, limit.bytes, 'pg-meter-request'),
            run.payloadBytes !== null ? meter('Response payload', run.payloadBytes, respLimit, 'pg-meter-response') : null,
          ),
        );
      }
      if (data.compare) replaceChildren(compareHost, h('h3', { class: 'pg-sub' }, 'Every front door'), compareTable(data.compare));
      else replaceChildren(compareHost);
    },
    unmount() {
      body.remove();
      compareHost.remove();
    },
  };
}
