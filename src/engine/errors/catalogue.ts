/**
 * The error catalogue: one permanent code per rule an invocation can break at a front door.
 * Modelled on Astro's `errors-data.ts`: each entry has a title, a `message(params)` that says what
 * happened, why, and what to do, and a hint. Codes never change meaning; retire a code rather than reuse it.
 */
import type { Finding } from '../types.ts';
import type { CauseId, FrontDoor } from '../vocabulary.ts';
import { FRONT_DOOR_LABELS } from '../vocabulary.ts';
import { citeSources } from './source-links.ts';

/** Parameters a catalogue message can use. Every field is optional; messages fall back to plain words. */
export interface FindingParams {
  frontDoor?: FrontDoor;
  status?: number;
  /** The key, header or field the rule is about. */
  field?: string;
  /** What the function returned there, in words ("an object", "the number 3"). */
  got?: string;
  errorType?: string | null;
  errorMessage?: string | null;
  bytes?: number;
  limitBytes?: number;
  timeoutMs?: number;
  durationMs?: number;
  billedDurationMs?: number;
  /** Free-form detail appended to the message. */
  detail?: string;
}

/** One catalogue entry. */
export interface CatalogueEntry {
  title: string;
  cause: CauseId;
  /** What, why, then what to do. */
  message: (params: FindingParams) => string;
  /** One-line advice for the UI. */
  hint: string;
  /** AWS documentation (or recorded capture) backing the rule. */
  source: string;
  /** Set when the rule's AWS behaviour is not documented or recorded for every front door. */
  unverified?: true;
  severity?: 'error' | 'warning';
}

const D1 = 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html';
const D2 = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format';
const D3 = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response';
const D7 = 'https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-throttling';
const D8 = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html';
const D11 = 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html';
const D15 = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html';
const KC2 = 'https://repost.aws/knowledge-center/api-gateway-rest-api-lambda-integrations';

/** `: <message>` for a sentence the template ends with its own full stop (a message's own final one is dropped). */
function said(message: string | null | undefined): string {
  return message ? `: ${message.replace(/\.$/, '')}` : '';
}

function door(params: FindingParams): string {
  return params.frontDoor ? FRONT_DOOR_LABELS[params.frontDoor] : 'The front door';
}

function answered(params: FindingParams): string {
  return params.status !== undefined ? `answered ${params.status}` : 'answered with an error';
}

/** How the front door passed a function error on: Invoke keeps 200 and flags it; HTTP front doors hide it. */
function translated(p: FindingParams): string {
  if (p.frontDoor === 'invoke') {
    return 'The Invoke API still answered 200: the error document is the payload and the header X-Amz-Function-Error: Unhandled marks it. Check FunctionError in your SDK result, not just the status.';
  }
  return `${door(p)} does not pass a function error on to its caller, so it ${answered(p)} with its generic error body.`;
}

function tail(params: FindingParams): string {
  return params.detail ? ` ${params.detail}` : '';
}

/** Every catalogue entry by permanent code. */
export const CATALOGUE = {
  // ── What the function did (the front door only translates it) ───────────────────────────────
  'LT-FUNCTION-ERROR': {
    title: 'The function threw an error',
    cause: 'unhandled-exception',
    message: (p) =>
      `The handler failed with ${p.errorType ?? 'an error'}${said(p.errorMessage)}. ${translated(p)} Catch the error in the handler and return a proper response, or fix what throws.`,
    hint: 'Read the function log (ERROR "Invoke Error" line) for the stack, not the gateway body.',
    source: D1,
  },
  'LT-FUNCTION-TIMEOUT': {
    title: 'The function timed out',
    cause: 'timeout',
    message: (p) =>
      `The function ran out of time${p.errorMessage ? ` (${p.errorMessage})` : ''}. Lambda reports a timeout as an Unhandled function error, so ${door(p)} ${answered(p)}. Raise the function timeout or make the slow call faster (and give it its own, shorter timeout).`,
    hint: 'Look for "Task timed out after" in the function log.',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html',
  },
  'LT-OUT-OF-MEMORY': {
    title: 'The function ran out of memory',
    cause: 'out-of-memory',
    message: (p) =>
      `The function exceeded its memory size${p.errorType ? ` (${p.errorType})` : ''}. Lambda reports this as an Unhandled function error, so ${door(p)} ${answered(p)}. Raise the memory size or stop holding so much in memory at once.`,
    hint: 'Compare "Max Memory Used" with "Memory Size" in the REPORT line.',
    source: D1,
  },
  'LT-INIT-FAILURE': {
    title: 'The function failed to start',
    cause: 'init-failure',
    message: (p) =>
      `The function failed during init with ${p.errorType ?? 'an error'}${said(p.errorMessage)}. Every request fails the same way until the code or configuration is fixed, and ${door(p)} ${answered(p)}. Check the handler name, the module path and top-level code.`,
    hint: 'Look for INIT_REPORT and "Uncaught Exception" in the function log.',
    source: D1,
  },
  'LT-SIM-MODULE-GAP': {
    title: 'The simulator lacks a module Lambda provides',
    // The init failed only because the simulator has no copy of something the runtime ships (the error says which);
    // the init-failure guide is where a real import failure would send the reader, and the message says the gap is ours.
    cause: 'init-failure',
    message: (p) =>
      `The function failed during init in the simulator${said(p.errorMessage)}. Lambda's runtime provides this module, so on AWS the import succeeds and this init failure would not happen; the simulator cannot run the function past it. Nothing in your package needs to change for this import.`,
    hint: 'Not your bug: the simulator has no copy of this module.',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
  },
  'LT-PROCESS-EXIT-AFTER-ANSWER': {
    title: 'The runtime process exited after answering',
    cause: 'unhandled-exception',
    message: (p) =>
      `The invocation answered, but in the same turn ${p.errorType ?? 'an error'}${p.errorMessage ? ` (${p.errorMessage})` : ''} reached the runtime, which logs it and ends the process. The caller keeps this answer; the next request waits for a cold start, and anything still in flight in this environment is lost. Await every promise you start, or give it a .catch, and catch errors inside timers and event callbacks.`,
    hint: 'Look for "Unhandled Promise Rejection" or "Uncaught Exception" after the handler returned.',
    // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Runtime.js: the error is posted for the invocation, then process.exit(128 / 129)
    source: 'https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/Runtime.js (_setErrorCallbacks); https://nodejs.org/api/process.html#event-unhandledrejection',
    severity: 'warning',
  },
  'LT-LAMBDA-RESPONSE-TOO-LARGE': {
    title: 'The function returned more than 6 MB',
    cause: 'payload-too-large',
    message: (p) =>
      `The function's response was larger than Lambda's synchronous limit (6,291,556 bytes), so Lambda replaced it with a Function.ResponseSizeTooLarge error and ${door(p)} ${answered(p)}. Return less data: paginate, compress, or put the data in S3 and return a link.`,
    hint: 'Lambda counts the JSON-serialised response, not the decoded body.',
    source: D11,
  },
  // ── Response shape: REST and payload 1.0 and ALB ──────────────────────────────────────────────
  'LT-RESP-INVALID-JSON': {
    title: 'The function response is not JSON',
    cause: 'malformed-response',
    message: (p) =>
      `The payload Lambda returned is not valid JSON${p.detail ? ` (${p.detail})` : ''}. ${door(p)} cannot read a response from it, so it ${answered(p)}. Return a plain object and let the runtime serialise it.`,
    hint: 'Return an object; do not return a JSON string you built by hand.',
    source: D2,
  },
  'LT-RESP-NOT-OBJECT': {
    title: 'The function must return an object',
    cause: 'malformed-response',
    message: (p) =>
      `The function returned ${p.got ?? 'something that is not an object'}. ${door(p)} expects an object such as { statusCode: 200, body: "…" }, so it ${answered(p)}. Return { statusCode, headers, body } instead.`,
    hint: 'A bare string, number, array or null is not a proxy response.',
    source: D2,
  },
  'LT-REST-UNKNOWN-KEY': {
    title: 'The response has a key API Gateway does not know',
    cause: 'malformed-response',
    message: (p) =>
      `The response has the key "${p.field ?? '?'}". A REST API Lambda proxy integration only accepts statusCode, headers, multiValueHeaders, body and isBase64Encoded, and rejects anything else, so it ${answered(p)}. Remove "${p.field ?? '?'}" or move it into the body.`,
    hint: 'HTTP APIs ignore extra keys; REST APIs reject them.',
    source: D2,
  },
  'LT-RESP-STATUS-INVALID': {
    title: 'statusCode is not a valid HTTP status',
    cause: 'malformed-response',
    message: (p) =>
      `statusCode is ${p.got ?? 'not a number'}. ${door(p)} needs an integer HTTP status (a numeric string is accepted by API Gateway), so it ${answered(p)}. Return a number such as 200 or 404.`,
    hint: 'Use a number: statusCode: 200.',
    source: D2,
  },
  'LT-RESP-STATUS-MISSING': {
    title: 'statusCode is missing',
    cause: 'malformed-response',
    message: (p) =>
      `The response object has no statusCode. ${door(p)} requires one, so it ${answered(p)}. Add statusCode: 200 (or the status you mean).`,
    hint: 'Every response object needs statusCode.',
    source: D8,
  },
  'LT-ALB-STATUS-STRING': {
    title: 'ALB needs statusCode as a number',
    cause: 'malformed-response',
    message: (p) =>
      `statusCode is the string ${p.got ?? ''}. API Gateway would accept a numeric string, but an Application Load Balancer does not: it logs LambdaInvalidResponse and ${answered(p)}. Return a number.`,
    hint: 'statusCode: 200, not "200".',
    source: D8,
  },
  'LT-REST-DEFAULT-STATUS': {
    title: 'No statusCode: API Gateway answered 200',
    cause: 'malformed-response',
    severity: 'warning',
    message: (p) =>
      `The response has no statusCode, so the REST API used 200. If you meant an error, the caller never learns it. Set statusCode explicitly.${tail(p)}`,
    hint: 'A missing statusCode defaults to 200 on REST APIs.',
    source: D2,
  },
  'LT-RESP-BODY-NOT-STRING': {
    title: 'body must be a string',
    cause: 'malformed-response',
    message: (p) =>
      `body must be a string: you returned ${p.got ?? 'something else'}. ${door(p)} only accepts a string body, so it ${answered(p)}. Return JSON.stringify(yourObject).`,
    hint: 'body: JSON.stringify(data)',
    source: D2,
  },
  'LT-RESP-HEADERS-NOT-OBJECT': {
    title: 'headers must be an object',
    cause: 'malformed-response',
    message: (p) =>
      `${p.field ?? 'headers'} is ${p.got ?? 'not an object'}. ${door(p)} expects an object of header names to values, so it ${answered(p)}. Return { "Content-Type": "application/json" }-style headers.`,
    hint: 'headers: { name: "value" }',
    source: D2,
  },
  'LT-RESP-HEADER-VALUE-INVALID': {
    title: 'A header value has the wrong type',
    cause: 'malformed-response',
    message: (p) =>
      `The header "${p.field ?? '?'}" is ${p.got ?? 'not a string'}. ${door(p)} only accepts string header values here, so it ${answered(p)}. Convert it with String(value).`,
    hint: 'Header values are strings.',
    source: D2,
  },
  'LT-RESP-MULTIVALUE-NOT-LIST': {
    title: 'multiValueHeaders values must be lists',
    cause: 'malformed-response',
    message: (p) =>
      `multiValueHeaders["${p.field ?? '?'}"] is ${p.got ?? 'not a list'}. Each multi-value header must be an array of strings, so ${door(p)} ${answered(p)}. Write ["value"] or move it to headers.`,
    hint: 'multiValueHeaders: { "Set-Cookie": ["a=1", "b=2"] }',
    source: D2,
  },
  'LT-RESP-BASE64-FLAG-INVALID': {
    title: 'isBase64Encoded must be a boolean',
    cause: 'malformed-response',
    message: (p) =>
      `isBase64Encoded is ${p.got ?? 'not a boolean'}. ${door(p)} expects true or false, so it ${answered(p)}. Use a boolean.`,
    hint: 'isBase64Encoded: false',
    source: D2,
  },
  'LT-ALB-NULL-FIELD': {
    title: 'ALB rejects null fields',
    cause: 'malformed-response',
    message: (p) =>
      `"${p.field ?? '?'}" is null. An Application Load Balancer treats a null field as a malformed response (LambdaInvalidResponse) and ${answered(p)}. Leave the field out instead of setting it to null.`,
    hint: 'Omit fields rather than sending null (common with serialisers that emit nulls).',
    source: D8,
  },
  'LT-REST-BASE64-NOT-DECODED': {
    title: 'Base64 body returned as text',
    cause: 'integration-config',
    severity: 'warning',
    message: (p) =>
      `The response says isBase64Encoded: true, but the REST API has no binaryMediaTypes matching it, so API Gateway sent the base64 text itself to the caller instead of the bytes.${tail(p)} Add the content type to the API's binaryMediaTypes (and send a matching Accept header), then redeploy.`,
    hint: 'REST APIs decode base64 only for configured binary media types.',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html',
  },
  'LT-ALB-HEADERS-IGNORED': {
    title: 'Headers in the wrong field for this target group',
    cause: 'integration-config',
    severity: 'warning',
    message: (p) =>
      `The response sets ${p.field ?? 'headers'}, but the target group ${p.detail ?? ''} so the load balancer uses the other field and these headers never reach the caller. Use multiValueHeaders when multi-value headers are enabled, and headers otherwise.`,
    hint: 'Match the response field to the target group setting lambda.multi_value_headers.enabled.',
    source: D8,
    unverified: true,
  },
  // ── Payload format 2.0 (HTTP API 2.0, function URLs) ─────────────────────────────────────────
  'LT-V2-INFERRED-RESPONSE': {
    title: 'No statusCode: the whole result became the body',
    cause: 'malformed-response',
    severity: 'warning',
    message: (p) =>
      `The function returned ${p.got ?? 'a value'} without statusCode, so ${door(p)} inferred the response: status 200, content-type application/json, and the result itself as the body.${tail(p)} If you meant to set status, headers or body, add statusCode.`,
    hint: 'Payload 2.0 treats a result without statusCode as the body.',
    source: D3,
  },
  'LT-V2-COOKIES-NOT-LIST': {
    title: 'cookies must be a list of strings',
    cause: 'malformed-response',
    severity: 'warning',
    message: (p) =>
      `cookies is ${p.got ?? 'not a list'}, so no set-cookie header was sent. Return cookies: ["name=value; Path=/"].`,
    hint: 'Each cookie string becomes one set-cookie header.',
    source: D3,
    unverified: true,
  },
  // ── Limits ───────────────────────────────────────────────────────────────────────────────────
  'LT-REQUEST-TOO-LARGE': {
    title: 'Request larger than the front door allows',
    cause: 'payload-too-large',
    message: (p) =>
      `The request is ${p.bytes ?? '?'} bytes; ${door(p)} allows ${p.limitBytes ?? '?'}. It ${answered(p)} without invoking the function. Upload large data to S3 (for example with a presigned URL) and send its key instead.`,
    hint: 'Large uploads go to S3, not through the function.',
    source: D15,
  },
  'LT-INVOKE-PAYLOAD-TOO-LARGE': {
    title: 'Event larger than Lambda accepts',
    cause: 'payload-too-large',
    message: (p) =>
      `The event is ${p.bytes ?? '?'} bytes, over Lambda's synchronous request limit of ${p.limitBytes ?? 6_291_456} bytes. Lambda rejected the invocation (RequestEntityTooLargeException), so ${door(p)} ${answered(p)}. Send less data per request or upload it to S3.`,
    hint: 'The whole event counts, headers and base64 overhead included.',
    source: D11,
  },
  'LT-ALB-RESPONSE-TOO-LARGE': {
    title: 'Response larger than 1 MB for ALB',
    cause: 'payload-too-large',
    message: (p) =>
      `The function returned ${p.bytes ?? '?'} bytes of JSON; an Application Load Balancer accepts at most ${p.limitBytes ?? 1_048_576} from a Lambda target. It logged LambdaResponseTooLarge and ${answered(p)}. Return less data or serve it from S3.`,
    hint: 'ALB has a 1 MB limit where API Gateway has 6 MB.',
    source: D8,
  },
  // ── Timeouts ─────────────────────────────────────────────────────────────────────────────────
  'LT-INTEGRATION-TIMEOUT': {
    title: 'The gateway stopped waiting',
    cause: 'integration-timeout',
    message: (p) =>
      `${door(p)} waits at most ${p.timeoutMs ?? '?'} ms for the function; it ran ${p.durationMs ?? '?'} ms. The caller got ${p.status ?? 'an error'} at ${p.timeoutMs ?? '?'} ms while the function kept running and was billed ${p.billedDurationMs ?? p.durationMs ?? '?'} ms. Make the work faster, or accept the request and finish asynchronously (queue + poll).`,
    hint: 'The function did not fail: the gateway gave up. Its logs show a success or a later timeout.',
    source: D15,
  },
  'LT-ROUTE-NOT-MATCHED': {
    title: 'The request matches no API Gateway route',
    cause: 'integration-config',
    message: (p) =>
      `${door(p)} has no route for ${p.field ?? 'this request'}, so it ${answered(p)} itself and the function never ran.${
        p.frontDoor === 'apigw-rest' ? ' On a REST API "Missing Authentication Token" means no resource and method match the request, not a missing token.' : ''
      }${tail(p)} Call a path and method the API defines (a {id} variable needs a value in its segment; {proxy+} needs at least one segment), or add the route and deploy the API.`,
    hint: 'No function logs at all: the gateway answered before Lambda.',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html',
  },
  // ── Invoke failures ─────────────────────────────────────────────────────────────────────────
  'LT-NO-INVOKE-PERMISSION': {
    title: 'The front door may not invoke the function',
    cause: 'invoke-permission',
    message: (p) =>
      `${door(p)} is not allowed to invoke the function (${p.frontDoor === 'function-url' ? 'a function URL needs both lambda:InvokeFunctionUrl and lambda:InvokeFunction in the function\'s resource policy since October 2025, https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html' : 'no lambda:InvokeFunction permission in the function\'s resource policy'}), so it ${answered(p)} and the function never ran.${tail(p)} Add a resource-based policy statement for the front door (aws lambda add-permission).`,
    hint: 'No function logs at all is the tell: the function was never invoked.',
    source: KC2,
  },
  'LT-THROTTLED': {
    title: 'Lambda throttled the invocation',
    cause: 'throttling',
    message: (p) =>
      `Lambda refused to run the function (TooManyRequestsException: Rate Exceeded.) because its concurrency limit was reached, so ${door(p)} ${answered(p)}.${tail(p)} Check reserved concurrency (0 blocks every request) and the account's concurrency, or add retries with backoff.`,
    hint: 'Look at the Throttles metric; the function log has no entry for throttled requests.',
    source: D7,
  },
  'LT-INVALID-REQUEST': {
    title: 'Lambda rejected the request',
    cause: 'invalid-input',
    message: (p) =>
      `Lambda rejected the invoke request${p.errorType ? ` (${p.errorType})` : ''}${p.errorMessage ? `: ${p.errorMessage}` : ''}, so ${door(p)} ${answered(p)} and the function never ran.`,
    hint: 'The Invoke API validates the request before any code runs.',
    source: D11,
  },
  // ── Response streaming (awslambda.streamifyResponse; function URL RESPONSE_STREAM, REST STREAM, InvokeWithResponseStream)
  'LT-STREAM-ERROR-AFTER-FIRST-BYTE': {
    title: 'The function failed after its response had started streaming',
    cause: 'unhandled-exception',
    message: (p) =>
      `The handler failed${p.errorType ? ` with ${p.errorType}` : ''}${p.errorMessage ? `: ${p.errorMessage}` : ''} after it had streamed ${p.bytes !== undefined ? `${p.bytes} bytes` : 'part of its response'}. The status line and headers were already on their way, so ${door(p)}'s caller got ${p.status !== undefined ? `status ${p.status}` : 'a success status'} and a body that simply stops; the error itself is only in the function's log ("Invoke Error") and, for InvokeWithResponseStream, in the closing InvokeComplete event. Do what can fail (validation, the first database page) before the first write, and give clients a way to tell a cut-off body from a complete one (a closing record or a count they can check).${tail(p)}`,
    hint: 'A streamed 200 is not a success: read the function log or the InvokeComplete event.',
    // Runtime.js handleOnceStreaming → ctxFail: the error goes out as trailers after the bytes already sent.
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html; https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/ResponseStream.js',
    unverified: true,
  },
  'LT-STREAM-NOT-ENDED': {
    title: 'The response stream was never ended',
    cause: 'timeout',
    message: (p) =>
      `The handler finished its work but never ended the response stream (no responseStream.end(), or a pipeline that never completed), so the runtime kept waiting for the response to finish and the invocation ran until its timeout${p.timeoutMs !== undefined ? ` of ${p.timeoutMs} ms` : ''}. ${door(p)}'s caller received whatever was written, then waited. End the stream on every path: call responseStream.end(), or await pipeline(source, responseStream), which ends it.${tail(p)}`,
    hint: 'Look for "response stream not ended" in the pending work of the timeout.',
    // The client's own test 'no end will timeout' (test/unit/ResponseStreamTest.js) holds the open response.
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/config-rs-write-functions.html; https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Runtime.js; https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/test/unit/ResponseStreamTest.js',
  },
  'LT-STREAM-NON-ASYNC-HANDLER': {
    title: 'A streaming handler did not return a promise',
    cause: 'unhandled-exception',
    message: (p) =>
      `The handler wrapped in awslambda.streamifyResponse returned without a promise, so the runtime failed the invocation at once with "Streaming does not support non-async handlers." (errorType "string" up to nodejs22.x, "Error" on nodejs24.x), whatever the handler had written, and ${door(p)} ${answered(p)}. Declare the handler async and await the streaming work (await pipeline(source, responseStream)).${tail(p)}`,
    hint: 'streamifyResponse(async (event, responseStream, context) => { … })',
    source: 'https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Runtime.js; https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/90b5b5bce1fd429f02d37e97acef436c1a331c81/src/runtime/streaming-invoke-processor.ts; https://docs.aws.amazon.com/lambda/latest/dg/config-rs-write-functions.html',
  },
  'LT-STREAM-TOO-LARGE': {
    title: 'The streamed response is larger than the streaming limit',
    cause: 'payload-too-large',
    message: (p) =>
      `The handler streamed ${p.bytes ?? 'more'} bytes, more than the ${p.limitBytes ?? 'documented'}-byte maximum of a streamed response (200 MB), so ${door(p)} cut the response off. How AWS ends such a stream is not documented. Stream less, or hand the client a link to the data in S3.${tail(p)}`,
    hint: 'Streaming raises the 6 MB limit to 200 MB, not beyond.',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html',
    unverified: true,
  },
  'LT-STREAM-PRELUDE-INVALID': {
    title: 'The streamed HTTP status and headers are missing or malformed',
    cause: 'malformed-response',
    message: (p) =>
      `The stream's content type says an HTTP prelude comes first (application/vnd.awslambda.http-integration-response, set by awslambda.HttpResponseStream.from), but the bytes did not start with a JSON object followed by 8 NUL bytes, so ${door(p)} had no status or headers to send${p.status !== undefined ? ` and ${answered(p)}` : ''}. HttpResponseStream.from writes the prelude on the first write() only: a stream ended with end(body), or with no write at all, carries no prelude. Write at least once with responseStream.write(…) before end().${tail(p)}`,
    hint: 'After HttpResponseStream.from, call write() before end().',
    source: 'https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/HttpResponseStream.js; https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html',
    unverified: true,
  },
  'LT-STREAM-IDLE-TIMEOUT': {
    title: 'The stream was idle longer than the REST API allows',
    cause: 'integration-timeout',
    message: (p) =>
      `${door(p)} streams a response for at most 15 minutes and closes a stream that sends nothing for ${p.timeoutMs !== undefined ? `${p.timeoutMs} ms` : 'its idle timeout'} (5 minutes for Regional and private endpoints, 30 seconds for edge-optimized ones). This stream went quiet for ${p.durationMs ?? 'longer'} ms, so the caller's response stopped there while the function may have run on. Send something (a heartbeat or progress line) more often than the idle timeout.${tail(p)}`,
    hint: 'Streams are cut after 5 minutes (Regional) or 30 seconds (edge-optimized) of silence.',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html',
  },
  'LT-STREAM-NOT-STREAMING-HANDLER': {
    title: 'The front door streams, but the handler does not',
    cause: 'integration-config',
    message: (p) =>
      `${door(p)} invokes with InvokeWithResponseStream, but the handler is not wrapped in awslambda.streamifyResponse, so nothing is streamed: the whole response arrives in one piece when the handler returns.${tail(p)} Wrap the handler (awslambda.streamifyResponse(async (event, responseStream, context) => …)) to send bytes as they are ready.`,
    hint: 'Streaming needs both: the front door mode and streamifyResponse.',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/config-rs-write-functions.html; https://docs.aws.amazon.com/lambda/latest/dg/config-rs-invoke-furls.html',
    unverified: true,
    severity: 'warning',
  },
  'LT-STREAM-BUFFERED-FRONT-DOOR': {
    title: 'A streaming handler behind a front door that buffers',
    cause: 'integration-config',
    message: (p) =>
      `The handler streams (awslambda.streamifyResponse), but ${door(p)} invokes it with the buffered Invoke API, so Lambda collects the whole stream first: the caller sees nothing until the handler finishes, the 6 MB limit applies, and any HttpResponseStream prelude is not applied as status and headers. For a function URL set InvokeMode to RESPONSE_STREAM; for a REST API set the integration's response transfer mode to STREAM.${tail(p)}`,
    hint: 'Set the function URL invoke mode to RESPONSE_STREAM (or the REST integration to STREAM).',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/config-rs-invoke-furls.html; https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html',
    unverified: true,
    severity: 'warning',
  },
  // ── Gaps of the simulator (never the function's fault) ──────────────────────────────────────
  'LT-SIM-UNSUPPORTED': {
    title: 'The simulator does not cover this AWS call',
    // Findings need a cause and a guide; from the handler's side this is a downstream call that got no real answer,
    // and the downstream-failure guide is about handling exactly that. The finding itself says the gap is ours.
    cause: 'downstream-failure',
    message: (p) =>
      `The handler called ${p.field ?? 'an AWS operation'}, which the Lambda Triage simulator does not cover yet, so the call failed with SimulatorUnsupportedOperation, an error AWS never sends. This is a gap of the simulator, not an error in your code: on AWS the call would reach the real service, and what it would answer is unknown here.${tail(p)} To exercise the rest of the handler, catch this error around the call or use an operation the simulator covers (SIMULATION.md lists them).`,
    hint: 'Not your bug: the simulator has no model of this operation.',
    source: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/',
    unverified: true,
  },
} satisfies Record<string, CatalogueEntry>;

/** A permanent catalogue code. */
export type CatalogueCode = keyof typeof CATALOGUE;

/** Is `value` a catalogue code? */
export function isCatalogueCode(value: unknown): value is CatalogueCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CATALOGUE, value);
}

/** Site path of the guide for a cause. */
export function guidePath(cause: CauseId): string {
  return `/guides/${cause}/`;
}

/** Per-finding overrides: the rule for a given front door may have its own source or verification status. */
export interface FindingOverrides {
  source?: string;
  unverified?: boolean;
  severity?: 'error' | 'warning';
}

/** Build a {@link Finding} from a catalogue code and its parameters. */
export function createFinding(code: CatalogueCode, params: FindingParams = {}, overrides: FindingOverrides = {}): Finding {
  const entry: CatalogueEntry = CATALOGUE[code];
  const finding: Finding = {
    code,
    cause: entry.cause,
    message: entry.message(params),
    guide: guidePath(entry.cause),
    // Public addresses only, whatever short keys the rule's citation uses (source-links.ts).
    source: citeSources(overrides.source ?? entry.source),
  };
  const unverified = overrides.unverified ?? entry.unverified;
  if (unverified) finding.unverified = true;
  const severity = overrides.severity ?? entry.severity;
  if (severity) finding.severity = severity;
  return finding;
}
