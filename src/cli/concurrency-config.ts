/**
 * `--concurrency-per-environment N` applied to a function's configuration (Lambda Managed Instances). Apart from
 * concurrent-command.ts, so a plain `invoke` checks the option without loading the `--concurrent` mode.
 */
import { parseFunctionConfig } from '../engine/lambda/function-config.ts';
import type { FunctionConfig } from '../engine/types.ts';

/** The configuration with `--concurrency-per-environment` applied, or the message parseFunctionConfig gives. */
export function withConcurrencyPerEnvironment(config: FunctionConfig, n: number | undefined): { ok: true; config: FunctionConfig } | { ok: false; error: string } {
  if (n === undefined) return { ok: true, config };
  const { logFormat: _logFormat, ...rest } = config;
  void _logFormat;
  const parsed = parseFunctionConfig({ ...rest, concurrencyPerEnvironment: n });
  return parsed.ok ? { ok: true, config: parsed.config } : { ok: false, error: parsed.error };
}
