/**
 * The most-used handler packages, loaded from node_modules through the CLI's project loader and run in the
 * sandbox. Each test asserts what happens today: the package works (with the result Node gives), or it fails
 * with the simulator's honest message naming the package, the missing capability and the Node runner.
 * Engineers add Node built-ins in parallel, so a package that fails only for a missing built-in is allowed
 * to start working; any other error fails the test. SIMULATION.md has the table.
 */
import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../src/engine/types.ts';
import { expectNodeAnswer, fixture } from './package-checks.ts';
import { runProject } from './project-helpers.ts';

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

describe('real packages in the sandbox, loaded by the project loader', () => {
  it('uuid: loads and works (v4 ids validate as version 4)', async () => {
    const { project } = await expectNodeAnswer('uuid');
    expect(Object.keys(project.files)).toContain('node_modules/uuid/package.json');
  });

  it('zod: loads and works (safeParse reports the failing fields)', async () => {
    await expectNodeAnswer('zod');
  });

  it('@middy/core: fails naming node:stream/web (or works once that built-in exists)', async () => {
    const event = { headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' };
    const { records: [r] } = await runProject(fixture('middy'), [event]);
    worksOrNamesMissingBuiltin(r!, { statusCode: 200, body: JSON.stringify({ got: { a: 1 } }) }, '@middy/core', 'stream/web');
  });

  it('@middy/http-json-body-parser: loads and parses a JSON body', async () => {
    await expectNodeAnswer('middy-json-body-parser');
  });

  it('@middy/http-error-handler: loads and turns an HTTP error into a response', async () => {
    await expectNodeAnswer('middy-error-handler');
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
    await expectNodeAnswer('powertools-parameters');
  });

  it('@aws-lambda-powertools/batch: loads and reports the failed record', async () => {
    await expectNodeAnswer('powertools-batch');
  });

  it('@aws-lambda-powertools/parser: loads and validates an SQS event (and rejects an empty one)', async () => {
    await expectNodeAnswer('powertools-parser');
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
