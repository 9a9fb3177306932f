/**
 * Entry point of the `lambda-triage` CLI: global options (`--help`, `--version`), then dispatch to one of
 * the commands listed in commands.ts. Command modules load on demand, so start-up stays small.
 */
import { commandNames, findCommand } from './commands.ts';
import type { Io } from './invoke-command.ts';
import packageJson from '../../package.json' with { type: 'json' };

/** The version `lambda-triage --version` prints (the package version). */
export const VERSION: string = packageJson.version;

/** Run the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [first] = argv;
  if (first === '--version' || first === '-V') {
    io.out(`lambda-triage ${VERSION}`);
    return 0;
  }
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === undefined) {
      io.err(`lambda-triage: missing command; the commands are ${commandNames()} (run \`lambda-triage --help\`)`);
      return 2;
    }
    const { USAGE } = await import('./args.ts');
    io.out(USAGE);
    return 0;
  }
  // Guide links that are local page paths get one line saying how to open them, after the output.
  let localGuides = false;
  const { isLocalGuideLine, localGuidesHint } = await import('./format.ts');
  const watched: Io = {
    out: (s) => {
      if (!localGuides && isLocalGuideLine(s)) localGuides = true;
      io.out(s);
    },
    err: io.err,
    ...(io.processExitsAfter ? { processExitsAfter: true } : {}),
  };
  const code = await dispatch(first, argv, watched);
  if (localGuides) {
    io.out('');
    io.out(localGuidesHint());
  }
  return code;
}

/** Runs the command `first` names (or reports an unknown one). */
async function dispatch(first: string, argv: string[], io: Io): Promise<number> {
  const command = findCommand(first);
  if (command) return command.run(argv, io);
  if (!first.startsWith('-')) {
    io.err(`lambda-triage: unknown command "${first}"; the commands are ${commandNames()} (run \`lambda-triage --help\`)`);
    return 2;
  }
  // Options before the command (`lambda-triage --json invoke h.mjs`): the invoke parser finds the command.
  return findCommand('invoke')!.run(argv, io);
}
