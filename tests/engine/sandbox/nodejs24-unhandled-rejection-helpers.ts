/**
 * The handler of https://github.com/aws/aws-lambda-base-images/issues/392 and the lines Node's default
 * 'unhandledRejection' path prints for it, shared by the sandbox test
 * (tests/engine/sandbox/nodejs24-unhandled-rejection.test.ts) and the Node runner's
 * (tests/cli/node-runner/nodejs24-unhandled-rejection.test.ts).
 */
import { expect } from 'vitest';
import type { InvocationRecord } from '../../../src/engine/types.ts';

/** An async function that throws, called without `await`: its rejection is unhandled. */
export const ISSUE_392 = `async function hello() {
  throw new Error("HelloError");
}

export const handler = async (event) => {
  hello(); // No await here

  return "Hello from Lambda!";
};
`;

/**
 * Expects Node's default layout for ISSUE_392 in `r.logs` (location, source line, caret, blank line, the error,
 * its first frame: what Node 22.23 printed for the same file on the test host, the same layout as Node 24's),
 * and returns the index of its first line.
 */
export function expectIssue392Layout(r: InvocationRecord): number {
  const start = r.logs.indexOf('file:///var/task/index.mjs:2');
  expect(start).toBeGreaterThan(-1);
  expect(r.logs.slice(start, start + 6)).toEqual([
    'file:///var/task/index.mjs:2',
    '  throw new Error("HelloError");',
    '        ^',
    '',
    'Error: HelloError',
    '    at hello (file:///var/task/index.mjs:2:9)',
  ]);
  return start;
}
