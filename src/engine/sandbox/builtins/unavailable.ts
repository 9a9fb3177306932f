import type { GuestDeps } from './guest-api.ts';

/**
 * Guest source: the Node built-ins the sandbox cannot give (sockets, processes, threads, a second VM
 * context: `net`, `tls`, `dns`, `http2`, `child_process`, `worker_threads`, `vm`). Each loads, so a package
 * that only mentions one still loads; every function throws `ERR_LAMBDA_TRIAGE_UNAVAILABLE` (a simulator
 * code, not Node's) naming the package that called it (from the `/node_modules/<pkg>/` frames of the
 * stack), the capability, and the Node runner (`--runner node`), which runs the function in real Node.
 * `net.isIP`, `isIPv4` and `isIPv6` need no socket and answer as Node does
 * (https://nodejs.org/api/net.html#netisipinput).
 */
export function createUnavailableModules(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  /** What each module would need from the host. */
  const CAPABILITY: Record<string, string> = {
    net: 'a network socket',
    tls: 'a network socket',
    dns: 'the network (DNS)',
    http2: 'a network socket',
    child_process: 'a child process',
    worker_threads: 'a worker thread',
    vm: 'a second JavaScript context',
  };
  function unavailable(moduleName: string, what: string): Error {
    const who = deps.callerText();
    const e = new Error(
      who + ' called ' + what + ', which needs ' + (CAPABILITY[moduleName] || 'the host') + ': the Lambda Triage sandbox cannot give it. Run the function with the Node runner (--runner node) to use it.',
    ) as Error & { code: string };
    e.code = 'ERR_LAMBDA_TRIAGE_UNAVAILABLE';
    return e;
  }
  const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
  const isIPv4 = (s: unknown): boolean => typeof s === 'string' && IPV4.test(s);
  function isIPv6(s: unknown): boolean {
    if (typeof s !== 'string' || !s.includes(':')) return false;
    const zoneless = s.split('%')[0]!;
    let text = zoneless;
    let groups = 8;
    const lastColon = text.lastIndexOf(':');
    if (text.slice(lastColon + 1).includes('.')) {
      if (!isIPv4(text.slice(lastColon + 1))) return false;
      text = text.slice(0, lastColon) + ':0:0';
    }
    const halves = text.split('::');
    if (halves.length > 2) return false;
    const parts = halves.map((h) => (h === '' ? [] : h.split(':')));
    if (!parts.every((p) => p.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)))) return false;
    const count = parts.reduce((n, p) => n + p.length, 0);
    return halves.length === 2 ? count < groups : count === groups;
  }
  function module(name: string, names: string[]): Record<string, unknown> {
    const m: Record<string, unknown> = {};
    for (const n of names) {
      m[n] = function () {
        throw unavailable(name, name + '.' + n + '()');
      };
    }
    if (name === 'net') Object.assign(m, { isIP: (s: unknown) => (isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0), isIPv4, isIPv6 });
    return m;
  }
  return { module };
}
