/**
 * Run one request through one or every front door: build the event, invoke (through a callback, so
 * this module does not depend on the runtime simulator), and map the result to what each caller sees.
 */
import type { InvocationRecord } from '../types.ts';
import type { FrontDoor } from '../vocabulary.ts';
import { FRONT_DOORS } from '../vocabulary.ts';
import { createEvent, createFrontDoorIds } from './events.ts';
import type { FrontDoorContext, FrontDoorResult, RequestSummary } from './front-doors.ts';
import { checkRequestLimits, mapFrontDoorResponse } from './front-doors.ts';
import type { HttpRequestSpec, SimulationInputs } from './http-request.ts';
import { normaliseRequest, requestBodyBytes } from './http-request.ts';
import { utf8ByteLength } from './text.ts';
import { isFrontDoorPermitted, type FunctionUrlPermission } from './url-permissions.ts';
import { createUnmatchedRouteResult } from './route-replies.ts';

/** Invoke the function with `event` as `frontDoor` would; supplied by the caller (the simulator). */
export type InvokeFunction = (event: unknown, frontDoor: FrontDoor) => Promise<InvocationRecord>;

/** Options of a run: the simulation inputs and the front-door configuration. */
export interface RunOptions {
  sim: SimulationInputs;
  /** Default true. */
  invokePermission?: boolean;
  /** Function URL only: the permissions its resource policy grants; when omitted, `invokePermission` decides. */
  urlPermissions?: readonly FunctionUrlPermission[];
  throttled?: boolean;
  integrationTimeoutMs?: number;
  albMultiValueHeaders?: boolean;
}

/** Input of a run: an HTTP request to turn into each front door's event, or a raw event sent as-is. */
export type RunInput = { request: HttpRequestSpec } | { rawEvent: unknown };

/** One front door's run: the event sent, what Lambda reported, and what the caller received. */
export interface FrontDoorRun extends FrontDoorResult {
  event: unknown;
  /** Null when the front door answered without invoking. */
  record: InvocationRecord | null;
}

function isRunInput(value: HttpRequestSpec | RunInput): value is RunInput {
  return 'request' in value || 'rawEvent' in value;
}

function summarise(spec: HttpRequestSpec): RequestSummary {
  const n = normaliseRequest(spec);
  const last = (list: { name: string; values: string[] }[]) => Object.fromEntries(list.map((h) => [h.name, h.values[h.values.length - 1] ?? '']));
  const summary: RequestSummary = { method: n.method, path: n.path, query: last(n.query), headers: last(n.headers), body: n.body, sourceIp: n.sourceIp, userAgent: n.userAgent };
  if (n.route) summary.routeKey = n.route.key;
  return summary;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return 'null';
  }
}

/**
 * Run a request (or a raw event) through one front door. The function is not invoked when the front
 * door would answer first (no permission, request over a limit, throttled).
 */
export async function runThroughFrontDoor(frontDoor: FrontDoor, input: HttpRequestSpec | RunInput, invoke: InvokeFunction, options: RunOptions): Promise<FrontDoorRun> {
  const normalised: RunInput = isRunInput(input) ? input : { request: input };
  const spec = 'request' in normalised ? normalised.request : null;
  const ids = createFrontDoorIds(options.sim);
  const event = spec ? createEvent(frontDoor, spec, options.sim, { ids, albMultiValueHeaders: options.albMultiValueHeaders ?? false }) : (normalised as { rawEvent: unknown }).rawEvent;
  const eventBytes = utf8ByteLength(safeStringify(event));
  const bodyBytes = spec ? (frontDoor === 'invoke' ? eventBytes : requestBodyBytes(spec)) : eventBytes;
  const ctx: FrontDoorContext = {
    invokePermission: options.invokePermission ?? true,
    requestBodyBytes: bodyBytes,
    eventBytes,
    sim: options.sim,
  };
  if (options.urlPermissions !== undefined) ctx.urlPermissions = options.urlPermissions;
  if (options.throttled !== undefined) ctx.throttled = options.throttled;
  if (options.integrationTimeoutMs !== undefined) ctx.integrationTimeoutMs = options.integrationTimeoutMs;
  if (options.albMultiValueHeaders !== undefined) ctx.albMultiValueHeaders = options.albMultiValueHeaders;
  if (spec) ctx.request = summarise(spec);

  // A request that matches no API Gateway route is answered by the gateway (403 REST, 404 HTTP API); see route-replies.ts.
  const unrouted = spec ? createUnmatchedRouteResult(frontDoor, spec, options.sim) : null;
  if (unrouted) return { ...unrouted, event, record: null };
  const skip = !isFrontDoorPermitted(frontDoor, ctx.invokePermission, ctx.urlPermissions) || ctx.throttled === true || checkRequestLimits(frontDoor, bodyBytes, eventBytes) !== null;
  const record = skip ? null : await invoke(event, frontDoor);
  return { ...mapFrontDoorResponse(frontDoor, record, ctx), event, record };
}

/** Options of {@link compareFrontDoors}. */
export interface CompareOptions extends RunOptions {
  /** Front doors to compare; default all. */
  frontDoors?: readonly FrontDoor[];
}

/**
 * Run one invocation per front door for the same request and return each caller's response,
 * findings and gateway logs side by side, in the order of `frontDoors`. Runs are sequential so the
 * simulator sees invocations in a stable order.
 */
export async function compareFrontDoors(request: HttpRequestSpec, invoke: InvokeFunction, options: CompareOptions): Promise<FrontDoorRun[]> {
  const runs: FrontDoorRun[] = [];
  for (const frontDoor of options.frontDoors ?? FRONT_DOORS) {
    runs.push(await runThroughFrontDoor(frontDoor, { request }, invoke, options));
  }
  return runs;
}
