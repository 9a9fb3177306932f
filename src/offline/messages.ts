/**
 * Messages between the site's pages and the offline service worker (src/offline/service-worker.ts).
 * Plain objects with a `type`, checked on arrival: a message from anything else is ignored.
 */

/** A page asks a waiting worker (a new deployment) to take over now; the page reloads when it has. */
export const SKIP_WAITING = 'lambda-triage:skip-waiting';
/** A page asks a worker which build it precached; the answer `{ type: VERSION, buildId }` comes on the port given. */
export const VERSION = 'lambda-triage:version';

/** Whether `data` is the message {@link SKIP_WAITING}. */
export function isSkipWaitingMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === SKIP_WAITING;
}

/** Whether `data` is the message {@link VERSION} (a question, or an answer with its `buildId`). */
export function isVersionMessage(data: unknown): data is { type: typeof VERSION; buildId?: string } {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === VERSION;
}
