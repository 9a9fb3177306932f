import { describe, expect, it } from 'vitest';
import { diagnoseCalls } from '../../../src/engine/index.ts';
import { runOnce } from './world-helpers.ts';

const handler = `
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const handler = async () => {
  const r = await s3.send(new GetObjectCommand({ Bucket: 'config-bucket', Key: 'settings.json' }));
  return JSON.parse(await r.Body.transformToString());
};`;
const state = { s3: { buckets: { 'config-bucket': { 'settings.json': '{"mode":"fast"}' } } } };
const noS3 = { Version: '2012-10-17', Statement: [{ Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] };
const withS3 = { Version: '2012-10-17', Statement: [...noS3.Statement, { Sid: 'ReadConfig', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::config-bucket/*' }] };

describe('acceptance: S3 read with and without s3:GetObject', () => {
  it('a role lacking s3:GetObject fails with AWS\'s exact AccessDenied text (https://github.com/aws-samples/serverless-patterns/pull/2457) and the access-denied cause', async () => {
    const { record, world } = await runOnce(handler, { state, policy: noS3 });
    expect(record.outcome).toBe('function-error');
    expect(record.errorType).toBe('AccessDenied');
    expect(record.errorMessage).toBe(
      'User: arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::config-bucket/settings.json" because no identity-based policy allows the s3:GetObject action',
    );
    const calls = world.calls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ service: 's3', operation: 'GetObject', outcome: 'error', iam: { decision: 'implicit-deny', action: 's3:GetObject', resource: 'arn:aws:s3:::config-bucket/settings.json' } });
    expect(diagnoseCalls(record, calls)).toEqual(['access-denied']);
    // The Invoke Error log carries the SDK v3 error's own fields.
    expect(record.logs.find((l) => l.includes('Invoke Error'))).toMatch(/"\$fault":"client","\$metadata":\{"httpStatusCode":403/);
  });
  it('passes once the policy allows it, with the allowing statement recorded', async () => {
    const { record, world } = await runOnce(handler, { state, policy: withS3 });
    expect(record.outcome).toBe('success');
    expect(record.result).toEqual({ mode: 'fast' });
    expect(world.calls()[0]?.iam).toMatchObject({ decision: 'allow', matchedStatement: { statement: 1, sid: 'ReadConfig' } });
    expect(diagnoseCalls(record, world.calls())).toEqual([]);
  });
  it('an explicit deny gives the explicit-deny wording', async () => {
    const deny = { Version: '2012-10-17', Statement: [...withS3.Statement, { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::config-bucket/*' }] };
    const { record } = await runOnce(handler, { state, policy: deny });
    expect(record.errorMessage).toBe(
      'User: arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::config-bucket/settings.json" with an explicit deny in an identity-based policy',
    );
  });
});

describe('acceptance: slow dependency and the 3 s timeout', () => {
  const slow = { rules: [{ service: 'dynamodb', operation: 'GetItem', latencyMs: 5000 }] };
  const state = { dynamodb: { tables: { Orders: { keySchema: { pk: 'id' }, items: [{ id: 'o1', total: 5 }] } } } };
  const code = (clientOptions: string) => `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient(${clientOptions}));
export const handler = async () => {
  try {
    const r = await doc.send(new GetCommand({ TableName: 'Orders', Key: { id: 'o1' } }));
    return r.Item;
  } catch (e) {
    return { fallback: true, error: e.name, attempts: e.$metadata && e.$metadata.attempts };
  }
};`;
  it('a 5 s GetItem against a 3 s function timeout times out, pending names the call, cause downstream-failure', async () => {
    const { record, world } = await runOnce(code('{}'), { state, faults: slow });
    expect(record.outcome).toBe('timeout');
    expect(record.pending).toContain('DynamoDB GetItem call in flight');
    expect(diagnoseCalls(record, world.calls())).toEqual(['downstream-failure']);
  });
  it('requestTimeout 500 ms and maxAttempts 2 return the fallback within the timeout: predictable attempts and time', async () => {
    const { record, world } = await runOnce(code('{ maxAttempts: 2, requestHandler: { requestTimeout: 500 } }'), { state, faults: slow });
    expect(record.outcome).toBe('success');
    expect(record.result).toEqual({ fallback: true, error: 'TimeoutError', attempts: 2 });
    const calls = world.calls();
    expect(calls.map((c) => c.abandoned?.reason)).toEqual(['request-timeout', 'request-timeout']);
    // two 500 ms attempts + one backoff (≤ 100 ms) + runtime overhead
    expect(record.durationMs).toBeGreaterThanOrEqual(1000);
    expect(record.durationMs).toBeLessThan(1200);
  });
});

describe('init-time calls and warm state', () => {
  it('a top-level await during init is recorded with requestId null and belongs to the cold start; state persists across warm invocations', async () => {
    const { setup } = await import('./world-helpers.ts');
    const s = await setup(`
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const secret = (await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: 'api-key' }))).SecretString;
const sqs = new SQSClient({});
export const handler = async (event) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/out', MessageBody: secret + ':' + event.n }));
  return 'sent';
};`, { state: { secretsmanager: { secrets: { 'api-key': 'k1' } }, sqs: { queues: { out: [] } } }, policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*:*:secret:api-key-??????' } } });
    const first = await s.fn.invoke({ n: 1 });
    const second = await s.fn.invoke({ n: 2 });
    s.fn.dispose();
    expect(first.outcome).toBe('function-error');
    expect(first.errorType).toBe('AccessDenied');
    expect(second.coldStart).toBe(false);
    const calls = s.world.calls();
    expect(calls[0]).toMatchObject({ requestId: null, service: 'secretsmanager', outcome: 'ok', iam: { decision: 'allow' } });
    expect(calls[1]).toMatchObject({ requestId: first.requestId, service: 'sqs', outcome: 'error' });
    expect(diagnoseCalls(first, calls)).toEqual(['access-denied']);
    expect((s.world.snapshot() as { sqs: { queues: Record<string, string[]> } }).sqs.queues['out']).toEqual([]);
  });
});
