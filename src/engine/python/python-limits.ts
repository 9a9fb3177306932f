/**
 * The Python executor's cost and memory model, as named constants with units. None is an AWS fact: each is
 * a simulator choice marked ILLUSTRATIVE, with what it was calibrated on. The Lambda limits themselves
 * (timeouts, memory sizes, payloads) stay in `../lambda/limits.ts`.
 */

/** Bytes in one WebAssembly memory page (the unit `memory.grow` counts in). WebAssembly core spec. */
export const WASM_PAGE_BYTES = 65_536;

/**
 * Max Memory Used of an idle Python runtime, MB. ILLUSTRATIVE: hello-world python3.12/3.13 functions report
 * about 30–45 MB in REPORT lines; the simulator starts every Python environment here.
 */
export const PYTHON_BASELINE_MB = 40;

/**
 * Simulated (64-bit CPython on Lambda) bytes that one byte of Pyodide's wasm32 heap stands for. ILLUSTRATIVE:
 * wasm32 pointers are 4 bytes, so a list of n items takes 4n bytes in Pyodide and 8n on Lambda (×2), while
 * `bytes` and ASCII `str` take the same space in both (×1); 1.5 keeps both within ±35 %.
 */
export const PYTHON_BYTES_PER_WASM_BYTE = 1.5;

/**
 * Virtual CPU charged per watchdog poll at one full vCPU, microseconds. CPython consults the poll every 50
 * eval-breaker checks (backward jumps and calls: `PY_EMSCRIPTEN_SIGNAL_INTERVAL` in CPython's
 * Python/emscripten_signal.c), which is about 50 iterations of a simple loop. ILLUSTRATIVE: CPython runs
 * about 25 M simple loop iterations per second on one vCPU, so 50 iterations ≈ 2 µs.
 */
export const PYTHON_CPU_US_PER_POLL_AT_ONE_VCPU = 2;

/**
 * Watchdog polls an init or invocation must have made before the wall-clock guard may end it (as in the
 * QuickJS sandbox: a merely slow host must not turn an ordinary invocation into a timeout). ILLUSTRATIVE:
 * 20,000 polls ≈ 1 M loop iterations.
 */
export const PYTHON_MIN_POLLS_FOR_WALL_GUARD = 20_000;

/**
 * Most Python execution environments alive at once in one executor. Each is a whole Pyodide (about 30 MiB of
 * WebAssembly memory before the function allocates anything), so a load run with hundreds of concurrent
 * environments would need gigabytes. ILLUSTRATIVE: 32 environments ≈ 1 GiB.
 */
export const MAX_LIVE_PYTHON_ENVIRONMENTS = 32;
