/**
 * The simulated AWS account behind the CLI (`--policy`, `--state`, `--faults`): read the files and
 * create the world from src/engine/aws. Also formats the calls the handler made.
 */
import { callsOf, createAwsWorld, type AwsCallRecord, type AwsWorld } from '../engine/aws/index.ts';
import type { FunctionConfig, InvocationRecord } from '../engine/types.ts';
import type { InvokeArgs } from './args.ts';
import { readJsonFile, type InputResult } from './inputs.ts';

/** Read the three optional files and create the world; a bad file is a one-line message. */
export async function loadWorld(args: Pick<InvokeArgs, 'policy' | 'state' | 'faults' | 'seed'>, config: FunctionConfig): Promise<InputResult<AwsWorld>> {
  const read = async (what: string, path: string | undefined): Promise<InputResult<unknown>> => (path === undefined ? { ok: true, value: undefined } : readJsonFile(what, path));
  const policy = await read('policy file', args.policy);
  if (!policy.ok) return policy;
  const state = await read('state file', args.state);
  if (!state.ok) return state;
  const faults = await read('faults file', args.faults);
  if (!faults.ok) return faults;
  // Which file a parse error belongs to: try each alone first, so the message can name it.
  const attempts: Array<[string, string | undefined, Record<string, unknown>]> = [
    ['policy file', args.policy, { policy: policy.value }],
    ['state file', args.state, { state: state.value }],
    ['faults file', args.faults, { faults: faults.value }],
  ];
  for (const [what, path, opts] of attempts) {
    if (path === undefined) continue;
    try {
      createAwsWorld(opts);
    } catch (e) {
      return { ok: false, error: `${what} ${path}: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const options = {
    ...(args.policy !== undefined ? { policy: policy.value } : {}),
    ...(args.state !== undefined ? { state: state.value } : {}),
    ...(args.faults !== undefined ? { faults: faults.value } : {}),
    accountId: config.accountId,
    region: config.region,
    functionName: config.functionName,
    seed: args.seed,
  };
  // Without files there is nothing to check up front: the world is created when the function first uses it (most
  // handlers never do), the same world as at start (it depends on these options only, not on time).
  if (args.policy === undefined && args.state === undefined && args.faults === undefined) return { ok: true, value: lazyWorld(() => createAwsWorld(options)) };
  try {
    return { ok: true, value: createAwsWorld(options) };
  } catch (e) {
    return { ok: false, error: `the simulated AWS account could not be created: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** An {@link AwsWorld} created by `create` on first use; `calls()` of a world never used is empty. */
function lazyWorld(create: () => AwsWorld): AwsWorld {
  let world: AwsWorld | null = null;
  const real = (): AwsWorld => (world ??= create());
  return {
    get modules() {
      return real().modules;
    },
    resolveModule: (spec) => real().resolveModule(spec),
    services: (name, payload, info) => real().services(name, payload, info),
    calls: () => (world ? world.calls() : []),
    snapshot: () => real().snapshot(),
    reset: () => real().reset(),
    get principalArn() {
      return real().principalArn;
    },
  };
}

/** One line per call: service, operation, target, outcome, IAM decision, fault, virtual time. */
export function formatCall(c: AwsCallRecord): string {
  const parts = [`${c.service} ${c.operation} ${c.target}`];
  parts.push(c.outcome === 'ok' ? '→ ok' : c.outcome === 'hang' ? '→ no answer' : `→ ${c.error?.name ?? 'error'}: ${c.error?.message ?? ''}`);
  if (c.iam && c.iam.decision !== 'allow') parts.push(`(IAM: ${c.iam.decision} for ${c.iam.action})`);
  if (c.fault) parts.push(`(${c.fault})`);
  if (c.abandoned) parts.push(`(abandoned after ${c.abandoned.afterMs} ms: ${c.abandoned.reason})`);
  parts.push(c.durationMs === null ? '' : `${Math.round(c.durationMs * 10) / 10} ms`);
  return parts.filter(Boolean).join(' ');
}

/** The calls an invocation made, formatted; empty when there were none. */
export function formatCallsOf(record: InvocationRecord, calls: readonly AwsCallRecord[]): string[] {
  const mine = callsOf(record, calls);
  if (mine.length === 0) return [];
  return ['--- Calls to AWS and HTTP dependencies ---', ...mine.map(formatCall), ''];
}
