/**
 * What the caller receives when a request matches no API Gateway route: the gateway answers itself and
 * the function is never called. REST: 403 `{"message":"Missing Authentication Token"}`; HTTP API (both
 * payload formats): 404 `{"message":"Not Found"}`. Function URLs and ALB targets have no routes.
 * Sources are on the replies in gateway-replies.ts.
 */
import { createFinding } from '../errors/catalogue.ts';
import type { FrontDoor } from '../vocabulary.ts';
import { deriveExtendedRequestId } from './events.ts';
import type { FrontDoorResult } from './front-doors.ts';
import { GATEWAY_REPLIES, renderReply } from './gateway-replies.ts';
import type { HttpRequestSpec, SimulationInputs } from './http-request.ts';
import { normaliseRequest } from './http-request.ts';
import { matchRoute, type RouteMatch } from './routes.ts';

/** Does `frontDoor` route requests by API Gateway routes (and so can refuse an unmatched path)? */
export function isRoutedFrontDoor(frontDoor: FrontDoor): frontDoor is 'apigw-rest' | 'http-api-v1' | 'http-api-v2' {
  return frontDoor === 'apigw-rest' || frontDoor === 'http-api-v1' || frontDoor === 'http-api-v2';
}

/** Match the request's own route (if any) for a routed front door; null when there is nothing to match. */
export function checkRouteMatch(frontDoor: FrontDoor, spec: HttpRequestSpec): RouteMatch | null {
  if (!isRoutedFrontDoor(frontDoor)) return null;
  const req = normaliseRequest(spec);
  if (req.route === null || req.route.path === null) return null;
  return matchRoute(req.route, req.method, req.path);
}

/**
 * The gateway's own reply when the request does not match its route, or null when it matches (or the
 * front door has no routes). The result has `invoked: false`: Lambda is never called.
 */
export function createUnmatchedRouteResult(frontDoor: FrontDoor, spec: HttpRequestSpec, sim: Pick<SimulationInputs, 'requestId'>): FrontDoorResult | null {
  const match = checkRouteMatch(frontDoor, spec);
  if (match === null || match.matched) return null;
  const rest = frontDoor === 'apigw-rest';
  const reply = rest ? GATEWAY_REPLIES.restMissingAuthenticationToken : GATEWAY_REPLIES.httpApiNotFound;
  const response = rest
    ? renderReply(reply, { headers: { 'x-amzn-RequestId': sim.requestId, 'x-amz-apigw-id': deriveExtendedRequestId(sim.requestId) } })
    : renderReply(reply, { headers: { 'apigw-requestid': sim.requestId } });
  const req = normaliseRequest(spec);
  const finding = createFinding(
    'LT-ROUTE-NOT-MATCHED',
    { frontDoor, status: reply.statusCode, field: `${req.method} ${req.path}`, detail: `The route is ${req.route?.key ?? '$default'}: ${match.reason}.` },
    { source: reply.source, ...('unverified' in reply && reply.unverified ? { unverified: true } : {}) },
  );
  return {
    frontDoor,
    response,
    findings: [finding],
    gatewayLogs: [],
    invoked: false,
    clientLatencyMs: 0,
    functionDurationMs: null,
    billedDurationMs: null,
    errorReason: null,
  };
}
