/**
 * Sources of the simulated npm packages (CommonJS, evaluated inside the sandbox). Real package names
 * resolve to them through the simulator's `resolveModule` hook; every other package still fails with
 * the runtime's not-found error.
 */
import type { SimModule } from '../sandbox/sandbox.ts';
import { awsSdkCore } from './sdk-core.ts';

/** Internal module shared by the simulated SDK packages. */
export const SDK_CORE_SPECIFIER = 'lambda-triage:aws-sdk-core';

const core = (spec: Record<string, unknown>): string =>
  `module.exports = require(${JSON.stringify(SDK_CORE_SPECIFIER)}).definePackage(${JSON.stringify(spec)});`;

/** The simulated packages by specifier. */
export const SIMULATED_PACKAGES: Record<string, SimModule> = {
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
      label: 'S3',
      serviceExceptionName: 'S3ServiceException',
      exceptions: ['NoSuchKey', 'NoSuchBucket', 'NotFound', 'InvalidObjectState'],
      operations: ['GetObject', 'PutObject', 'HeadObject', 'ListObjectsV2', 'DeleteObject'],
    }),
  },
  '@aws-sdk/client-dynamodb': {
    format: 'cjs',
    source: core({
      service: 'dynamodb',
      packageName: '@aws-sdk/client-dynamodb',
      clientName: 'DynamoDBClient',
      label: 'DynamoDB',
      serviceExceptionName: 'DynamoDBServiceException',
      exceptions: ['ResourceNotFoundException', 'ConditionalCheckFailedException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'InternalServerError', 'TransactionConflictException'],
      operations: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'],
    }),
  },
  '@aws-sdk/lib-dynamodb': {
    format: 'cjs',
    source: `module.exports = require(${JSON.stringify(SDK_CORE_SPECIFIER)}).defineDocumentClient(require('@aws-sdk/client-dynamodb'));`,
  },
  '@aws-sdk/util-dynamodb': {
    format: 'cjs',
    source: `const c = require(${JSON.stringify(SDK_CORE_SPECIFIER)}); module.exports = { marshall: c.marshall, unmarshall: c.unmarshall, convertToAttr: c.convertToAttr, convertToNative: c.convertToNative };`,
  },
  '@aws-sdk/client-sqs': {
    format: 'cjs',
    source: core({
      service: 'sqs',
      packageName: '@aws-sdk/client-sqs',
      clientName: 'SQSClient',
      label: 'SQS',
      serviceExceptionName: 'SQSServiceException',
      exceptions: ['QueueDoesNotExist', 'ReceiptHandleIsInvalid', 'OverLimit'],
      operations: ['SendMessage', 'ReceiveMessage', 'DeleteMessage'],
    }),
  },
  '@aws-sdk/client-sns': {
    format: 'cjs',
    source: core({
      service: 'sns',
      packageName: '@aws-sdk/client-sns',
      clientName: 'SNSClient',
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
      label: 'SSM',
      serviceExceptionName: 'SSMServiceException',
      exceptions: ['ParameterNotFound', 'InvalidKeyId'],
      operations: ['GetParameter'],
    }),
  },
  '@smithy/node-http-handler': {
    format: 'cjs',
    source: `module.exports = { NodeHttpHandler: require(${JSON.stringify(SDK_CORE_SPECIFIER)}).NodeHttpHandler };`,
  },
};
