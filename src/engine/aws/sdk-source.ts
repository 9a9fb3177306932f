/**
 * Sources of the simulated npm packages (CommonJS, evaluated inside the sandbox). Real package names
 * resolve to them through the simulator's `resolveModule` hook. Every other `@aws-sdk/client-*` and
 * `@aws-sdk/lib-*` package loads as a generic package ({@link unsupportedPackage}) whose calls answer
 * SimulatorUnsupportedOperation; any other package still fails with the runtime's not-found error.
 *
 * Operation names, command names and aggregated-client names follow the AWS SDK for JavaScript v3
 * (https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/); the list here is what the host simulates
 * (operations.ts OPERATIONS), every other name a handler imports links to a stub.
 */
import type { SimModule } from '../sandbox/sandbox.ts';
import { awsSdkCore } from './sdk-core.ts';
import { SIMULATOR_GAP_SENTENCE } from '../errors/simulator-gap.ts';

/** Internal module shared by the simulated SDK packages. */
export const SDK_CORE_SPECIFIER = 'lambda-triage:aws-sdk-core';

const core = (spec: Record<string, unknown>): string =>
  `module.exports = require(${JSON.stringify(SDK_CORE_SPECIFIER)}).definePackage(${JSON.stringify(spec)});`;
const coreExport = (expr: string): SimModule => ({ format: 'cjs', source: `module.exports = require(${JSON.stringify(SDK_CORE_SPECIFIER)}).${expr};` });

/** Package names that load as a generic package when not simulated: every AWS SDK v3 client and lib package. */
const GENERIC_PACKAGE = /^@aws-sdk\/(client|lib)-([a-z0-9][a-z0-9-]*)$/;

/**
 * The generic package for an `@aws-sdk/client-*` / `@aws-sdk/lib-*` name the simulator does not cover, or undefined
 * for any other name. Every export a handler imports exists (client, aggregated client, commands, exceptions,
 * paginators, waiters, enums); sending any command answers SimulatorUnsupportedOperation, naming the client and operation.
 */
export function unsupportedPackage(specifier: string): SimModule | undefined {
  const m = GENERIC_PACKAGE.exec(specifier);
  if (!m) return undefined;
  const service = m[1] === 'lib' ? `lib-${m[2] ?? ''}` : (m[2] ?? '');
  return { format: 'cjs', source: core({ service, packageName: specifier, unknown: true, exceptions: [], operations: [] }) };
}

/**
 * Packages Lambda's Node.js runtimes provide that the simulator does not model. Loading one fails at once with a
 * note saying the gap is the simulator's (the findings turn it into LT-SIM-MODULE-GAP), instead of "Cannot find
 * package", which would tell the user to package something Lambda already provides.
 */
const RUNTIME_PROVIDED_GAPS: Record<string, string> = {
  // "Lambda Node.js and Python runtimes include the durable execution SDK" (nodejs22.x, nodejs24.x; not nodejs20.x):
  // https://docs.aws.amazon.com/lambda/latest/dg/durable-supported-runtimes.html
  '@aws/durable-execution-sdk-js':
    "the durable execution SDK, which Lambda's nodejs22.x and nodejs24.x runtimes include, is not simulated: Lambda durable functions (checkpoints, replays, waits) are not part of the Lambda Triage simulator yet",
};

function gapModule(specifier: string, what: string): SimModule {
  const message = `${specifier}: ${what}. ${SIMULATOR_GAP_SENTENCE}: on AWS, loading ${specifier} works`;
  // The note is the simulator's, not code of the package: its stack is the message alone in both runners.
  return { format: 'cjs', source: `const e = new Error(${JSON.stringify(message)}); e.stack = 'Error: ' + e.message; throw e;` };
}

/** The simulated packages by specifier. */
export const SIMULATED_PACKAGES: Record<string, SimModule> = {
  ...Object.fromEntries(Object.entries(RUNTIME_PROVIDED_GAPS).map(([spec, what]) => [spec, gapModule(spec, what)])),
  [SDK_CORE_SPECIFIER]: {
    format: 'cjs',
    source: `module.exports = (${awsSdkCore.toString()})(require('lambda-triage:host'), process.env);`,
  },
  '@aws-sdk/client-s3': {
    format: 'cjs',
    source: core({
      service: 's3',
      packageName: '@aws-sdk/client-s3',
      clientName: 'S3Client',
      sdkName: 'S3',
      label: 'S3',
      serviceExceptionName: 'S3ServiceException',
      exceptions: ['NoSuchKey', 'NoSuchBucket', 'NotFound', 'InvalidObjectState'],
      operations: ['GetObject', 'PutObject', 'HeadObject', 'ListObjects', 'ListObjectsV2', 'DeleteObject', 'CopyObject'],
      paginators: ['ListObjectsV2'],
    }),
  },
  '@aws-sdk/client-dynamodb': {
    format: 'cjs',
    source: core({
      service: 'dynamodb',
      packageName: '@aws-sdk/client-dynamodb',
      clientName: 'DynamoDBClient',
      sdkName: 'DynamoDB',
      label: 'DynamoDB',
      serviceExceptionName: 'DynamoDBServiceException',
      exceptions: ['ResourceNotFoundException', 'ConditionalCheckFailedException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'InternalServerError', 'TransactionConflictException', 'TransactionCanceledException', 'ValidationException'],
      operations: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems'],
      paginators: ['Query', 'Scan'],
    }),
  },
  '@aws-sdk/lib-dynamodb': {
    format: 'cjs',
    source: `module.exports = require(${JSON.stringify(SDK_CORE_SPECIFIER)}).defineDocumentClient(require('@aws-sdk/client-dynamodb'));`,
  },
  '@aws-sdk/util-dynamodb': {
    format: 'cjs',
    source: `const c = require(${JSON.stringify(SDK_CORE_SPECIFIER)}); module.exports = { marshall: c.marshall, unmarshall: c.unmarshall, convertToAttr: c.convertToAttr, convertToNative: c.convertToNative, NumberValue: c.NumberValue };`,
  },
  '@aws-sdk/client-sqs': {
    format: 'cjs',
    source: core({
      service: 'sqs',
      packageName: '@aws-sdk/client-sqs',
      clientName: 'SQSClient',
      sdkName: 'SQS',
      label: 'SQS',
      serviceExceptionName: 'SQSServiceException',
      exceptions: ['QueueDoesNotExist', 'ReceiptHandleIsInvalid', 'OverLimit', 'EmptyBatchRequest', 'TooManyEntriesInBatchRequest', 'BatchEntryIdsNotDistinct'],
      operations: ['SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'GetQueueUrl'],
    }),
  },
  '@aws-sdk/client-sns': {
    format: 'cjs',
    source: core({
      service: 'sns',
      packageName: '@aws-sdk/client-sns',
      clientName: 'SNSClient',
      sdkName: 'SNS',
      label: 'SNS',
      serviceExceptionName: 'SNSServiceException',
      exceptions: ['NotFoundException', 'AuthorizationErrorException', 'InvalidParameterException'],
      operations: ['Publish'],
    }),
  },
  '@aws-sdk/client-secrets-manager': {
    format: 'cjs',
    source: core({
      service: 'secretsmanager',
      packageName: '@aws-sdk/client-secrets-manager',
      clientName: 'SecretsManagerClient',
      sdkName: 'SecretsManager',
      label: 'Secrets Manager',
      serviceExceptionName: 'SecretsManagerServiceException',
      exceptions: ['ResourceNotFoundException', 'DecryptionFailure', 'InvalidRequestException'],
      operations: ['GetSecretValue'],
    }),
  },
  '@aws-sdk/client-ssm': {
    format: 'cjs',
    source: core({
      service: 'ssm',
      packageName: '@aws-sdk/client-ssm',
      clientName: 'SSMClient',
      sdkName: 'SSM',
      label: 'SSM',
      serviceExceptionName: 'SSMServiceException',
      exceptions: ['ParameterNotFound', 'InvalidKeyId', 'ValidationException'],
      operations: ['GetParameter', 'GetParameters', 'GetParametersByPath'],
      paginators: ['GetParametersByPath'],
    }),
  },
  '@aws-sdk/client-lambda': {
    format: 'cjs',
    source: core({
      service: 'lambda',
      packageName: '@aws-sdk/client-lambda',
      clientName: 'LambdaClient',
      sdkName: 'Lambda',
      label: 'Lambda',
      serviceExceptionName: 'LambdaServiceException',
      exceptions: ['ResourceNotFoundException', 'InvalidRequestContentException', 'TooManyRequestsException', 'AccessDeniedException'],
      operations: ['Invoke', 'GetAccountSettings'],
    }),
  },
  '@aws-sdk/client-eventbridge': {
    format: 'cjs',
    source: core({
      service: 'events',
      packageName: '@aws-sdk/client-eventbridge',
      clientName: 'EventBridgeClient',
      sdkName: 'EventBridge',
      label: 'EventBridge',
      serviceExceptionName: 'EventBridgeServiceException',
      exceptions: ['ResourceNotFoundException', 'InternalException', 'ValidationException', 'AccessDeniedException'],
      operations: ['PutEvents'],
    }),
  },
  '@aws-sdk/client-bedrock-runtime': {
    format: 'cjs',
    source: core({
      service: 'bedrock-runtime',
      packageName: '@aws-sdk/client-bedrock-runtime',
      clientName: 'BedrockRuntimeClient',
      sdkName: 'BedrockRuntime',
      label: 'Bedrock Runtime',
      serviceExceptionName: 'BedrockRuntimeServiceException',
      // Errors of Converse and InvokeModel (API reference, Errors).
      exceptions: ['AccessDeniedException', 'ValidationException', 'ThrottlingException', 'ModelTimeoutException', 'ModelErrorException', 'ModelNotReadyException', 'ResourceNotFoundException', 'ServiceQuotaExceededException', 'ServiceUnavailableException', 'InternalServerException'],
      operations: ['Converse', 'InvokeModel'],
    }),
  },
  '@aws-sdk/credential-providers': coreExport('credentialProviders()'),
  '@aws-sdk/credential-provider-node': { format: 'cjs', source: `const c = require(${JSON.stringify(SDK_CORE_SPECIFIER)}); module.exports = { defaultProvider: c.defaultProvider };` },
  '@aws-sdk/credential-provider-env': { format: 'cjs', source: `const c = require(${JSON.stringify(SDK_CORE_SPECIFIER)}); module.exports = { fromEnv: () => c.defaultProvider() };` },
  '@aws-sdk/util-stream-node': { format: 'cjs', source: `module.exports = { sdkStreamMixin: require(${JSON.stringify(SDK_CORE_SPECIFIER)}).sdkStreamMixin };` },
  '@smithy/util-stream': { format: 'cjs', source: `module.exports = { sdkStreamMixin: require(${JSON.stringify(SDK_CORE_SPECIFIER)}).sdkStreamMixin };` },
  '@aws-sdk/s3-request-presigner': { format: 'cjs', source: `module.exports = { getSignedUrl: require(${JSON.stringify(SDK_CORE_SPECIFIER)}).getSignedUrl };` },
  '@aws-sdk/lib-storage': coreExport("libStorage(require('@aws-sdk/client-s3'))"),
  'aws-xray-sdk-core': coreExport('xraySdk()'),
  'aws-xray-sdk': coreExport('xraySdk()'),
  '@smithy/node-http-handler': {
    format: 'cjs',
    source: `module.exports = { NodeHttpHandler: require(${JSON.stringify(SDK_CORE_SPECIFIER)}).NodeHttpHandler };`,
  },
};
