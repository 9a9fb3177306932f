/**
 * The built-ins added or moved out of prelude-runtime.ts into src/engine/sandbox/builtins/ (events, assert,
 * querystring, legacy url, http, tty, stream/web, diagnostics_channel, Error.prepareStackTrace CallSites),
 * each held to the Node that runs this test (node 22), and the honest errors for what the sandbox cannot
 * give (sockets, child processes, native addons).
 */
import { describe, expect, it } from 'vitest';
import { once } from '../helpers.ts';
import { both } from './node-parity-helpers.ts';

describe('moved and new built-ins answer as Node 22 does', () => {
  it('events: listener order, once/prepend, removal, rawListeners, eventNames, max listeners, errors, errorMonitor, EventEmitter.call', async () => {
    const r = await both(`
      const EE = require('events');
      const out = {};
      const e = new EE();
      const seen = [];
      const a = () => seen.push('a'); const b = () => seen.push('b');
      e.on('x', a); e.prependListener('x', b); e.once('x', () => seen.push('once')); e.prependOnceListener('x', () => seen.push('pre-once'));
      out.count = e.listenerCount('x');
      out.raw = e.rawListeners('x').map((f) => typeof f.listener);
      e.emit('x'); e.emit('x');
      out.seen = seen;
      e.on('x', a); e.removeListener('x', a); out.afterRemove = e.listenerCount('x');
      const sym = Symbol('s'); e.on(sym, a);
      out.names = e.eventNames().map(String);
      out.max = [e.getMaxListeners(), e.setMaxListeners(3) === e, e.getMaxListeners(), EE.defaultMaxListeners];
      try { e.setMaxListeners(-1); } catch (err) { out.badMax = [err.code, err.message]; }
      try { e.on('y', 1); } catch (err) { out.badListener = [err.code, err.message]; }
      try { e.emit('error', 'boom'); } catch (err) { out.unhandled = [err.code, err.message, err.context]; }
      try { e.emit('error', new TypeError('t')); } catch (err) { out.thrown = err.message; }
      const monitored = []; e.on(EE.errorMonitor, (err) => monitored.push(err.message)); e.on('error', () => monitored.push('handled'));
      e.emit('error', new Error('m')); out.monitored = monitored;
      const added = []; const f = new EE(); f.on('newListener', (n) => added.push(n)); f.on('removeListener', (n) => added.push('-' + n));
      f.on('q', a); f.off('q', a); out.meta = added;
      function Old() { EE.call(this); } Object.setPrototypeOf(Old.prototype, EE.prototype);
      const o = new Old(); let got = 0; o.on('p', (v) => (got = v)); o.emit('p', 7); out.callable = got;
      out.keys = ['once', 'on', 'getEventListeners', 'errorMonitor', 'captureRejectionSymbol', 'setMaxListeners', 'listenerCount'].map((k) => k in EE);
      out.isSelf = [EE.EventEmitter === EE, EE.default === undefined];
      out.listeners = EE.getEventListeners(e, 'x').length;
      class Sub extends EE {} const s = new Sub(); out.sub = [s instanceof EE, typeof s._events, s._eventsCount];
      return out;`);
    expect(r.error).toBeNull();
    expect(r.sandbox).toEqual(r.node);
  });

  it('events: a promise-rejecting listener with captureRejections becomes an error event; once() and on() still work', async () => {
    const r = await both(`
      const { EventEmitter, once } = require('node:events');
      const e = new EventEmitter({ captureRejections: true });
      const got = await new Promise((res) => { e.on('error', (err) => res(err.message)); e.on('job', async () => { throw new Error('async boom'); }); e.emit('job'); });
      const f = new EventEmitter();
      setTimeout(() => f.emit('ready', 1, 2), 1);
      const args = await once(f, 'ready');
      return { got, args };`);
    expect(r.error).toBeNull();
    expect(r.sandbox).toEqual(r.node);
  });

  it('querystring: repeated keys, plus signs, malformed escapes, stringify of arrays and odd values, maxKeys', async () => {
    const r = await both(`
      const qs = require('querystring');
      return {
        parse: qs.parse('a=1&a=2&b=%41%A&c+d=e+f&&g&h=%zz'),
        proto: Object.getPrototypeOf(qs.parse('a=1')) === null,
        sep: qs.parse('a:1;b:2', ';', ':'),
        max: Object.keys(qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 2 })),
        stringify: qs.stringify({ a: [1, 2], b: NaN, c: { x: 1 }, d: true, e: null, f: undefined, g: 'é &', h: 10n }),
        custom: qs.stringify({ w: 'a b' }, ';', ':'),
        escape: qs.escape("a b!'()*~"), unescape: qs.unescape('%41%zz'),
      };`);
    expect(r.error).toBeNull();
    expect(r.sandbox).toEqual(r.node);
  });

  it('url: legacy parse/format (serverless-http builds its request URL this way) and fileURLToPath', async () => {
    const r = await both(`
      const url = require('url');
      const pick = (u) => ({ protocol: u.protocol, slashes: u.slashes, auth: u.auth, host: u.host, port: u.port, hostname: u.hostname, hash: u.hash, search: u.search, query: u.query, pathname: u.pathname, path: u.path, href: u.href });
      return {
        full: pick(url.parse('http://u:p@A.com:80/p/a?x=1#h')),
        bare: pick(url.parse('http://example.com')),
        rel: pick(url.parse('/items/7?q=a%20b')),
        query: url.parse('/x?a=1&a=2', true).query.a,
        fmt: [url.format({ pathname: '/items', search: 'a=1' }), url.format({ protocol: 'https', hostname: 'h.com', port: 8443, pathname: 'p', query: { a: [1, 2] }, hash: 'z' }), url.format('http://A.com/x')],
        file: url.fileURLToPath('file:///var/task/a%20b.js'),
        toUrl: url.pathToFileURL('/var/task/a b.js').href,
      };`);
    expect(r.error).toBeNull();
    expect(r.sandbox).toEqual(r.node);
  });

  it('assert: failures carry AssertionError fields; deep equality, throws, rejects, strict', async () => {
    const r = await both(`
      const assert = require('assert');
      const out = {};
      const grab = (fn) => { try { fn(); return 'no throw'; } catch (e) { return [e.name, e.code, e.message, e.operator, e.generatedMessage]; } };
      out.strict = grab(() => assert.strictEqual(1, 2));
      out.custom = grab(() => assert.strictEqual(1, 2, 'mine'));
      out.deepOk = grab(() => assert.deepStrictEqual({ a: [1, { b: new Map([[1, 2]]) }] }, { a: [1, { b: new Map([[1, 2]]) }] }));
      out.deepOrder = grab(() => assert.deepStrictEqual({ a: 1, b: 2 }, { b: 2, a: 1 }));
      out.deepBad = grab(() => assert.deepStrictEqual({ a: 1 }, { a: '1' }))[0];
      out.loose = grab(() => assert.deepEqual({ a: 1 }, { a: '1' }));
      out.throwsOk = grab(() => assert.throws(() => { throw new TypeError('x'); }, TypeError));
      out.throwsMissing = grab(() => assert.throws(() => {}));
      out.ok = grab(() => assert.ok(0, 'zero'));
      out.errMsg = grab(() => assert.ok(false, new RangeError('own')));
      out.strictIsStrict = assert.strict.equal === assert.strictEqual || typeof assert.strict === 'function';
      out.rejects = await assert.rejects(Promise.reject(new Error('r')), /r/).then(() => 'ok');
      out.klass = new assert.AssertionError({ message: 'm', actual: 1, expected: 2, operator: 'x' }).code;
      return out;`);
    expect(r.error).toBeNull();
    expect(r.sandbox).toEqual(r.node);
  });

  it('http: STATUS_CODES, METHODS, and an in-memory ServerResponse/IncomingMessage as serverless-http drives them', async () => {
    const r = await both(`
      const http = require('node:http');
      const { PassThrough } = require('stream');
      const out = { codes: http.STATUS_CODES, methods: http.METHODS, maxHeaderSize: http.maxHeaderSize };
      class Res extends http.ServerResponse {}
      const res = new Res({ method: 'GET' });
      const written = [];
      res.assignSocket({ _writableState: {}, writable: true, on() {}, removeListener() {}, destroy() {}, cork() {}, uncork() {}, write(d, e, cb) { written.push(String(d)); if (typeof e === 'function') e(); else if (typeof cb === 'function') cb(); return true; } });
      res.setHeader('X-One', '1');
      out.before = [res.headersSent, res.getHeader('x-one'), res.hasHeader('X-ONE'), res.getHeaderNames()];
      res.writeHead(201, { 'Content-Type': 'text/plain' });
      out.after = [res.headersSent, res.statusCode, res.statusMessage, res.getHeaders()];
      try { res.setHeader('late', 'x'); } catch (e) { out.late = [e.code, e.message]; }
      res.end('body');
      out.finished = [res.finished, res.writableEnded];
      out.firstLine = written[0].split('\\r\\n')[0];
      out.body = written.join('').includes('body');
      const plain = new http.ServerResponse({ method: 'GET' });
      plain.writeHead(200, { 'X-Not-Recorded': 'v' });
      out.unrecorded = plain.getHeader('x-not-recorded') === undefined;
      class Req extends http.IncomingMessage {}
      const req = new Req(new PassThrough());
      out.req = [req.method, req.url, typeof req.headers, req instanceof require('stream').Readable];
      try { new http.ServerResponse({}).writeHead(42); } catch (e) { out.badStatus = [e.code, e.message]; }
      return out;`);
    expect(r.error).toBeNull();
    expect(r.sandbox).toEqual(r.node);
  });

  it('tty, stream/web, diagnostics_channel and util.deprecate/formatWithOptions', async () => {
    const r = await both(`
      const tty = require('tty');
      const { ReadableStream, TransformStream, WritableStream } = require('node:stream/web');
      const dc = require('diagnostics_channel');
      const util = require('util');
      const out = { isatty: [tty.isatty(0), tty.isatty(1), tty.isatty(2)] };
      const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
      const up = new TransformStream({ transform(chunk, c) { c.enqueue(chunk.toUpperCase()); } });
      const got = []; await rs.pipeThrough(up).pipeTo(new WritableStream({ write(c) { got.push(c); } }));
      out.web = got;
      const ch = dc.channel('lt.test'); const msgs = [];
      out.subs = [ch.hasSubscribers, dc.hasSubscribers('lt.test')];
      const sub = (m, name) => msgs.push([m.n, name]); dc.subscribe('lt.test', sub); ch.publish({ n: 1 }); dc.unsubscribe('lt.test', sub); ch.publish({ n: 2 });
      out.msgs = msgs;
      const tc = dc.tracingChannel('lt.trace'); const ev = [];
      tc.subscribe({ start: () => ev.push('start'), end: () => ev.push('end'), asyncStart: () => ev.push('asyncStart'), asyncEnd: () => ev.push('asyncEnd'), error: () => ev.push('error') });
      out.sync = tc.traceSync(() => 5, {}); await tc.tracePromise(async () => 6, {}); out.events = ev;
      out.deprecated = util.deprecate((a) => a * 2, 'old')(21);
      out.formatted = util.formatWithOptions({ colors: false }, '%s=%d', 'n', 4);
      return out;`);
    expect(r.error).toBeNull();
    expect(r.sandbox).toEqual(r.node);
  });

  it('path: join, resolve against /var/task, relative, normalize, basename/extname, posix', async () => {
    const r = await once({
      'index.js': `const path = require('path');
        exports.handler = async () => [path.join('/a/b', '../c', './d.js'), path.resolve('x/y', '..', 'z'), path.relative('/var/task/a/b', '/var/task/c'),
          path.normalize('a//b/../../..'), path.basename('/x/y.test.js', '.js'), path.extname('.env'), path.extname('a.b.c'), path.dirname('/a'), path.isAbsolute('a'),
          path.posix === path, require('node:path/posix') === path, path.sep + path.delimiter];`,
    });
    expect(r.errorMessage).toBeNull();
    // node v22.23.3 with process.cwd() === '/var/task', the working directory of a Lambda function
    expect(r.result).toEqual(['/a/c/d.js', '/var/task/x/z', '../../c', '..', 'y.test', '', '.c', '/', false, true, true, '/:']);
  });

  it('Error.captureStackTrace hands V8 CallSites to Error.prepareStackTrace (as depd reads its caller)', async () => {
    const r = await once({
      'index.js': `
        function where() {
          const prep = Error.prepareStackTrace; const obj = {};
          Error.prepareStackTrace = (_o, stack) => stack;
          Error.captureStackTrace(obj); const stack = obj.stack; Error.prepareStackTrace = prep;
          return stack.map((s) => [s.getFunctionName(), s.getFileName(), s.getLineNumber()]);
        }
        function caller() { return where(); }
        exports.handler = async () => caller().slice(0, 2);`,
    });
    expect(r.errorMessage).toBeNull();
    expect(r.result).toEqual([
      ['where', '/var/task/index.js', 5],
      ['caller', '/var/task/index.js', 8],
    ]);
  });
});

describe('a package needing what the sandbox cannot give fails naming the package, the capability and --runner node', () => {
  const pkg = (name: string, main: string): Record<string, string> => ({
    [`node_modules/${name}/package.json`]: JSON.stringify({ name, version: '1.0.0', main: 'index.js' }),
    [`node_modules/${name}/index.js`]: main,
  });

  it('a socket (net.connect)', async () => {
    const r = await once({ ...pkg('pg-lite', "const net = require('net'); exports.connect = () => net.connect(5432, 'db');"), 'index.js': "const pg = require('pg-lite'); exports.handler = async () => pg.connect();" });
    expect(r.errorType).toBe('Error');
    expect(r.errorMessage).toBe("The package 'pg-lite' called net.connect(), which needs a network socket: the Lambda Triage sandbox cannot give it. Run the function with the Node runner (--runner node) to use it.");
  });

  it('a child process (child_process.execSync)', async () => {
    const r = await once({ ...pkg('shell-it', "exports.run = () => require('child_process').execSync('ls');"), 'index.js': "exports.handler = async () => require('shell-it').run();" });
    expect(r.errorMessage).toBe("The package 'shell-it' called child_process.execSync(), which needs a child process: the Lambda Triage sandbox cannot give it. Run the function with the Node runner (--runner node) to use it.");
  });

  it('a worker thread (new Worker)', async () => {
    const r = await once({ ...pkg('pool-it', "const { Worker } = require('worker_threads'); exports.start = () => new Worker('./w.js');"), 'index.js': "exports.handler = async () => require('pool-it').start();" });
    expect(r.errorMessage).toBe("The package 'pool-it' called worker_threads.Worker(), which needs a worker thread: the Lambda Triage sandbox cannot give it. Run the function with the Node runner (--runner node) to use it.");
  });

  it('a built-in the sandbox lacks entirely (dgram) fails at require, naming the package', async () => {
    const r = await once({ ...pkg('statsd-lite', "const dgram = require('dgram'); exports.x = 1;"), 'index.js': "const s = require('statsd-lite'); exports.handler = async () => s.x;" });
    expect(r.errorMessage).toBe("The package 'statsd-lite' needs Node's built-in module 'dgram', which the Lambda Triage sandbox does not provide. Run the function with the Node runner (--runner node) to use it.");
  });

  it('a native addon (.node) fails at require, naming the package', async () => {
    const r = await once({
      ...pkg('fast-hash', "module.exports = require('./build/Release/fast_hash.node');"),
      'node_modules/fast-hash/build/Release/fast_hash.node': '\u007fELF',
      'index.js': "const h = require('fast-hash'); exports.handler = async () => h;",
    });
    expect(r.errorMessage).toBe(
      "The package 'fast-hash' needs a native addon (fast_hash.node), a compiled Node.js module that the Lambda Triage sandbox cannot load. Run the function with the Node runner (--runner node) to use it.",
    );
  });

  it("net.isIP needs no socket and answers as Node's", async () => {
    const r = await both(`const net = require('net'); return ['1.2.3.4', '256.1.1.1', '::1', 'fe80::1%eth0', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8:9', 'x'].map((s) => net.isIP(s));`);
    expect(r.error).toBeNull();
    expect(r.sandbox).toEqual(r.node);
  });
});
