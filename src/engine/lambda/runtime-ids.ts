/** Runtime id guard (vocabulary.ts lists the ids but has no guard). */
import { RUNTIMES, type RuntimeId } from '../vocabulary.ts';

/** Is `value` one of the supported Node.js runtime ids? */
export function isRuntimeId(value: unknown): value is RuntimeId {
  return typeof value === 'string' && (RUNTIMES as readonly string[]).includes(value);
}
