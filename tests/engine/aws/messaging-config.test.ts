import { describe, expect, it } from 'vitest';
import { runOnce, stepsHandler } from './world-helpers.ts';

const acct = '111122223333';
const queueUrl = `https://sqs.us-east-1.amazonaws.com/${acct}/jobs`;
const state = {
  sqs: { queues: { jobs: ['seeded'] } },
  sns: { topics: { alerts: [] } },
  secretsmanager: { secrets: { 'prod/db': '{"password":"pw"}' } },
  ssm: { parameters: { '/app/url': 'https://example.com', '/app/key': { value: 's3cr3t', type: 'SecureString' } } },
};
const role = 'arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn';

describe('@aws-sdk/client-sqs and client-sns (simulated)', () => {
  const imports = `import { SQSClient, SendMessageCommand, ReceiveMessageCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs'; import { SNSClient, PublishCommand } from '@aws-sdk/client-sns'; const sqs = new SQSClient({}); const sns = new SNSClient({});`;
  it('send, receive, delete, publish; missing queue and topic; snapshot', async () => {
    const code = stepsHandler(imports, `
      await step(sqs.send(new SendMessageCommand({ QueueUrl: '${queueUrl}', MessageBody: 'hello' })));
      const r = await step(sqs.send(new ReceiveMessageCommand({ QueueUrl: '${queueUrl}', MaxNumberOfMessages: 10 })));
      await step(sqs.send(new DeleteMessageCommand({ QueueUrl: '${queueUrl}', ReceiptHandle: r.Messages[0].ReceiptHandle })));
      await step(sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:${acct}:alerts', Message: 'boom', Subject: 's' })));
      await step(sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/${acct}/nope', MessageBody: 'x' })));
      await step(sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:${acct}:nope', Message: 'x' })));
    `);
    const { record, world } = await runOnce(code, { state });
    const out = record.result as Array<Record<string, unknown>>;
    expect(out[0]).toMatchObject({ ok: { MessageId: expect.any(String) } });
    expect(out[1]).toMatchObject({ ok: { Messages: [{ Body: 'seeded' }, { Body: 'hello' }] } });
    expect(out[4]).toMatchObject({ err: { name: 'QueueDoesNotExist' } });
    expect(out[5]).toMatchObject({ err: { name: 'NotFoundException' } });
    const snap = world.snapshot() as { sqs: { queues: Record<string, string[]> }; sns: { topics: Record<string, unknown[]> } };
    expect(snap.sqs.queues['jobs']).toEqual(['hello']);
    expect(snap.sns.topics['alerts']).toEqual([{ messageId: expect.any(String), message: 'boom', subject: 's' }]);
  });
  it('denials: SQS prints the action in lower case (aws/serverless-application-model#3633), SNS as SNS:Publish', async () => {
    const code = stepsHandler(imports, `
      await step(sqs.send(new SendMessageCommand({ QueueUrl: '${queueUrl}', MessageBody: 'x' })));
      await step(sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:${acct}:alerts', Message: 'x' })));`);
    const { record } = await runOnce(code, { state, policy: [] });
    const out = record.result as unknown[];
    expect(out[0]).toMatchObject({ err: { name: 'AccessDenied', status: 403, message: `User: ${role} is not authorized to perform: sqs:sendmessage on resource: arn:aws:sqs:us-east-1:${acct}:jobs because no identity-based policy allows the sqs:sendmessage action` } });
    expect(out[1]).toMatchObject({ err: { name: 'AuthorizationErrorException', status: 403, message: `User: ${role} is not authorized to perform: SNS:Publish on resource: arn:aws:sns:us-east-1:${acct}:alerts because no identity-based policy allows the SNS:Publish action` } });
  });
});

describe('@aws-sdk/client-secrets-manager and client-ssm (simulated)', () => {
  const imports = `import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager'; import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm'; const sm = new SecretsManagerClient({}); const ssm = new SSMClient({});`;
  it('values, ARN with a deterministic 6-character suffix, SecureString decryption, not-found errors', async () => {
    const code = stepsHandler(imports, `
      await step(sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' })));
      await step(sm.send(new GetSecretValueCommand({ SecretId: 'prod/none' })));
      await step(ssm.send(new GetParameterCommand({ Name: '/app/url' })));
      await step(ssm.send(new GetParameterCommand({ Name: '/app/key', WithDecryption: true })));
      await step(ssm.send(new GetParameterCommand({ Name: '/app/key' })));
      await step(ssm.send(new GetParameterCommand({ Name: '/app/none' })));`);
    const { record } = await runOnce(code, { state });
    const out = record.result as Array<{ ok: Record<string, any>; err: Record<string, unknown> }>;
    expect(out[0]?.ok).toMatchObject({ Name: 'prod/db', SecretString: '{"password":"pw"}', VersionStages: ['AWSCURRENT'], ARN: expect.stringMatching(/^arn:aws:secretsmanager:us-east-1:111122223333:secret:prod\/db-[A-Za-z0-9]{6}$/) });
    expect(out[1]?.err).toMatchObject({ name: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret.", status: 400 });
    expect(out[2]?.ok['Parameter']).toMatchObject({ Name: '/app/url', Value: 'https://example.com', Type: 'String', ARN: 'arn:aws:ssm:us-east-1:111122223333:parameter/app/url' });
    expect(out[3]?.ok['Parameter'].Value).toBe('s3cr3t');
    expect(out[4]?.ok['Parameter'].Value).not.toBe('s3cr3t');
    expect(out[5]?.err).toMatchObject({ name: 'ParameterNotFound', status: 400 });
  });
  it('denials: Secrets Manager shows the SecretId as passed; SSM the parameter ARN without a doubled slash', async () => {
    const code = stepsHandler(imports, `
      await step(sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' })));
      await step(ssm.send(new GetParameterCommand({ Name: '/app/url' })));`);
    const { record, world } = await runOnce(code, { state, policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'logs:*', Resource: '*' } } });
    const out = record.result as unknown[];
    expect(out[0]).toMatchObject({ err: { name: 'AccessDeniedException', status: 400, message: `User: ${role} is not authorized to perform: secretsmanager:GetSecretValue on resource: prod/db because no identity-based policy allows the secretsmanager:GetSecretValue action` } });
    expect(out[1]).toMatchObject({ err: { name: 'AccessDeniedException', message: `User: ${role} is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-east-1:${acct}:parameter/app/url because no identity-based policy allows the ssm:GetParameter action` } });
    // IAM evaluates the full secret ARN, suffix included
    expect(world.calls()[0]?.iam?.resource).toMatch(/:secret:prod\/db-[A-Za-z0-9]{6}$/);
  });
});
