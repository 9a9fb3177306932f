/**
 * Fidelity checks of the simulated boto3 against real botocore 1.43.11: Lambda throttling, modeled error members in
 * ClientError.response, S3 presigning. Same in-process harness as boto3.test.ts.
 */
import { loadPyodide, type PyodideInterface } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAwsWorld, type AwsWorld } from '../../../src/engine/aws/world.ts';
import { BOTO3_FILES } from '../../../src/engine/python/boto3-source.ts';

const SITE = '/lt-site-packages';

let py: PyodideInterface;
/** The world, clock and hang labels the registered host module talks to (set by {@link useWorld}). */
const host = { world: null as AwsWorld | null, nowMs: 0, waits: [] as number[], hangs: [] as string[] };

class HostHang extends Error {}

beforeAll(async () => {
  py = await loadPyodide();
  for (const [path, source] of Object.entries(BOTO3_FILES)) {
    const full = `${SITE}/${path}`;
    py.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
    py.FS.writeFile(full, source);
  }
  py.registerJsModule('_lambda_triage_host', {
    call(name: string, payloadJson: string): string {
      if (!host.world) throw new Error('no world');
      return JSON.stringify(host.world.services(name, JSON.parse(payloadJson), { nowMs: host.nowMs, requestId: 'req-1' }));
    },
    wait_ms(ms: number): void {
      host.waits.push(ms);
      host.nowMs += ms;
    },
    hang(label: string): never {
      host.hangs.push(label);
      throw new HostHang(`hang: ${label}`);
    },
  });
  py.runPython(`import sys, os\nsys.path.insert(0, '${SITE}')\nos.environ['AWS_REGION'] = 'us-east-1'`);
}, 120_000);

function useWorld(options: Parameters<typeof createAwsWorld>[0]): AwsWorld {
  host.world = createAwsWorld({ functionName: 'orders', ...options });
  host.nowMs = 0;
  host.waits = [];
  host.hangs = [];
  // Fresh modules each time: a test must not see another test's default session.
  py.runPython(`import sys\nfor m in [m for m in sys.modules if m == 'boto3' or m.startswith(('boto3.', 'botocore'))]:\n    del sys.modules[m]`);
  return host.world;
}

/** Run Python source and return the value of its last expression converted to JS. */
function run(source: string): unknown {
  const v = py.runPython(source);
  if (v && typeof v === 'object' && 'toJs' in v) {
    const js = (v as { toJs: (o: object) => unknown }).toJs({ dict_converter: Object.fromEntries });
    (v as { destroy?: () => void }).destroy?.();
    return js;
  }
  return v;
}

const STATE = {
  s3: { buckets: { receipts: { 'r1.json': '{"total": 12}' } } },
  dynamodb: { tables: { Orders: { keySchema: { pk: 'id', sk: 'at' }, items: [{ id: 'o1', at: 1, total: 12.5 }, { id: 'o1', at: 2, total: 3 }] } } },
  secretsmanager: { secrets: { 'prod/db': '{"password":"pw"}' } },
  ssm: { parameters: { '/app/url': 'https://example.com' } },
  sqs: { queues: { jobs: [] } },
  sns: { topics: { alerts: [] } },
};

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
