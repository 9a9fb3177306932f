/** The executor contract (tests/engine/executor/contract.ts) against the Node runner (real Node worker threads). */
import { createNodeExecutor } from '../../../src/cli/node-runner/node-executor.ts';
import { describeExecutorContract } from '../../engine/executor/contract.ts';

describeExecutorContract('node', () => createNodeExecutor(), 60_000);
