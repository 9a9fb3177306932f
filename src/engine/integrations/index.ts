/**
 * Engine II — the front doors: events each front door sends, what each caller receives, the front
 * doors' own logs and limits. Pure functions; no clock, no I/O.
 */
export * from './compare.ts';
export * from './events.ts';
export * from './front-doors.ts';
export * from './gateway-logs.ts';
export * from './gateway-replies.ts';
export * from './http-request.ts';
export * from './limits.ts';
export * from './response-rules.ts';
export * from './route-replies.ts';
export * from './routes.ts';
export { utf8ByteLength, formatRequestTime } from './text.ts';
