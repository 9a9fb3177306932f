/**
 * Limits and checks of the Lambda Managed Instances option (`concurrencyPerEnvironment`): several invocations
 * at once in one execution environment. The model itself is `managed-instances.ts`.
 */
import type { LogFormat } from '../types.ts';

/**
 * Smallest `PerExecutionEnvironmentMaxConcurrency`, invocations per environment.
 * https://docs.aws.amazon.com/lambda/latest/api/API_LambdaManagedInstancesCapacityProviderConfig.html
 */
export const MIN_CONCURRENCY_PER_ENVIRONMENT = 1;

/**
 * Largest `PerExecutionEnvironmentMaxConcurrency`, invocations per environment ("Valid Range: Minimum value of 1.
 * Maximum value of 1600"). https://docs.aws.amazon.com/lambda/latest/api/API_LambdaManagedInstancesCapacityProviderConfig.html
 */
export const MAX_CONCURRENCY_PER_ENVIRONMENT = 1600;

/**
 * Lambda's default for Node.js runtimes: 64 concurrent requests per vCPU.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html
 */
export const DEFAULT_NODEJS_CONCURRENCY_PER_VCPU = 64;

/**
 * Node.js runtimes that run on Managed Instances ("Node.js: Node.js 22 and later"):
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-runtimes.html. Python 3.13+ is supported by
 * AWS too, with one process per concurrent request, which the simulator does not model.
 */
export const MANAGED_INSTANCES_RUNTIMES: readonly string[] = ['nodejs22.x', 'nodejs24.x'];

/**
 * Check a `concurrencyPerEnvironment` value against the runtime and the requested log format; null when valid,
 * else one message saying what is wrong and what to do.
 */
export function checkManagedInstancesConfig(value: unknown, runtime: string, logFormat: LogFormat | undefined): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_CONCURRENCY_PER_ENVIRONMENT || value > MAX_CONCURRENCY_PER_ENVIRONMENT) {
    return `Concurrency per environment (Lambda Managed Instances) must be a whole number from ${MIN_CONCURRENCY_PER_ENVIRONMENT} to ${MAX_CONCURRENCY_PER_ENVIRONMENT}; got ${String(value)}.`;
  }
  if (!MANAGED_INSTANCES_RUNTIMES.includes(runtime)) {
    return `Concurrency per environment (Lambda Managed Instances) is simulated for ${MANAGED_INSTANCES_RUNTIMES.join(' and ')}; got ${runtime}. Use nodejs22.x or nodejs24.x, or drop the option.`;
  }
  if (logFormat === 'Text') {
    return 'Lambda Managed Instances only support the JSON log format: drop the Text log format (the simulator then uses JSON, as Lambda does).';
  }
  return null;
}
