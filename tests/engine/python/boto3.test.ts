/**
 * The simulated boto3 / botocore (src/engine/python/boto3-source.ts) run in Pyodide against a real simulated AWS
 * world (createAwsWorld), through the shared harness (boto3-harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { boto3Harness, STATE } from './boto3-harness.ts';

const { host, useWorld, run } = boto3Harness();

describe('simulated boto3 in Pyodide against the simulated world', () => {
  it('S3 put_object then get_object: Body is a StreamingBody read once, latency passes on the virtual clock', () => {
    const world = useWorld({ state: STATE });
    const out = run(`
import boto3
s3 = boto3.client('s3')
put = s3.put_object(Bucket='receipts', Key='new.txt', Body=b'hello \\xe2\\x82\\xac')
got = s3.get_object(Bucket='receipts', Key='new.txt')
body = got['Body']
first = body.read()
again = body.read()
[first.decode('utf-8'), len(again), put['ResponseMetadata']['HTTPStatusCode'], type(body).__module__ + '.' + type(body).__name__, got['ContentLength']]
`);
    expect(out).toEqual(['hello €', 0, 200, 'botocore.response.StreamingBody', 9]);
    expect(world.calls().map((c) => `${c.service} ${c.operation} ${c.outcome}`)).toEqual(['s3 PutObject ok', 's3 GetObject ok']);
    // Each call waited its own latency (the world's default), nothing else.
    expect(host.waits).toEqual(world.calls().map((c) => c.durationMs));
  });

  it("IAM: the execution role without s3:GetObject gets ClientError with the world's AccessDenied text", () => {
    const world = useWorld({ state: STATE, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] } });
    const out = run(`
import boto3
from botocore.exceptions import ClientError
s3 = boto3.client('s3')
try:
    s3.get_object(Bucket='receipts', Key='r1.json')
    r = None
except ClientError as e:
    r = [str(e), e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode'], e.operation_name, type(e).__name__]
r
`) as unknown[];
    const denial = world.calls()[0]?.error?.message ?? '';
    expect(denial).toContain(`User: ${world.principalArn} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::receipts/r1.json"`);
    expect(out[0]).toBe(`An error occurred (AccessDenied) when calling the GetObject operation: ${denial}`);
    expect(out.slice(1)).toEqual(['AccessDenied', denial, 403, 'GetObject', 'ClientError']);
  });

  it('NoSuchKey is client.exceptions.NoSuchKey (a ClientError) with s3:ListBucket, AccessDenied without it', () => {
    const allow = (actions: string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
    const code = `
import boto3
from botocore.exceptions import ClientError
s3 = boto3.client('s3')
try:
    s3.get_object(Bucket='receipts', Key='missing.json')
except s3.exceptions.NoSuchKey as e:
    r = ['NoSuchKey', str(e), e.response['ResponseMetadata']['HTTPStatusCode'], isinstance(e, ClientError)]
except ClientError as e:
    r = ['ClientError', str(e), e.response['ResponseMetadata']['HTTPStatusCode'], True]
r
`;
    useWorld({ state: STATE, policy: allow(['s3:GetObject', 's3:ListBucket']) });
    expect(run(code)).toEqual(['NoSuchKey', 'An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.', 404, true]);
    useWorld({ state: STATE, policy: allow(['s3:GetObject']) });
    expect(run(code)).toEqual(['ClientError', 'An error occurred (AccessDenied) when calling the GetObject operation: Access Denied', 403, true]);
  });

  it('DynamoDB Table: numbers come back as Decimal, json.dumps fails as on Lambda, floats are refused', () => {
    const world = useWorld({ state: STATE });
    const out = run(`
import boto3, json
from decimal import Decimal
table = boto3.resource('dynamodb').Table('Orders')
table.put_item(Item={'id': 'o2', 'at': 1, 'total': Decimal('19.99'), 'tags': {'gift'}, 'lines': [{'sku': 'A', 'qty': 2}], 'note': None, 'paid': True})
item = table.get_item(Key={'id': 'o2', 'at': 1})['Item']
try:
    json.dumps(item)
    dumps = 'no error'
except TypeError as e:
    dumps = type(e).__name__ + ': ' + str(e)
try:
    table.put_item(Item={'id': 'o3', 'at': 1, 'total': 1.5})
    floats = 'no error'
except TypeError as e:
    floats = str(e)
low = boto3.client('dynamodb').get_item(TableName='Orders', Key={'id': {'S': 'o2'}, 'at': {'N': '1'}})['Item']
[repr(item['total']), repr(item['at']), item['lines'][0]['qty'] == 2, type(item['lines'][0]['qty']).__name__, item['tags'] == {'gift'}, item['note'], item['paid'], dumps, floats, low['total'], json.dumps(item, default=str)]
`) as unknown[];
    expect(out.slice(0, 9)).toEqual([
      "Decimal('19.99')",
      "Decimal('1')",
      true,
      'Decimal',
      true,
      undefined,
      true,
      'TypeError: Object of type Decimal is not JSON serializable',
      'Float types are not supported. Use Decimal types instead.',
    ]);
    expect(out[9]).toEqual({ N: '19.99' });
    expect(JSON.parse(out[10] as string)).toMatchObject({ id: 'o2', total: '19.99', lines: [{ sku: 'A', qty: '2' }] });
    // The world stored DynamoDB's typed form.
    const stored = (world.snapshot() as { dynamodb: { tables: { Orders: { items: Array<Record<string, unknown>> } } } }).dynamodb.tables.Orders.items;
    expect(stored.find((i) => i['id'] === 'o2')).toMatchObject({ total: 19.99, paid: true });
  });

  it('Table.query with Key()/Attr() conditions, and a scan paginator', () => {
    useWorld({ state: STATE });
    const out = run(`
import boto3
from boto3.dynamodb.conditions import Key, Attr
table = boto3.resource('dynamodb').Table('Orders')
q = table.query(KeyConditionExpression=Key('id').eq('o1') & Key('at').gt(1))
f = table.query(KeyConditionExpression=Key('id').eq('o1'), FilterExpression=Attr('total').lt(10))
pages = list(boto3.client('dynamodb').get_paginator('scan').paginate(TableName='Orders', Limit=1))
[[int(i['at']) for i in q['Items']], [str(i['total']) for i in f['Items']], len(pages) > 1, sum(p['Count'] for p in pages), 'LastEvaluatedKey' in pages[-1]]
`);
    // Limit=1 pages through both items one at a time; the last page has no LastEvaluatedKey.
    expect(out).toEqual([[2], ['3'], true, 2, false]);
  });

  it("lambda get_account_settings (the AWS blank-python sample calls it at init) answers the world's account", () => {
    const world = useWorld({ state: STATE });
    const out = run(`
import boto3
r = boto3.client('lambda').get_account_settings()
[r['AccountLimit']['ConcurrentExecutions'], r['AccountLimit']['CodeSizeUnzipped'], r['AccountUsage']['FunctionCount'], r['ResponseMetadata']['HTTPStatusCode']]
`) as unknown[];
    expect(out).toEqual([1000, 262144000, 1, 200]);
    expect(world.calls().map((c) => `${c.service} ${c.operation} ${c.outcome}`)).toEqual(['lambda GetAccountSettings ok']);
  });

  it("bedrock-runtime converse and invoke_model: the model's reply, body as a StreamingBody, modeled ValidationException with 'message'", () => {
    const world = useWorld({ state: { bedrock: { models: { 'amazon.nova-lite-v1:0': { reply: 'ok!' } } } } });
    const out = run(`
import boto3, json
c = boto3.client('bedrock-runtime')
r = []
conv = c.converse(modelId='amazon.nova-lite-v1:0', messages=[{'role': 'user', 'content': [{'text': 'hi'}]}])
r.append([conv['output']['message']['content'][0]['text'], conv['stopReason'], conv['ResponseMetadata']['HTTPStatusCode']])
inv = c.invoke_model(modelId='amazon.nova-lite-v1:0', body=json.dumps({'messages': [{'role': 'user', 'content': [{'text': 'hi'}]}]}))
r.append([type(inv['body']).__name__, json.loads(inv['body'].read())['output']['message']['content'][0]['text']])
try:
    c.invoke_model(modelId='anthropic.claude-3-haiku-20240307-v1:0', body=json.dumps({'anthropic_version': 'bedrock-2023-05-31', 'messages': []}))
except c.exceptions.ValidationException as e:
    r.append([str(e), e.response['message']])
r
`) as unknown[];
    expect(out).toEqual([
      ['ok!', 'end_turn', 200],
      ['StreamingBody', 'ok!'],
      [
        'An error occurred (ValidationException) when calling the InvokeModel operation: Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.',
        'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.',
      ],
    ]);
    expect(world.calls().map((c) => `${c.service} ${c.operation} ${c.outcome}`)).toEqual(['bedrock-runtime Converse ok', 'bedrock-runtime InvokeModel ok', 'bedrock-runtime InvokeModel error']);
  });

  it('an operation the world does not simulate says so plainly (not a ClientError, not a Lambda error type)', () => {
    const world = useWorld({ state: STATE });
    const out = run(`
import boto3
from botocore.exceptions import ClientError
r = []
for call in (lambda: boto3.client('kinesis').put_record(StreamName='s', Data=b'x', PartitionKey='p'), lambda: boto3.client('s3').get_bucket_policy(Bucket='receipts')):
    try:
        call()
    except Exception as e:
        r.append([type(e).__module__ + '.' + type(e).__name__, isinstance(e, ClientError), str(e)])
r
`) as Array<[string, boolean, string]>;
    const messages = world.calls().map((c) => c.error?.message);
    expect(world.calls().map((c) => c.unsupported)).toEqual([
      { client: "boto3.client('kinesis')", operation: 'PutRecord' },
      { client: "boto3.client('s3')", operation: 'GetBucketPolicy' },
    ]);
    expect(out).toEqual([
      ['botocore.exceptions.SimulatorUnsupportedOperation', false, messages[0]],
      ['botocore.exceptions.SimulatorUnsupportedOperation', false, messages[1]],
    ]);
    expect(out[0]?.[2]).toContain("does not cover boto3.client('kinesis').PutRecord yet");
    expect(out[0]?.[2]).toContain('not an error in your code');
  });

  it('a resource the simulator does not cover says so; ParamValidationError in botocore words', () => {
    useWorld({ state: STATE });
    const out = run(`
import boto3
r = []
try:
    boto3.resource('sqs')
except Exception as e:
    r.append(type(e).__name__ + ': ' + str(e))
try:
    boto3.client('s3').get_object(Bucket='receipts')
except Exception as e:
    r.append(type(e).__name__ + ': ' + str(e))
try:
    boto3.client('s3').get_object('receipts', 'r1.json')
except Exception as e:
    r.append(type(e).__name__ + ': ' + str(e))
r
`) as string[];
    expect(out[0]).toMatch(/^SimulatorUnsupportedOperation: The Lambda Triage simulator does not cover boto3\.resource\('sqs'\) yet/);
    expect(out[1]).toBe('ParamValidationError: Parameter validation failed:\nMissing required parameter in input: "Key"');
    expect(out[2]).toBe('TypeError: get_object() only accepts keyword arguments.');
  });

  it('throttling is retried as botocore legacy mode does (DynamoDB: 10 attempts) before ClientError names the retries', () => {
    const world = useWorld({ state: STATE, faults: { rules: [{ service: 'dynamodb', error: 'throttling' }] } });
    const out = run(`
import boto3
from botocore.exceptions import ClientError
try:
    boto3.resource('dynamodb').Table('Orders').get_item(Key={'id': 'o1', 'at': 1})
except ClientError as e:
    r = [str(e), e.response['ResponseMetadata']['RetryAttempts'], type(e).__name__]
r
`) as unknown[];
    const calls = world.calls();
    expect(calls).toHaveLength(10);
    expect(out[0]).toBe(`An error occurred (ProvisionedThroughputExceededException) when calling the GetItem operation (reached max retries: 9): ${calls[0]?.error?.message}`);
    expect(out.slice(1)).toEqual([9, 'ProvisionedThroughputExceededException']);
    // Backoff 0.05 s * 2^(n-1) between attempts: 50, 100, ... 12,800 ms.
    const backoffs = host.waits.filter((_, i) => i % 2 === 1).map((ms) => Math.round(ms * 1000) / 1000);
    expect(backoffs).toEqual([50, 100, 200, 400, 800, 1600, 3200, 6400, 12800]);
  });

  it('a slow call past Config(read_timeout) raises ReadTimeoutError; the world records the abandoned call', () => {
    const world = useWorld({ state: STATE, faults: { rules: [{ service: 'secretsmanager', latencyMs: 5000 }] } });
    const out = run(`
import boto3
from botocore.config import Config
from botocore.exceptions import ReadTimeoutError
sm = boto3.client('secretsmanager', config=Config(read_timeout=1, retries={'max_attempts': 0}))
try:
    sm.get_secret_value(SecretId='prod/db')
except ReadTimeoutError as e:
    r = str(e)
r
`);
    expect(out).toBe('Read timeout on endpoint URL: "https://secretsmanager.us-east-1.amazonaws.com/"');
    expect(host.nowMs).toBe(1000);
    expect(world.calls()[0]?.abandoned).toEqual({ reason: 'request-timeout', afterMs: 1000 });
  });

  it('a call that never answers, with the default 60 s read timeout, waits 60 s per attempt on the virtual clock', () => {
    useWorld({ state: STATE, faults: { rules: [{ service: 'ssm', hang: true }] } });
    const out = run(`
import boto3
from botocore.config import Config
try:
    boto3.client('ssm', config=Config(retries={'total_max_attempts': 2})).get_parameter(Name='/app/url')
except Exception as e:
    r = type(e).__name__
r
`);
    expect(out).toBe('ReadTimeoutError');
    // Two attempts of 60 s and one legacy backoff of rand() s in between.
    expect(host.nowMs).toBeGreaterThanOrEqual(120_000);
    expect(host.nowMs).toBeLessThan(121_000);
  });

  it('Secrets Manager, SSM, SQS and SNS answer from the world state; region comes from AWS_REGION', () => {
    const world = useWorld({ state: STATE });
    const out = run(`
import boto3, json
secret = json.loads(boto3.client('secretsmanager').get_secret_value(SecretId='prod/db')['SecretString'])
param = boto3.client('ssm').get_parameter(Name='/app/url')['Parameter']['Value']
sqs = boto3.client('sqs')
url = sqs.get_queue_url(QueueName='jobs')['QueueUrl']
sent = sqs.send_message(QueueUrl=url, MessageBody='hi')
topic = 'arn:aws:sns:us-east-1:123456789012:alerts'
pub = boto3.client('sns').publish(TopicArn=topic, Message='m')
[secret['password'], param, url, 'MessageId' in sent, 'MessageId' in pub, boto3.client('s3').meta.region_name, boto3.session.Session().region_name]
`);
    expect(out).toEqual(['pw', 'https://example.com', 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs', true, true, 'us-east-1', 'us-east-1']);
    expect(world.calls().every((c) => c.outcome === 'ok')).toBe(true);
  });

  it('SSM ParameterNotFound keeps the empty service message, as botocore prints it', () => {
    useWorld({ state: STATE });
    const out = run(`
import boto3
ssm = boto3.client('ssm')
try:
    ssm.get_parameter(Name='/missing')
except ssm.exceptions.ParameterNotFound as e:
    r = str(e)
r
`);
    expect(out).toBe('An error occurred (ParameterNotFound) when calling the GetParameter operation: ');
  });
});
