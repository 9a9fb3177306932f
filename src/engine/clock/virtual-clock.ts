/**
 * The simulator's virtual clock. Time is an integer count of microseconds since the simulation
 * epoch, so sums of charges never drift and output is identical on every machine. Only the engine
 * advances it: waiting on a timer jumps to the timer's due time; CPU work is charged per QuickJS
 * interrupt poll (see `lambda/limits.ts`).
 */

/** Default simulation epoch: 2026-01-01T00:00:00.000Z. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 0, 1);

/** A monotonic virtual clock. */
export interface VirtualClock {
  /** Microseconds since the epoch start (integer). */
  nowMicros: () => number;
  /** Milliseconds since the epoch start (fractional). */
  nowMs: () => number;
  /** Unix epoch milliseconds of the current virtual instant (integer, floor). */
  epochNowMs: () => number;
  /** Unix epoch milliseconds of the simulation start. */
  readonly epochMs: number;
  /** Advance by a number of microseconds (rounded, never negative). */
  advanceMicros: (us: number) => void;
  /** Advance to an absolute time in ms since the epoch start; never goes back. */
  advanceToMs: (ms: number) => void;
}

/** Create a virtual clock starting at `epochMs` (Unix ms). */
export function createVirtualClock(epochMs: number = DEFAULT_EPOCH_MS): VirtualClock {
  let us = 0;
  return {
    epochMs,
    nowMicros: () => us,
    nowMs: () => us / 1000,
    epochNowMs: () => epochMs + Math.floor(us / 1000),
    advanceMicros: (d) => {
      if (d > 0) us += Math.round(d);
    },
    advanceToMs: (ms) => {
      const target = Math.round(ms * 1000);
      if (target > us) us = target;
    },
  };
}
