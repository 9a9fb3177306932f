/**
 * boto3's managed transfers on the simulated S3 client (upload_file, download_file, upload_fileobj,
 * download_fileobj; boto3/s3/inject.py) and StreamingBody.iter_lines / iter_chunks, run in Pyodide against a real
 * simulated AWS world. Expected texts were checked against real boto3 1.43 / s3transfer 0.17 with moto.
 */
import { describe, expect, it } from 'vitest';
import type { AwsWorld } from '../../../src/engine/aws/world.ts';
import { boto3Harness } from './boto3-harness.ts';

const { useWorld, run } = boto3Harness();

const STATE = { s3: { buckets: { receipts: { 'r1.json': '{"total": 12}' } } } };
const allow = (actions: string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
const ops = (world: AwsWorld) => world.calls().map((c) => `${c.operation} ${c.outcome}`);

describe('boto3 S3 managed transfers (simulated)', () => {
  it('upload_fileobj positionally and by keyword: a PutObject each, read back with get_object', () => {
    const world = useWorld({ state: STATE });
    const out = run(`
import io, boto3
s3 = boto3.client('s3')
a = s3.upload_fileobj(io.BytesIO(b'positional'), 'receipts', 'a.txt')
b = s3.upload_fileobj(Fileobj=io.BytesIO(b'keyword \\xe2\\x82\\xac'), Bucket='receipts', Key='b.txt', ExtraArgs={'ContentType': 'text/plain'})
[a, b, s3.get_object(Bucket='receipts', Key='a.txt')['Body'].read().decode(), s3.get_object(Bucket='receipts', Key='b.txt')['Body'].read().decode()]
`);
    expect(out).toEqual([undefined, undefined, 'positional', 'keyword €']);
    expect(ops(world)).toEqual(['PutObject ok', 'PutObject ok', 'GetObject ok', 'GetObject ok']);
  });

  it('upload_file reads a file under /tmp; Bucket and Object resources have the same methods', () => {
    const world = useWorld({ state: STATE });
    const out = run(`
import boto3
with open('/tmp/report.csv', 'wb') as f:
    f.write(b'id,total\\n1,12\\n')
s3 = boto3.client('s3')
r = s3.upload_file('/tmp/report.csv', 'receipts', 'reports/report.csv')
res = boto3.resource('s3')
res.Bucket('receipts').upload_file('/tmp/report.csv', 'copy1.csv')
res.Object('receipts', 'copy2.csv').upload_file(Filename='/tmp/report.csv')
[r] + [s3.get_object(Bucket='receipts', Key=k)['Body'].read().decode() for k in ('reports/report.csv', 'copy1.csv', 'copy2.csv')]
`);
    expect(out).toEqual([undefined, 'id,total\n1,12\n', 'id,total\n1,12\n', 'id,total\n1,12\n']);
    expect(ops(world).slice(0, 3)).toEqual(['PutObject ok', 'PutObject ok', 'PutObject ok']);
  });

  it('download_file writes the object to /tmp (HeadObject, then GetObject), leaving no temporary file behind', () => {
    const world = useWorld({ state: STATE });
    const out = run(`
import os, boto3
os.makedirs('/tmp/dl', exist_ok=True)
s3 = boto3.client('s3')
r = s3.download_file('receipts', 'r1.json', '/tmp/dl/r1.json')
boto3.resource('s3').Bucket('receipts').download_file('r1.json', '/tmp/dl/r1b.json')
with open('/tmp/dl/r1.json') as f:
    text = f.read()
[r, text, sorted(os.listdir('/tmp/dl'))]
`);
    expect(out).toEqual([undefined, '{"total": 12}', ['r1.json', 'r1b.json']]);
    expect(ops(world)).toEqual(['HeadObject ok', 'GetObject ok', 'HeadObject ok', 'GetObject ok']);
  });

  it('download_fileobj fills an io.BytesIO (client, Bucket and Object)', () => {
    useWorld({ state: STATE });
    const out = run(`
import io, boto3
s3 = boto3.client('s3')
a, b, c = io.BytesIO(), io.BytesIO(), io.BytesIO()
s3.download_fileobj('receipts', 'r1.json', a)
boto3.resource('s3').Bucket('receipts').download_fileobj('r1.json', b)
boto3.resource('s3').Object('receipts', 'r1.json').download_fileobj(c)
[a.getvalue().decode(), b.getvalue().decode(), c.getvalue().decode()]
`);
    expect(out).toEqual(['{"total": 12}', '{"total": 12}', '{"total": 12}']);
  });

  it('IAM denial: upload_file raises S3UploadFailedError with the PutObject AccessDenied text; upload_fileobj the ClientError itself', () => {
    const world = useWorld({ state: STATE, policy: allow(['s3:GetObject']) });
    const out = run(`
import io, boto3
from boto3.exceptions import S3UploadFailedError, Boto3Error
from botocore.exceptions import ClientError
with open('/tmp/up.txt', 'wb') as f:
    f.write(b'data')
s3 = boto3.client('s3')
try:
    s3.upload_file('/tmp/up.txt', 'receipts', 'up.txt')
    r = None
except S3UploadFailedError as e:
    r = [type(e).__module__ + '.' + type(e).__name__, str(e), isinstance(e, Boto3Error), isinstance(e, ClientError)]
try:
    s3.upload_fileobj(io.BytesIO(b'data'), 'receipts', 'up.txt')
except ClientError as e:
    r.append(str(e))
r
`) as unknown[];
    const denial = world.calls()[0]?.error?.message ?? '';
    expect(denial).toContain('s3:PutObject');
    const clientError = `An error occurred (AccessDenied) when calling the PutObject operation: ${denial}`;
    expect(out).toEqual(['boto3.exceptions.S3UploadFailedError', `Failed to upload /tmp/up.txt to receipts/up.txt: ${clientError}`, true, false, clientError]);
  });

  it('a missing key on download: ClientError 404 from HeadObject (s3transfer heads first), no GetObject, no file', () => {
    const world = useWorld({ state: STATE, policy: allow(['s3:GetObject', 's3:ListBucket']) });
    const out = run(`
import io, os, boto3
from botocore.exceptions import ClientError
s3 = boto3.client('s3')
r = []
for call in (lambda: s3.download_file('receipts', 'missing.json', '/tmp/missing.json'), lambda: s3.download_fileobj('receipts', 'missing.json', io.BytesIO())):
    try:
        call()
    except ClientError as e:
        r.append([type(e).__name__, str(e), e.response['Error'], e.operation_name])
r.append(os.path.exists('/tmp/missing.json'))
r
`);
    const expected = ['ClientError', 'An error occurred (404) when calling the HeadObject operation: Not Found', { Code: '404', Message: 'Not Found' }, 'HeadObject'];
    expect(out).toEqual([expected, expected, false]);
    expect(ops(world)).toEqual(['HeadObject error', 'HeadObject error']);
  });

  it('Callback receives byte counts adding up to the size (upload in 1 MiB reads, download in 256 KiB writes)', () => {
    useWorld({ state: STATE });
    const out = run(`
import io, boto3
s3 = boto3.client('s3')
up, down, small = [], [], []
s3.upload_fileobj(io.BytesIO(b'x' * 3000000), 'receipts', 'big.bin', Callback=up.append)
s3.download_fileobj('receipts', 'big.bin', io.BytesIO(), Callback=down.append)
with open('/tmp/small.txt', 'wb') as f:
    f.write(b'12345')
s3.upload_file('/tmp/small.txt', 'receipts', 'small.txt', Callback=small.append)
[up, down, small]
`);
    expect(out).toEqual([[1048576, 1048576, 902848], [262144, ...Array(10).fill(262144), 3000000 - 11 * 262144], [5]]);
  });

  it('argument checks as boto3 / s3transfer: ExtraArgs keys, Fileobj, Filename', () => {
    const world = useWorld({ state: STATE });
    const out = run(`
import io, boto3
s3 = boto3.client('s3')
r = []
for call in (
    lambda: s3.upload_fileobj(io.BytesIO(b'x'), 'receipts', 'k', ExtraArgs={'Foo': 1}),
    lambda: s3.download_fileobj('receipts', 'r1.json', io.BytesIO(), ExtraArgs={'Range': 'bytes=0-1'}),
    lambda: s3.upload_fileobj(b'raw bytes', 'receipts', 'k'),
    lambda: s3.download_fileobj('receipts', 'r1.json', 'not a file'),
    lambda: s3.upload_file(123, 'receipts', 'k'),
    lambda: s3.upload_file('/tmp/nope.txt', 'receipts', 'k'),
    lambda: s3.upload_fileobj(io.StringIO('text'), 'receipts', 'k'),
):
    try:
        call()
        r.append(None)
    except Exception as e:
        r.append([type(e).__name__, str(e)])
r
`) as unknown[];
    expect(out[0]).toEqual(['ValueError', expect.stringMatching(/^Invalid extra_args key 'Foo', must be one of: ACL, CacheControl, ChecksumAlgorithm, ContentDisposition, .*Tagging, WebsiteRedirectLocation/)]);
    expect(out[1]).toEqual(['ValueError', "Invalid extra_args key 'Range', must be one of: ChecksumMode, VersionId, SSECustomerAlgorithm, SSECustomerKey, SSECustomerKeyMD5, RequestPayer, ExpectedBucketOwner"]);
    expect(out.slice(2)).toEqual([
      ['ValueError', 'Fileobj must implement read'],
      ['ValueError', 'Fileobj must implement write'],
      ['ValueError', 'Filename must be a string or a path-like object'],
      ['FileNotFoundError', expect.stringMatching(/^\[Errno \d+\] No such file or directory: '\/tmp\/nope.txt'$/)],
      ['TypeError', "a bytes-like object is required, not 'str'"],
    ]);
    expect(world.calls()).toEqual([]);
  });

  it("StreamingBody.iter_lines and iter_chunks yield as botocore's (lines split across chunks, keepends)", () => {
    useWorld({ state: { s3: { buckets: { logs: { 'a.log': 'one\r\ntwo\n\nthree' } } } } });
    const out = run(`
import boto3
s3 = boto3.client('s3')
body = lambda: s3.get_object(Bucket='logs', Key='a.log')['Body']
[list(body().iter_lines()), list(body().iter_lines(chunk_size=4)), list(body().iter_lines(chunk_size=4, keepends=True)),
 list(body().iter_lines(keepends=True)), list(body().iter_chunks(chunk_size=6)), list(body())]
`);
    expect(out).toEqual([
      [b('one'), b('two'), b(''), b('three')],
      // botocore keeps the last (maybe unfinished) line of each chunk pending: "one\r" + "\ntwo" is one line.
      [b('one'), b('two'), b(''), b('three')],
      [b('one\r\n'), b('two\n'), b('\n'), b('three')],
      [b('one\r\n'), b('two\n'), b('\n'), b('three')],
      [b('one\r\nt'), b('wo\n\nth'), b('ree')],
      [b('one\r\ntwo\n\nthree')],
    ]);
  });
});

function b(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
