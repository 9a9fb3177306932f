/**
 * Fidelity checks of the simulated boto3 against real botocore 1.43.11: Lambda throttling, modeled error members in
 * ClientError.response, S3 presigning. Same in-process harness (boto3-harness.ts) as boto3.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { boto3Harness, STATE } from './boto3-harness.ts';

const { useWorld, run } = boto3Harness();

describe('simulated boto3 fidelity (checked against real botocore 1.43.11)', () => {
  it("Lambda Invoke throttling: TooManyRequestsException 429 'Rate Exceeded.' with Reason/Type/message at the top of response", () => {
    useWorld({ state: STATE, faults: { rules: [{ service: 'lambda', error: 'throttling' }] } });
    const out = run(`
import boto3
from botocore.config import Config
c = boto3.client('lambda', config=Config(retries={'max_attempts': 0}))
try:
    c.invoke(FunctionName='other')
except c.exceptions.TooManyRequestsException as e:
    r = dict(e.response)
    r.pop('ResponseMetadata')
    r = [str(e), e.response['ResponseMetadata']['HTTPStatusCode'], r]
r
`) as unknown[];
    expect(out[0]).toBe('An error occurred (TooManyRequestsException) when calling the Invoke operation (reached max retries: 0): Rate Exceeded.');
    expect(out[1]).toBe(429);
    expect(out[2]).toEqual({
      Error: { Code: 'TooManyRequestsException', Message: 'Rate Exceeded.' },
      Reason: 'ConcurrentInvocationLimitExceeded',
      Type: 'User',
      message: 'Rate Exceeded.',
    });
  });

  it("a ClientError's traceback ends in botocore's own two frames, as Lambda logs print them", () => {
    // Real tracebacks end `in _api_call` / `return self._make_api_call(operation_name, kwargs)` and `in _make_api_call` /
    // `raise error_class(parsed_response, operation_name)` (botocore/client.py; e.g. the Lambda log in
    // https://github.com/DataDog/datadog-serverless-functions/issues/520). Line numbers differ between botocore releases.
    useWorld({ state: STATE });
    const out = run(`
import boto3, traceback
try:
    boto3.client('dynamodb').get_item(TableName='missing-table', Key={'id': {'S': '1'}})
except Exception as e:
    frames = [(f.name, f.line, f.filename.split('site-packages/')[-1]) for f in traceback.extract_tb(e.__traceback__)]
frames[1:]
`) as unknown[];
    expect(out).toEqual([
      ['_api_call', 'return self._make_api_call(operation_name, kwargs)', 'botocore/client.py'],
      ['_make_api_call', 'raise error_class(parsed_response, operation_name)', 'botocore/client.py'],
    ]);
  });

  it('through a DynamoDB Table or an S3 Object, boto3\'s resource frames come first, as in a python3.12 Lambda log', () => {
    // The log in question (boto3 Table.get_item on Lambda python3.12): factory.py do_action, action.py __call__, then
    // botocore's _api_call and _make_api_call. A positional argument fails in botocore, as it does there.
    useWorld({ state: STATE });
    const out = run(`
import boto3, traceback
table = boto3.resource('dynamodb').Table('missing-table')
r = []
for call in (lambda: table.put_item(Item={'id': '1'}), lambda: table.get_item({'id': '1'}), lambda: boto3.resource('s3').Object('missing-bucket', 'k').get()):
    try:
        call()
    except Exception as e:
        r.append([type(e).__name__, str(e) if isinstance(e, TypeError) else ''] + [[f.name, f.line, f.filename.split('site-packages/')[-1]] for f in traceback.extract_tb(e.__traceback__)][2:])
r
`) as unknown[];
    expect(out).toEqual([
      [
        'ResourceNotFoundException',
        '',
        ['do_action', 'response = action(self, *args, **kwargs)', 'boto3/resources/factory.py'],
        ['__call__', 'response = getattr(parent.meta.client, operation_name)(*args, **params)', 'boto3/resources/action.py'],
        ['_api_call', 'return self._make_api_call(operation_name, kwargs)', 'botocore/client.py'],
        ['_make_api_call', 'raise error_class(parsed_response, operation_name)', 'botocore/client.py'],
      ],
      [
        'TypeError',
        'get_item() only accepts keyword arguments.',
        ['do_action', 'response = action(self, *args, **kwargs)', 'boto3/resources/factory.py'],
        ['__call__', 'response = getattr(parent.meta.client, operation_name)(*args, **params)', 'boto3/resources/action.py'],
        ['_api_call', expect.stringMatching(/^raise TypeError\(/), 'botocore/client.py'],
      ],
      [
        'NoSuchBucket',
        '',
        ['do_action', 'response = action(self, *args, **kwargs)', 'boto3/resources/factory.py'],
        ['__call__', 'response = getattr(parent.meta.client, operation_name)(*args, **params)', 'boto3/resources/action.py'],
        ['_api_call', 'return self._make_api_call(operation_name, kwargs)', 'botocore/client.py'],
        ['_make_api_call', 'raise error_class(parsed_response, operation_name)', 'botocore/client.py'],
      ],
    ]);
  });

  it("modeled JSON errors repeat the message under the shape's key (DynamoDB 'message', Secrets Manager 'Message')", () => {
    useWorld({ state: STATE });
    const out = run(`
import boto3
out = []
try:
    boto3.client('dynamodb').get_item(TableName='Missing', Key={'id': {'S': 'x'}})
except Exception as e:
    out.append(sorted(k for k in e.response if k not in ('Error', 'ResponseMetadata')))
    out.append(e.response.get('message'))
try:
    boto3.client('secretsmanager').get_secret_value(SecretId='nope')
except Exception as e:
    out.append(sorted(k for k in e.response if k not in ('Error', 'ResponseMetadata')))
    out.append(e.response.get('Message'))
try:
    boto3.client('ssm').get_parameter(Name='/nope')
except Exception as e:
    out.append(sorted(k for k in e.response if k not in ('Error', 'ResponseMetadata')))
out
`) as unknown[];
    expect(out).toEqual([['message'], 'Requested resource not found', ['Message'], "Secrets Manager can't find the specified secret.", []]);
  });

  it('s3.generate_presigned_url: positional ClientMethod, no call to the world (no IAM), SigV2 by default in us-east-1', () => {
    const world = useWorld({ state: STATE, policy: [] });
    const out = run(`
import boto3, os
os.environ['AWS_ACCESS_KEY_ID'] = 'ASIAEXAMPLEKEY'
os.environ['AWS_SECRET_ACCESS_KEY'] = 'secret'
os.environ['AWS_SESSION_TOKEN'] = 'tok/en+='
s3 = boto3.client('s3')
a = s3.generate_presigned_url('get_object', Params={'Bucket': 'receipts', 'Key': 'r 1/a.json'}, ExpiresIn=300)
b = s3.generate_presigned_url(ClientMethod='put_object', Params={'Bucket': 'receipts', 'Key': 'k'})
from botocore.config import Config
c = boto3.client('s3', config=Config(signature_version='s3v4')).generate_presigned_url('get_object', Params={'Bucket': 'receipts', 'Key': 'k'}, ExpiresIn=300)
p = s3.generate_presigned_post('receipts', 'up/k', ExpiresIn=60)
try:
    s3.generate_presigned_url('get_object', Params={'Bucket': 'receipts'})
except Exception as e:
    err = '%s: %s' % (type(e).__name__, e)
del os.environ['AWS_ACCESS_KEY_ID'], os.environ['AWS_SECRET_ACCESS_KEY'], os.environ['AWS_SESSION_TOKEN']
[a, b, c, p['url'], sorted(p['fields']), err]
`) as string[];
    expect(out[0]).toMatch(/^https:\/\/receipts\.s3\.amazonaws\.com\/r%201\/a\.json\?AWSAccessKeyId=ASIAEXAMPLEKEY&Signature=[A-Za-z0-9%]+&x-amz-security-token=tok%2Fen%2B%3D&Expires=\d+$/);
    expect(out[1]).toMatch(/^https:\/\/receipts\.s3\.amazonaws\.com\/k\?AWSAccessKeyId=ASIAEXAMPLEKEY&Signature=/);
    expect(out[2]).toMatch(
      /^https:\/\/receipts\.s3\.amazonaws\.com\/k\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLEKEY%2F\d{8}%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=\d{8}T\d{6}Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Security-Token=tok%2Fen%2B%3D&X-Amz-Signature=[0-9a-f]{64}$/,
    );
    expect(out[3]).toBe('https://receipts.s3.amazonaws.com/');
    expect(out[4]).toEqual(['AWSAccessKeyId', 'key', 'policy', 'signature', 'x-amz-security-token']);
    expect(out[5]).toBe('ParamValidationError: Parameter validation failed:\nMissing required parameter in input: "Key"');
    expect(world.calls()).toHaveLength(0);
  });
});
