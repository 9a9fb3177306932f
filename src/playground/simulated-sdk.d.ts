// Types for the simulated AWS SDK v3 packages (src/engine/aws/sdk-source.ts), so the editor can
// complete them. Hand-written and deliberately small: only the clients and operations the simulator
// implements. Loaded as text (?raw) into Monaco's TypeScript worker.

declare module '@aws-sdk/client-s3' {
  export interface S3ClientConfig { region?: string; maxAttempts?: number }
  export class S3Client {
    constructor(config?: S3ClientConfig);
    send<O = any>(command: { readonly input: object }, options?: { abortSignal?: AbortSignal }): Promise<O>;
  }
  export class GetObjectCommand { constructor(input: { Bucket: string; Key: string }); readonly input: object }
  export class PutObjectCommand { constructor(input: { Bucket: string; Key: string; Body?: string | Uint8Array; ContentType?: string }); readonly input: object }
  export class HeadObjectCommand { constructor(input: { Bucket: string; Key: string }); readonly input: object }
  export class ListObjectsV2Command { constructor(input: { Bucket: string; Prefix?: string; MaxKeys?: number }); readonly input: object }
  export class DeleteObjectCommand { constructor(input: { Bucket: string; Key: string }); readonly input: object }
  export class NoSuchKey extends Error {}
  export class NoSuchBucket extends Error {}
  export class S3ServiceException extends Error { $metadata: { httpStatusCode?: number; requestId?: string } }
}

declare module '@aws-sdk/client-dynamodb' {
  export class DynamoDBClient {
    constructor(config?: { region?: string; maxAttempts?: number });
    send<O = any>(command: { readonly input: object }, options?: { abortSignal?: AbortSignal }): Promise<O>;
  }
  type Key = Record<string, Record<string, unknown>>;
  export class GetItemCommand { constructor(input: { TableName: string; Key: Key; ConsistentRead?: boolean }); readonly input: object }
  export class PutItemCommand { constructor(input: { TableName: string; Item: Key; ConditionExpression?: string }); readonly input: object }
  export class UpdateItemCommand { constructor(input: { TableName: string; Key: Key; UpdateExpression: string; ExpressionAttributeValues?: Key }); readonly input: object }
  export class DeleteItemCommand { constructor(input: { TableName: string; Key: Key }); readonly input: object }
  export class QueryCommand { constructor(input: { TableName: string; KeyConditionExpression: string; IndexName?: string; ExpressionAttributeValues?: Key }); readonly input: object }
  export class ResourceNotFoundException extends Error {}
  export class ConditionalCheckFailedException extends Error {}
  export class DynamoDBServiceException extends Error { $metadata: { httpStatusCode?: number; requestId?: string } }
}

declare module '@aws-sdk/lib-dynamodb' {
  export class DynamoDBDocumentClient {
    static from(client: object): DynamoDBDocumentClient;
    send<O = any>(command: { readonly input: object }): Promise<O>;
  }
  export class GetCommand { constructor(input: { TableName: string; Key: Record<string, unknown> }); readonly input: object }
  export class PutCommand { constructor(input: { TableName: string; Item: Record<string, unknown>; ConditionExpression?: string }); readonly input: object }
  export class UpdateCommand { constructor(input: { TableName: string; Key: Record<string, unknown>; UpdateExpression: string; ExpressionAttributeValues?: Record<string, unknown> }); readonly input: object }
  export class DeleteCommand { constructor(input: { TableName: string; Key: Record<string, unknown> }); readonly input: object }
  export class QueryCommand { constructor(input: { TableName: string; KeyConditionExpression: string; IndexName?: string; ExpressionAttributeValues?: Record<string, unknown> }); readonly input: object }
}

declare module '@aws-sdk/client-sqs' {
  export class SQSClient { constructor(config?: { region?: string }); send<O = any>(command: { readonly input: object }): Promise<O> }
  export class SendMessageCommand { constructor(input: { QueueUrl: string; MessageBody: string; DelaySeconds?: number }); readonly input: object }
  export class ReceiveMessageCommand { constructor(input: { QueueUrl: string; MaxNumberOfMessages?: number; WaitTimeSeconds?: number }); readonly input: object }
  export class DeleteMessageCommand { constructor(input: { QueueUrl: string; ReceiptHandle: string }); readonly input: object }
}

declare module '@aws-sdk/client-sns' {
  export class SNSClient { constructor(config?: { region?: string }); send<O = any>(command: { readonly input: object }): Promise<O> }
  export class PublishCommand { constructor(input: { TopicArn: string; Message: string; Subject?: string }); readonly input: object }
}

declare module '@aws-sdk/client-secrets-manager' {
  export class SecretsManagerClient { constructor(config?: { region?: string }); send<O = any>(command: { readonly input: object }): Promise<O> }
  export class GetSecretValueCommand { constructor(input: { SecretId: string; VersionStage?: string }); readonly input: object }
}

declare module '@aws-sdk/client-ssm' {
  export class SSMClient { constructor(config?: { region?: string }); send<O = any>(command: { readonly input: object }): Promise<O> }
  export class GetParameterCommand { constructor(input: { Name: string; WithDecryption?: boolean }); readonly input: object }
}
