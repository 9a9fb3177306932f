/**
 * The commands of `lambda-triage`, in one list: `main.ts` dispatches from it, the usage text and the
 * "unknown command" message list it. To add a command, add one entry here. Each command's module is
 * imported only when that command runs, so `--help` or `diagnose` never load QuickJS. A command's `run`
 * imports one module of this folder (the CLI bundle makes each of them a file of its own, see
 * scripts/cli-bundle.mjs): `withSimulatorLimits` comes from the command's module, so the limit error it
 * recognises is the class that module's engine throws.
 */
import type { Io } from './invoke-command.ts';

/** One command of the CLI. */
export interface CliCommand {
  /** What the user types (`invoke`). */
  name: string;
  /** Its argument synopsis for the usage text (`<handler-file>`). */
  synopsis: string;
  /** One line (or a few, joined by newlines) for the usage text. */
  summary: string;
  /** Runs the command with the whole argv (the command name included); resolves to the exit code. */
  run: (argv: string[], io: Io) => Promise<number>;
}

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  {
    name: 'invoke',
    synopsis: '<handler-file>',
    summary: 'Run a handler in the Lambda simulator and print its logs and result.',
    run: async (argv, io) => {
      const { parseCliArgs, USAGE } = await import('./args.ts');
      const parsed = parseCliArgs(argv);
      if (!parsed.ok) {
        io.err(`lambda-triage: ${parsed.error}`);
        return 2;
      }
      if ('help' in parsed) {
        io.out(USAGE);
        return 0;
      }
      // A simulator limit from any path (--load, --invocation-type Event, a Python environment's start) is one plain line.
      const { runInvoke, withSimulatorLimits } = await import('./invoke-command.ts');
      return withSimulatorLimits(io.err, () => runInvoke(parsed.args, io));
    },
  },
  {
    name: 'check',
    synopsis: '[template.yaml|DIR]',
    summary: 'Pre-ship gate: run every function of a SAM template through its front doors with edge cases.\nRun `lambda-triage check --help` for its options.',
    run: async (argv, io) => {
      const { runCheck, withSimulatorLimits } = await import('./check-command.ts');
      return withSimulatorLimits(io.err, () => runCheck(argv.slice(1), io));
    },
  },
  {
    name: 'diagnose',
    synopsis: '[FILE|-]',
    summary: 'Read log text (a file, or - for standard input) and rank the likely causes.\nRun `lambda-triage diagnose --help` for its options.',
    run: async (argv, io) => (await import('./diagnose-command.ts')).runDiagnose(argv.slice(1), io),
  },
  {
    name: 'scenarios',
    synopsis: '',
    summary: 'List the incident scenarios.',
    run: async (argv, io) => (await import('./scenarios-command.ts')).runScenariosCommand(argv, io),
  },
  {
    name: 'scenario',
    synopsis: '<id>',
    summary: 'Check a fix for one scenario (`lambda-triage scenario --help`).',
    run: async (argv, io) => (await import('./scenarios-command.ts')).runScenariosCommand(argv, io),
  },
];

/** The command named `name`, if there is one. */
export function findCommand(name: string | undefined): CliCommand | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** The command names joined for a message: `invoke, diagnose, scenarios, scenario`. */
export function commandNames(): string {
  return COMMANDS.map((c) => c.name).join(', ');
}

/** The "Commands:" block of the usage text, one aligned entry per command. */
export function formatCommandList(): string {
  const heads = COMMANDS.map((c) => `${c.name}${c.synopsis ? ` ${c.synopsis}` : ''}`);
  const width = Math.max(...heads.map((h) => h.length)) + 3;
  return COMMANDS.map((c, i) =>
    c.summary
      .split('\n')
      .map((line, j) => `  ${(j === 0 ? heads[i]! : '').padEnd(width)}${line}`)
      .join('\n'),
  ).join('\n');
}
