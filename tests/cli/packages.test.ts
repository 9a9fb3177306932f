/**
 * The most-used handler packages, loaded from node_modules through the CLI's project loader and run in the
 * sandbox. Each test asserts what happens today: the package works (with the result Node gives), or it fails
 * with the simulator's honest message naming the package, the missing capability and the Node runner.
 * Engineers add Node built-ins in parallel, so a package that fails only for a missing built-in is allowed
 * to start working; any other error fails the test. SIMULATION.md has the table.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../src/engine/types.ts';
import { runProject } from './project-helpers.ts';

const FIXTURES = join(process.cwd(), 'tests/cli/fixtures/packages');
const fixture = (name: string, file = 'index.mjs'): string => join(FIXTURES, name, file);

/** Works with `expected`, or fails naming `pkg` and the missing built-in (and the Node runner). */
function worksOrNamesMissingBuiltin(r: InvocationRecord, expected: unknown, pkg: string, builtin: string): void {
  if (r.errorType === null) {
    expect(r.result).toEqual(expected);
    return;
  }
  expect(r.errorMessage).toBe(
    `The package '${pkg}' needs Node's built-in module '${builtin}', which the Lambda Triage sandbox does not provide. Run the function with the Node runner (--runner node) to use it.`,
  );
}

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

describe('real packages in the sandbox, loaded by the project loader', () => {
  it('uuid: loads and works (v4 ids validate as version 4)', async () => {
    const { project, records: [r] } = await runProject(fixture('uuid'));
    expect(Object.keys(project.files)).toContain('node_modules/uuid/package.json');
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ valid: true, version: 4 });
  });

  it('zod: loads and works (safeParse reports the failing fields)', async () => {
    const { records: [bad, good] } = await runProject(fixture('zod'), [{ id: 'x', qty: 1.5 }, { id: '0b0e4f6c-54bb-4c8e-9b43-2a2a3f5f2a11', qty: 2 }]);
    expect(bad!.result).toEqual({ ok: false, issues: ['id: invalid_format', 'qty: invalid_type'] });
    expect(good!.result).toEqual({ ok: true, qty: 2 });
  });

  it('@middy/core: fails naming node:stream/web (or works once that built-in exists)', async () => {
    const event = { headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' };
    const { records: [r] } = await runProject(fixture('middy'), [event]);
    worksOrNamesMissingBuiltin(r!, { statusCode: 200, body: JSON.stringify({ got: { a: 1 } }) }, '@middy/core', 'stream/web');
  });

  it('@middy/http-json-body-parser: loads and parses a JSON body', async () => {
    const { records: [r] } = await runProject(fixture('middy-json-body-parser'), [{ headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' }]);
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ a: 1 });
  });

  it('@middy/http-error-handler: loads and turns an HTTP error into a response', async () => {
    const { records: [r] } = await runProject(fixture('middy-error-handler'));
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toMatchObject({ statusCode: 404, body: 'Order not found' });
  });

  it('@aws-lambda-powertools/logger: fails at link time for console.Console (or works once the built-in has it)', async () => {
    const { records: [r] } = await runProject(fixture('powertools-logger'), [{ id: 'o-1' }]);
    if (r!.errorType === null) {
      expect(r!.result).toBe('logged');
      expect(r!.logs.join('\n')).toContain('"message":"order received"');
    } else {
      expect(r!.errorMessage).toBe("SyntaxError: Could not find export 'Console' in module 'builtin:console'");
    }
  });

  it('@aws-lambda-powertools/parameters: loads and reads SSM through the simulated SDK', async () => {
    const { records: [r] } = await runProject(fixture('powertools-parameters'), [{}], { state: { ssm: { parameters: { '/app/table': 'orders' } } } });
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ value: 'orders' });
  });

  it('@aws-lambda-powertools/batch: loads and reports the failed record', async () => {
    const event = { Records: [{ ...SQS_RECORD, messageId: '1', body: 'ok' }, { ...SQS_RECORD, messageId: '2', body: 'bad' }] };
    const { records: [r] } = await runProject(fixture('powertools-batch'), [event]);
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
  });

  it('@aws-lambda-powertools/parser: loads and validates an SQS event (and rejects an empty one)', async () => {
    const { records: [ok, empty] } = await runProject(fixture('powertools-parser'), [{ Records: [SQS_RECORD] }, { Records: [] }]);
    expect(ok!.errorMessage).toBeNull();
    expect(ok!.result).toEqual(['hello']);
    expect(empty!.errorType).toBe('ZodError');
  });

  it('axios: fails naming debug → tty (or, with tty, goes on to the network)', async () => {
    const { records: [r] } = await runProject(fixture('axios'));
    expect(r!.errorType).not.toBeNull();
    if (/built-in module 'tty'/.test(r!.errorMessage ?? '')) worksOrNamesMissingBuiltin(r!, null, 'debug', 'tty');
    else expect(r!.errorMessage).toMatch(/not available|ENOTFOUND|--runner node/);
  });

  it('express: fails naming debug → tty (or works once that built-in exists)', async () => {
    const { records: [r] } = await runProject(fixture('express', 'index.js'));
    worksOrNamesMissingBuiltin(r!, { routes: ['/orders/:id'] }, 'debug', 'tty');
  });

  it('serverless-http: fails at load because http.ServerResponse is missing (the built-in http is a stub)', async () => {
    const event = { httpMethod: 'GET', path: '/hello', queryStringParameters: { name: 'bo' }, headers: {}, requestContext: {} };
    const { records: [r] } = await runProject(fixture('serverless-http', 'index.js'), [event]);
    if (r!.errorType === null) {
      expect(r!.result).toMatchObject({ statusCode: 200 });
    } else {
      // QuickJS's text for `class extends undefined`; the frame names the package file that needs http.ServerResponse.
      expect(r!.errorMessage).toMatch(/parent class must be constructor|Class extends value undefined|built-in module/);
      expect(JSON.stringify(r!.result)).toContain('/var/task/node_modules/serverless-http/lib/response.js');
    }
  });
});
