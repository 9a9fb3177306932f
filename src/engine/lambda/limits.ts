/**
 * Lambda limits and the simulator's cost model, as named constants with units and sources.
 * Each constant names its AWS source; docs/sources.md lists them all.
 */

/** Minimum function timeout, seconds. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const MIN_TIMEOUT_SECONDS = 1;
/** Maximum function timeout, seconds (15 min). https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const MAX_TIMEOUT_SECONDS = 900;
/** Default function timeout, seconds (console/API default). https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html */
export const DEFAULT_TIMEOUT_SECONDS = 3;
/** Minimum memory, MB. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (128 MB–10,240 MB in 1 MB steps) */
export const MIN_MEMORY_MB = 128;
/** Maximum memory, MB. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const MAX_MEMORY_MB = 10_240;
/** Default memory, MB. https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html */
export const DEFAULT_MEMORY_MB = 128;
/** Memory at which a function has the equivalent of one full vCPU, MB. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html ("1,769 MB ≈ 1 vCPU") */
export const ONE_VCPU_MEMORY_MB = 1_769;
/** Init phase limit, ms. https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html ("limited to 10 seconds") */
export const INIT_TIMEOUT_MS = 10_000;
/** Largest synchronous request payload, bytes (6 MiB). https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html (2018 capture "limit 6291456 bytes") */
export const MAX_SYNC_REQUEST_BYTES = 6_291_456;
/** Largest synchronous response payload, bytes (6 MiB + 100). Facts §7 ("maximum allowed payload size (6291556 bytes)") */
export const MAX_SYNC_RESPONSE_BYTES = 6_291_556;

// ---------------------------------------------------------------- simulator cost model (illustrative)

/**
 * Virtual CPU time charged per QuickJS interrupt poll at one full vCPU, microseconds. QuickJS polls
 * the interrupt handler about every 10,000 bytecode branch/call steps (≈ 5,000 iterations of a simple
 * loop, measured). ILLUSTRATIVE: chosen so a simple loop runs ≈ 50 M iterations per virtual second at
 * 1 vCPU; real V8 speed varies far more with the code. Not an AWS fact.
 */
export const CPU_US_PER_INTERRUPT_AT_ONE_VCPU = 100;
/** Virtual time the Node.js runtime needs to bootstrap before user code runs, ms. ILLUSTRATIVE (typical 100–200 ms cold starts). */
export const RUNTIME_BOOTSTRAP_MS = 120;
/** Fixed virtual overhead of one invocation (runtime API round trip), ms. ILLUSTRATIVE. */
export const INVOKE_OVERHEAD_MS = 1;
/** Max Memory Used of an idle Node.js runtime, MB. ILLUSTRATIVE (hello-world Node functions report ≈ 60–75 MB). */
export const NODE_BASELINE_MB = 64;
/**
 * QuickJS heap bytes that stand for one simulated MB above the baseline. ILLUSTRATIVE scale (1/16):
 * QuickJS objects are smaller than V8's and a 1:1 limit would make memory bombs slow to simulate.
 */
export const QUICKJS_BYTES_PER_SIMULATED_MB = 65_536;
/** QuickJS native stack limit, bytes. Measured: larger values overflow the wasm stack before QuickJS's own check. */
export const MAX_STACK_BYTES = 256 * 1024;
/** Default wall-clock budget for one init or invocation before the runaway-CPU guard ends it, ms. */
export const DEFAULT_WALL_BUDGET_MS = 5_000;

/** CPU microseconds charged per interrupt poll for a function with `memoryMB` (CPU share scales with memory, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export function cpuMicrosPerInterrupt(memoryMB: number): number {
  return Math.round((CPU_US_PER_INTERRUPT_AT_ONE_VCPU * ONE_VCPU_MEMORY_MB) / Math.min(memoryMB, ONE_VCPU_MEMORY_MB));
}

/** The QuickJS memory limit for a configured memory size, given the heap bytes the runtime itself uses. */
export function quickjsMemoryLimitBytes(memoryMB: number, runtimeBaselineBytes: number): number {
  return runtimeBaselineBytes + Math.max(1, memoryMB - NODE_BASELINE_MB) * QUICKJS_BYTES_PER_SIMULATED_MB;
}

/** Simulated "Max Memory Used" (MB) for a QuickJS heap size, capped at the configured memory. */
export function simulatedMemoryMB(heapBytes: number, runtimeBaselineBytes: number, memoryMB: number): number {
  const mb = NODE_BASELINE_MB + Math.ceil(Math.max(0, heapBytes - runtimeBaselineBytes) / QUICKJS_BYTES_PER_SIMULATED_MB);
  return Math.min(mb, memoryMB);
}
