import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { once } from '../helpers.ts';
import { both } from './node-parity-helpers.ts';

describe('the same handler code gives the same answer in the sandbox and in Node 22', () => {
  it('stream: Readable.from + for await, pipeline with a Transform (callback and promise), PassThrough, finished, premature close', async () => {
    const r = await both(`
      const { Readable, Writable, Transform, PassThrough, pipeline, finished } = require('node:stream');
      const sp = require('node:stream/promises');
      const out = {};
      out.iter = [];
      for await (const c of Readable.from(['a', 'b', 'c'])) out.iter.push(c);
      const upper = () => new Transform({ transform(chunk, enc, cb) { cb(null, String(chunk).toUpperCase()); } });
      const sink = (arr) => new Writable({ write(chunk, enc, cb) { arr.push([chunk.toString(), enc]); cb(); } });
      out.promise = [];
      await sp.pipeline(Readable.from(['x', 'y']), upper(), sink(out.promise));
      out.callback = await new Promise((res) => { const got = []; pipeline(Readable.from(['p', 'q']), upper(), sink(got), (err) => res([err === undefined || err === null, got])); });
      out.failed = await sp.pipeline(Readable.from(['x']), new Transform({ transform(c, e, cb) { cb(new Error('boom')); } }), new PassThrough()).then(() => 'ok', (e) => e.message);
      const p = new PassThrough(); p.end('hi'); let s = ''; p.on('data', (d) => (s += d)); await new Promise((res) => p.on('end', res)); out.pass = s;
      out.finished = await new Promise((res) => { const w = new Writable({ write(c, e, cb) { cb(); } }); finished(w, (e) => res(e === undefined ? 'undefined' : String(e))); w.end('z'); });
      out.premature = await new Promise((res) => { const r2 = new Readable({ read() {} }); finished(r2, (e) => res([e.code, e.message])); r2.destroy(); });
      const chunks = []; const rd = new Readable({ read() {} }); rd.on('data', (d) => chunks.push(d.toString())); rd.push('1'); rd.push('2'); rd.push(null);
      await new Promise((res) => rd.on('end', res)); out.push = chunks;
      out.shape = [typeof require('stream'), require('stream').Stream === require('stream'), typeof require('stream').promises.pipeline];
      return out;`);
    expect(r.error).toBeNull();
    expect(r.sandbox).toEqual(r.node);
  });

  it('AsyncLocalStorage: run/getStore across awaits and timers, nested runs, exit, enterWith', async () => {
    const r = await both(`
      const { AsyncLocalStorage } = require('node:async_hooks');
      const als = new AsyncLocalStorage();
      const wait = (ms) => new Promise((res) => setTimeout(res, ms));
      const seen = [als.getStore()];
      const result = await als.run({ id: 'req-1' }, async () => {
        seen.push(als.getStore().id);
        await wait(5);
        seen.push(als.getStore().id);
        await als.run({ id: 'inner' }, async () => { await wait(1); seen.push(als.getStore().id); });
        seen.push(als.getStore().id);
        seen.push(als.exit(() => als.getStore()) === undefined);
        await new Promise((res) => setTimeout(() => { seen.push(als.getStore().id); res(); }, 1));
        return 'done';
      });
      seen.push(als.getStore());
      return [result, seen];`);
    expect(r.error).toBeNull();
    expect(r.sandbox).toEqual(r.node);
  });

  it('AsyncLocalStorage: interleaved runs (Promise.all) each keep their own store across awaits, then-callbacks, nextTick and immediates', async () => {
    const r = await both(`
      const { AsyncLocalStorage } = require('node:async_hooks');
      const als = new AsyncLocalStorage();
      const log = [];
      const wait = (ms) => new Promise((res) => setTimeout(res, ms));
      const work = (id, ms) => als.run({ id }, async () => {
        await wait(ms);
        log.push(id + ':' + als.getStore().id);
        await Promise.resolve(1).then(() => log.push(id + ' then:' + als.getStore().id));
        await new Promise((res) => process.nextTick(() => { log.push(id + ' tick:' + als.getStore().id); res(); }));
        await new Promise((res) => setImmediate(() => { log.push(id + ' immediate:' + als.getStore().id); res(); }));
        await 0;
        return als.getStore().id;
      });
      const ids = await Promise.all([work('a', 3), work('b', 1), work('c', 2)]);
      const bound = als.run({ id: 'snap' }, () => AsyncLocalStorage.snapshot());
      return [ids, log.sort(), bound(() => als.getStore().id), als.getStore()];`);
    expect(r.error).toBeNull();
    expect(r.sandbox).toEqual(r.node);
  });

  it('util.promisify (custom symbol, setTimeout), util.types, events.once/on, string_decoder, url.domainToASCII, console.Console', async () => {
    const r = await both(`
      const util = require('node:util');
      const events = require('node:events');
      const { StringDecoder } = require('node:string_decoder');
      const url = require('node:url');
      const out = {};
      function legacy(a, cb) { setTimeout(() => cb(null, a * 2), 1); }
      function custom() {}
      custom[util.promisify.custom] = () => Promise.resolve('custom');
      out.promisify = [await util.promisify(legacy)(21), await util.promisify(custom)(), util.promisify.custom === Symbol.for('nodejs.util.promisify.custom'),
        await util.promisify(setTimeout)(5, 'slept'), await util.promisify((cb) => cb(new Error('nope')))().catch((e) => e.message)];
      out.types = [util.types.isPromise(Promise.resolve()), util.types.isDate(new Date()), util.types.isRegExp(/x/), util.types.isAsyncFunction(async () => {}),
        util.types.isAsyncFunction(() => {}), util.types.isUint8Array(Buffer.from('x')), util.types.isTypedArray(new Float32Array(1)), util.types.isMap(new Map()),
        util.types.isNativeError(new TypeError('x')), util.types.isGeneratorFunction(function* () {}), util.types.isArrayBuffer(new ArrayBuffer(1))];
      const em = new events.EventEmitter();
      setTimeout(() => em.emit('ready', 1, 2), 1);
      out.once = await events.once(em, 'ready');
      setTimeout(() => em.emit('error', new Error('bad')), 1);
      out.onceError = await events.once(em, 'never').catch((e) => e.message);
      const ticks = [];
      setTimeout(() => { em.emit('tick', 'a'); em.emit('tick', 'b'); }, 1);
      for await (const [v] of events.on(em, 'tick')) { ticks.push(v); if (ticks.length === 2) break; }
      out.on = ticks;
      const d = new StringDecoder('utf8');
      out.decoder = [d.write(Buffer.from([0xe2, 0x82])), d.write(Buffer.from([0xac])), d.end(Buffer.from([0xe2])), new StringDecoder('hex').write(Buffer.from('ab')), new StringDecoder().encoding];
      out.domains = [url.domainToASCII('español.com'), url.domainToASCII('EXAMPLE.com'), url.domainToASCII('xn--iñvalid.com'), url.domainToASCII('münchen.de'), url.domainToUnicode('xn--espaol-zwa.com')];
      const lines = [];
      const { Writable } = require('node:stream');
      const sink = (name) => new Writable({ write(chunk, enc, cb) { lines.push([name, chunk.toString()]); cb(); } });
      const c = new (require('node:console').Console)({ stdout: sink('out'), stderr: sink('err') });
      c.log('n=%d', 5); c.error('bad', 7); c.info('i');
      await new Promise((res) => setTimeout(res, 1));
      out.console = lines;
      return out;`);
    expect(r.error).toBeNull();
    expect(r.sandbox).toEqual(r.node);
  });

  it("require('console') is the global console with the Console class on it (node v22.23.3: true, 'function')", async () => {
    // Not compared with the host: Vitest replaces the test process's global console.
    const r = await once({ 'index.js': "exports.handler = async () => [require('node:console') === console, typeof console.Console, typeof require('console').log];" });
    expect(r.result).toEqual([true, 'function', 'function']);
  });

  it('ES module named imports of the new built-ins work (node: prefix or not)', async () => {
    const r = await once({
      'index.mjs': [
        "import { createHash } from 'node:crypto';",
        "import { gzipSync, gunzipSync } from 'zlib';",
        "import { pipeline } from 'node:stream/promises';",
        "import { Readable, Writable } from 'node:stream';",
        "import { writeFile, readFile } from 'node:fs/promises';",
        "import { AsyncLocalStorage } from 'node:async_hooks';",
        "import { StringDecoder } from 'string_decoder';",
        "import { once } from 'node:events';",
        "import { Console } from 'node:console';",
        'export const handler = async () => {',
        "  const got = []; await pipeline(Readable.from(['a']), new Writable({ write(c, e, cb) { got.push(c.toString()); cb(); } }));",
        "  await writeFile('/tmp/x', 'y');",
        "  return [createHash('md5').update('').digest('hex'), gunzipSync(gzipSync('z')).toString(), got, (await readFile('/tmp/x')).toString(),",
        "    typeof AsyncLocalStorage, new StringDecoder().encoding, typeof once, typeof Console];",
        '};',
      ].join('\n'),
    });
    expect(r.errorMessage).toBeNull();
    expect(r.result).toEqual(['d41d8cd98f00b204e9800998ecf8427e', 'z', ['a'], 'y', 'function', 'utf8', 'function', 'function']);
  });

  it('with a storage in use, unhandled rejections and error traces are still reported as on Lambda', async () => {
    const r = await once({
      'index.mjs': [
        "import { AsyncLocalStorage } from 'node:async_hooks';",
        'const als = new AsyncLocalStorage();',
        'async function fail() { await null; throw new Error("lost"); }',
        'export const handler = async () => als.run({ id: 1 }, async () => { fail(); await new Promise((r) => setTimeout(r, 10)); return "done"; });',
      ].join('\n'),
    });
    expect(r.errorType).toBe('Runtime.UnhandledPromiseRejection');
    expect(r.errorMessage).toBe('Error: lost');
    const thrown = await once({
      'index.mjs': [
        "import { AsyncLocalStorage } from 'node:async_hooks';",
        'const als = new AsyncLocalStorage();',
        'async function inner() { await null; throw new TypeError("bad " + als.getStore().id); }',
        'export const handler = async () => als.run({ id: 7 }, async () => { await inner(); });',
      ].join('\n'),
    });
    expect(thrown.errorType).toBe('TypeError');
    expect(thrown.errorMessage).toBe('bad 7');
    expect((thrown.result as { trace: string[] }).trace.slice(0, 2)).toEqual(['TypeError: bad 7', '    at inner (file:///var/task/index.mjs:3:44)']); // node v22.23.3 prints 3:44 for the same file
  });

  it('fs on /tmp: rename, copyFile, createWriteStream/createReadStream through pipeline, and their errors (same directory on the host)', async () => {
    const dir = `/tmp/lt-parity-${process.pid}-${Date.now()}`;
    try {
      const r = await both(`
        const fs = require('node:fs');
        const { pipeline } = require('node:stream/promises');
        const { Readable } = require('node:stream');
        const dir = ${JSON.stringify(dir)};
        const t = (f) => { try { f(); return 'no error'; } catch (e) { return [e.message, e.errno, e.code, e.syscall, e.path, e.dest]; } };
        fs.mkdirSync(dir + '/sub', { recursive: true });
        fs.writeFileSync(dir + '/a.txt', 'alpha');
        fs.renameSync(dir + '/a.txt', dir + '/b.txt');
        fs.copyFileSync(dir + '/b.txt', dir + '/sub/c.txt');
        await pipeline(Readable.from(['one ', 'two ', 'three']), fs.createWriteStream(dir + '/stream.txt'));
        const chunks = [];
        for await (const c of fs.createReadStream(dir + '/stream.txt', { encoding: 'utf8' })) chunks.push(c);
        const readErr = await new Promise((res) => fs.createReadStream(dir + '/missing').on('error', (e) => res([e.message, e.code, e.syscall])));
        return {
          list: fs.readdirSync(dir).sort(), sub: fs.readdirSync(dir + '/sub'), b: fs.readFileSync(dir + '/b.txt', 'utf8'), c: fs.readFileSync(dir + '/sub/c.txt', 'utf8'),
          streamed: chunks.join(''),
          errors: [t(() => fs.renameSync(dir + '/missing', dir + '/x')), t(() => fs.renameSync(dir + '/b.txt', dir + '/sub')), t(() => fs.copyFileSync(dir + '/missing', dir + '/x')),
            t(() => fs.copyFileSync(dir + '/b.txt', dir + '/nodir/x')), t(() => fs.readFileSync(dir + '/sub')), t(() => fs.rmdirSync(dir + '/sub'))],
          readErr,
        };`);
      expect(r.error).toBeNull();
      expect(r.sandbox).toEqual(r.node);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
