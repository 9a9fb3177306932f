import type { GuestDeps } from './guest-api.ts';

/** One frame as V8's stack-trace API hands it to `Error.prepareStackTrace` (the subset libraries read). */
export interface GuestCallSite {
  getFileName(): string | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  getFunctionName(): string | null;
  getMethodName(): string | null;
  getTypeName(): string | null;
  getThis(): undefined;
  getFunction(): undefined;
  getEvalOrigin(): string | undefined;
  getScriptNameOrSourceURL(): string | undefined;
  isEval(): boolean;
  isNative(): boolean;
  isToplevel(): boolean;
  isConstructor(): boolean;
  isAsync(): boolean;
  isPromiseAll(): boolean;
  getPromiseIndex(): number | null;
  toString(): string;
}

/**
 * Guest source: V8's structured stack traces for `Error.captureStackTrace` while `Error.prepareStackTrace`
 * is set (https://v8.dev/docs/stack-trace-api#customizing-stack-traces), as depd (under express,
 * body-parser, http-errors) uses them to find its caller: the runtime calls `capture(frames, fn)` with the
 * cleaned frame lines of a fresh error (`    at name (file:line:col)`, positions already mapped to the
 * user's source) and hands the resulting CallSite objects to `prepareStackTrace`. Frames down to and
 * including the one named like `fn` (the `constructorOpt` argument) are dropped, as V8 does.
 * Simplified: `getThis`/`getFunction` are undefined (strict-mode V8 answers the same), `getTypeName` and
 * `getMethodName` are null, and `prepareStackTrace` is not consulted for the `stack` of ordinary errors.
 */
export function createCallSitesModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  void deps;
  function parseFrame(line: string): GuestCallSite | null {
    const text = line.replace(/^ {4}at /, '');
    if (text === line) return null;
    let name: string | null = null;
    let location = text;
    const paren = /^(.*?) \((.*)\)$/.exec(text);
    if (paren) {
      name = paren[1]!;
      location = paren[2]!;
    }
    const isCtor = name !== null && name.startsWith('new ');
    const isAsync = name !== null && name.startsWith('async ');
    const fnName = name === null ? null : name.replace(/^(?:new |async )/, '');
    const pos = /^(.*?):(\d+):(\d+)$/.exec(location);
    const file = pos ? pos[1]! : location === 'native' || location === '<anonymous>' ? undefined : location;
    const lineNo = pos ? Number(pos[2]) : null;
    const col = pos ? Number(pos[3]) : null;
    const isNative = location === 'native';
    return {
      getFileName: () => file,
      getLineNumber: () => lineNo,
      getColumnNumber: () => col,
      getFunctionName: () => (fnName === '<anonymous>' || fnName === '' ? null : fnName),
      getMethodName: () => null,
      getTypeName: () => null,
      getThis: () => undefined,
      getFunction: () => undefined,
      getEvalOrigin: () => undefined,
      getScriptNameOrSourceURL: () => file,
      isEval: () => false,
      isNative: () => isNative,
      isToplevel: () => fnName === null || /^Object\.<anonymous>$/.test(fnName),
      isConstructor: () => isCtor,
      isAsync: () => isAsync,
      isPromiseAll: () => false,
      getPromiseIndex: () => null,
      toString: () => text,
    };
  }
  function capture(frames: string, constructorOpt?: unknown): GuestCallSite[] {
    let sites = String(frames)
      .split('\n')
      .map(parseFrame)
      .filter((s): s is GuestCallSite => s !== null);
    const stopName = typeof constructorOpt === 'function' ? (constructorOpt as { name: string }).name : '';
    if (stopName) {
      const i = sites.findIndex((s) => {
        const n = s.getFunctionName();
        return n === stopName || (n !== null && n.endsWith('.' + stopName));
      });
      if (i >= 0) sites = sites.slice(i + 1);
    }
    return sites;
  }
  return { capture };
}
