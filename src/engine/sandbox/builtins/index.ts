/**
 * The Node built-in modules implemented in this folder, as guest source text for the sandbox. The
 * prelude asks the host for one the first time user code requires it (`host.builtin(name)`); the host
 * evaluates its source under the runtime's file name (so its frames stay hidden in stacks) and the
 * prelude calls the resulting function with the runtime's {@link GuestDeps}. Nothing is parsed until
 * a handler needs it.
 */
import { createAssertModule } from './assert.ts';
import { createAsyncHooksModule } from './async-hooks.ts';
import { createCallSitesModule } from './callsites.ts';
import { createConsoleModule } from './console.ts';
import { createCryptoModule } from './crypto.ts';
import { createDiagnosticsChannelModule } from './diagnostics-channel.ts';
import { createEventsModule } from './events.ts';
import { createFsModule } from './fs.ts';
import { createHttpModule } from './http.ts';
import { FFLATE_SOURCE } from './generated/fflate.ts';
import { NOBLE_HASHES_SOURCE } from './generated/noble-hashes.ts';
import { WEB_STREAMS_SOURCE } from './generated/web-streams.ts';
import { createPathModule } from './path.ts';
import { createQuerystringModule } from './querystring.ts';
import { createStreamModule } from './stream.ts';
import { createStreamWebModule } from './stream-web.ts';
import { createStringDecoderModule } from './string-decoder.ts';
import { createTtyModule } from './tty.ts';
import { createUnavailableModules } from './unavailable.ts';
import { createUrlExtras } from './url.ts';
import { createUtilExtras } from './util-extras.ts';
import { createZlibModule } from './zlib.ts';
import type { GuestDeps } from './guest-api.ts';
import { createResponseStreamModule } from '../../streaming/guest-response-stream.ts';

/** A guest module factory as the prelude calls it. */
export type GuestModuleFactory = (deps: GuestDeps) => unknown;

/** Source of `(deps) => module` for a factory that needs nothing but the runtime's deps. */
const plain = (factory: GuestModuleFactory): string => `(function (deps) { return (${factory.toString()})(deps); })`;
/** Source of `(deps) => module` for a factory that also takes a bundled library (generated/*.ts). */
const withLib = (factory: (deps: GuestDeps, lib: never) => unknown, libSource: string): string =>
  `(function (deps) { return (${factory.toString()})(deps, (${libSource})()); })`;

/** Guest source of each built-in module of this folder, by the name `require` uses (without `node:`). */
export const BUILTIN_SOURCES: Readonly<Record<string, string>> = {
  crypto: withLib(createCryptoModule, NOBLE_HASHES_SOURCE),
  zlib: withLib(createZlibModule, FFLATE_SOURCE),
  fs: plain(createFsModule),
  'fs/promises': '(function (deps) { return deps.loadBuiltin("fs").promises; })',
  stream: plain(createStreamModule),
  'stream/promises': '(function (deps) { return deps.loadBuiltin("stream").promises; })',
  'stream/web': withLib(createStreamWebModule, WEB_STREAMS_SOURCE),
  http: plain(createHttpModule),
  https: '(function (deps) { return deps.loadBuiltin("http")._https(); })',
  tty: plain(createTtyModule),
  querystring: plain(createQuerystringModule),
  events: plain(createEventsModule),
  assert: plain(createAssertModule),
  path: plain(createPathModule),
  'assert/strict': '(function (deps) { return deps.loadBuiltin("assert").strict; })',
  diagnostics_channel: plain(createDiagnosticsChannelModule),
  string_decoder: plain(createStringDecoderModule),
  async_hooks: plain(createAsyncHooksModule),
  console: plain(createConsoleModule),
  // parts merged into the prelude's url and util modules
  'url-extras': plain(createUrlExtras),
  'util-extras': plain(createUtilExtras),
  // V8's CallSite objects for Error.captureStackTrace under Error.prepareStackTrace (prelude-runtime.ts)
  callsites: plain(createCallSitesModule),
  // the stubs of net, tls, dns, http2, child_process, worker_threads, vm (prelude-runtime.ts unavailableModule)
  unavailable: plain(createUnavailableModules),
  // awslambda.streamifyResponse's invocation path (prelude-runtime.ts startStreaming), loaded on first use
  'response-stream': plain(createResponseStreamModule),
};
