/**
 * Response-shape rules: how each front door reads the function's result. Pure `check*` functions
 * parameterised over the gateway kind; each returns the response the front door would build (or null
 * when it rejects the result) and the issues found, each with a catalogue code, the source of the rule
 * for that gateway, and whether that gateway's behaviour is verified.
 */
import type { CatalogueCode, FindingParams } from '../errors/catalogue.ts';
import type { FrontDoor } from '../vocabulary.ts';
import type { NamedValues } from './http-request.ts';
import { describeType, isJsonObject, preview, tryParseJson } from './text.ts';

/** Gateways whose result format is `{statusCode, headers, multiValueHeaders, body, isBase64Encoded}`. */
export type V1Kind = 'apigw-rest' | 'http-api-v1' | 'alb';
/** Gateways that use payload format 2.0 responses (with inference). */
export type V2Kind = 'http-api-v2' | 'function-url';

/** One broken rule. `fatal` issues make the front door reject the result. */
export interface ResponseIssue {
  code: CatalogueCode;
  params: FindingParams;
  fatal: boolean;
  source: string;
  unverified?: true;
}

/** The response a front door builds from an accepted result, before its own headers are added. */
export interface ShapedResponse {
  statusCode: number;
  /** Headers in order, names in the casing the front door sends. */
  headers: NamedValues[];
  body: string;
  /** The caller receives the base64-decoded bytes of `body`. */
  isBase64Encoded: boolean;
  /** Cookies that become one `set-cookie` header each (payload 2.0). */
  cookies: string[];
  /** True when payload 2.0 inferred the response from a result without statusCode. */
  inferred: boolean;
}

/** Result of a `check*Result` function. */
export interface ResultCheck {
  response: ShapedResponse | null;
  issues: ResponseIssue[];
}

/** Where each rule comes from, per gateway. */
export const RESPONSE_RULE_SOURCES = {
  D2: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format',
  D3: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response',
  D5: 'https://repost.aws/knowledge-center/api-gateway-status-codes-http-api',
  D6: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-response-payload',
  D8: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html',
  LS_APIGW: 'https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json (AWS-validated)',
  LS_LAMBDA: 'https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json (AWS-validated)',
  BODY_OBJECT_2020: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format + a real 2020 capture',
  ALB_NULLS: 'https://github.com/awsdocs/elb-application-load-balancers-user-guide/issues/33; https://github.com/aws/aws-lambda-dotnet/issues/507',
  ALB_HEADER_BOOL: 'https://github.com/jeremydaly/lambda-api/issues/117',
  ALB_STATUS_STRING: 'https://github.com/adamchainz/apig-wsgi/issues/52',
} as const;

const S = RESPONSE_RULE_SOURCES;

/** Human words for a value's type, used in messages: "an object", "the string \"x\"". */
export function describeValue(value: unknown): string {
  const t = describeType(value);
  switch (t) {
    case 'string':
      return `the string ${JSON.stringify(preview(value as string, 40))}`;
    case 'number':
    case 'boolean':
      return `the ${t} ${String(value)}`;
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return t;
  }
}

/** Integer HTTP status from a number or (when allowed) a numeric string; null when not a valid status. */
export function parseStatusCode(value: unknown, allowNumericString: boolean): number | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && allowNumericString && /^\d{1,3}$/.test(value)) n = Number(value);
  else return null;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : null;
}

function addHeader(list: NamedValues[], name: string, values: string[]): void {
  const existing = list.find((h) => h.name.toLowerCase() === name.toLowerCase());
  if (existing) existing.values.push(...values);
  else list.push({ name, values: [...values] });
}

const REST_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);
const ALB_KEYS = new Set(['statusCode', 'statusDescription', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

interface Ctx {
  kind: FrontDoor;
  issues: ResponseIssue[];
}

function push(ctx: Ctx, code: CatalogueCode, params: FindingParams, fatal: boolean, source: string, unverified: boolean): void {
  const issue: ResponseIssue = { code, params: { frontDoor: ctx.kind, ...params }, fatal, source };
  if (unverified) issue.unverified = true;
  ctx.issues.push(issue);
}

/** Options for {@link checkV1Result}. */
export interface V1CheckOptions {
  /** ALB target group attribute `lambda.multi_value_headers.enabled`. */
  albMultiValueHeaders?: boolean;
}

/**
 * Check a result against the REST API (AWS_PROXY), HTTP API payload 1.0 or ALB response rules.
 * `payload` is the exact Invoke Payload text.
 */
export function checkV1Result(kind: V1Kind, payload: string | null, options: V1CheckOptions = {}): ResultCheck {
  const ctx: Ctx = { kind, issues: [] };
  const isRest = kind === 'apigw-rest';
  const isAlb = kind === 'alb';
  const shapeSource = isRest ? S.D2 : isAlb ? S.D8 : S.D5;

  const parsed = tryParseJson(payload ?? 'null');
  if (!parsed.ok) {
    push(ctx, 'LT-RESP-INVALID-JSON', { detail: parsed.error }, true, isRest ? `${S.D2}; ${S.LS_APIGW}` : shapeSource, !isRest);
    return { response: null, issues: ctx.issues };
  }
  const value = parsed.value;
  if (!isJsonObject(value)) {
    // REST: top-level string gives 502 (https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json). HTTP API 1.0 "must return the 1.0 format" (https://repost.aws/knowledge-center/api-gateway-status-codes-http-api). ALB: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html requires fields.
    push(ctx, 'LT-RESP-NOT-OBJECT', { got: describeValue(value) }, true, isRest ? `${S.D2}; ${S.LS_APIGW}` : shapeSource, false);
    return { response: null, issues: ctx.issues };
  }

  // Unknown keys: REST rejects them (https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json "wrongValue"), HTTP API 1.0 and ALB ignore them (unverified).
  if (isRest) {
    for (const key of Object.keys(value)) {
      if (!REST_KEYS.has(key)) push(ctx, 'LT-REST-UNKNOWN-KEY', { field: key }, true, `${S.D2}; ${S.LS_APIGW}`, false);
    }
  }

  // ALB rejects null field values (field reports, not AWS docs).
  if (isAlb) {
    for (const key of ALB_KEYS) {
      if (key in value && value[key] === null) push(ctx, 'LT-ALB-NULL-FIELD', { field: key }, true, S.ALB_NULLS, true);
    }
  }

  // statusCode
  let statusCode = 200;
  const rawStatus = value['statusCode'];
  if (rawStatus === undefined || rawStatus === null) {
    if (isRest) {
      // Recorded: `{"headers":…}` without statusCode and `{}` both give 200 (https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json).
      push(ctx, 'LT-REST-DEFAULT-STATUS', {}, false, `${S.LS_APIGW}`, false);
    } else if (!(isAlb && rawStatus === null)) {
      // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html: "must include … status code"; HTTP API 1.0 (https://repost.aws/knowledge-center/api-gateway-status-codes-http-api) + SAM requires it (emulator): unverified for HTTP API.
      push(ctx, 'LT-RESP-STATUS-MISSING', {}, true, isAlb ? `${S.D8}; https://github.com/Adyen/adyen-commercetools/pull/1249` : S.D5, !isAlb);
    }
  } else if (isAlb && typeof rawStatus === 'string') {
    push(ctx, 'LT-ALB-STATUS-STRING', { got: JSON.stringify(rawStatus) }, true, S.ALB_STATUS_STRING, true);
  } else {
    const parsedStatus = parseStatusCode(rawStatus, !isAlb);
    if (parsedStatus === null) {
      // Recorded for REST: "test" gives 502. Out-of-range numbers and HTTP API 1.0: unverified.
      const recorded = isRest && typeof rawStatus === 'string' && !/^\d+$/.test(rawStatus);
      push(ctx, 'LT-RESP-STATUS-INVALID', { got: describeValue(rawStatus) }, true, isRest ? `${S.D2}; ${S.LS_APIGW}` : shapeSource, !recorded);
    } else {
      statusCode = parsedStatus;
    }
  }

  // multi-value mode for ALB decides which header field is read (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html).
  const albMv = isAlb && options.albMultiValueHeaders === true;
  const readHeaders = !isAlb || !albMv;
  const readMulti = !isAlb || albMv;
  if (isAlb) {
    const ignoredField = albMv ? 'headers' : 'multiValueHeaders';
    if (isJsonObject(value[ignoredField]) && Object.keys(value[ignoredField]).length > 0) {
      push(
        ctx,
        'LT-ALB-HEADERS-IGNORED',
        { field: ignoredField, detail: albMv ? 'has multi-value headers enabled,' : 'does not have multi-value headers enabled,' },
        false,
        S.D8,
        true,
      );
    }
  }

  const headers: NamedValues[] = [];
  const multi: NamedValues[] = [];

  // multiValueHeaders
  const rawMulti = value['multiValueHeaders'];
  if (readMulti && rawMulti !== undefined && rawMulti !== null) {
    if (!isJsonObject(rawMulti)) {
      push(ctx, 'LT-RESP-HEADERS-NOT-OBJECT', { field: 'multiValueHeaders', got: describeValue(rawMulti) }, true, shapeSource, true);
    } else {
      for (const [name, list] of Object.entries(rawMulti)) {
        if (!Array.isArray(list)) {
          // Recorded for REST (https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json "test-multi-invalid"); unverified elsewhere.
          push(ctx, 'LT-RESP-MULTIVALUE-NOT-LIST', { field: name, got: describeValue(list) }, true, isRest ? S.LS_APIGW : shapeSource, !isRest);
          continue;
        }
        const values: string[] = [];
        for (const item of list) {
          const text = headerValue(ctx, name, item, isRest, isAlb, shapeSource);
          if (text !== undefined) values.push(text);
        }
        addHeader(multi, name, values);
      }
    }
  }

  // headers
  const rawHeaders = value['headers'];
  if (readHeaders && rawHeaders !== undefined && rawHeaders !== null) {
    if (!isJsonObject(rawHeaders)) {
      push(ctx, 'LT-RESP-HEADERS-NOT-OBJECT', { field: 'headers', got: describeValue(rawHeaders) }, true, shapeSource, true);
    } else {
      for (const [name, item] of Object.entries(rawHeaders)) {
        const text = headerValue(ctx, name, item, isRest, isAlb, shapeSource);
        if (text !== undefined) addHeader(headers, name, [text]);
      }
    }
  }

  // Merge: multiValueHeaders first, its key casing wins, then headers' values (https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json, recorded for REST).
  const merged: NamedValues[] = [];
  for (const h of multi) addHeader(merged, h.name, h.values);
  for (const h of headers) addHeader(merged, h.name, h.values);

  // body
  let body = '';
  const rawBody = value['body'];
  if (rawBody !== undefined && rawBody !== null) {
    if (typeof rawBody === 'string') body = rawBody;
    else {
      // Object body recorded for REST (2020 capture); other types and other gateways unverified.
      const recorded = isRest && isJsonObject(rawBody);
      push(ctx, 'LT-RESP-BODY-NOT-STRING', { got: describeValue(rawBody) }, true, recorded ? S.BODY_OBJECT_2020 : shapeSource, !recorded);
    }
  }

  // isBase64Encoded
  let isBase64Encoded = false;
  const rawB64 = value['isBase64Encoded'];
  if (rawB64 !== undefined && rawB64 !== null) {
    if (typeof rawB64 === 'boolean') isBase64Encoded = rawB64;
    else push(ctx, 'LT-RESP-BASE64-FLAG-INVALID', { got: describeValue(rawB64) }, true, shapeSource, true);
  }

  const fatal = ctx.issues.some((i) => i.fatal);
  return {
    response: fatal ? null : { statusCode, headers: merged, body, isBase64Encoded, cookies: [], inferred: false },
    issues: ctx.issues,
  };
}

function headerValue(ctx: Ctx, name: string, item: unknown, isRest: boolean, isAlb: boolean, source: string): string | undefined {
  if (typeof item === 'string') return item;
  if (typeof item === 'boolean') {
    // REST renders booleans as "true"/"false" (recorded, https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json "header-bool"). ALB rejects (field report).
    if (isAlb) {
      push(ctx, 'LT-RESP-HEADER-VALUE-INVALID', { field: name, got: describeValue(item) }, true, S.ALB_HEADER_BOOL, true);
      return undefined;
    }
    return String(item);
  }
  if (typeof item === 'number' && !isRest && !isAlb) return String(item); // HTTP API 1.0: unverified, most likely stringified.
  if (item === null && !isRest && !isAlb) return undefined; // HTTP API 1.0 drops null headers (unverified).
  push(ctx, 'LT-RESP-HEADER-VALUE-INVALID', { field: name, got: describeValue(item) }, true, source, true);
  return undefined;
}

/**
 * Check a result against payload format 2.0 (HTTP API 2.0, function URLs). A result without
 * `statusCode` is not an error: the front door infers 200 + application/json with the result as body
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response; https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-response-payload). A bare JSON string becomes the raw string body (https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json, AWS-validated).
 */
export function checkV2Result(kind: V2Kind, payload: string | null): ResultCheck {
  const ctx: Ctx = { kind, issues: [] };
  const isUrl = kind === 'function-url';
  const docSource = isUrl ? S.D6 : S.D3;
  const text = payload ?? 'null';
  const parsed = tryParseJson(text);
  if (!parsed.ok) {
    push(ctx, 'LT-RESP-INVALID-JSON', { detail: parsed.error }, true, docSource, true);
    return { response: null, issues: ctx.issues };
  }
  const value = parsed.value;
  if (!isJsonObject(value) || !('statusCode' in value)) {
    // Inference: "If your function returns valid JSON and doesn't return a statusCode" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response; https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-response-payload).
    const body = typeof value === 'string' ? value : text.trim();
    push(
      ctx,
      'LT-V2-INFERRED-RESPONSE',
      { got: describeValue(value), detail: isJsonObject(value) && ('body' in value || 'headers' in value) ? 'Your body/headers keys were sent as part of the JSON body, not used as the response body and headers.' : '' },
      false,
      isUrl ? `${S.D6}; ${S.LS_LAMBDA}` : S.D3,
      // Recorded for function URLs (strings, numbers, arrays, objects); null results unverified everywhere.
      value === null || !isUrl,
    );
    return {
      response: { statusCode: 200, headers: [{ name: 'content-type', values: ['application/json'] }], body, isBase64Encoded: false, cookies: [], inferred: true },
      issues: ctx.issues,
    };
  }

  const statusCode = parseStatusCode(value['statusCode'], true);
  if (statusCode === null) {
    push(ctx, 'LT-RESP-STATUS-INVALID', { got: describeValue(value['statusCode']) }, true, docSource, true);
  }
  const headers: NamedValues[] = [];
  const rawHeaders = value['headers'];
  if (rawHeaders !== undefined && rawHeaders !== null) {
    if (!isJsonObject(rawHeaders)) {
      push(ctx, 'LT-RESP-HEADERS-NOT-OBJECT', { field: 'headers', got: describeValue(rawHeaders) }, true, docSource, true);
    } else {
      for (const [name, item] of Object.entries(rawHeaders)) {
        if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') addHeader(headers, name.toLowerCase(), [String(item)]);
        else if (item !== null) push(ctx, 'LT-RESP-HEADER-VALUE-INVALID', { field: name, got: describeValue(item) }, true, docSource, true);
      }
    }
  }
  let body = '';
  const rawBody = value['body'];
  if (rawBody !== undefined && rawBody !== null) {
    if (typeof rawBody === 'string') body = rawBody;
    else push(ctx, 'LT-RESP-BODY-NOT-STRING', { got: describeValue(rawBody) }, true, docSource, true);
  }
  let isBase64Encoded = false;
  const rawB64 = value['isBase64Encoded'];
  if (rawB64 !== undefined && rawB64 !== null) {
    if (typeof rawB64 === 'boolean') isBase64Encoded = rawB64;
    else push(ctx, 'LT-RESP-BASE64-FLAG-INVALID', { got: describeValue(rawB64) }, true, docSource, true);
  }
  const cookies: string[] = [];
  const rawCookies = value['cookies'];
  if (rawCookies !== undefined && rawCookies !== null) {
    if (Array.isArray(rawCookies) && rawCookies.every((c) => typeof c === 'string')) cookies.push(...(rawCookies as string[]));
    else push(ctx, 'LT-V2-COOKIES-NOT-LIST', { got: describeValue(rawCookies) }, false, docSource, true);
  }
  const fatal = ctx.issues.some((i) => i.fatal);
  return {
    response: fatal || statusCode === null ? null : { statusCode, headers, body, isBase64Encoded, cookies, inferred: false },
    issues: ctx.issues,
  };
}
