/**
 * The simulator's own limits as the CLI reports them: a {@link SimulatorLimitError} (the real-memory budget, or
 * more live Python environments than the simulator may keep) is not an outcome of the function, so every command
 * prints one plain line with its code and exits 2 instead of showing a stack trace.
 */
import { SimulatorLimitError } from '../engine/lambda/limits.ts';

/** The one line the CLI prints for a simulator limit (`<message> [LT-SIM-MEMORY-BUDGET]`), or null for any other error. */
export function describeSimulatorLimit(error: unknown): string | null {
  return error instanceof SimulatorLimitError ? `${error.message} [${error.code}]` : null;
}

/**
 * Run `work`; a simulator limit thrown by it becomes one `lambda-triage: …` line on `err` and exit code 2.
 * Any other error is rethrown unchanged.
 */
export async function withSimulatorLimits(err: (line: string) => void, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    const line = describeSimulatorLimit(error);
    if (line === null) throw error;
    err(`lambda-triage: ${line}`);
    return 2;
  }
}
