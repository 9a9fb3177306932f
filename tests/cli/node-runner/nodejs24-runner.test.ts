/**
 * The Node runner plays runtime interface client v4 for nodejs24.x and v3 for nodejs22.x, as the sandbox does:
 * the same cases as tests/engine/sandbox/nodejs24.test.ts (sources listed there).
 */
import { describe, it } from 'vitest';
import { runOnSimulator } from '../../engine/helpers.ts';
import { createNodeExecutor } from '../../../src/cli/node-runner/node-executor.ts';
import type { FunctionConfig, InvocationRecord } from '../../../src/engine/types.ts';
import { NODEJS24_CASES } from '../../engine/sandbox/nodejs24-cases.ts';

async function run(files: Record<string, string>, events: unknown[], config: Partial<FunctionConfig>): Promise<InvocationRecord[]> {
  return runOnSimulator({ executor: createNodeExecutor({}) }, files, events, config);
}

describe('nodejs24.x vs nodejs22.x in the Node runner', () => {
  for (const c of NODEJS24_CASES) {
    it(c.name, async () => {
      c.check24(await run(c.files, c.events ?? [{}], { runtime: 'nodejs24.x' }));
      c.check22(await run(c.files, c.events ?? [{}], { runtime: 'nodejs22.x' }));
    }, 60_000);
  }
});
