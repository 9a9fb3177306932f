/**
 * The handler packages of issue 14 (uuid, zod, @middy/core and its http middlewares, Powertools logger,
 * parameters, batch and parser, axios, serverless-http + express), loaded from node_modules by the CLI's
 * project loader and run in the sandbox: each must load and answer what Node 22 answers. axios has no
 * network in the sandbox, so its call must fail with the simulator's message naming the package and the
 * Node runner. The fixtures are those of tests/cli/packages.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProject } from '../../cli/project-helpers.ts';

const FIXTURES = join(process.cwd(), 'tests/cli/fixtures/packages');
const fixture = (name: string, file = 'index.mjs'): string => join(FIXTURES, name, file);

const SQS_RECORD = {
  messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
  receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
  body: 'hello',
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1545082649183', SenderId: 'AIDAIENQZJOLO23YVJ4VO', ApproximateFirstReceiveTimestamp: '1545082649185' },
  messageAttributes: {},
  md5OfBody: '5d41402abc4b2a76b9719d911017c592',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:orders',
  awsRegion: 'us-east-1',
};

describe('the packages of issue 14 load and answer in the sandbox', () => {
  it('uuid', async () => {
    const { records: [r] } = await runProject(fixture('uuid'));
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ valid: true, version: 4 });
  });

  it('zod', async () => {
    const { records: [bad, good] } = await runProject(fixture('zod'), [{ id: 'x', qty: 1.5 }, { id: '0b0e4f6c-54bb-4c8e-9b43-2a2a3f5f2a11', qty: 2 }]);
    expect(bad!.result).toEqual({ ok: false, issues: ['id: invalid_format', 'qty: invalid_type'] });
    expect(good!.result).toEqual({ ok: true, qty: 2 });
  });

  it('@middy/core (imports ReadableStream from node:stream/web)', async () => {
    const event = { headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' };
    const { records: [r] } = await runProject(fixture('middy'), [event]);
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ statusCode: 200, body: JSON.stringify({ got: { a: 1 } }) });
  });

  it('@middy/http-json-body-parser', async () => {
    const { records: [r] } = await runProject(fixture('middy-json-body-parser'), [{ headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' }]);
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ a: 1 });
  });

  it('@middy/http-error-handler', async () => {
    const { records: [r] } = await runProject(fixture('middy-error-handler'));
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toMatchObject({ statusCode: 404, body: 'Order not found' });
  });

  it('@aws-lambda-powertools/logger (imports Console from node:console)', async () => {
    const { records: [r] } = await runProject(fixture('powertools-logger'), [{ id: 'o-1' }]);
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toBe('logged');
    expect(r!.logs.join('\n')).toContain('"message":"order received"');
  });

  it('@aws-lambda-powertools/parameters', async () => {
    const { records: [r] } = await runProject(fixture('powertools-parameters'), [{}], { state: { ssm: { parameters: { '/app/table': 'orders' } } } });
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ value: 'orders' });
  });

  it('@aws-lambda-powertools/batch', async () => {
    const event = { Records: [{ ...SQS_RECORD, messageId: '1', body: 'ok' }, { ...SQS_RECORD, messageId: '2', body: 'bad' }] };
    const { records: [r] } = await runProject(fixture('powertools-batch'), [event]);
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
  });

  it('@aws-lambda-powertools/parser', async () => {
    const { records: [ok, empty] } = await runProject(fixture('powertools-parser'), [{ Records: [SQS_RECORD] }, { Records: [] }]);
    expect(ok!.errorMessage).toBeNull();
    expect(ok!.result).toEqual(['hello']);
    expect(empty!.errorType).toBe('ZodError');
  });

  it('axios (loads through follow-redirects → debug → tty; the request fails naming the package and the Node runner)', async () => {
    const { records: [r] } = await runProject(fixture('axios'));
    expect(r!.errorType).toBe('Error');
    expect(r!.errorMessage).toBe(
      "The package 'follow-redirects' (used by 'axios') called https.request(), which needs the network: the Lambda Triage sandbox has no network. Run the function with the Node runner (--runner node) to make real requests.",
    );
  });

  it('express (debug → tty, depd → Error.prepareStackTrace, router → diagnostics_channel)', async () => {
    const { records: [r] } = await runProject(fixture('express', 'index.js'));
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ routes: ['/orders/:id'] });
  });

  it('serverless-http + express (subclasses http.IncomingMessage and http.ServerResponse)', async () => {
    const event = { httpMethod: 'GET', path: '/hello', queryStringParameters: { name: 'bo' }, headers: {}, requestContext: {} };
    const { records: [r] } = await runProject(fixture('serverless-http', 'index.js'), [event]);
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toMatchObject({ statusCode: 200, body: '{"hello":"bo"}', isBase64Encoded: false });
    expect((r!.result as { headers: Record<string, string> }).headers['content-type']).toBe('application/json; charset=utf-8');
  });
});
