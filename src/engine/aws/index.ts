/** The simulated AWS world: SDK v3 packages, state, IAM, downstream faults, HTTP dependencies. See SIMULATION.md "AWS world". */
export { createAwsWorld, parsePolicies, DEFAULT_AWS_LATENCY_MS, DEFAULT_HTTP_LATENCY_MS, type AwsWorld, type AwsWorldOptions, type AwsCallRecord } from './world.ts';
export { parseAwsState, snapshotAwsState, type AwsState, type ParseAwsStateResult, type HttpHostSpec, type HttpRouteSpec } from './state.ts';
export { parseFaults, sampleLatency, type Faults, type FaultRule, type LatencySpec, type ParseFaultsResult } from './faults.ts';
export { diagnoseCalls, callsOf } from './diagnose.ts';
export { accessDeniedError, AWS_SERVICES, SERVICE_LABELS, ERROR_PRESETS, type AwsService, type ErrorPreset, type WireError } from './errors.ts';
export { OPERATIONS, iamTarget, secretSuffix } from './operations.ts';
export { SIMULATED_PACKAGES, SDK_CORE_SPECIFIER } from './sdk-source.ts';
export * from '../iam/index.ts';
