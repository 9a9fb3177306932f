import type { GuestDeps } from './guest-api.ts';

/** A writable the Console class writes to (`process.stdout`, a stream, anything with `write`). */
interface Sink {
  write(text: string): unknown;
}

/**
 * Guest source: Node's `console` module (runs inside QuickJS; see guest-api.ts). Like Node, the module
 * is the global console (the runtime's, which writes Lambda's log lines), with the `Console` class on
 * it; `new Console(stdout, stderr)` or `new Console({ stdout, stderr })` writes formatted lines to the
 * given streams: log/info/debug/dir to stdout, warn/error/trace to stderr
 * (https://nodejs.org/api/console.html#class-console).
 */
export function createConsoleModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  const isSink = (v: unknown): v is Sink => v !== null && typeof v === 'object' && typeof (v as Sink).write === 'function';
  class Console {
    constructor(stdoutOrOptions: unknown, stderrArg?: unknown) {
      let stdout: unknown = stdoutOrOptions;
      let stderr: unknown = stderrArg;
      if (stdoutOrOptions && typeof stdoutOrOptions === 'object' && !isSink(stdoutOrOptions)) {
        stdout = (stdoutOrOptions as { stdout?: unknown }).stdout;
        stderr = (stdoutOrOptions as { stderr?: unknown }).stderr;
      }
      if (!isSink(stdout)) {
        throw deps.nodeError(TypeError, 'ERR_CONSOLE_WRITABLE_STREAM', 'The argument \'stdout\' must be a writable stream');
      }
      const out = stdout;
      const err = isSink(stderr) ? stderr : out;
      const counts: Record<string, number> = {};
      const line = (sink: Sink) => (...args: unknown[]) => {
        sink.write(deps.format(...args) + '\n');
      };
      const self = this as unknown as Record<string, unknown>;
      self['log'] = self['info'] = self['debug'] = line(out);
      self['warn'] = self['error'] = self['trace'] = line(err);
      self['dir'] = (v: unknown) => out.write(deps.inspect(v) + '\n');
      self['assert'] = (cond: unknown, ...args: unknown[]) => {
        if (!cond) {
          args[0] = 'Assertion failed' + (args.length === 0 ? '' : ': ' + String(args[0]));
          line(err)(...args);
        }
      };
      self['count'] = (label: unknown = 'default') => {
        const k = String(label);
        counts[k] = (counts[k] || 0) + 1;
        line(out)(k + ': ' + counts[k]);
      };
      self['countReset'] = (label: unknown = 'default') => {
        delete counts[String(label)];
      };
      for (const k of ['group', 'groupCollapsed']) self[k] = (...args: unknown[]) => (args.length > 0 ? line(out)(...args) : undefined);
      for (const k of ['groupEnd', 'table', 'time', 'timeEnd', 'timeLog']) self[k] = () => undefined;
    }
  }
  const c = deps.console as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(c, 'Console')) Object.defineProperty(c, 'Console', { value: Console, writable: true, configurable: true, enumerable: true });
  return c;
}
