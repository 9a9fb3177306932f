/**
 * Parsing of untrusted function configuration into a complete {@link FunctionConfig}.
 */
import type { ApplicationLogLevel, FunctionConfig } from '../types.ts';
import { isRuntimeId } from './runtime-ids.ts';
import { DEFAULT_EPHEMERAL_STORAGE_MB, MAX_EPHEMERAL_STORAGE_MB, MIN_EPHEMERAL_STORAGE_MB } from '../sandbox/builtins/tmp-fs.ts';
import {
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_SECONDS,
  MAX_MEMORY_MB,
  MAX_TIMEOUT_SECONDS,
  MIN_MEMORY_MB,
  MIN_TIMEOUT_SECONDS,
} from './limits.ts';
import { checkManagedInstancesConfig } from './managed-instances-config.ts';

/** LoggingConfig.ApplicationLogLevel values, most detail first (https://docs.aws.amazon.com/lambda/latest/api/API_LoggingConfig.html). */
export const APPLICATION_LOG_LEVELS: readonly ApplicationLogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/** Defaults applied to missing fields. Region/account are ILLUSTRATIVE placeholders. */
export const DEFAULT_FUNCTION_CONFIG: FunctionConfig = {
  functionName: 'my-function',
  handler: 'index.handler',
  runtime: 'nodejs22.x',
  timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
  memoryMB: DEFAULT_MEMORY_MB,
  ephemeralStorageMB: DEFAULT_EPHEMERAL_STORAGE_MB,
  environment: {},
  logFormat: 'Text',
  region: 'us-east-1',
  accountId: '123456789012',
};

/** Result of {@link parseFunctionConfig}. */
export type ParseConfigResult = { ok: true; config: FunctionConfig } | { ok: false; error: string };

/** Validate a partial configuration (limits per https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html) and fill defaults. */
export function parseFunctionConfig(input: Partial<FunctionConfig>): ParseConfigResult {
  const c: FunctionConfig = { ...DEFAULT_FUNCTION_CONFIG, ...input, environment: { ...(input.environment ?? {}) } };
  if (!isRuntimeId(c.runtime)) {
    return { ok: false, error: `Unknown runtime "${String(c.runtime)}": use nodejs20.x, nodejs22.x, nodejs24.x, python3.12, python3.13 or python3.14.` };
  }
  if (!Number.isInteger(c.timeoutSeconds) || c.timeoutSeconds < MIN_TIMEOUT_SECONDS || c.timeoutSeconds > MAX_TIMEOUT_SECONDS) {
    return { ok: false, error: `Timeout must be a whole number of seconds from ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS}; got ${String(c.timeoutSeconds)}.` };
  }
  if (!Number.isInteger(c.memoryMB) || c.memoryMB < MIN_MEMORY_MB || c.memoryMB > MAX_MEMORY_MB) {
    return { ok: false, error: `Memory must be a whole number of MB from ${MIN_MEMORY_MB} to ${MAX_MEMORY_MB}; got ${String(c.memoryMB)}.` };
  }
  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html: 512–10,240 MB, whole MB.
  if (!Number.isInteger(c.ephemeralStorageMB) || c.ephemeralStorageMB! < MIN_EPHEMERAL_STORAGE_MB || c.ephemeralStorageMB! > MAX_EPHEMERAL_STORAGE_MB) {
    return { ok: false, error: `Ephemeral storage (/tmp) must be a whole number of MB from ${MIN_EPHEMERAL_STORAGE_MB} to ${MAX_EPHEMERAL_STORAGE_MB}; got ${String(c.ephemeralStorageMB)}.` };
  }
  if (c.logFormat !== 'Text' && c.logFormat !== 'JSON') {
    return { ok: false, error: `Log format must be Text or JSON; got ${String(c.logFormat)}.` };
  }
  if (c.applicationLogLevel !== undefined) {
    if (!(APPLICATION_LOG_LEVELS as readonly unknown[]).includes(c.applicationLogLevel)) {
      return { ok: false, error: `Application log level must be one of ${APPLICATION_LOG_LEVELS.join(', ')}; got ${String(c.applicationLogLevel)}.` };
    }
    // "To use log-level filtering, your function must be configured to use the JSON log format."
    // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html
    if (c.logFormat !== 'JSON') return { ok: false, error: 'Log-level filtering needs the JSON log format: set the log format to JSON.' };
  }
  if (c.concurrencyPerEnvironment !== undefined) {
    const mi = checkManagedInstancesConfig(c.concurrencyPerEnvironment, c.runtime, input.logFormat);
    if (mi !== null) return { ok: false, error: mi };
    // "Lambda Managed Instances only support JSON log format. When you create a Managed Instances function,
    // Lambda automatically configures the log format to JSON":
    // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html
    c.logFormat = 'JSON';
  }
  if (typeof c.handler !== 'string' || c.handler === '') return { ok: false, error: 'Handler must be a non-empty string such as index.handler.' };
  if (!/^[a-zA-Z0-9-_]{1,64}$/.test(c.functionName)) {
    return { ok: false, error: `Function name must be 1–64 letters, digits, hyphens or underscores; got "${c.functionName}".` };
  }
  for (const [k, v] of Object.entries(c.environment)) {
    if (typeof v !== 'string') return { ok: false, error: `Environment variable ${k} must be a string.` };
  }
  return { ok: true, config: c };
}
