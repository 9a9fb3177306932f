/**
 * Lambda's reserved runtime environment variables for a Node.js or Python function.
 * Source: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 * (names and meanings verified; values marked ILLUSTRATIVE are simulator choices).
 */
import type { FunctionConfig } from '../types.ts';
import type { RuntimeId } from '../vocabulary.ts';
import { isPythonRuntime } from './runtime-ids.ts';

/**
 * `process.version` per runtime. UNVERIFIED / ILLUSTRATIVE: the managed runtimes track patch releases;
 * the simulator reports the major line only with `.0.0`.
 */
export const NODE_VERSIONS: Record<RuntimeId, string> = {
  'nodejs20.x': 'v20.0.0',
  'nodejs22.x': 'v22.0.0',
  'nodejs24.x': 'v24.0.0',
  // Python runtimes run no Node.js (the Python executor never reads these).
  'python3.12': '',
  'python3.13': '',
  'python3.14': '',
};

/** Reserved variable names users cannot set (the docs' "reserved" list). */
export const RESERVED_ENV_NAMES: readonly string[] = [
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
];

/** The execution role's temporary keys, as Lambda hands them to the function. */
export interface RoleKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/**
 * Keys for an environment with no simulated AWS world attached (a bare sandbox). ILLUSTRATIVE, never real keys;
 * with a world, the keys are the world's own for the simulated role (world.ts `roleCredentials`).
 */
export const PLACEHOLDER_ROLE_KEYS: RoleKeys = {
  accessKeyId: 'ASIASIMULATEDKEY0001',
  secretAccessKey: 'simulated-secret-access-key',
  sessionToken: 'simulated-session-token',
};

/**
 * The environment a function's process sees: reserved variables plus the user's (reserved names win).
 * `keys` are the execution role's temporary credentials: Lambda sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN in every function's environment ("The access keys obtained from the function's execution
 * role", the reserved-variables table of the page cited at the top), so handlers that read them (SigV4 signing by
 * hand, the Parameters and Secrets extension's X-Aws-Parameters-Secrets-Token header) find them as on AWS.
 */
export function buildLambdaEnvironment(config: FunctionConfig, logStreamName: string, keys: RoleKeys = PLACEHOLDER_ROLE_KEYS): Record<string, string> {
  const major = config.runtime.replace(/^nodejs(\d+)\.x$/, '$1');
  const reserved: Record<string, string> = {
    _HANDLER: config.handler,
    AWS_REGION: config.region,
    AWS_DEFAULT_REGION: config.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: config.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMB),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001', // ILLUSTRATIVE host:port
    LAMBDA_TASK_ROOT: '/var/task',
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    AWS_SESSION_TOKEN: keys.sessionToken,
    TZ: ':UTC',
  };
  const unreserved: Record<string, string> = {
    LANG: 'en_US.UTF-8',
    PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
    LD_LIBRARY_PATH: '/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib',
  };
  if (isPythonRuntime(config.runtime)) {
    // The docs' PYTHONPATH row: "(Python) $LAMBDA_RUNTIME_DIR".
    unreserved['PYTHONPATH'] = '/var/runtime';
  } else {
    // ILLUSTRATIVE: shape per the docs' NODE_PATH row; exact per-runtime value UNVERIFIED.
    unreserved['NODE_PATH'] = `/opt/nodejs/node${major}/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task`;
  }
  if (config.logFormat === 'JSON') unreserved['AWS_LAMBDA_LOG_FORMAT'] = 'JSON';
  // Lambda hands the application log level to the runtime in AWS_LAMBDA_LOG_LEVEL (JSON format only). With no
  // level configured it is INFO: "The default application log level for log filtering is INFO"
  // (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html). So in JSON format
  // console.debug/trace (Node.js) are dropped by default and Python's root logger starts at INFO.
  if (config.logFormat === 'JSON') unreserved['AWS_LAMBDA_LOG_LEVEL'] = config.applicationLogLevel ?? 'INFO';
  // Lambda Managed Instances: the runtime interface client (v4) switches to its multi-concurrent mode when
  // AWS_LAMBDA_MAX_CONCURRENCY is set (src/utils/env.ts `isMultiConcurrentMode`,
  // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client). The value Lambda puts there is UNVERIFIED;
  // the simulator writes the configured concurrency per environment.
  if (config.concurrencyPerEnvironment !== undefined) unreserved['AWS_LAMBDA_MAX_CONCURRENCY'] = String(config.concurrencyPerEnvironment);
  const env: Record<string, string> = { ...unreserved, ...config.environment, ...reserved };
  return env;
}
