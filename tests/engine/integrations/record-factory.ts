/** Hand-built InvocationRecord fixtures for the front-door tests. */
import type { InvocationRecord } from '../../../src/engine/types.ts';
import type { FrontDoorContext } from '../../../src/engine/integrations/front-doors.ts';

export const LAMBDA_REQUEST_ID = '11111111-2222-3333-4444-555555555555';
export const GATEWAY_REQUEST_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

/** A successful invocation with sensible defaults; override any field. */
export function makeRecord(over: Partial<InvocationRecord> = {}): InvocationRecord {
  return {
    requestId: LAMBDA_REQUEST_ID,
    coldStart: false,
    outcome: 'success',
    errorType: null,
    errorMessage: null,
    functionError: null,
    durationMs: 12.34,
    billedDurationMs: 13,
    initDurationMs: null,
    maxMemoryUsedMB: 64,
    payload: 'null',
    result: null,
    startedAt: 0,
    logs: [],
    pending: [],
    causes: [],
    processExit: null,
    ...over,
  };
}

/** The handler returned `value` (serialised as the Node runtime does: undefined → null). */
export function returned(value: unknown, over: Partial<InvocationRecord> = {}): InvocationRecord {
  const payload = JSON.stringify(value === undefined ? null : value);
  return makeRecord({ payload, result: value === undefined ? null : JSON.parse(payload), ...over });
}

/** The payload text is exactly `payload` (may be invalid JSON). */
export function rawPayload(payload: string | null): InvocationRecord {
  return makeRecord({ payload, result: null });
}

/** The handler threw. */
export function threw(errorType = 'Error', errorMessage = 'boom'): InvocationRecord {
  const payload = JSON.stringify({ errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, '    at Runtime.handler (/var/task/index.mjs:2:9)'] });
  return makeRecord({ outcome: 'function-error', errorType, errorMessage, functionError: 'Unhandled', payload, result: JSON.parse(payload) });
}

/** The function hit its own timeout after `seconds`. */
export function timedOut(seconds: number): InvocationRecord {
  const errorMessage = `RequestId: ${LAMBDA_REQUEST_ID} Error: Task timed out after ${seconds.toFixed(2)} seconds`;
  const payload = JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage });
  return makeRecord({
    outcome: 'timeout',
    errorType: 'Sandbox.Timedout',
    errorMessage,
    functionError: 'Unhandled',
    durationMs: seconds * 1000 + 3.5,
    billedDurationMs: seconds * 1000,
    payload,
    result: JSON.parse(payload),
  });
}

/** A context where everything is allowed. */
export function ctx(over: Partial<FrontDoorContext> = {}): FrontDoorContext {
  return {
    invokePermission: true,
    requestBodyBytes: 0,
    sim: { requestId: GATEWAY_REQUEST_ID, nowMs: Date.UTC(2025, 4, 20, 10, 30, 0), region: 'eu-west-1', accountId: '123456789012', functionName: 'orders' },
    request: { method: 'GET', path: '/orders', query: { page: '2' }, headers: { Host: 'example.com' }, body: null, sourceIp: '198.51.100.7', userAgent: 'curl/8.5.0' },
    ...over,
  };
}
