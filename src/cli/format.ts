/**
 * Human-readable output of `lambda-triage invoke`: the function's log stream, the front door's log,
 * the caller's response and the findings; a compact table for `--compare`. Pure: returns lines.
 */
import type { Finding, HttpResponse } from '../engine/types.ts';
import { FRONT_DOOR_LABELS, type FrontDoor } from '../engine/vocabulary.ts';
import type { CliInvocationReport } from './report.ts';
import { resolveSiteUrl } from '../utils/site-url.ts';

/** The site the CLI links to: LAMBDA_TRIAGE_SITE (as for the build), else none (local page paths). */
export function cliSiteUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  const site = resolveSiteUrl(env);
  return site.ok ? site.value : undefined;
}

/**
 * Link to a finding's guide where the user is: on the configured site (`https://…/guides/x/`), or the page
 * path of the local site (`/guides/x/`) when none is configured; main.ts then says once how to open it.
 */
export function guideUrl(guide: string, site: string | undefined = cliSiteUrl()): string {
  if (/^https?:\/\//.test(guide)) return guide;
  const path = `${guide.startsWith('/') ? '' : '/'}${guide}`;
  return site ? `${site}${path}` : path;
}

/** Label of a guide line in the human output (`  Guide: /guides/timeout/`). */
export const GUIDE_LABEL = 'Guide: ';

/** Port `npm start` serves the site on (scripts/start.mjs). */
export const LOCAL_SITE_PORT = 4321;

/** True when `line` is a guide line that shows a local page path rather than a full address. */
export function isLocalGuideLine(line: string): boolean {
  return line.trimStart().startsWith(`${GUIDE_LABEL}/`);
}

/** The one line that tells how to read local guide paths. */
export function localGuidesHint(): string {
  return `Guides are pages of the Lambda Triage site: run \`npm start\` in the lambda-triage repository and open them under http://localhost:${LOCAL_SITE_PORT} (or set LAMBDA_TRIAGE_SITE to the address of a published copy).`;
}

/** Heading of the caller's response: `Invoke API: HTTP 200 (X-Amz-Function-Error: Unhandled)` or `<door>: HTTP 502`. */
export function responseHeading(frontDoor: FrontDoor, response: HttpResponse): string {
  if (frontDoor === 'invoke') {
    const fe = response.headers['X-Amz-Function-Error'];
    return `Invoke API: HTTP ${response.statusCode}${fe ? ` (X-Amz-Function-Error: ${fe})` : ''}`;
  }
  return `${FRONT_DOOR_LABELS[frontDoor]}: HTTP ${response.statusCode}`;
}

/** The response as the caller sees it: heading, header lines, blank line, body. */
export function formatResponse(frontDoor: FrontDoor, response: HttpResponse): string[] {
  const lines = [responseHeading(frontDoor, response)];
  if (frontDoor !== 'invoke') {
    for (const [name, value] of Object.entries(response.headers)) {
      const multi = response.multiValueHeaders?.[name];
      if (multi) for (const v of multi) lines.push(`${name}: ${v}`);
      else lines.push(`${name}: ${value}`);
    }
    lines.push('');
  }
  lines.push(response.isBase64Encoded ? `${response.body}    (base64: the caller receives the decoded bytes)` : response.body);
  return lines;
}

/** Findings: code, message, guide link (on `site`, else a local page path) and source; warnings are marked. */
export function formatFindings(findings: readonly Finding[], site: string | undefined = cliSiteUrl()): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    const tags = [f.severity === 'warning' ? 'warning' : null, f.unverified ? 'AWS behaviour unverified' : null].filter(Boolean);
    lines.push(`${f.code}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}: ${f.message}`);
    lines.push(`  ${GUIDE_LABEL}${guideUrl(f.guide, site)}`);
    lines.push(`  Source: ${f.source}`);
  }
  return lines;
}

const GATEWAY_LOG_TITLES: Record<FrontDoor, string> = {
  invoke: '',
  'apigw-rest': 'API Gateway execution and access log',
  'http-api-v1': 'API Gateway access log',
  'http-api-v2': 'API Gateway access log',
  'function-url': 'Function URL log',
  alb: 'Load balancer access log',
};

/** The full human output of one invocation. */
export function formatInvocation(r: CliInvocationReport, functionName: string): string[] {
  const out: string[] = [];
  if (r.invoked) {
    out.push(`--- Function log stream (/aws/lambda/${functionName}) ---`);
    out.push(...r.logs);
  } else {
    out.push(`--- ${FRONT_DOOR_LABELS[r.frontDoor]} answered without invoking the function ---`);
  }
  out.push('');
  if (r.gatewayLogs.length > 0) {
    out.push(`--- ${GATEWAY_LOG_TITLES[r.frontDoor]} ---`);
    out.push(...r.gatewayLogs);
    out.push('');
  }
  out.push(...formatResponse(r.frontDoor, r.response));
  if (r.pending.length > 0) out.push(`Pending when it ended: ${r.pending.join('; ')}`);
  if (r.findings.length > 0) {
    out.push('');
    out.push('--- Findings ---');
    out.push(...formatFindings(r.findings));
  }
  out.push('');
  return out;
}

/** One line of text for a table cell: newlines shown as `⏎`, cut to `max` characters. */
export function cell(text: string, max: number): string {
  const flat = text.replace(/\r?\n|\r/g, '⏎');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Render rows as a plain-text table with a header row and a rule. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** The `--compare` output: one row per front door, then each door's findings. */
export function formatCompare(reports: readonly CliInvocationReport[]): string[] {
  const rows = reports.map((r) => [
    FRONT_DOOR_LABELS[r.frontDoor],
    String(r.response.statusCode),
    cell(r.response.body, 44),
    r.findings.length === 0 ? '-' : [...new Set(r.findings.map((f) => f.code))].join(', '),
  ]);
  const out = table(['Front door', 'Status', 'Body the caller receives', 'Findings'], rows);
  const withFindings = reports.filter((r) => r.findings.length > 0);
  if (withFindings.length > 0) {
    out.push('');
    for (const r of withFindings) {
      out.push(`--- ${FRONT_DOOR_LABELS[r.frontDoor]} ---`);
      out.push(...formatFindings(r.findings));
    }
  }
  out.push('');
  out.push('Each front door ran the function in a fresh execution environment. Use --integration DOOR for one door\'s logs, or --json for everything.');
  return out;
}
