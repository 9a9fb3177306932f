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
/**
 * Virtual CPU time to read, parse and compile 1 KiB of the function's JavaScript at one full vCPU,
 * microseconds (QuickJS compiles outside its interrupt polls, so without this a 1.2 MB bundle cost no
 * Init Duration at all). ILLUSTRATIVE, calibrated on public cold starts of Node.js bundles: a 1.5 MB
 * bundle ≈ 1,000 ms at 768 MB, ≈ 100 ms once minified to 260 KB
 * (https://www.gomomento.com/blog/how-we-turned-up-the-heat-on-node-js-lambda-cold-starts/); AWS notes
 * that Node.js "reads and parses all dependencies and sources that are required or imported"
 * (https://aws.amazon.com/blogs/compute/optimizing-node-js-dependencies-in-aws-lambda/). 40 µs/KiB gives a
 * 1.2 MB bundle ≈ 0.65 s at 128 MB and ≈ 0.1 s at 768 MB. Charged once per file, when it is first loaded.
 */
export const SOURCE_LOAD_US_PER_KIB_AT_ONE_VCPU = 40;
/**
 * Virtual CPU time the event loop spends on one macrotask (a timer or immediate callback's dispatch, not the
 * callback's own code, which interrupt polls charge) at one full vCPU, microseconds. ILLUSTRATIVE: Node.js
 * dispatches a timer or immediate in about a microsecond on a fast core; 5 µs allows for slower cores. Scaled by
 * the function's CPU share like every other CPU charge ({@link macrotaskMicros}).
 */
export const MACROTASK_US_AT_ONE_VCPU = 5;
/** Virtual time the Node.js runtime needs to bootstrap before user code runs, ms. ILLUSTRATIVE (typical 100–200 ms cold starts). */
export const RUNTIME_BOOTSTRAP_MS = 120;
/** Fixed virtual overhead of one invocation (runtime API round trip), ms. ILLUSTRATIVE. */
export const INVOKE_OVERHEAD_MS = 1;
/** Max Memory Used of an idle Node.js runtime, MB. ILLUSTRATIVE (hello-world Node functions report ≈ 60–75 MB). */
export const NODE_BASELINE_MB = 64;
/**
 * Simulated (Node.js) bytes that one byte of QuickJS heap stands for. ILLUSTRATIVE, calibrated on Node 22
 * (`process.memoryUsage().heapUsed` after `gc()`) against QuickJS (`computeMemoryUsage`) for the same
 * programs: 1e6 objects `{ i, s: 'x'.repeat(100) + i }` 300 MB vs 186 MB; 1e6 doubles in an array 9.9 MB vs
 * 7.7 MB; a Map of 2e5 small records 31.4 MB vs 32.0 MB. Strings and typed arrays take about their byte
 * size in both. 1.25 keeps each figure within ±30 % of Node's. SIMULATION.md has the table.
 */
export const NODE_BYTES_PER_QUICKJS_BYTE = 1.25;
/**
 * Most real memory one sandbox may use, bytes: it protects the browser tab (and the CLI) from a program
 * that would need gigabytes. A program that needs more real memory than this, while its simulated use is
 * still under the function's memory size, ends in {@link SimulatorLimitError} instead of an invented
 * outcome. ILLUSTRATIVE: 384 MiB stands for ≈ 544 MB of simulated Node memory.
 */
export const DEFAULT_REAL_MEMORY_BUDGET_BYTES = 384 * 1024 * 1024;
const MIB = 1024 * 1024;
/** QuickJS native stack limit, bytes. Measured: larger values overflow the wasm stack before QuickJS's own check. */
export const MAX_STACK_BYTES = 256 * 1024;
/** Default wall-clock budget for one init or invocation before the runaway-CPU guard ends it, ms. */
export const DEFAULT_WALL_BUDGET_MS = 5_000;

/** CPU microseconds charged per interrupt poll for a function with `memoryMB` (CPU share scales with memory, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export function cpuMicrosPerInterrupt(memoryMB: number): number {
  return Math.round((CPU_US_PER_INTERRUPT_AT_ONE_VCPU * ONE_VCPU_MEMORY_MB) / Math.min(memoryMB, ONE_VCPU_MEMORY_MB));
}

/**
 * CPU microseconds charged per macrotask for a function with `memoryMB`: CPU share scales with memory up to one vCPU
 * at 1,769 MB (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html), so at 128 MB dispatching
 * a callback takes about 14 times as long as at 1,769 MB.
 */
export function macrotaskMicros(memoryMB: number): number {
  return Math.round((MACROTASK_US_AT_ONE_VCPU * ONE_VCPU_MEMORY_MB) / Math.min(memoryMB, ONE_VCPU_MEMORY_MB));
}

/** CPU microseconds charged for loading `chars` characters of source with `memoryMB` (CPU share scales with memory, D14). */
export function sourceLoadMicros(chars: number, memoryMB: number): number {
  return Math.round(((chars / 1024) * SOURCE_LOAD_US_PER_KIB_AT_ONE_VCPU * ONE_VCPU_MEMORY_MB) / Math.min(memoryMB, ONE_VCPU_MEMORY_MB));
}

/**
 * The QuickJS memory limit that stands for a configured memory size, given the heap bytes the runtime
 * itself uses (the idle runtime is {@link NODE_BASELINE_MB}).
 */
export function quickjsMemoryLimitBytes(memoryMB: number, runtimeBaselineBytes: number): number {
  return runtimeBaselineBytes + Math.round((Math.max(1, memoryMB - NODE_BASELINE_MB) * MIB) / NODE_BYTES_PER_QUICKJS_BYTE);
}

/** Simulated "Max Memory Used" (MB) for a QuickJS heap size, capped at the configured memory. */
export function simulatedMemoryMB(heapBytes: number, runtimeBaselineBytes: number, memoryMB: number): number {
  const mb = NODE_BASELINE_MB + Math.ceil((Math.max(0, heapBytes - runtimeBaselineBytes) * NODE_BYTES_PER_QUICKJS_BYTE) / MIB);
  return Math.min(mb, memoryMB);
}

/**
 * Thrown by an invocation (the promise of `invoke` rejects) when the program needs more real memory than
 * the simulator may use ({@link DEFAULT_REAL_MEMORY_BUDGET_BYTES}) while its simulated use is still below
 * the function's memory size: Lambda would still be running it, so the simulator says so instead of
 * reporting an out-of-memory that AWS would not. The environment is discarded.
 */
export class SimulatorLimitError extends Error {
  /** Permanent code, printed by the CLI with the message (not a finding: nothing is wrong with the function). */
  readonly code = 'LT-SIM-MEMORY-BUDGET';
  /** Simulated MB the program had reached when the budget ran out. */
  readonly simulatedMB: number;
  constructor(budgetBytes: number, simulatedMB: number, memoryMB: number) {
    super(
      `This program needs more than the ${Math.round(budgetBytes / MIB)} MiB of real memory the simulator may use ` +
        `(it had reached about ${simulatedMB} MB of simulated Node.js memory, below the function's ${memoryMB} MB, so on Lambda it ` +
        'would still be running). The simulator stops here rather than invent an outcome: run it with the Node runner ' +
        '(`lambda-triage invoke … --runner node`), or lower the memory the program needs.',
    );
    this.name = 'SimulatorLimitError';
    this.simulatedMB = simulatedMB;
  }
}
