/**
 * The shared vocabulary of Lambda Triage as TypeScript types.
 *
 * The causes themselves (title, bucket, summary, typical statuses) are defined once, in
 * `content/causes.yaml`. The engine cannot read content files (it runs in a Worker), so it carries
 * the list of ids as a type; `tests/schemas/causes.test.ts` fails if the two lists ever differ.
 */

/** Stable cause ids used by guides, the tree, scenarios, engine findings and the analyzer. */
export const CAUSE_IDS = [
  'unhandled-exception',
  'timeout',
  'out-of-memory',
  'init-failure',
  'malformed-response',
  'access-denied',
  'invoke-permission',
  'payload-too-large',
  'invalid-input',
  'throttling',
  'integration-timeout',
  'downstream-failure',
  'integration-config',
] as const;

/** One cause id. */
export type CauseId = (typeof CAUSE_IDS)[number];

/** Is `value` one of the cause ids? */
export function isCauseId(value: unknown): value is CauseId {
  return typeof value === 'string' && (CAUSE_IDS as readonly string[]).includes(value);
}

/**
 * The front doors a caller can reach a function through.
 * - `invoke`: the Lambda Invoke API called directly (SDK, CLI).
 * - `apigw-rest`: API Gateway REST API with a Lambda proxy integration.
 * - `http-api-v1` / `http-api-v2`: API Gateway HTTP API, payload format 1.0 or 2.0.
 * - `function-url`: a Lambda function URL (BUFFERED invoke mode).
 * - `alb`: an Application Load Balancer with a Lambda target group.
 */
export const FRONT_DOORS = ['invoke', 'apigw-rest', 'http-api-v1', 'http-api-v2', 'function-url', 'alb'] as const;

/** One front door id. */
export type FrontDoor = (typeof FRONT_DOORS)[number];

/** Is `value` one of the front door ids? */
export function isFrontDoor(value: unknown): value is FrontDoor {
  return typeof value === 'string' && (FRONT_DOORS as readonly string[]).includes(value);
}

/** Human names for the front doors, for UI and CLI output. */
export const FRONT_DOOR_LABELS: Record<FrontDoor, string> = {
  invoke: 'Direct invoke (Lambda API)',
  'apigw-rest': 'API Gateway REST API (Lambda proxy)',
  'http-api-v1': 'API Gateway HTTP API (payload 1.0)',
  'http-api-v2': 'API Gateway HTTP API (payload 2.0)',
  'function-url': 'Lambda function URL',
  alb: 'Application Load Balancer',
};

/** The causes' three buckets. */
export const BUCKETS = ['function', 'runtime', 'integration'] as const;

/** One bucket. */
export type Bucket = (typeof BUCKETS)[number];

/**
 * Node.js runtimes the simulator models: the ones the QuickJS sandbox and the Node runner run, and the list the
 * playground offers (Python is not in the playground yet).
 */
export const RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;

/**
 * Python runtimes the simulator models (all run on the CPython that Pyodide ships: SIMULATION.md, "Python").
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
export const PYTHON_RUNTIMES = ['python3.12', 'python3.13', 'python3.14'] as const;

/** Every runtime id the simulator models (Node.js and Python). */
export const ALL_RUNTIMES = [...RUNTIMES, ...PYTHON_RUNTIMES] as const;

/** One runtime id. */
export type RuntimeId = (typeof ALL_RUNTIMES)[number];
