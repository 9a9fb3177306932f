/** The executor contract (contract.ts) against the QuickJS sandbox. */
import { createSandboxExecutor } from '../../../src/engine/index.ts';
import { DEFAULT_WALL_BUDGET_MS } from '../../../src/engine/lambda/limits.ts';
import { getTestQuickJS } from '../quickjs.ts';
import { describeExecutorContract } from './contract.ts';

const quickjs = await getTestQuickJS();

describeExecutorContract(
  'sandbox',
  () =>
  createSandboxExecutor({ quickjs, wallClock: () => Date.now(), wallBudgetMs: DEFAULT_WALL_BUDGET_MS, resolveModule: () => undefined }),
  60_000,
);
