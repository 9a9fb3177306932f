/**
 * Entry point of the `lambda-triage` CLI. Dispatches to commands; arguments are parsed in args.ts.
 */
import { parseCliArgs, USAGE } from './args.ts';
import { runInvoke, type Io } from './invoke-command.ts';
import { runDiagnose } from './diagnose-command.ts';
import { runScenariosCommand } from './scenarios-command.ts';

/** Run the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'diagnose') return runDiagnose(argv.slice(1), io);
  if (argv[0] === 'scenarios' || argv[0] === 'scenario') return runScenariosCommand(argv, io);
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    io.err(`lambda-triage: ${parsed.error}`);
    return 2;
  }
  if ('help' in parsed) {
    io.out(USAGE);
    return 0;
  }
  return runInvoke(parsed.args, io);
}
