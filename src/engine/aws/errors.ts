/**
 * AWS service errors as the AWS SDK for JavaScript v3 surfaces them (`name`, `message`, `$fault`,
 * HTTP status), and Node system errors for network faults. Every text names its source; texts
 * without a recorded source are marked UNVERIFIED.
 */

import { SIMULATOR_GAP_SENTENCE } from '../errors/simulator-gap.ts';

/** An error crossing from the host world to the simulated SDK. */
export interface WireError {
  name: string;
  message: string;
  $fault: 'client' | 'server';
  httpStatusCode?: number;
  requestId?: string;
  /** Node system error fields (network faults). */
  code?: string;
  errno?: number;
  syscall?: string;
  hostname?: string;
  [key: string]: unknown;
}

/** Simulated services. */
export const AWS_SERVICES = ['s3', 'dynamodb', 'sqs', 'sns', 'secretsmanager', 'ssm', 'lambda', 'events', 'bedrock-runtime'] as const;
/** One simulated service id (the IAM prefix; `bedrock-runtime`, the SDKs' name, signs as `bedrock`). */
export type AwsService = (typeof AWS_SERVICES)[number];

/** Names shown in pending work and reports. */
export const SERVICE_LABELS: Record<AwsService, string> = {
  s3: 'S3',
  dynamodb: 'DynamoDB',
  sqs: 'SQS',
  sns: 'SNS',
  secretsmanager: 'Secrets Manager',
  ssm: 'SSM',
  lambda: 'Lambda',
  events: 'EventBridge',
  'bedrock-runtime': 'Bedrock Runtime',
};

/** Build a service error. */
export function serviceError(name: string, message: string, httpStatusCode: number, extra: Record<string, unknown> = {}): WireError {
  return { name, message, $fault: httpStatusCode >= 500 ? 'server' : 'client', httpStatusCode, ...extra };
}

// ---------------------------------------------------------------- not found / validation
/** S3 NoSuchKey, 404 — real XML capture in frostealth/yii2-aws-s3#25; aws/aws-sdk-java#1578 (status 404). */
export const s3NoSuchKey = (): WireError => serviceError('NoSuchKey', 'The specified key does not exist.', 404);
/** S3 NoSuchBucket, 404 — https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (message punctuation UNVERIFIED). */
export const s3NoSuchBucket = (): WireError => serviceError('NoSuchBucket', 'The specified bucket does not exist', 404);
/**
 * S3 GetObject on a missing key without s3:ListBucket: 403 AccessDenied "Access Denied" —
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html ("If you don't have the
 * s3:ListBucket permission, Amazon S3 returns an HTTP status code 403 Access Denied error").
 */
export const s3AccessDeniedNoList = (): WireError => serviceError('AccessDenied', 'Access Denied', 403);
/** HEAD responses have no body: SDK v3 reports `NotFound` / `UnknownError` (UNVERIFIED: from SDK issue reports). */
export const s3HeadNotFound = (): WireError => serviceError('NotFound', 'UnknownError', 404);
/** DynamoDB missing table, 400 — raw JSON in aws-ia/terraform-aws-control_tower_account_factory#109. */
export const ddbResourceNotFound = (): WireError => serviceError('ResourceNotFoundException', 'Requested resource not found', 400);
/** DynamoDB key mismatch, 400 — raw JSON in baopham/laravel-dynamodb#44. */
export const ddbKeySchemaMismatch = (): WireError => serviceError('ValidationException', 'The provided key element does not match the schema', 400);
/** DynamoDB ValidationException with another message (texts marked where used). */
export const ddbValidation = (message: string): WireError => serviceError('ValidationException', message, 400);
/** ConditionalCheckFailedException, 400 — aws/aws-sdk-java-v2#2332 ("The conditional request failed", Status Code 400). */
export const ddbConditionalCheckFailed = (): WireError => serviceError('ConditionalCheckFailedException', 'The conditional request failed', 400);
/** Secrets Manager, 400 — lgallard/terraform-aws-secrets-manager#24, digitalis-io/vals-operator#44. */
export const secretNotFound = (): WireError => serviceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.", 400);
/**
 * SSM ParameterNotFound, 400: the service sends an empty message (awslabs/aws-simple-cicd#10,
 * vandium-io/aws-param-store#8: message null, statusCode 400); SDK v3 then uses "UnknownError" (UNVERIFIED).
 */
export const ssmParameterNotFound = (): WireError => serviceError('ParameterNotFound', 'UnknownError', 400);
/**
 * SQS missing queue. Older query-protocol captures: `AWS.SimpleQueueService.NonExistentQueue` with "The specified
 * queue does not exist for this wsdl version." (aws/aws-sdk-php-laravel#204) or "… does not exist or you do not
 * have access to it." (aws/aws-sdk-js#3228). The JSON-protocol name/text used by current SDK v3 is UNVERIFIED.
 */
export const sqsQueueDoesNotExist = (): WireError => serviceError('QueueDoesNotExist', 'The specified queue does not exist.', 400);
/** SNS missing topic: code NotFound, "Topic does not exist" (dtan4/terraforming#467, Aws::SNS::Errors::NotFound); 404 and the v3 class name NotFoundException UNVERIFIED. */
export const snsTopicNotFound = (): WireError => serviceError('NotFoundException', 'Topic does not exist', 404);

/**
 * DynamoDB TransactionCanceledException, 400: one reason per transaction item, in order, `{ Code: 'None' }` for
 * the items that did not cancel it; the message lists the codes. Raw JSON in erlcloud/erlcloud#607 and
 * aws/aws-sdk-net#1292 ("Transaction cancelled, please refer cancellation reasons for specific reasons [None,
 * ConditionalCheckFailed]"); https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html.
 */
export function ddbTransactionCanceled(reasons: ReadonlyArray<{ Code: string; Message?: string }>): WireError {
  return serviceError('TransactionCanceledException', `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`, 400, {
    CancellationReasons: reasons.map((r) => ({ ...r })),
  });
}
/**
 * Lambda Invoke of a missing function: ResourceNotFoundException, 404, "Function not found: <function ARN>"
 * (aarondfrancis/sidecar#23 raw body; Graphcool/graphcool-framework#546 "Status Code: 404";
 * https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html lists ResourceNotFoundException, 404).
 */
export const lambdaFunctionNotFound = (arn: string): WireError => serviceError('ResourceNotFoundException', `Function not found: ${arn}`, 404);

// ---------------------------------------------------------------- simulator gaps
/** Error name of a call the simulator does not cover. Not an AWS error: AWS never sends it. */
export const SIMULATOR_UNSUPPORTED_ERROR = 'SimulatorUnsupportedOperation';

/**
 * The honest answer to a client or operation the simulator does not cover. It is the simulator's own error (no HTTP
 * status, not retried by the SDK) and says plainly that the gap is the simulator's, not the function's.
 */
export function simulatorUnsupported(client: string, operation: string): WireError {
  return {
    name: SIMULATOR_UNSUPPORTED_ERROR,
    message: `The Lambda Triage simulator does not cover ${client}.${operation} yet, so this call was not answered as AWS would answer it. ${SIMULATOR_GAP_SENTENCE}. Simulated clients and operations are listed in SIMULATION.md ("AWS SDK coverage").`,
    $fault: 'client',
  };
}

// ---------------------------------------------------------------- throttling and server errors
/** Injectable error presets (faults). */
export const ERROR_PRESETS = ['throttling', 'InternalServerError', 'ServiceUnavailable', 'ECONNRESET', 'ETIMEDOUT'] as const;
/** One preset name. */
export type ErrorPreset = (typeof ERROR_PRESETS)[number];

/** Throttling error per service. */
export function throttlingError(service: AwsService): WireError {
  switch (service) {
    case 'dynamodb':
      // mifi/dynamodump#20; haskell-mafia/boris#75 (status 400)
      return serviceError(
        'ProvisionedThroughputExceededException',
        'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
        400,
      );
    case 's3':
      // 503 SlowDown — https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (message UNVERIFIED)
      return serviceError('SlowDown', 'Please reduce your request rate.', 503);
    case 'lambda':
      // Invoke answers TooManyRequestsException, 429 (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html,
      // Errors), body {"Reason", "Type", "message": "Rate Exceeded."} (botocore/data/lambda/2015-03-31/service-2.json
      // TooManyRequestsException members; text as in src/engine/load/load-run.ts). The preset does not know which
      // limit was hit: it reports the account-level ConcurrentInvocationLimitExceeded; the raw body
      // {"Reason":"ConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."} is quoted in public code
      // that handles the 429 (found by exact-text search; no single canonical capture recorded).
      return serviceError('TooManyRequestsException', 'Rate Exceeded.', 429, { Reason: 'ConcurrentInvocationLimitExceeded', Type: 'User' });
    case 'bedrock-runtime':
      // ThrottlingException, HTTP 429 (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html,
      // Errors); "Too many requests, please wait before trying again." as boto3 prints it from Lambda functions
      // ("An error occurred (ThrottlingException) when calling the InvokeModel operation (reached max retries: 4): Too
      // many requests, please wait before trying again.", quoted in many public logs found by exact-text search).
      return serviceError('ThrottlingException', 'Too many requests, please wait before trying again.', 429);
    default:
      // ThrottlingException 400 "Rate exceeded" (UNVERIFIED per service)
      return serviceError('ThrottlingException', 'Rate exceeded', 400);
  }
}

/** 500 per service (texts UNVERIFIED). */
export function internalError(service: AwsService): WireError {
  if (service === 's3') return serviceError('InternalError', 'We encountered an internal error. Please try again.', 500);
  if (service === 'dynamodb') return serviceError('InternalServerError', 'Internal server error', 500);
  return serviceError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
}

/** 503 per service (texts UNVERIFIED). */
export function unavailableError(service: AwsService): WireError {
  if (service === 's3') return serviceError('ServiceUnavailable', 'Service is unable to handle request.', 503);
  return serviceError('ServiceUnavailable', 'Service Unavailable', 503);
}

/**
 * Node system errors (libuv texts): `read ECONNRESET` (errno -104, syscall read) and
 * `connect ETIMEDOUT <ip>:443` (errno -110, syscall connect). Exact per-case wording UNVERIFIED.
 */
export function networkError(code: 'ECONNRESET' | 'ETIMEDOUT', host: string): WireError {
  if (code === 'ECONNRESET') return { name: 'Error', message: 'read ECONNRESET', $fault: 'client', code, errno: -104, syscall: 'read' };
  return { name: 'Error', message: `connect ETIMEDOUT ${host}:443`, $fault: 'client', code, errno: -110, syscall: 'connect', address: host, port: 443 };
}

/** Getaddrinfo failure (apsinghdev/opensox#10: errno -3008, code ENOTFOUND, syscall getaddrinfo, hostname). */
export function dnsNotFound(host: string): WireError {
  return { name: 'Error', message: `getaddrinfo ENOTFOUND ${host}`, $fault: 'client', code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: host };
}

/** Resolve a preset to the error a service (or HTTP host, service `http`) returns. */
export function presetError(preset: ErrorPreset, service: AwsService | 'http', host: string): WireError {
  if (preset === 'ECONNRESET' || preset === 'ETIMEDOUT') return networkError(preset, host);
  if (service === 'http') {
    const status = preset === 'throttling' ? 429 : preset === 'ServiceUnavailable' ? 503 : 500;
    return serviceError(`HTTP ${status}`, '', status);
  }
  if (preset === 'throttling') return throttlingError(service);
  if (preset === 'InternalServerError') return internalError(service);
  return unavailableError(service);
}

// ---------------------------------------------------------------- IAM denials
/**
 * The AccessDenied error a service returns for an identity-policy denial of the execution role.
 * - DynamoDB: AccessDeniedException, 400, resource unquoted (https://github.com/anomalyco/sst/issues/4469; status 400 from
 *   github-aws-runners/terraform-aws-github-runner#1279 for SSM, same JSON protocol).
 * - S3: AccessDenied, 403, resource double-quoted (https://github.com/aws-samples/serverless-patterns/pull/2457).
 * - SQS: AccessDenied, 403; the action is printed lower-case, `sqs:sendmessage`
 *   (aws/serverless-application-model#3633). SDK v3 error name UNVERIFIED.
 * - SNS: code AuthorizationError, 403, action `SNS:Publish` (aws-ia/terraform-aws-control_tower_account_factory#151);
 *   SDK v3 class AuthorizationErrorException (Java SDK v2 name in ministryofjustice/cloud-platform-environments#21094).
 * - Secrets Manager: AccessDeniedException, 400, the resource is the SecretId as passed (nautobot/nautobot-app-secrets-providers#64,
 *   mongodb/awscdk-resources-mongodbatlas#207).
 * - SSM: AccessDeniedException, 400, resource `arn:aws:ssm:<region>:<acct>:parameter/<name>` (YumaInaura/YumaInaura#3444).
 * Explicit deny: "… with an explicit deny in an identity-based policy" (the resource-based form "… with an
 * explicit deny in a resource-based policy" is quoted from AWS in noobaa/noobaa-core#10060; older messages end
 * "with an explicit deny", cloud-custodian/cloud-custodian#4736;
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
 */
export function accessDeniedError(service: AwsService, principalArn: string, action: string, resourceShown: string, explicit: boolean): WireError {
  const shownAction =
    service === 'sqs' ? action.toLowerCase() : service === 'sns' ? `SNS:${action.split(':')[1] ?? ''}` : action;
  const res = service === 's3' ? `"${resourceShown}"` : resourceShown;
  const reason = explicit ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${shownAction} action`;
  const message = `User: ${principalArn} is not authorized to perform: ${shownAction} on resource: ${res} ${reason}`;
  switch (service) {
    case 's3':
      return serviceError('AccessDenied', message, 403);
    case 'sqs':
      return serviceError('AccessDenied', message, 403);
    case 'sns':
      return serviceError('AuthorizationErrorException', message, 403);
    case 'bedrock-runtime':
      // AccessDeniedException, HTTP 403 (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html, Errors).
      return serviceError('AccessDeniedException', message, 403);
    case 'lambda':
      // AccessDeniedException, 403, same wording (awslabs/aws-deployment-framework#460: "… is not authorized to perform:
      // lambda:InvokeFunction on resource: <function ARN> because no identity-based policy allows the lambda:InvokeFunction
      // action (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException …)").
      return serviceError('AccessDeniedException', message, 403);
    default:
      return serviceError('AccessDeniedException', message, 400);
  }
}

// ---------------------------------------------------------------- Bedrock Runtime
/**
 * A model the account may not use: AccessDeniedException, 403, "You don't have access to the model with the specified
 * model ID." (as boto3 prints it for InvokeModel and Converse: aws-samples/amazon-bedrock-audio-summarizer#15,
 * andrewyng/aisuite#174).
 */
export const bedrockNoModelAccess = (): WireError => serviceError('AccessDeniedException', "You don't have access to the model with the specified model ID.", 403);
/** A model id Bedrock does not know: ValidationException, 400, "The provided model identifier is invalid." (strands-agents/harness-sdk#38). */
export const bedrockInvalidModel = (): WireError => serviceError('ValidationException', 'The provided model identifier is invalid.', 400);
/**
 * An InvokeModel body the model's schema refuses: ValidationException, 400, "Malformed input request: <violations>, please
 * reformat your input and try again." with each violation as `#: required key [max_tokens] not found`, run together
 * (quoted from Bedrock in public logs, e.g. "Malformed input request: #: required key [prompt] not found#: required key
 * [max_tokens_to_sample] not found#: extraneous key [input] is not permitted, please reformat your input and try again.").
 * A body that is not JSON at all: "Malformed input request, please reformat your input and try again." (same sources).
 */
export function bedrockMalformedInput(violations: readonly string[]): WireError {
  const detail = violations.length === 0 ? '' : `: ${violations.join('')}`;
  return serviceError('ValidationException', `Malformed input request${detail}, please reformat your input and try again.`, 400);
}

