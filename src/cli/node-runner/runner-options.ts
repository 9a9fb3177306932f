/**
 * The runner options shared by `invoke` and `check`: `--runner sandbox|node`, `--clock virtual|real`,
 * `--sdk simulated|real`. Parsing only (no I/O); `parseCommandArgs` in `args.ts` (used by `invoke` and
 * `check`) spreads {@link RUNNER_PARSE_OPTIONS} into its `parseArgs` options, and both call {@link parseRunnerArgs}.
 */
import type { RuntimeId } from '../../engine/vocabulary.ts';

/** Which executor runs the handler. */
export type RunnerKind = 'sandbox' | 'node';

/** Parsed runner options. */
export interface RunnerArgs {
  runner: RunnerKind;
  /** Node runner: `virtual` (fake timers, default) or `real` (for code that waits on real I/O). */
  clock: 'virtual' | 'real';
  /** Node runner: `simulated` (`@aws-sdk/*` answer from the simulated account, default) or `real`. */
  sdk: 'simulated' | 'real';
}

/** `node:util` parseArgs definitions of the runner options. */
export const RUNNER_PARSE_OPTIONS = {
  runner: { type: 'string' },
  clock: { type: 'string' },
  sdk: { type: 'string' },
} as const;

/** Usage lines of the runner options. */
export const RUNNER_USAGE = `Runner:
  --runner R         sandbox (default for invoke: QuickJS, deterministic) | node (real Node.js worker thread
                     with your node_modules; the Node that runs lambda-triage, see README for Node 24)
  --clock C          With --runner node: virtual (default: timers and Date on the simulated clock, a 300 s
                     timeout ends in seconds; Duration = time waited on timers + the CPU time your code
                     used on this machine, so it varies by a few ms) | real (for code that waits on real I/O)
  --sdk S            With --runner node: simulated (default: @aws-sdk/* calls go to the simulated account,
                     --policy/--state/--faults apply) | real (your installed SDK and the network)`;

/** Parse the runner options; `defaultRunner` differs per command. */
export function parseRunnerArgs(
  values: { runner?: string | undefined; clock?: string | undefined; sdk?: string | undefined },
  defaultRunner: RunnerKind,
): { ok: true; value: RunnerArgs } | { ok: false; error: string } {
  const runner = values.runner ?? defaultRunner;
  if (runner !== 'sandbox' && runner !== 'node') return { ok: false, error: `--runner must be sandbox or node; got "${runner}"` };
  const clock = values.clock ?? 'virtual';
  if (clock !== 'virtual' && clock !== 'real') return { ok: false, error: `--clock must be virtual or real; got "${clock}"` };
  const sdk = values.sdk ?? 'simulated';
  if (sdk !== 'simulated' && sdk !== 'real') return { ok: false, error: `--sdk must be simulated or real; got "${sdk}"` };
  if (runner === 'sandbox' && values.clock !== undefined) return { ok: false, error: '--clock applies to the Node runner (the sandbox always runs on the virtual clock); add --runner node' };
  if (runner === 'sandbox' && values.sdk !== undefined) return { ok: false, error: '--sdk applies to the Node runner (the sandbox always uses the simulated SDK); add --runner node' };
  return { ok: true, value: { runner, clock, sdk } };
}

/**
 * A warning when the Node runner's Node (this process) is not the runtime's major version, or null. The
 * runner runs in the Node that runs lambda-triage; `nodejs24.x` behaviour that the runtime client decides
 * (callback handlers rejected) is emulated either way, but the language and built-ins are this Node's.
 */
export function nodeVersionWarning(runtime: RuntimeId, processVersion: string = process.versions.node): string | null {
  const want = runtime.replace(/^nodejs(\d+)\.x$/, '$1');
  const have = processVersion.split('.')[0];
  if (want === have) return null;
  return (
    `warning: --runner node runs on Node ${processVersion} (the Node that runs lambda-triage) but ${runtime} runs Node ${want}; ` +
    `to match it, run lambda-triage with Node ${want} (for example \`npx -p node@${want} node node_modules/.bin/lambda-triage …\`, or Node ${want} first on PATH)`
  );
}
