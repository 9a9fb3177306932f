import { describe, expect, it } from 'vitest';
import { runOnce, stepsHandler } from './world-helpers.ts';

type Step = { ok?: Record<string, any>; err?: Record<string, any>; status?: number };

describe('S3 listing and copying (simulated)', () => {
  const state = { s3: { buckets: { 'data-bucket': { 'a/1.txt': 'one', 'a/b/2.txt': 'two', 'a/c/3.txt': 'three', 'z.txt': 'zz' }, 'other-bucket': {} } } };
  it('ListObjects v1 and v2 with Delimiter (CommonPrefixes), MaxKeys and continuation; CopyObject; paginateListObjectsV2', async () => {
    const code = stepsHandler(`import { S3Client, ListObjectsCommand, ListObjectsV2Command, CopyObjectCommand, GetObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3'; const s3 = new S3Client({});`, `
      await step(s3.send(new ListObjectsV2Command({ Bucket: 'data-bucket', Prefix: 'a/', Delimiter: '/' })));
      const p = await step(s3.send(new ListObjectsV2Command({ Bucket: 'data-bucket', MaxKeys: 2 })));
      await step(s3.send(new ListObjectsV2Command({ Bucket: 'data-bucket', MaxKeys: 2, ContinuationToken: p.NextContinuationToken })));
      await step(s3.send(new ListObjectsCommand({ Bucket: 'data-bucket', Delimiter: '/', MaxKeys: 1 })));
      await step(s3.send(new CopyObjectCommand({ Bucket: 'other-bucket', Key: 'copy.txt', CopySource: 'data-bucket/a%2F1.txt' })));
      const g = await s3.send(new GetObjectCommand({ Bucket: 'other-bucket', Key: 'copy.txt' }));
      out.push({ ok: { text: await g.Body.transformToString() } });
      await step(s3.send(new CopyObjectCommand({ Bucket: 'other-bucket', Key: 'x', CopySource: '/data-bucket/missing' })));
      const keys = [];
      for await (const page of paginateListObjectsV2({ client: s3, pageSize: 3 }, { Bucket: 'data-bucket' })) keys.push(page.Contents.map((c) => c.Key));
      out.push({ ok: { keys } });
    `);
    const { record, world } = await runOnce(code, { state, policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } } });
    const out = record.result as Step[];
    expect(out[0]?.ok).toMatchObject({ Contents: [{ Key: 'a/1.txt' }], CommonPrefixes: [{ Prefix: 'a/b/' }, { Prefix: 'a/c/' }], KeyCount: 3, Delimiter: '/', IsTruncated: false });
    expect(out[1]?.ok).toMatchObject({ KeyCount: 2, IsTruncated: true, NextContinuationToken: expect.any(String) });
    expect(out[2]?.ok?.['Contents'].map((c: { Key: string }) => c.Key)).toEqual(['a/c/3.txt', 'z.txt']);
    expect(out[2]?.ok?.['IsTruncated']).toBe(false);
    expect(out[3]?.ok).toMatchObject({ CommonPrefixes: [{ Prefix: 'a/' }], IsTruncated: true, NextMarker: 'a/c/3.txt', Marker: '' });
    expect(out[4]?.ok).toMatchObject({ CopyObjectResult: { ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/) } });
    expect(out[5]?.ok).toEqual({ text: 'one' });
    expect(out[6]?.err).toMatchObject({ name: 'NoSuchKey', status: 404 });
    expect(out[7]?.ok).toEqual({ keys: [['a/1.txt', 'a/b/2.txt', 'a/c/3.txt'], ['z.txt']] });
    const copy = world.calls().find((c) => c.operation === 'CopyObject');
    expect(copy?.iam?.notes).toEqual(expect.arrayContaining(['s3:GetObject on arn:aws:s3:::data-bucket/a/1.txt: allow', 's3:PutObject on arn:aws:s3:::other-bucket/copy.txt: allow']));
  });

  it('CopyObject needs s3:GetObject on the source: denied with S3 AccessDenied on the source key', async () => {
    const policy = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' } };
    const code = stepsHandler(`import { S3Client, CopyObjectCommand } from '@aws-sdk/client-s3'; const s3 = new S3Client({});`, `
      await step(s3.send(new CopyObjectCommand({ Bucket: 'other-bucket', Key: 'copy.txt', CopySource: 'data-bucket/z.txt' })));`);
    const { record } = await runOnce(code, { state, policy });
    expect((record.result as Step[])[0]?.err).toMatchObject({ name: 'AccessDenied', status: 403, message: expect.stringContaining('s3:GetObject on resource: "arn:aws:s3:::data-bucket/z.txt"') });
  });
});

describe('SSM GetParametersByPath (simulated)', () => {
  it('one level or recursive, SecureString decryption, MaxResults paging; IAM ssm:GetParametersByPath on the path', async () => {
    const state = { ssm: { parameters: { '/app/url': 'https://x', '/app/key': { value: 's3cr3t', type: 'SecureString' }, '/app/db/host': 'db', '/other/x': '1' } } };
    const code = stepsHandler(`import { SSMClient, GetParametersByPathCommand, paginateGetParametersByPath } from '@aws-sdk/client-ssm'; const ssm = new SSMClient({});`, `
      await step(ssm.send(new GetParametersByPathCommand({ Path: '/app' })));
      await step(ssm.send(new GetParametersByPathCommand({ Path: '/app/', Recursive: true, WithDecryption: true, MaxResults: 2 })));
      const names = [];
      for await (const page of paginateGetParametersByPath({ client: ssm, pageSize: 1 }, { Path: '/app', Recursive: true })) names.push(page.Parameters.map((p) => p.Name));
      out.push({ ok: { names } });
      await step(ssm.send(new GetParametersByPathCommand({ Path: 'app' })));
    `);
    const { record, world } = await runOnce(code, { state });
    const out = record.result as Step[];
    expect(out[0]?.ok?.['Parameters'].map((p: { Name: string }) => p.Name)).toEqual(['/app/key', '/app/url']);
    expect(out[0]?.ok?.['Parameters'][0].Value).not.toBe('s3cr3t');
    expect(out[1]?.ok?.['Parameters']).toMatchObject([{ Name: '/app/db/host', Value: 'db' }, { Name: '/app/key', Value: 's3cr3t', Type: 'SecureString' }]);
    expect(out[1]?.ok?.['NextToken']).toEqual(expect.any(String));
    expect(out[2]?.ok).toEqual({ names: [['/app/db/host'], ['/app/key'], ['/app/url']] });
    expect(out[3]?.err).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(world.calls()[0]?.iam).toMatchObject({ action: 'ssm:GetParametersByPath', resource: 'arn:aws:ssm:us-east-1:111122223333:parameter/app' });
  });
});

describe('@aws-sdk/client-lambda Invoke (answered from stubs)', () => {
  const state = { lambda: { functions: { pricing: { response: { price: 42 } }, broken: { error: { errorType: 'TypeError', errorMessage: 'x is undefined' } } } } };
  it('Payload is a Uint8Array with transformToString; FunctionError Unhandled keeps StatusCode 200; Event 202; missing function 404', async () => {
    const code = stepsHandler(`import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda'; const lambda = new LambdaClient({});`, `
      const r = await lambda.send(new InvokeCommand({ FunctionName: 'pricing', Payload: JSON.stringify({ sku: 'a' }) }));
      out.push({ ok: { isBytes: r.Payload instanceof Uint8Array, text: new TextDecoder().decode(r.Payload), viaHelper: r.Payload.transformToString(), StatusCode: r.StatusCode, FunctionError: r.FunctionError, ExecutedVersion: r.ExecutedVersion } });
      const b = await lambda.send(new InvokeCommand({ FunctionName: 'arn:aws:lambda:us-east-1:111122223333:function:broken', Payload: new TextEncoder().encode('{}') }));
      out.push({ ok: { StatusCode: b.StatusCode, FunctionError: b.FunctionError, payload: JSON.parse(b.Payload.transformToString()) } });
      await step(lambda.send(new InvokeCommand({ FunctionName: 'pricing', InvocationType: 'Event' })));
      await step(lambda.send(new InvokeCommand({ FunctionName: 'nope' })));
      await step(lambda.send(new InvokeCommand({ FunctionName: 'pricing', Payload: '{not json' })));
    `);
    const { record, world } = await runOnce(code, { state });
    const out = record.result as Step[];
    expect(out[0]?.ok).toEqual({ isBytes: true, text: '{"price":42}', viaHelper: '{"price":42}', StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(out[1]?.ok).toEqual({ StatusCode: 200, FunctionError: 'Unhandled', payload: { errorType: 'TypeError', errorMessage: 'x is undefined', trace: [] } });
    expect(out[2]).toMatchObject({ ok: { StatusCode: 202 }, status: 202 });
    expect(out[3]?.err).toMatchObject({ name: 'ResourceNotFoundException', status: 404, message: 'Function not found: arn:aws:lambda:us-east-1:111122223333:function:nope' });
    expect(out[4]?.err).toMatchObject({ name: 'InvalidRequestContentException', status: 400 });
    expect(world.calls()[0]?.iam).toMatchObject({ action: 'lambda:InvokeFunction', resource: 'arn:aws:lambda:us-east-1:111122223333:function:pricing' });
  });

  it('a role without lambda:InvokeFunction gets AccessDeniedException naming the function ARN', async () => {
    const code = stepsHandler(`import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda'; const lambda = new LambdaClient({});`, `
      await step(lambda.send(new InvokeCommand({ FunctionName: 'pricing:live' })));`);
    const { record } = await runOnce(code, { state, policy: [] });
    expect((record.result as Step[])[0]?.err).toMatchObject({
      name: 'AccessDeniedException',
      status: 403,
      message: 'User: arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:111122223333:function:pricing:live because no identity-based policy allows the lambda:InvokeFunction action',
    });
  });
});

describe('@aws-sdk/client-lambda GetAccountSettings (the AWS blank-nodejs sample calls it)', () => {
  it("answers Lambda's default quotas and counts the world's functions; it has no resource, so only Resource \"*\" grants it", async () => {
    const code = stepsHandler(`import { LambdaClient, GetAccountSettingsCommand } from '@aws-sdk/client-lambda'; const lambda = new LambdaClient({});`, `
      await step(lambda.send(new GetAccountSettingsCommand({})));`);
    const state = { lambda: { functions: { pricing: { response: 1 } } } };
    const allowed = await runOnce(code, { state, policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'lambda:GetAccountSettings', Resource: '*' } } });
    expect((allowed.record.result as Step[])[0]?.ok).toMatchObject({
      // https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html: 1,000 concurrent executions, 75 GB of
      // code storage, 50 MB zipped and 250 MB unzipped per package, in bytes as AccountLimit reports them.
      AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000, TotalCodeSize: 80530636800, CodeSizeZipped: 52428800, CodeSizeUnzipped: 262144000 },
      AccountUsage: { FunctionCount: 2 },
    });
    expect(allowed.world.calls()[0]?.iam).toMatchObject({ action: 'lambda:GetAccountSettings', resource: '*' });
    const scoped = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'lambda:*', Resource: 'arn:aws:lambda:us-east-1:111122223333:function:*' } };
    const denied = await runOnce(code, { state, policy: scoped });
    expect((denied.record.result as Step[])[0]?.err).toMatchObject({
      name: 'AccessDeniedException',
      status: 403,
      message: 'User: arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn is not authorized to perform: lambda:GetAccountSettings on resource: * because no identity-based policy allows the lambda:GetAccountSettings action',
    });
  });
});

describe('@aws-sdk/client-eventbridge PutEvents (simulated)', () => {
  it('per-entry results with FailedEntryCount, MalformedDetail, events recorded on the bus; more than 10 entries is a ValidationException', async () => {
    const code = stepsHandler(`import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge'; const eb = new EventBridgeClient({});`, `
      await step(eb.send(new PutEventsCommand({ Entries: [
        { Source: 'orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 1 }), EventBusName: 'orders-bus' },
        { Source: 'orders', DetailType: 'OrderPlaced', Detail: 'not json' },
        { Source: 'orders', DetailType: 'Ping', Detail: '{}' },
        { Source: 'orders', DetailType: 'Odd', Detail: '[]' },
        { DetailType: 'NoSource', Detail: '{}' },
        { Source: 'orders', DetailType: '', Detail: '{}' },
        { Source: 'orders', DetailType: 'NoDetail' },
      ] })));
      await step(eb.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 'd', Detail: '{}' })) })));
    `);
    const { record, world } = await runOnce(code, { state: { events: { buses: { 'orders-bus': [] } } }, policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'events:PutEvents', Resource: '*' } } });
    const out = record.result as Step[];
    expect(out[0]?.ok?.['FailedEntryCount']).toBe(5);
    expect(out[0]?.ok?.['Entries']).toEqual([
      { EventId: expect.any(String) },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { EventId: expect.any(String) },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
    ]);
    expect(out[1]?.err).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(out[1]?.err?.['message']).toMatch(/^1 validation error detected: Value '\[PutEventsRequestEntry\(.*\]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/);
    const snap = world.snapshot() as { events: { buses: Record<string, Array<{ detailType: string }>> } };
    expect(snap.events.buses['orders-bus']?.map((e) => e.detailType)).toEqual(['OrderPlaced']);
    expect(snap.events.buses['default']?.map((e) => e.detailType)).toEqual(['Ping']);
    expect(world.calls()[0]?.iam?.notes).toEqual(expect.arrayContaining(['events:PutEvents on arn:aws:events:us-east-1:111122223333:event-bus/orders-bus: allow', 'events:PutEvents on arn:aws:events:us-east-1:111122223333:event-bus/default: allow']));
  });
});

describe('aggregated clients', () => {
  const state = {
    s3: { buckets: { 'data-bucket': { 'k.txt': 'hello' } } },
    dynamodb: { tables: { T: { keySchema: { pk: 'id' }, items: [{ id: 'a', n: 1 }] } } },
    sqs: { queues: { jobs: [] } },
    sns: { topics: { alerts: [] } },
    secretsmanager: { secrets: { db: 'pw' } },
    ssm: { parameters: { '/p': 'v' } },
    lambda: { functions: { f: { response: 1 } } },
  };
  it('new S3() / SSM() / DynamoDB() / SQS() / SNS() / SecretsManager() / Lambda() / EventBridge() with camelCase methods, promise and callback forms', async () => {
    const code = `import { S3 } from '@aws-sdk/client-s3'; import { SSM } from '@aws-sdk/client-ssm'; import { DynamoDB } from '@aws-sdk/client-dynamodb';
      import { SQS } from '@aws-sdk/client-sqs'; import { SNS } from '@aws-sdk/client-sns'; import { SecretsManager } from '@aws-sdk/client-secrets-manager';
      import { Lambda } from '@aws-sdk/client-lambda'; import { EventBridge } from '@aws-sdk/client-eventbridge';
      export const handler = async () => {
        const out = [];
        const s3 = new S3({});
        out.push(await (await s3.getObject({ Bucket: 'data-bucket', Key: 'k.txt' })).Body.transformToString());
        out.push(await new Promise((resolve) => s3.headObject({ Bucket: 'data-bucket', Key: 'k.txt' }, (err, data) => resolve(err ? 'err' : data.ContentLength))));
        out.push((await new SSM({}).getParameter({ Name: '/p' })).Parameter.Value);
        out.push((await new DynamoDB({}).getItem({ TableName: 'T', Key: { id: { S: 'a' } } })).Item.n.N);
        out.push(typeof (await new SQS({}).sendMessage({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/jobs', MessageBody: 'x' })).MessageId);
        out.push(typeof (await new SNS({}).publish({ TopicArn: 'arn:aws:sns:us-east-1:111122223333:alerts', Message: 'm' })).MessageId);
        out.push((await new SecretsManager({}).getSecretValue({ SecretId: 'db' })).SecretString);
        out.push((await new Lambda({}).invoke({ FunctionName: 'f' })).StatusCode);
        out.push((await new EventBridge({}).putEvents({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] })).FailedEntryCount);
        out.push(s3 instanceof (await import('@aws-sdk/client-s3')).S3Client);
        try { await s3.putBucketPolicy({ Bucket: 'data-bucket', Policy: '{}' }); } catch (e) { out.push(e.name + ': ' + e.message.slice(0, 61)); }
        return out;
      };`;
    const { record } = await runOnce(code, { state });
    expect(record.errorMessage).toBeNull();
    expect(record.result).toEqual(['hello', 5, 'v', '1', 'string', 'string', 'pw', 200, 0, true, 'SimulatorUnsupportedOperation: The Lambda Triage simulator does not cover S3.PutBucketPolicy']);
  });

  it('DynamoDBDocument.from(client): get/put/update/delete/query/scan/batchGet/batchWrite/transactWrite', async () => {
    const code = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
      const doc = DynamoDBDocument.from(new DynamoDBClient({}));
      export const handler = async () => {
        const out = [];
        await doc.put({ TableName: 'T', Item: { id: 'b', n: 2 } });
        out.push((await doc.get({ TableName: 'T', Key: { id: 'b' } })).Item);
        out.push((await doc.update({ TableName: 'T', Key: { id: 'b' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'ALL_NEW' })).Attributes);
        out.push((await doc.scan({ TableName: 'T', FilterExpression: 'n > :x', ExpressionAttributeValues: { ':x': 1 } })).Items);
        out.push((await doc.query({ TableName: 'T', KeyConditionExpression: 'id = :a', ExpressionAttributeValues: { ':a': 'a' } })).Count);
        await doc.batchWrite({ RequestItems: { T: [{ PutRequest: { Item: { id: 'c' } } }] } });
        out.push((await doc.batchGet({ RequestItems: { T: { Keys: [{ id: 'c' }] } } })).Responses.T);
        await doc.transactWrite({ TransactItems: [{ Delete: { TableName: 'T', Key: { id: 'c' } } }] });
        await doc.delete({ TableName: 'T', Key: { id: 'a' } });
        out.push((await doc.scan({ TableName: 'T' })).Items.map((i) => i.id));
        out.push(await new Promise((r) => doc.get({ TableName: 'T', Key: { id: 'b' } }, (err, data) => r(err ? err.name : data.Item.n))));
        return out;
      };`;
    const { record } = await runOnce(code, { state });
    expect(record.errorMessage).toBeNull();
    expect(record.result).toEqual([{ id: 'b', n: 2 }, { id: 'b', n: 3 }, [{ id: 'b', n: 3 }], 1, [{ id: 'c' }], ['b'], 3]);
  });
});

describe('credentials, streams, X-Ray and util-dynamodb', () => {
  it('credential providers resolve the simulated role credentials; clients default to them', async () => {
    const code = `import { fromEnv, fromNodeProviderChain } from '@aws-sdk/credential-providers'; import { defaultProvider } from '@aws-sdk/credential-provider-node';
      import { S3Client } from '@aws-sdk/client-s3';
      export const handler = async () => {
        const a = await fromEnv()();
        const b = await fromNodeProviderChain()();
        const c = await defaultProvider()();
        const d = await new S3Client({}).config.credentials();
        const env = [process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_SESSION_TOKEN];
        return [a.accessKeyId, /^ASIA[A-Z0-9]{16}$/.test(a.accessKeyId), a.accessKeyId === b.accessKeyId && b.accessKeyId === c.accessKeyId && c.accessKeyId === d.accessKeyId, typeof a.secretAccessKey, typeof a.sessionToken,
          env[0] === a.accessKeyId && env[1] === a.secretAccessKey && env[2] === a.sessionToken, a.expiration === undefined];
      };`;
    const { record } = await runOnce(code);
    const r = record.result as unknown[];
    // The keys come from the environment, as on Lambda (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN:
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime), so fromEnv
    // gives no expiration (AWS_CREDENTIAL_EXPIRATION is not among the variables that page lists).
    expect(r.slice(1)).toEqual([true, true, 'string', 'string', true, true]);
    const other = await runOnce(code, { roleName: 'another-role' });
    expect((other.record.result as unknown[])[0]).not.toBe(r[0]);
  });

  it('sdkStreamMixin adds transform helpers to a Readable and refuses other values', async () => {
    const code = `import { sdkStreamMixin } from '@aws-sdk/util-stream-node'; import { Readable } from 'stream';
      export const handler = async () => {
        const s = sdkStreamMixin(Readable.from([Buffer.from('he'), Buffer.from('llo')]));
        const out = [await s.transformToString()];
        try { await s.transformToString(); } catch (e) { out.push(e.message); }
        try { sdkStreamMixin('text'); } catch (e) { out.push(e.message); }
        return out;
      };`;
    const { record } = await runOnce(code);
    expect(record.result).toEqual(['hello', 'The stream has already been transformed.', 'Unexpected stream implementation, expect Stream.Readable instance, got String']);
  });

  it('aws-xray-sdk-core: captureAWSv3Client returns the client, segments are no-op shapes, captureAsyncFunc runs the function', async () => {
    const code = `import AWSXRay from 'aws-xray-sdk-core'; import { captureAWSv3Client } from 'aws-xray-sdk-core'; import { S3Client } from '@aws-sdk/client-s3';
      export const handler = async () => {
        const c = new S3Client({});
        const seg = AWSXRay.getSegment();
        const sub = seg.addNewSubsegment('work');
        sub.addAnnotation('k', 'v'); sub.addMetadata('m', 1); sub.close();
        const r = await AWSXRay.captureAsyncFunc('f', async (s) => { s.close(); return 7; });
        return [captureAWSv3Client(c) === c, AWSXRay.captureAWSv3Client(c) === c, r];
      };`;
    const { record } = await runOnce(code);
    expect(record.result).toEqual([true, true, 7]);
  });

  it('util-dynamodb: marshall options, NumberValue and wrapNumbers, binary sets', async () => {
    const code = `import { marshall, unmarshall, convertToAttr, NumberValue } from '@aws-sdk/util-dynamodb';
      export const handler = async () => [
        marshall({ a: '', s: new Set([1, 2]) }, { convertEmptyValues: true }),
        marshall({ a: 1 }, { convertTopLevelContainer: true }),
        convertToAttr(new Set([new Uint8Array([1])])).BS.length,
        unmarshall({ big: { N: '12345678901234567890' } }, { wrapNumbers: true }).big.toString(),
        (() => { try { unmarshall({ big: { N: '12345678901234567890' } }); return 'no error'; } catch (e) { return 'error'; } })(),
        marshall({ n: NumberValue.from('1.50') }),
      ];`;
    const { record } = await runOnce(code);
    expect(record.result).toEqual([{ a: { NULL: true }, s: { NS: ['1', '2'] } }, { M: { a: { N: '1' } } }, 1, '12345678901234567890', 'error', { n: { N: '1.50' } }]);
  });
});

describe('@aws-sdk/s3-request-presigner and @aws-sdk/lib-storage', () => {
  it('getSignedUrl builds a SigV4 query URL locally (no AWS call); over one week rejects with the signature-v4 string', async () => {
    const code = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3'; import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
      const s3 = new S3Client({});
      export const handler = async () => {
        const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'data-bucket', Key: 'a b/k.txt' }), { expiresIn: 3600 });
        let tooLong;
        try { await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'data-bucket', Key: 'k' }), { expiresIn: 604801 }); } catch (e) { tooLong = [typeof e, e]; }
        const week = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'data-bucket', Key: 'k' }), { expiresIn: 604800 });
        const dflt = new URL(await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'data-bucket', Key: 'k' }))).searchParams.get('X-Amz-Expires');
        return { url, tooLong, week: week.length > 0, dflt };
      };`;
    const { record, world } = await runOnce(code);
    const r = record.result as { url: string; tooLong: unknown; week: boolean; dflt: string };
    const u = new URL(r.url);
    expect(u.origin + u.pathname).toBe('https://data-bucket.s3.us-east-1.amazonaws.com/a%20b/k.txt');
    expect(u.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(u.searchParams.get('X-Amz-Credential')).toMatch(/^ASIA[A-Z0-9]{16}\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect(u.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(u.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(u.searchParams.get('x-id')).toBe('GetObject');
    expect(r.tooLong).toEqual(['string', 'Signature version 4 presigned URLs must have an expiration date less than one week in the future']);
    expect(r.week).toBe(true);
    expect(r.dflt).toBe('900');
    expect(world.calls()).toEqual([]);
  });

  it('Upload.done() puts the object (s3:PutObject through IAM) and answers Bucket, Key, Location', async () => {
    const code = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3'; import { Upload } from '@aws-sdk/lib-storage'; import { Readable } from 'stream';
      const s3 = new S3Client({});
      export const handler = async () => {
        const events = [];
        const up = new Upload({ client: s3, params: { Bucket: 'data-bucket', Key: 'up.txt', Body: Readable.from([Buffer.from('up'), Buffer.from('loaded')]), ContentType: 'text/plain' } });
        up.on('httpUploadProgress', (p) => events.push(p.loaded));
        const r = await up.done();
        const text = await (await s3.send(new GetObjectCommand({ Bucket: 'data-bucket', Key: 'up.txt' }))).Body.transformToString();
        return { Bucket: r.Bucket, Key: r.Key, Location: r.Location, etag: typeof r.ETag, text, events };
      };`;
    const { record, world } = await runOnce(code, { state: { s3: { buckets: { 'data-bucket': {} } } } });
    expect(record.result).toEqual({ Bucket: 'data-bucket', Key: 'up.txt', Location: 'https://data-bucket.s3.us-east-1.amazonaws.com/up.txt', etag: 'string', text: 'uploaded', events: [8] });
    expect(world.calls()[0]).toMatchObject({ operation: 'PutObject', iam: { action: 's3:PutObject' } });
  });
});

describe('SQS batches and GetQueueUrl, SSM GetParameters', () => {
  it('SendMessageBatch / DeleteMessageBatch are authorised as SendMessage / DeleteMessage; more than 10 entries is TooManyEntriesInBatchRequest', async () => {
    const policy = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueUrl'], Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' } };
    const code = stepsHandler(`import { SQSClient, SendMessageBatchCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs'; const sqs = new SQSClient({});`, `
      const { QueueUrl } = await step(sqs.send(new GetQueueUrlCommand({ QueueName: 'jobs' })));
      await step(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two' }] })));
      const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      await step(sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: r.Messages.map((m, i) => ({ Id: 'd' + i, ReceiptHandle: m.ReceiptHandle })) })));
      await step(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: 11 }, (_, i) => ({ Id: 'x' + i, MessageBody: 'm' })) })));
      await step(sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' })));
    `);
    const { record, world } = await runOnce(code, { state: { sqs: { queues: { jobs: [] } } }, policy });
    const out = record.result as Step[];
    expect(out[0]?.ok).toEqual({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/jobs' });
    expect(out[1]?.ok?.['Successful'].map((x: { Id: string }) => x.Id)).toEqual(['a', 'b']);
    expect(out[1]?.ok?.['Failed']).toEqual([]);
    expect(out[2]?.ok).toEqual({ Successful: [{ Id: 'd0' }, { Id: 'd1' }], Failed: [] });
    expect(out[3]?.err).toMatchObject({ name: 'TooManyEntriesInBatchRequest', status: 400 });
    expect(out[4]?.err?.['name']).toBe('AccessDenied'); // IAM is evaluated before the queue is looked up
    expect((world.snapshot() as { sqs: { queues: Record<string, string[]> } }).sqs.queues['jobs']).toEqual([]);
    expect(world.calls().map((c) => c.iam?.action)).toEqual(['sqs:GetQueueUrl', 'sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:GetQueueUrl']);
  });

  it('GetParameters: found ones and InvalidParameters; IAM ssm:GetParameters on each parameter', async () => {
    const policy = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'ssm:GetParameters', Resource: 'arn:aws:ssm:us-east-1:111122223333:parameter/app/*' } };
    const code = stepsHandler(`import { SSM } from '@aws-sdk/client-ssm'; const ssm = new SSM({});`, `
      await step(ssm.getParameters({ Names: ['/app/url', '/app/missing', '/app/key'], WithDecryption: true }));
      await step(ssm.getParameters({ Names: ['/app/url', '/other/x'] }));
    `);
    const { record } = await runOnce(code, { state: { ssm: { parameters: { '/app/url': 'https://x', '/app/key': { value: 's', type: 'SecureString' }, '/other/x': '1' } } }, policy });
    const out = record.result as Step[];
    expect(out[0]?.ok?.['Parameters'].map((p: { Name: string; Value: string }) => [p.Name, p.Value])).toEqual([['/app/url', 'https://x'], ['/app/key', 's']]);
    expect(out[0]?.ok?.['InvalidParameters']).toEqual(['/app/missing']);
    expect(out[1]?.err).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('ssm:GetParameters on resource: arn:aws:ssm:us-east-1:111122223333:parameter/other/x') });
  });
});
