import type { GuestDeps } from './guest-api.ts';

/** The classes of the bundled web-streams-polyfill (generated/web-streams.ts) that `stream/web` exports. */
export interface WebStreamsLib {
  ReadableStream: unknown;
  ReadableStreamDefaultReader: unknown;
  ReadableStreamBYOBReader: unknown;
  ReadableStreamBYOBRequest: unknown;
  ReadableByteStreamController: unknown;
  ReadableStreamDefaultController: unknown;
  WritableStream: unknown;
  WritableStreamDefaultWriter: unknown;
  WritableStreamDefaultController: unknown;
  TransformStream: unknown;
  TransformStreamDefaultController: unknown;
  ByteLengthQueuingStrategy: unknown;
  CountQueuingStrategy: unknown;
}

/**
 * Guest source: Node's `stream/web` (runs inside QuickJS; see guest-api.ts): the WHATWG streams classes
 * (https://nodejs.org/api/webstreams.html), from web-streams-polyfill, a pure-JavaScript implementation of
 * the WHATWG Streams standard (https://streams.spec.whatwg.org/). QuickJS has no streams of its own.
 * Not provided: `TextEncoderStream`, `TextDecoderStream`, `CompressionStream`, `DecompressionStream`
 * (their names are absent, so a feature test sees them missing).
 */
export function createStreamWebModule(deps: GuestDeps, lib: WebStreamsLib): Record<string, unknown> {
  'use strict';
  void deps;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(lib) as Array<keyof WebStreamsLib>) out[k] = lib[k];
  return out;
}
