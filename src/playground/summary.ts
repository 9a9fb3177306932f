/**
 * One sentence that says what happened in a run, built only from the run's data (the Lambda record,
 * the front door's findings and the work still pending). Pure, so it is unit-tested.
 */
import { CATALOGUE, isCatalogueCode } from '../engine/errors/catalogue.ts';
import type { Finding, HttpResponse, InvocationRecord } from '../engine/types.ts';
import type { FrontDoor } from '../engine/vocabulary.ts';

/** What the summary needs from a run (a subset of the worker's RunView). */
export interface SummaryInput {
  frontDoor: FrontDoor;
  response: Pick<HttpResponse, 'statusCode'>;
  findings: readonly Finding[];
  record: InvocationRecord | null;
  /** `Event` when a direct invoke was asynchronous (202). */
  invocationType?: 'RequestResponse' | 'Event';
  /** Simulated AWS/HTTP calls of the invocation (label, and endMs null while still waiting). */
  calls?: readonly { label: string; endMs: number | null }[];
}

/** Short names of the front doors as the subject of a sentence. */
export const FRONT_DOOR_SUBJECT: Record<FrontDoor, string> = {
  invoke: 'the Invoke API',
  'apigw-rest': 'API Gateway (REST API)',
  'http-api-v1': 'API Gateway (HTTP API, payload 1.0)',
  'http-api-v2': 'API Gateway (HTTP API, payload 2.0)',
  'function-url': 'the function URL',
  alb: 'the load balancer',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function trimEnd(text: string): string {
  return text.replace(/[\s.]+$/, '');
}

function clip(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Turn one entry of `record.pending` into words that fit after "while" / ":". */
export function describePendingItem(item: string): string {
  const call = /^call (.+) in flight$/.exec(item) ?? /^(.+) call in flight$/.exec(item);
  if (call) return `the ${call[1]} call was still waiting`;
  if (item === "handler's promise has not settled") return "the handler's promise had not settled";
  if (item === 'handler has not called its callback') return 'the handler had not called its callback';
  const timer = /^setTimeout(?: (\S+))? due in (\d+) ms/.exec(item);
  if (timer) return `a setTimeout${timer[1] ? ` (${timer[1]})` : ''} was still due in ${timer[2]} ms`;
  if (item.startsWith('setInterval')) return `a ${item} was still scheduled`;
  return `${item} was still pending`;
}

function pendingClause(record: InvocationRecord): string {
  // The most telling item first: an SDK call in flight, then the handler's promise, then timers.
  const ordered = [...record.pending].sort((a, b) => rank(a) - rank(b));
  const first = ordered[0];
  return first === undefined ? '' : `: ${describePendingItem(first)}`;
}

function rank(item: string): number {
  if (item.startsWith('call ') || item.endsWith(' call in flight')) return 0;
  if (item.startsWith('handler')) return 2;
  return 1;
}

function errorText(record: InvocationRecord): string {
  const type = record.errorType ?? 'Error';
  // The sentence goes on after it (", so …"): a message's own final full stop would leave "again., so".
  return record.errorMessage ? `${type}: ${clip(record.errorMessage).replace(/\.$/, '')}` : type;
}

function findingTitle(f: Finding): string {
  return isCatalogueCode(f.code) ? CATALOGUE[f.code].title : clip(f.message.split('. ')[0] ?? f.code);
}

function answered(input: SummaryInput): string {
  const status = input.response.statusCode;
  if (input.frontDoor === 'invoke') {
    if (input.invocationType === 'Event') return `the Invoke API answered ${status} (accepted for asynchronous processing)`;
    return input.record?.functionError ? `the Invoke API answered ${status} with X-Amz-Function-Error: Unhandled` : `the Invoke API answered ${status}`;
  }
  return `${FRONT_DOOR_SUBJECT[input.frontDoor]} answered ${status}`;
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

/** The one-sentence summary of a run. */
export function summariseRun(input: SummaryInput): string {
  const { record } = input;
  const errors = input.findings.filter((f) => f.severity !== 'warning');
  const warnings = input.findings.filter((f) => f.severity === 'warning');
  const door = answered(input);

  if (record === null) {
    const why = errors[0] ?? input.findings[0];
    return `${capitalise(door)} without invoking the function${why ? `: ${lowerFirst(trimEnd(findingTitle(why)))}` : ''}.`;
  }

  const gatewayTimeout = errors.find((f) => f.code === 'LT-INTEGRATION-TIMEOUT');
  if (gatewayTimeout) {
    return `${capitalise(door)} because it stopped waiting while the function was still running (it ran ${(record.durationMs / 1000).toFixed(2)} s).`;
  }

  switch (record.outcome) {
    case 'timeout': {
      const task = /Task timed out after [\d.]+ seconds/.exec(record.errorMessage ?? '')?.[0] ?? 'The function timed out';
      // A call still waiting: it never answered, or its answer was due after the function was stopped.
      const waiting = input.calls?.find((c) => c.endMs === null || c.endMs > record.durationMs);
      const clause = waiting ? `: the ${waiting.label} call was still waiting` : pendingClause(record);
      return `${task}${clause}, so ${door}.`;
    }
    case 'out-of-memory':
      return `The function ran out of memory (Max Memory Used ${record.maxMemoryUsedMB} MB reached its memory size), so ${door}.`;
    case 'init-error':
      return `The function failed to start (${errorText(record)}), so ${door}.`;
    case 'function-error':
      return `The handler failed with ${errorText(record)}, so ${door}.`;
    case 'throttled':
      return `Lambda throttled the invocation (${errorText(record)}), so ${door}.`;
    case 'invalid-request':
      return `Lambda rejected the request (${errorText(record)}), so ${door}.`;
    case 'success':
      break;
  }

  const start = record.coldStart && record.initDurationMs !== null ? ` after a cold start (Init Duration ${ms(record.initDurationMs)})` : '';
  const error = errors[0];
  if (error) {
    return `The function returned in ${ms(record.durationMs)}${start}, but ${door}: ${lowerFirst(trimEnd(findingTitle(error)))}.`;
  }
  const warning = warnings[0];
  if (warning) {
    return `The function returned in ${ms(record.durationMs)}${start} and ${door}, but note: ${lowerFirst(trimEnd(findingTitle(warning)))}.`;
  }
  return `The function returned in ${ms(record.durationMs)}${start} and ${door}.`;
}
