/**
 * The exact event each front door sends to the function for one HTTP request.
 * Sources:
 * - REST / HTTP API 1.0: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 * - HTTP API 1.0 / 2.0: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 * - Function URL: https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-request-payload
 * - ALB: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
 */
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, LambdaFunctionURLEvent } from 'aws-lambda';
import type { FrontDoor } from '../vocabulary.ts';
import type { HttpRequestSpec, NamedValues, NormalisedRequest, SimulationInputs } from './http-request.ts';
import { encodeQueryString, normaliseRequest } from './http-request.ts';
import { deriveId, encodeQueryComponent, formatRequestTime } from './text.ts';
import { utf8ToBase64 } from '../aws/state.ts';
import { matchRoute } from './routes.ts';

/** Ids that identify the simulated API, URL or target group; derived from the function name when not given. */
export interface FrontDoorIds {
  /** API Gateway API id (10 lower-case alphanumerics). */
  apiId: string;
  /** Function URL id (32 lower-case alphanumerics). */
  urlId: string;
  /** ALB target group ARN. */
  targetGroupArn: string;
}

/** Stable ids for a function in an account and region: same inputs, same ids. */
export function createFrontDoorIds(sim: Pick<SimulationInputs, 'region' | 'accountId' | 'functionName'>): FrontDoorIds {
  const seed = `${sim.accountId}/${sim.region}/${sim.functionName}`;
  const tgName = `${sim.functionName}`.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 28) || 'lambda';
  return {
    apiId: deriveId(`api:${seed}`, 10),
    urlId: deriveId(`url:${seed}`, 32),
    targetGroupArn: `arn:aws:elasticloadbalancing:${sim.region}:${sim.accountId}:targetgroup/${tgName}-tg/${deriveId(`tg:${seed}`, 16, '0123456789abcdef')}`,
  };
}

/** API Gateway's `extendedRequestId` shape (16 chars, ending in `=`), derived from the request id. */
export function deriveExtendedRequestId(requestId: string): string {
  return `${deriveId(`ext:${requestId}`, 15, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}=`;
}

/** X-Ray trace header value `Root=1-<8 hex epoch s>-<24 hex>`. */
export function deriveTraceId(requestId: string, nowMs: number): string {
  const epoch = Math.floor(nowMs / 1000).toString(16).padStart(8, '0');
  return `Root=1-${epoch}-${deriveId(`trace:${requestId}`, 24, '0123456789abcdef')}`;
}

/**
 * Sets an own property even for names such as "__proto__" or "toString": header and query names come
 * from the caller, and a plain assignment would reach Object.prototype instead.
 */
function put<T>(out: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

function lastValues(list: readonly NamedValues[], transform: (name: string) => string = (n) => n): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, values } of list) {
    const last = values[values.length - 1];
    if (last !== undefined) put(out, transform(name), last);
  }
  return out;
}

function allValues(list: readonly NamedValues[], transform: (name: string) => string = (n) => n): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { name, values } of list) {
    const key = transform(name);
    if (Object.hasOwn(out, key)) out[key]!.push(...values);
    else put(out, key, [...values]);
  }
  return out;
}

function joined(list: readonly NamedValues[], transform: (name: string) => string = (n) => n): Record<string, string> {
  const all = allValues(list, transform);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) put(out, k, v.join(','));
  return out;
}

function withDefaultHeaders(req: NormalisedRequest, host: string, sim: SimulationInputs, port = '443', proto = 'https'): NamedValues[] {
  const has = (name: string) => req.headers.some((h) => h.name.toLowerCase() === name.toLowerCase());
  const extra: NamedValues[] = [];
  if (!has('host')) extra.push({ name: 'Host', values: [host] });
  if (!has('user-agent')) extra.push({ name: 'User-Agent', values: [req.userAgent] });
  if (!has('x-amzn-trace-id')) extra.push({ name: 'X-Amzn-Trace-Id', values: [deriveTraceId(sim.requestId, sim.nowMs)] });
  if (!has('x-forwarded-for')) extra.push({ name: 'X-Forwarded-For', values: [req.sourceIp] });
  if (!has('x-forwarded-port')) extra.push({ name: 'X-Forwarded-Port', values: [port] });
  if (!has('x-forwarded-proto')) extra.push({ name: 'X-Forwarded-Proto', values: [proto] });
  const headers = [...req.headers, ...extra];
  if (req.cookies.length > 0) headers.push({ name: 'Cookie', values: [req.cookies.join('; ')] });
  return headers;
}

const lower = (n: string) => n.toLowerCase();

/** The route a request was sent to, as the API Gateway events show it; null without a route (or `$default`). */
interface EventRoute {
  /** Resource path template, e.g. `/items/{id}`. */
  path: string;
  /** Route key, e.g. `GET /items/{id}` or `ANY /{proxy+}`. */
  key: string;
  /** Decoded path parameters; null when the route has no variables or the path does not match it. */
  params: Record<string, string> | null;
}

function eventRoute(req: NormalisedRequest): EventRoute | null {
  const r = req.route;
  if (r === null || r.path === null) return null;
  const m = matchRoute(r, req.method, req.path);
  const params = m.matched && Object.keys(m.pathParameters).length > 0 ? m.pathParameters : null;
  return { path: r.path, key: r.key, params };
}

function v1Event(spec: HttpRequestSpec, sim: SimulationInputs, ids: FrontDoorIds, kind: 'apigw-rest' | 'http-api-v1'): APIGatewayProxyEvent {
  const req = normaliseRequest(spec);
  const domainName = `${ids.apiId}.execute-api.${sim.region}.amazonaws.com`;
  // REST keeps the client's header casing; HTTP APIs lower-case header names (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response: "All header names are lowercase").
  const headerList = withDefaultHeaders(req, domainName, sim).map((h) => (kind === 'http-api-v1' ? { name: h.name.toLowerCase(), values: h.values } : h));
  const stage = req.stage ?? (kind === 'apigw-rest' ? 'prod' : '$default');
  const hasQuery = req.query.length > 0;
  // With a route, `resource` and `requestContext.resourcePath` are the template and `pathParameters` the
  // decoded values (REST input format, set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format).
  const route = eventRoute(req);
  const template = route?.path ?? req.path;
  const event: APIGatewayProxyEvent = {
    resource: template,
    path: req.path,
    httpMethod: req.method,
    // "headers" keeps the last value of a repeated header; multiValueHeaders keeps them all (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format input format).
    headers: lastValues(headerList),
    multiValueHeaders: allValues(headerList),
    queryStringParameters: hasQuery ? lastValues(req.query) : null,
    multiValueQueryStringParameters: hasQuery ? allValues(req.query) : null,
    pathParameters: route?.params ?? null,
    stageVariables: null,
    requestContext: {
      accountId: sim.accountId,
      apiId: ids.apiId,
      authorizer: undefined,
      domainName,
      domainPrefix: ids.apiId,
      extendedRequestId: deriveExtendedRequestId(sim.requestId),
      httpMethod: req.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: req.sourceIp,
        user: null,
        userAgent: req.userAgent,
        userArn: null,
      },
      // REST: requestContext.path includes the stage (`/prod/orders`); HTTP API $default stage does not.
      path: kind === 'apigw-rest' ? `/${stage}${req.path}` : req.path,
      protocol: 'HTTP/1.1',
      requestId: sim.requestId,
      requestTime: formatRequestTime(sim.nowMs),
      requestTimeEpoch: sim.nowMs,
      // REST: a 6-character resource id per resource. HTTP API 1.0: null on the documented `$default` example
      // (http-api-develop-integrations-lambda.html); with a route, public captures show the route key
      // (`"resourceId": "GET /api/v1/project/{project}"`, `"resourcePath": "/api/v1/project/{project}"`): UNVERIFIED in AWS docs.
      resourceId: kind === 'apigw-rest' ? deriveId(`res:${ids.apiId}:${template}`, 6) : ((route?.key ?? null) as unknown as string),
      resourcePath: template,
      stage,
    },
    body: req.body,
    isBase64Encoded: req.isBase64Encoded,
  };
  if (kind === 'http-api-v1') {
    return { version: '1.0', ...event } as APIGatewayProxyEvent;
  }
  return event;
}

/** REST API Lambda proxy event (APIGatewayProxyEvent). */
export function createRestApiEvent(spec: HttpRequestSpec, sim: SimulationInputs, ids: FrontDoorIds = createFrontDoorIds(sim)): APIGatewayProxyEvent {
  return v1Event(spec, sim, ids, 'apigw-rest');
}

/** HTTP API payload format 1.0 event: the REST shape plus `version: "1.0"`, lower-case header names. */
export function createHttpApiV1Event(spec: HttpRequestSpec, sim: SimulationInputs, ids: FrontDoorIds = createFrontDoorIds(sim)): APIGatewayProxyEvent & { version: '1.0' } {
  return v1Event(spec, sim, ids, 'http-api-v1') as APIGatewayProxyEvent & { version: '1.0' };
}

function v2Event(spec: HttpRequestSpec, sim: SimulationInputs, domainName: string, apiId: string, accountId: string, stage: string): APIGatewayProxyEventV2 {
  const req = normaliseRequest(spec);
  const headerList = withDefaultHeaders({ ...req, cookies: [] }, domainName, sim);
  // `routeKey` is the matched route (`GET /items/{id}`) or `$default`; `pathParameters` appears only when
  // the route has variables (payload 2.0 example, http-api-develop-integrations-lambda.html).
  const route = eventRoute(req);
  const routeKey = route?.key ?? '$default';
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: req.path,
    rawQueryString: encodeQueryString(req.query),
    // Duplicate headers and query parameters are combined with commas (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response, "Payload format differences").
    headers: joined(headerList, lower),
    requestContext: {
      accountId,
      apiId,
      domainName,
      domainPrefix: apiId,
      http: { method: req.method, path: req.path, protocol: 'HTTP/1.1', sourceIp: req.sourceIp, userAgent: req.userAgent },
      requestId: sim.requestId,
      routeKey,
      stage,
      time: formatRequestTime(sim.nowMs),
      timeEpoch: sim.nowMs,
    },
    isBase64Encoded: req.isBase64Encoded,
  };
  // "All cookie headers in the request are combined with commas and added to the cookies field" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response).
  if (req.cookies.length > 0) event.cookies = [...req.cookies];
  if (req.query.length > 0) event.queryStringParameters = joined(req.query);
  if (route?.params) event.pathParameters = { ...route.params };
  if (req.body !== null) event.body = req.body;
  return event;
}

/** HTTP API payload format 2.0 event (APIGatewayProxyEventV2), route `$default`. */
export function createHttpApiV2Event(spec: HttpRequestSpec, sim: SimulationInputs, ids: FrontDoorIds = createFrontDoorIds(sim)): APIGatewayProxyEventV2 {
  return v2Event(spec, sim, `${ids.apiId}.execute-api.${sim.region}.amazonaws.com`, ids.apiId, sim.accountId, spec.stage ?? '$default');
}

/**
 * Function URL event: payload 2.0 with `routeKey` and `stage` `$default`, domain `<url-id>.lambda-url.<region>.on.aws`.
 * With AuthType NONE, `requestContext.accountId` is `anonymous` (real capture in the Powertools parser
 * schema docs, https://docs.aws.amazon.com/powertools/typescript/latest/api/variables/_aws-lambda-powertools_parser.schemas.LambdaFunctionUrlSchema.html).
 */
export function createFunctionUrlEvent(spec: HttpRequestSpec, sim: SimulationInputs, ids: FrontDoorIds = createFrontDoorIds(sim)): LambdaFunctionURLEvent {
  // A function URL has no routes: every request is `$default` with no pathParameters key, whatever `route` says
  // (urls-invocation.html#urls-request-payload; Powertools' captured function URL event has none).
  const { route: _noRoutes, ...withoutRoute } = spec;
  return v2Event({ ...withoutRoute, stage: '$default' }, sim, `${ids.urlId}.lambda-url.${sim.region}.on.aws`, ids.urlId, 'anonymous', '$default');
}

/**
 * Content types the ALB passes to the function as they are; "For all other types, the load balancer
 * Base64 encodes the body and sets isBase64Encoded to true" (the rule reads: if the content type is
 * text/*, application/json, application/javascript or application/xml, the body is sent as is with
 * isBase64Encoded false). Source: "Receive events from the load balancer",
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html#receive-event-from-load-balancer
 */
const ALB_TEXT_CONTENT_TYPE = /^\s*(text\/[^;\s]*|application\/(json|javascript|xml))\s*(;|$)/i;

/**
 * Whether the ALB base64-encodes a request body with this `content-type` header value. A request
 * without a content type is sent as is: UNVERIFIED (the page names the rule only for typed bodies).
 */
export function isAlbBinaryContentType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === '') return false;
  return !ALB_TEXT_CONTENT_TYPE.test(contentType);
}

/** Options of the ALB event. */
export interface AlbEventOptions {
  /** Target group attribute `lambda.multi_value_headers.enabled`. */
  multiValueHeaders?: boolean;
}

/**
 * ALB event. Query parameters are passed as the client encoded them: "If the query parameters are
 * URL-encoded, the load balancer does not decode them" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html). Without multi-value headers the last
 * value of a repeated header or parameter is used; with them, every value (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html). A load balancer has
 * listener rules, not API routes: the event has no `resource`, `routeKey` or `pathParameters` key (see the
 * example event on the page above), so a request's `route` is ignored here.
 */
export function createAlbEvent(spec: HttpRequestSpec, sim: SimulationInputs, ids: FrontDoorIds = createFrontDoorIds(sim), options: AlbEventOptions = {}): ALBEvent {
  const req = normaliseRequest(spec);
  const host = `${sim.functionName.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 20) || 'lambda'}-${deriveId(`alb:${ids.targetGroupArn}`, 9, '0123456789')}.${sim.region}.elb.amazonaws.com`;
  const headerList = withDefaultHeaders(req, host, sim, '80', 'http').map((h) => ({ name: h.name.toLowerCase(), values: h.values }));
  const encodedQuery = req.query.map(({ name, values }) => ({ name: encodeQueryComponent(name), values: values.map(encodeQueryComponent) }));
  const event: ALBEvent = {
    requestContext: { elb: { targetGroupArn: ids.targetGroupArn } },
    httpMethod: req.method,
    path: req.path,
    // ALB sends an empty string, not null, for a request without a body (documented example: "body": "").
    body: req.body ?? '',
    isBase64Encoded: req.isBase64Encoded,
  };
  // A text body with a non-text content type reaches the function base64-encoded (see ALB_TEXT_CONTENT_TYPE).
  const contentType = headerList.filter((h) => h.name === 'content-type').at(-1)?.values.at(-1);
  if (!req.isBase64Encoded && req.body && isAlbBinaryContentType(contentType)) {
    event.body = utf8ToBase64(req.body);
    event.isBase64Encoded = true;
  }
  if (options.multiValueHeaders) {
    event.multiValueQueryStringParameters = allValues(encodedQuery);
    event.multiValueHeaders = allValues(headerList);
  } else {
    event.queryStringParameters = lastValues(encodedQuery);
    event.headers = lastValues(headerList);
  }
  return event;
}

/** Options for {@link createEvent}. */
export interface CreateEventOptions {
  ids?: FrontDoorIds;
  albMultiValueHeaders?: boolean;
}

/**
 * The event `frontDoor` sends for `spec`. For `invoke`, the event is the request body parsed as JSON
 * (a non-JSON body is passed as a string, no body as `{}`): the Invoke API has no HTTP envelope.
 */
export function createEvent(frontDoor: FrontDoor, spec: HttpRequestSpec, sim: SimulationInputs, options: CreateEventOptions = {}): unknown {
  const ids = options.ids ?? createFrontDoorIds(sim);
  switch (frontDoor) {
    case 'apigw-rest':
      return createRestApiEvent(spec, sim, ids);
    case 'http-api-v1':
      return createHttpApiV1Event(spec, sim, ids);
    case 'http-api-v2':
      return createHttpApiV2Event(spec, sim, ids);
    case 'function-url':
      return createFunctionUrlEvent(spec, sim, ids);
    case 'alb':
      return createAlbEvent(spec, sim, ids, options.albMultiValueHeaders ? { multiValueHeaders: true } : {});
    case 'invoke': {
      if (spec.body === undefined || spec.body === null || spec.body === '') return {};
      try {
        return JSON.parse(spec.body) as unknown;
      } catch {
        return spec.body;
      }
    }
  }
}
