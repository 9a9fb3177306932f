/**
 * Command-line parsing for `lambda-triage` (node:util parseArgs). All option definitions live here so
 * other commands and options (`diagnose`, `scenario`, `--integration`) can be added in one place.
 */
import { parseArgs } from 'node:util';

/** Usage text printed by `--help`. */
export const USAGE = `Usage: lambda-triage <command> [options]

Commands:
  invoke <handler-file>   Run a handler in the Lambda simulator and print its logs and result.

Options for invoke:
  --handler NAME     Handler string file.export (default: <file name>.handler)
  --runtime ID       nodejs20.x | nodejs22.x | nodejs24.x (default nodejs22.x)
  --event FILE       JSON event file (default {})
  --timeout S        Timeout in seconds, 1-900 (default 3)
  --memory MB        Memory in MB, 128-10240 (default 128)
  --env K=V          Environment variable (repeatable)
  --times N          Invoke N times on the same (warm) environment (default 1)
  --json             Print one JSON report instead of the log stream
  -h, --help         Show this help
`;

/** Parsed `invoke` options. */
export interface InvokeArgs {
  command: 'invoke';
  file: string;
  handler: string | undefined;
  runtime: string;
  event: string | undefined;
  timeout: number;
  memory: number;
  env: Record<string, string>;
  times: number;
  json: boolean;
}

/** Result of {@link parseCliArgs}. */
export type ParsedArgs = { ok: true; args: InvokeArgs } | { ok: true; help: true } | { ok: false; error: string };

function toInt(name: string, value: string | undefined, fallback: number): number | string {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) return `--${name} must be a whole number, got "${value}"`;
  return Number(value);
}

/** Parse argv (without node and script). Never throws. */
export function parseCliArgs(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        handler: { type: 'string' },
        runtime: { type: 'string', default: 'nodejs22.x' },
        event: { type: 'string' },
        timeout: { type: 'string' },
        memory: { type: 'string' },
        env: { type: 'string', multiple: true },
        times: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, help: true };
  const [command, file, ...rest] = positionals;
  if (command === undefined) return { ok: false, error: 'missing command (try: lambda-triage invoke handler.mjs)' };
  if (command !== 'invoke') return { ok: false, error: `unknown command "${command}" (available: invoke)` };
  if (file === undefined) return { ok: false, error: 'invoke needs a handler file' };
  if (rest.length > 0) return { ok: false, error: `unexpected argument "${rest[0]}"` };
  const timeout = toInt('timeout', values.timeout, 3);
  if (typeof timeout === 'string') return { ok: false, error: timeout };
  const memory = toInt('memory', values.memory, 128);
  if (typeof memory === 'string') return { ok: false, error: memory };
  const times = toInt('times', values.times, 1);
  if (typeof times === 'string') return { ok: false, error: times };
  if (times < 1) return { ok: false, error: '--times must be at least 1' };
  const env: Record<string, string> = {};
  for (const kv of values.env ?? []) {
    const i = kv.indexOf('=');
    if (i <= 0) return { ok: false, error: `--env expects K=V, got "${kv}"` };
    env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return {
    ok: true,
    args: { command: 'invoke', file, handler: values.handler, runtime: values.runtime ?? 'nodejs22.x', event: values.event, timeout, memory, env, times, json: values.json ?? false },
  };
}
