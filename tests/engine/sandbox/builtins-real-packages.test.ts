/**
 * The handler packages of issue 14 (uuid, zod, @middy/core and its http middlewares, Powertools logger,
 * parameters, batch and parser, axios, serverless-http + express), loaded from node_modules by the CLI's
 * project loader and run in the sandbox: each must load and answer what Node 22 answers. axios has no
 * network in the sandbox, so its call must fail with the simulator's message naming the package and the
 * Node runner. The fixtures are those of tests/cli/packages.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { expectNodeAnswer, fixture } from '../../cli/package-checks.ts';
import { runProject } from '../../cli/project-helpers.ts';

describe('the packages of issue 14 load and answer in the sandbox', () => {
  it('uuid', async () => {
    await expectNodeAnswer('uuid');
  });

  it('zod', async () => {
    await expectNodeAnswer('zod');
  });

  it('@middy/core (imports ReadableStream from node:stream/web)', async () => {
    const event = { headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' };
    const { records: [r] } = await runProject(fixture('middy'), [event]);
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ statusCode: 200, body: JSON.stringify({ got: { a: 1 } }) });
  });

  it('@middy/http-json-body-parser', async () => {
    await expectNodeAnswer('middy-json-body-parser');
  });

  it('@middy/http-error-handler', async () => {
    await expectNodeAnswer('middy-error-handler');
  });

  it('@aws-lambda-powertools/logger (imports Console from node:console)', async () => {
    const { records: [r] } = await runProject(fixture('powertools-logger'), [{ id: 'o-1' }]);
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toBe('logged');
    expect(r!.logs.join('\n')).toContain('"message":"order received"');
  });

  it('@aws-lambda-powertools/parameters', async () => {
    await expectNodeAnswer('powertools-parameters');
  });

  it('@aws-lambda-powertools/batch', async () => {
    await expectNodeAnswer('powertools-batch');
  });

  it('@aws-lambda-powertools/parser', async () => {
    await expectNodeAnswer('powertools-parser');
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
