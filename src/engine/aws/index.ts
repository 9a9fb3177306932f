/** The simulated AWS world: SDK v3 packages, state, IAM, downstream faults, HTTP dependencies. See SIMULATION.md "AWS world". */
export { createAwsWorld, parsePolicies, DEFAULT_AWS_LATENCY_MS, DEFAULT_HTTP_LATENCY_MS, type AwsWorld, type AwsWorldOptions, type AwsCallRecord } from './world.ts';
export { parseAwsState, snapshotAwsState, type AwsState, type ParseAwsStateResult, type HttpHostSpec, type HttpRouteSpec } from './state.ts';
export { parseFaults, sampleLatency, type Faults, type FaultRule, type LatencySpec, type ParseFaultsResult } from './faults.ts';
export { diagnoseCalls, callsOf, simulatorGapFindings } from './diagnose.ts';
export { accessDeniedError, simulatorUnsupported, SIMULATOR_UNSUPPORTED_ERROR, AWS_SERVICES, SERVICE_LABELS, ERROR_PRESETS, type AwsService, type ErrorPreset, type WireError } from './errors.ts';
export { OPERATIONS, iamTarget, iamTargets, resolveFunctionName, secretSuffix, MAX_BATCH_GET_ITEMS, MAX_BATCH_WRITE_ITEMS, MAX_TRANSACT_ITEMS, MAX_PUT_EVENTS_ENTRIES, MAX_PARAMETERS_BY_PATH_RESULTS, MAX_SQS_BATCH_ENTRIES, MAX_GET_PARAMETERS_NAMES } from './operations.ts';
export { SIMULATED_PACKAGES, SDK_CORE_SPECIFIER, unsupportedPackage } from './sdk-source.ts';
export * from '../iam/index.ts';
