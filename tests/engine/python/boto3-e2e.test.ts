/**
 * The simulated boto3 end to end: Python handlers run by the Python executor (Pyodide) inside the simulator, with
 * the simulated AWS world as its services. What Lambda reports (outcome, errorType, the [ERROR] record, causes)
 * comes from the executor and the service; the AWS answers come from the world through boto3.
 */
import { describe, expect, it } from 'vitest';
import { createAwsWorld } from '../../../src/engine/aws/world.ts';
import { handler, oncePy } from './helpers.ts';

const STATE = {
  s3: { buckets: { receipts: { 'r1.json': '{"total": 12}' } } },
  dynamodb: { tables: { Orders: { keySchema: { pk: 'id' }, items: [{ id: 'o-1001', total: 29.5, quantity: 2 }] } } },
};

describe('simulated boto3 through the simulator', () => {
  it("the execution role's keys are in os.environ (reserved: the function's own values do not replace them) and boto3 signs with them", async () => {
    // Lambda sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from the execution role, and they are
    // reserved names (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
    const world = createAwsWorld({ state: STATE, functionName: 'keys' });
    const r = await oncePy(
      handler(`import os, boto3
TOKEN = os.environ['AWS_SESSION_TOKEN']

def lambda_handler(event, context):
    creds = boto3.session.Session().get_credentials()
    url = boto3.client('s3').generate_presigned_url('get_object', Params={'Bucket': 'receipts', 'Key': 'r1.json'})
    return [os.environ['AWS_ACCESS_KEY_ID'], creds.access_key == os.environ['AWS_ACCESS_KEY_ID'], creds.token == TOKEN, TOKEN != 'mine', 'AWSAccessKeyId=' + creds.access_key in url]
`),
      {},
      { functionName: 'keys', environment: { AWS_SESSION_TOKEN: 'mine' } },
      { services: world.services },
    );
    expect(r.outcome).toBe('success');
    const [keyId, ...same] = JSON.parse(r.payload!) as [string, ...boolean[]];
    expect(keyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(same).toEqual([true, true, true, true]);
  });

  it('botocore.session.get_session().create_client() makes the same simulated client; client.meta.events accepts handlers', async () => {
    // The webhook handlers of aws-samples/serverless-patterns (eventbridge-webhooks) build their Secrets Manager client
    // this way and add a User-Agent handler with meta.events.register_first at module level.
    const world = createAwsWorld({ state: { secretsmanager: { secrets: { 'hook-secret': 's3cr3t' } } }, functionName: 'hooks' });
    const r = await oncePy(
      handler(`import boto3, botocore, botocore.session
client = botocore.session.get_session().create_client('secretsmanager')
events = boto3.client('events')
events.meta.events.register_first('before-sign.events.PutEvents', lambda request, **kw: None)

def lambda_handler(event, context):
    creds = botocore.session.get_session().get_credentials()
    return [client.get_secret_value(SecretId='hook-secret')['SecretString'], client.meta.region_name, creds.method]
`),
      {},
      { functionName: 'hooks' },
      { services: world.services },
    );
    expect(r.outcome).toBe('success');
    expect(JSON.parse(r.payload!)).toEqual(['s3cr3t', 'us-east-1', 'env']);
    expect(world.calls().map((c) => `${c.service} ${c.operation} ${c.outcome}`)).toEqual(['secretsmanager GetSecretValue ok']);
  });

  it('json.dumps of a DynamoDB item fails with Python TypeError (Decimal), an unhandled function error', async () => {
    const world = createAwsWorld({ state: STATE, functionName: 'order-details' });
    const r = await oncePy(
      handler(`import json, boto3
table = boto3.resource('dynamodb').Table('Orders')

def lambda_handler(event, context):
    item = table.get_item(Key={'id': 'o-1001'})['Item']
    return {'statusCode': 200, 'body': json.dumps(item)}
`),
      {},
      { functionName: 'order-details' },
      { services: world.services },
    );
    expect(r.outcome).toBe('function-error');
    expect(r.errorType).toBe('TypeError');
    expect(r.errorMessage).toBe('Object of type Decimal is not JSON serializable');
    expect(r.logs.join('\n')).toContain('[ERROR] TypeError: Object of type Decimal is not JSON serializable');
    expect(world.calls().map((c) => `${c.service} ${c.operation} ${c.outcome}`)).toEqual(['dynamodb GetItem ok']);
  });

  it('a Decimal returned as the result is encoded by the runtime, not an error', async () => {
    const world = createAwsWorld({ state: STATE });
    const r = await oncePy(
      handler(`import boto3
table = boto3.resource('dynamodb').Table('Orders')

def lambda_handler(event, context):
    return table.get_item(Key={'id': 'o-1001'})['Item']
`),
      {},
      {},
      { services: world.services },
    );
    expect(r.outcome).toBe('success');
    expect(JSON.parse(r.payload ?? 'null')).toEqual({ id: 'o-1001', total: 29.5, quantity: 2 });
  });

  it('an execution role without s3:GetObject: ClientError (S3 AccessDenied is not a modeled class) with the AWS text', async () => {
    const world = createAwsWorld({ state: STATE, functionName: 'receipts', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] } });
    const r = await oncePy(
      handler(`import boto3
s3 = boto3.client('s3')

def lambda_handler(event, context):
    return s3.get_object(Bucket='receipts', Key='r1.json')['Body'].read().decode()
`),
      {},
      { functionName: 'receipts' },
      { services: world.services },
    );
    const denial = world.calls()[0]?.error?.message ?? '';
    expect(denial).toContain('is not authorized to perform: s3:GetObject');
    expect(r.outcome).toBe('function-error');
    expect(r.errorType).toBe('ClientError');
    expect(r.errorMessage).toBe(`An error occurred (AccessDenied) when calling the GetObject operation: ${denial}`);
  });

  it('a slow call with default settings runs into the function timeout; Config(read_timeout) answers in time', async () => {
    const faults = { rules: [{ service: 'dynamodb', latencyMs: 5000 }] };
    const slow = await oncePy(
      handler(`import boto3
table = boto3.resource('dynamodb').Table('Orders')

def lambda_handler(event, context):
    return table.get_item(Key={'id': 'o-1001'}).get('Item')
`),
      {},
      { timeoutSeconds: 3 },
      { services: createAwsWorld({ state: STATE, faults }).services },
    );
    expect(slow.outcome).toBe('timeout');
    expect(slow.logs.join('\n')).toContain('Task timed out after 3.00 seconds');
    const world = createAwsWorld({ state: STATE, faults });
    const bounded = await oncePy(
      handler(`import boto3
from botocore.config import Config
from botocore.exceptions import ReadTimeoutError
table = boto3.resource('dynamodb', config=Config(read_timeout=1, retries={'total_max_attempts': 1})).Table('Orders')

def lambda_handler(event, context):
    try:
        return table.get_item(Key={'id': 'o-1001'}).get('Item')
    except ReadTimeoutError as e:
        return {'statusCode': 503, 'error': str(e)}
`),
      {},
      { timeoutSeconds: 3 },
      { services: world.services },
    );
    expect(bounded.outcome).toBe('success');
    expect(JSON.parse(bounded.payload ?? 'null')).toEqual({ statusCode: 503, error: 'Read timeout on endpoint URL: "https://dynamodb.us-east-1.amazonaws.com/"' });
    expect(world.calls()[0]?.abandoned?.reason).toBe('request-timeout');
  });

  it('an unsimulated operation says so plainly through the simulator', async () => {
    const world = createAwsWorld({ state: STATE });
    const r = await oncePy(
      handler(`import boto3

def lambda_handler(event, context):
    boto3.client('kinesis').put_record(StreamName='s', Data=b'x', PartitionKey='p')
`),
      {},
      {},
      { services: world.services },
    );
    expect(r.errorType).toBe('SimulatorUnsupportedOperation');
    expect(r.errorMessage).toContain("does not cover boto3.client('kinesis').PutRecord yet");
    expect(r.errorType?.startsWith('Runtime.')).toBe(false);
  });
});
