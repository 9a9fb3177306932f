import { describe, expect, it } from 'vitest';
import { runOnce, setup, stepsHandler } from './world-helpers.ts';

const imports = `import { S3Client, GetObjectCommand, PutObjectCommand, HeadObjectCommand, ListObjectsV2Command, DeleteObjectCommand, NoSuchKey, S3ServiceException } from '@aws-sdk/client-s3'; const s3 = new S3Client({});`;
const state = { s3: { buckets: { 'data-bucket': { 'a/1.txt': 'one', 'a/2.txt': 'two', 'b.txt': { body: 'aGk=', base64: true, contentType: 'text/plain' } } } } };
const allowAll = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } };

describe('@aws-sdk/client-s3 (simulated)', () => {
  it('GetObject body helpers, PutObject, HeadObject, ListObjectsV2, DeleteObject, and the state snapshot', async () => {
    const code = stepsHandler(imports, `
      const g = await step(s3.send(new GetObjectCommand({ Bucket: 'data-bucket', Key: 'b.txt' })));
      out.push(await g.Body.transformToString());
      const g2 = await s3.send(new GetObjectCommand({ Bucket: 'data-bucket', Key: 'a/1.txt' }));
      out.push(Array.from(await g2.Body.transformToByteArray()));
      try { await g2.Body.transformToString(); } catch (e) { out.push(e.message); }
      await step(s3.send(new PutObjectCommand({ Bucket: 'data-bucket', Key: 'new.json', Body: JSON.stringify({ x: 1 }), ContentType: 'application/json' })));
      await step(s3.send(new HeadObjectCommand({ Bucket: 'data-bucket', Key: 'new.json' })));
      await step(s3.send(new ListObjectsV2Command({ Bucket: 'data-bucket', Prefix: 'a/' })));
      await step(s3.send(new DeleteObjectCommand({ Bucket: 'data-bucket', Key: 'a/2.txt' })));
    `);
    const { record, world } = await runOnce(code, { state, policy: allowAll });
    const out = record.result as Array<Record<string, unknown>>;
    expect(out[0]).toMatchObject({ ok: { ContentType: 'text/plain', ContentLength: 2, AcceptRanges: 'bytes' }, status: 200 });
    expect(out[1]).toBe('hi');
    expect(out[2]).toEqual([111, 110, 101]);
    expect(out[3]).toBe('The stream has already been transformed.');
    expect(out[4]).toMatchObject({ ok: { ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/) }, status: 200 });
    expect(out[5]).toMatchObject({ ok: { ContentType: 'application/json', ContentLength: 7 } });
    expect(out[6]).toMatchObject({ ok: { KeyCount: 2, IsTruncated: false, Name: 'data-bucket', Prefix: 'a/', Contents: [{ Key: 'a/1.txt', Size: 3 }, { Key: 'a/2.txt', Size: 3 }] } });
    expect(out[7]).toMatchObject({ status: 204 });
    const snap = world.snapshot() as { s3: { buckets: Record<string, Record<string, unknown>> } };
    expect(Object.keys(snap.s3.buckets['data-bucket'] ?? {}).sort()).toEqual(['a/1.txt', 'b.txt', 'new.json']);
    expect(snap.s3.buckets['data-bucket']?.['new.json']).toEqual({ body: '{"x":1}', contentType: 'application/json' });
    expect(world.calls().map((c) => c.iam?.action)).toEqual(['s3:GetObject', 's3:GetObject', 's3:PutObject', 's3:GetObject', 's3:ListBucket', 's3:DeleteObject']);
  });

  it('not found: NoSuchKey (404, instanceof NoSuchKey and S3ServiceException) and NoSuchBucket', async () => {
    const code = stepsHandler(imports, `
      try { await s3.send(new GetObjectCommand({ Bucket: 'data-bucket', Key: 'missing' })); } catch (e) { out.push([e.name, e.message, e instanceof NoSuchKey, e instanceof S3ServiceException, e.$metadata.httpStatusCode, e.$fault]); }
      await step(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })));
    `);
    const { record } = await runOnce(code, { state, policy: allowAll });
    const out = record.result as unknown[];
    expect(out[0]).toEqual(['NoSuchKey', 'The specified key does not exist.', true, true, 404, 'client']);
    expect(out[1]).toMatchObject({ err: { name: 'NoSuchBucket', status: 404 } });
  });

  it('a missing key without s3:ListBucket is 403 Access Denied, not NoSuchKey (API_GetObject docs)', async () => {
    const onlyGet = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data-bucket/*' } };
    const code = stepsHandler(imports, `await step(s3.send(new GetObjectCommand({ Bucket: 'data-bucket', Key: 'missing' })));`);
    const { record } = await runOnce(code, { state, policy: onlyGet });
    expect((record.result as unknown[])[0]).toMatchObject({ err: { name: 'AccessDenied', message: 'Access Denied', status: 403 } });
  });

  it('ListObjectsV2 needs s3:ListBucket on the bucket ARN: exact denial text', async () => {
    const onlyGet = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data-bucket/*' } };
    const code = stepsHandler(imports, `await step(s3.send(new ListObjectsV2Command({ Bucket: 'data-bucket' })));`);
    const { record } = await runOnce(code, { state, policy: onlyGet });
    expect((record.result as unknown[])[0]).toMatchObject({
      err: {
        name: 'AccessDenied',
        status: 403,
        message: 'User: arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::data-bucket" because no identity-based policy allows the s3:ListBucket action',
      },
    });
  });

  it('CommonJS require works too, and a non-simulated package is still not found', async () => {
    const code = `const { S3Client } = require('@aws-sdk/client-s3'); exports.handler = async () => { try { require('aws-sdk'); } catch (e) { return [typeof S3Client, e.code]; } };`;
    const s = await setup('', {});
    s.fn.dispose();
    const fn = s.sim.createFunction({}, { 'index.js': code });
    const r = await fn.invoke({});
    fn.dispose();
    expect(r.result).toEqual(['function', 'MODULE_NOT_FOUND']);
  });
});
