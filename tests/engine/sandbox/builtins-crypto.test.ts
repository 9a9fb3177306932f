import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { once } from '../helpers.ts';

// Expected values come from the host's own node:crypto, so the sandbox is held to Node's output.
const run = async (body: string, config = {}) => {
  const r = await once({ 'index.js': `const crypto = require('node:crypto');\nexports.handler = async (event) => { ${body} };` }, {}, config);
  return r;
};

describe('crypto in the sandbox behaves as Node 22', () => {
  it('createHash md5/sha1/sha256/sha512 with chained update and hex/base64/base64url/buffer digests', async () => {
    const r = await run(`
      const out = {};
      for (const alg of ['md5', 'sha1', 'sha256', 'sha512', 'SHA256', 'sha-256']) {
        out[alg] = [
          crypto.createHash(alg).update('hello ').update(Buffer.from('wörld')).digest('hex'),
          crypto.createHash(alg).update('aGk=', 'base64').digest('base64'),
          crypto.createHash(alg).update(new Uint8Array([1, 2, 3])).digest('base64url'),
          Buffer.isBuffer(crypto.createHash(alg).update('x').digest()) && crypto.createHash(alg).update('x').digest().toString('hex'),
        ];
      }
      return out;`);
    expect(r.errorMessage).toBeNull();
    const result = r.result as Record<string, string[]>;
    for (const alg of ['md5', 'sha1', 'sha256', 'sha512', 'SHA256', 'sha-256']) {
      const a = alg.toLowerCase().replace('sha-', 'sha');
      expect(result[alg]).toEqual([
        createHash(a).update('hello ').update(Buffer.from('wörld')).digest('hex'),
        createHash(a).update('aGk=', 'base64').digest('base64'),
        createHash(a).update(new Uint8Array([1, 2, 3])).digest('base64url'),
        createHash(a).update('x').digest('hex'),
      ]);
    }
  });

  it('createHmac matches Node; copy(); pbkdf2Sync matches Node', async () => {
    const r = await run(`
      const h = crypto.createHash('sha256').update('a');
      const c = h.copy(); c.update('b');
      return [crypto.createHmac('sha256', 'secret').update('msg').digest('hex'), crypto.createHmac('sha1', Buffer.from('k')).update('m').digest('base64'),
        h.digest('hex'), c.digest('hex'), crypto.pbkdf2Sync('pw', 'salt', 1000, 32, 'sha256').toString('hex')];`);
    expect(r.result).toEqual([
      createHmac('sha256', 'secret').update('msg').digest('hex'),
      createHmac('sha1', Buffer.from('k')).update('m').digest('base64'),
      createHash('sha256').update('a').digest('hex'),
      createHash('sha256').update('ab').digest('hex'),
      pbkdf2Sync('pw', 'salt', 1000, 32, 'sha256').toString('hex'),
    ]);
  });

  it("Node's errors: unknown digest, digest twice, update after digest, wrong data type, unknown HMAC digest", async () => {
    const r = await run(`
      const t = (f) => { try { f(); return 'no error'; } catch (e) { return [e.name, e.code, e.message]; } };
      const h = crypto.createHash('md5'); h.digest();
      return [t(() => crypto.createHash('nope')), t(() => h.digest()), t(() => h.update('x')), t(() => crypto.createHash('sha1').update(5)), t(() => crypto.createHmac('nope', 'k'))];`);
    expect(r.result).toEqual([
      ['Error', null, 'Digest method not supported'],
      ['Error', 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called'],
      ['Error', 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called'],
      ['TypeError', 'ERR_INVALID_ARG_TYPE', 'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)'],
      ['TypeError', 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: nope'],
    ]); // (an absent code arrives as null: the result travels as JSON)
  });

  it("timingSafeEqual compares and throws Node's RangeError on a length mismatch (uncaught: it fails the invocation)", async () => {
    const ok = await run(`return [crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd'))];`);
    expect(ok.result).toEqual([true, false]);
    const bad = await run(`return crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('abc'));`);
    expect(bad.errorType).toBe('RangeError');
    expect(bad.errorMessage).toBe('Input buffers must have the same byte length');
    expect((bad.result as { trace: string[] }).trace[0]).toBe('RangeError: Input buffers must have the same byte length');
  });

  it('randomBytes (sync and callback), randomUUID, getRandomValues and webcrypto.getRandomValues are deterministic per seed', async () => {
    const body = `
      const cb = await new Promise((res, rej) => crypto.randomBytes(8, (err, buf) => (err ? rej(err) : res(buf.toString('hex')))));
      return [crypto.randomBytes(16).toString('hex'), cb, crypto.randomUUID(), Array.from(crypto.getRandomValues(new Uint8Array(4))),
        Array.from(crypto.webcrypto.getRandomValues(new Uint32Array(2))).length, crypto.randomBytes(3) instanceof Buffer];`;
    const a = await run(body);
    const b = await run(body);
    expect(a.errorMessage).toBeNull();
    expect(a.result).toEqual(b.result);
    const [hex, cb, uuid, values, n, isBuffer] = a.result as [string, string, string, number[], number, boolean];
    expect(hex).toMatch(/^[0-9a-f]{32}$/);
    expect(cb).toMatch(/^[0-9a-f]{16}$/);
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(values.every((v) => v >= 0 && v < 256)).toBe(true);
    expect(new Set([hex.slice(0, 8), hex.slice(8, 16), hex.slice(16, 24)]).size).toBe(3);
    expect([n, isBuffer]).toEqual([2, true]);
  });

  it("randomBytes(-1) is Node's RangeError [ERR_OUT_OF_RANGE]; ciphers stay not available with a clear message", async () => {
    const r = await run(`
      const t = (f) => { try { f(); return 'no error'; } catch (e) { return [e.name, e.code, e.message]; } };
      return [t(() => crypto.randomBytes(-1)), t(() => crypto.createCipheriv('aes-256-gcm', Buffer.alloc(32), Buffer.alloc(12)))];`);
    const [range, cipher] = r.result as [string[], string[]];
    expect(range).toEqual(['RangeError', 'ERR_OUT_OF_RANGE', 'The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received -1']);
    expect(cipher[2]).toMatch(/^crypto\.createCipheriv\(\) is not available in the Lambda Triage simulator/);
  });
});
