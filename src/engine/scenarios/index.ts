/**
 * Scenarios: small incidents with a broken handler and checks that know when it is truly fixed.
 * `runScenarioChecks(scenario, submission, deps)` is the entry point; the check kinds are `CHECK_KINDS`.
 */
export * from './types.ts';
export { runScenarioChecks, SCENARIO_ACCOUNT, type ScenarioDeps } from './run.ts';
export { CHECK_KINDS, describeCheck, decisiveLogLine } from './checks.ts';
export { planCases, LARGE_BODY_BYTES, type PlannedCase } from './cases.ts';
export {
  parseResourcePolicy,
  parseFunctionConfigFile,
  isInvokeAllowed,
  invokeRequestFor,
  FRONT_DOOR_PRINCIPALS,
  type ResourcePolicy,
  type ResourcePolicyStatement,
  type FunctionConfigFile,
  type InvokeRequestContext,
} from './config-files.ts';
