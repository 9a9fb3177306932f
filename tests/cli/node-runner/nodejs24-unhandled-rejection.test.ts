/**
 * The Node runner on nodejs24.x: runtime interface client v4 registers no 'unhandledRejection' listener (npm
 * aws-lambda-ric 4.0.2), so Node's default prints the error without the runtime's prefix and exits with code 1,
 * as in the sandbox (tests/engine/sandbox/nodejs24-unhandled-rejection.test.ts, same handler, from
 * https://github.com/aws/aws-lambda-base-images/issues/392).
 */
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/engine/index.ts';
import { createNodeExecutor } from '../../../src/cli/node-runner/node-executor.ts';
import type { FunctionConfig, InvocationRecord } from '../../../src/engine/types.ts';
import { expectIssue392Layout, ISSUE_392 } from '../../engine/sandbox/nodejs24-unhandled-rejection-helpers.ts';

async function once(config: Partial<FunctionConfig>): Promise<InvocationRecord> {
  const sim = createSimulator({ executor: createNodeExecutor({}) });
  const fn = sim.createFunction(config, { 'index.mjs': ISSUE_392 });
  try {
    return await fn.invoke({});
  } finally {
    fn.dispose();
  }
}

describe('Node runner: unhandled rejection on nodejs24.x', () => {
  it('Node default layout, Runtime.ExitError exit status 1', async () => {
    const r = await once({ runtime: 'nodejs24.x' });
    expect(r.errorType).toBe('Runtime.ExitError');
    expect(r.errorMessage).toContain('Runtime exited with error: exit status 1');
    expectIssue392Layout(r);
    expect(r.logs.some((l) => /^Node\.js v\d+\./.test(l))).toBe(true);
    expect(r.logs.some((l) => l.includes('Unhandled Promise Rejection'))).toBe(false);
  }, 60_000);

  it('nodejs22.x keeps the v3 line and answers', async () => {
    const r = await once({ runtime: 'nodejs22.x' });
    expect(r.logs.some((l) => l.includes('\tERROR\tUnhandled Promise Rejection \t{"errorType":"Runtime.UnhandledPromiseRejection"'))).toBe(true);
  }, 60_000);
});
