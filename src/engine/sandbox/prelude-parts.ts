/**
 * The parts of the simulated Node.js runtime that the prelude (`prelude-runtime.ts`) evaluates only when
 * something uses them, as guest source text. QuickJS compiles every function of a script before running
 * it, so each line of the prelude costs start-up time in every new execution environment (measured: the
 * prelude was ≈ 40 ms of a ≈ 200 ms trivial `lambda-triage invoke`); a plain invocation needs none of
 * these parts. The prelude asks the host for a part (`host.runtimePart(name)`), the host evaluates its
 * source under the runtime's file name (its frames stay hidden in stacks) and the prelude calls the
 * resulting factory once per environment with what the part needs.
 */
import { createEncodingPart } from './prelude-encoding.ts';
import { createErrorsPart } from './prelude-errors.ts';
import { inspectSource } from './prelude-inspect.ts';
import { createUrlPart } from './prelude-url.ts';
import { webSource } from './prelude-web.ts';
import { V8_MESSAGE_RULES, calleeBefore, translateErrorMessage, v8JsonParseMessage } from './v8-messages.ts';

/** Builders of each part's source: a function expression the prelude calls with the part's inputs. */
const PART_BUILDERS: Readonly<Record<string, () => string>> = {
  // util.inspect / util.format, on the first value formatted (a console call, an error log, util.inspect).
  inspect: () => `(${inspectSource.toString()})`,
  // DOMException, Event, EventTarget, AbortController, AbortSignal, Headers, Response, fetch: on first read.
  web: () => `(${webSource.toString()})`,
  // V8's error message texts (v8-messages.ts, its data table travels as JSON): on the first error translated.
  'v8-messages': () =>
    `(function () { return { rules: ${JSON.stringify(V8_MESSAGE_RULES)}, translate: (${translateErrorMessage.toString()}), ` +
    `callee: (${calleeBefore.toString()}), json: (${v8JsonParseMessage.toString()}) }; })`,
  // Node's stack frames, V8's messages and columns, `at async` lines: on the first error whose stack is read or
  // rewritten (an error created, logged, thrown out of the handler).
  errors: () => `(${createErrorsPart.toString()})`,
  // Buffer, TextEncoder, TextDecoder, btoa, atob: on first read, or a built-in module that needs Buffer.
  encoding: () => `(${createEncodingPart.toString()})`,
  // URL, URLSearchParams: on first read, or `require('url')`.
  url: () => `(${createUrlPart.toString()})`,
};

/** Names of the parts {@link runtimePartSource} knows. */
export const RUNTIME_PART_NAMES: readonly string[] = Object.keys(PART_BUILDERS);

const built = new Map<string, string>();

/** Guest source of the runtime part `name` (built once per host process), or undefined for an unknown name. */
export function runtimePartSource(name: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(PART_BUILDERS, name)) return undefined;
  let source = built.get(name);
  if (source === undefined) {
    source = PART_BUILDERS[name]!();
    built.set(name, source);
  }
  return source;
}

const evaluations = new Map<string, number>();

/** Counts one evaluation of the part `name` in an environment (sandbox.ts calls it; see {@link runtimePartEvaluations}). */
export function countRuntimePartEvaluation(name: string): void {
  evaluations.set(name, (evaluations.get(name) ?? 0) + 1);
}

/**
 * How many times each runtime part has been evaluated in this host process, over every environment. Tests read it
 * to hold a part to "evaluated on first use": a plain invocation evaluates none.
 */
export function runtimePartEvaluations(): ReadonlyMap<string, number> {
  return new Map(evaluations);
}
