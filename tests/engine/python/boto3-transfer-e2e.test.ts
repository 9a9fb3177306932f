/**
 * boto3's S3 managed transfers end to end: a Python handler run by the Python executor (Pyodide) writes to
 * Lambda's /tmp, uploads with upload_file, downloads with download_file, and an IAM denial ends the invocation
 * with boto3's S3UploadFailedError.
 */
import { describe, expect, it } from 'vitest';
import { createAwsWorld } from '../../../src/engine/aws/world.ts';
import { handler, oncePy } from './helpers.ts';

const STATE = { s3: { buckets: { reports: {} } } };

describe('boto3 S3 transfers through the simulator', () => {
  it('upload_file from /tmp and download_file back to /tmp', async () => {
    const world = createAwsWorld({ state: STATE, functionName: 'reporter' });
    const r = await oncePy(
      handler(`import boto3
s3 = boto3.client('s3')
def lambda_handler(event, context):
    with open('/tmp/out.csv', 'w') as f:
        f.write('id,total\\n1,12\\n')
    s3.upload_file('/tmp/out.csv', 'reports', 'daily/out.csv', ExtraArgs={'ContentType': 'text/csv'})
    s3.download_file('reports', 'daily/out.csv', '/tmp/back.csv')
    with open('/tmp/back.csv') as f:
        return f.read()
`),
      {},
      { functionName: 'reporter' },
      { services: world.services },
    );
    expect(r.outcome).toBe('success');
    expect(JSON.parse(r.payload ?? 'null')).toBe('id,total\n1,12\n');
    expect(world.calls().map((c) => `${c.service} ${c.operation} ${c.outcome}`)).toEqual(['s3 PutObject ok', 's3 HeadObject ok', 's3 GetObject ok']);
  });

  it('an execution role without s3:PutObject: the invocation fails with boto3.exceptions.S3UploadFailedError', async () => {
    const world = createAwsWorld({ state: STATE, functionName: 'reporter', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } });
    const r = await oncePy(
      handler(`import boto3
s3 = boto3.client('s3')
def lambda_handler(event, context):
    with open('/tmp/out.csv', 'w') as f:
        f.write('x')
    s3.upload_file('/tmp/out.csv', 'reports', 'out.csv')
`),
      {},
      { functionName: 'reporter' },
      { services: world.services },
    );
    const denial = world.calls()[0]?.error?.message ?? '';
    expect(denial).toContain('s3:PutObject');
    expect(r.outcome).toBe('function-error');
    expect(r.errorType).toBe('S3UploadFailedError');
    expect(r.errorMessage).toBe(`Failed to upload /tmp/out.csv to reports/out.csv: An error occurred (AccessDenied) when calling the PutObject operation: ${denial}`);
  });
});
