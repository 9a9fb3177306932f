import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  bytesToText,
  createStreamCollector,
  parseHttpIntegrationStream,
  textToBytes,
} from '../../../src/engine/streaming/capture.ts';

const enc = (s: string) => Uint8Array.from(Buffer.from(s, 'utf8'));

describe('stream capture helpers', () => {
  it('base64 round-trips arbitrary bytes (held to Node Buffer)', () => {
    for (const sample of ['', 'a', 'ab', 'abc', 'héllo wörld €', '\u0000\u0001\u00ff']) {
      const bytes = enc(sample);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect([...base64ToBytes(Buffer.from(bytes).toString('base64'))]).toEqual([...bytes]);
    }
  });

  it('bytesToText decodes UTF-8 and replaces invalid sequences as Node does', () => {
    expect(bytesToText(enc('naïve € 𝄞'))).toBe('naïve € 𝄞');
    for (const bad of [[0x61, 0xff, 0x62, 0xe2, 0x82], [0xe2, 0x28, 0xa1], [0xf0, 0x90, 0x80], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82, 0xac, 0xe2]]) {
      const bytes = Uint8Array.from(bad);
      expect(bytesToText(bytes)).toBe(Buffer.from(bytes).toString('utf8'));
    }
  });

  it('textToBytes encodes as Node does, lone surrogates included', () => {
    for (const text of ['', 'abc', 'naïve € 𝄞', 'lone \ud800 x', '\udc00']) expect([...textToBytes(text)]).toEqual([...Buffer.from(text, 'utf8')]);
  });

  it('splits the HTTP prelude from the body at the 8 NUL bytes', () => {
    const all = new Uint8Array([...enc('{"statusCode":418}'), 0, 0, 0, 0, 0, 0, 0, 0, ...enc('teapot')]);
    const p = parseHttpIntegrationStream(all);
    expect(p.ok).toBe(true);
    if (p.ok) {
      expect(p.prelude).toEqual({ statusCode: 418 });
      expect(bytesToText(p.body)).toBe('teapot');
      expect(p.preludeBytes).toBe(26);
    }
  });

  it('says what is wrong with a stream that has no usable prelude', () => {
    expect(parseHttpIntegrationStream(enc('not found'))).toMatchObject({ ok: false, reason: 'no-delimiter' });
    expect(parseHttpIntegrationStream(new Uint8Array([...enc('{oops'), 0, 0, 0, 0, 0, 0, 0, 0]))).toMatchObject({ ok: false, reason: 'prelude-not-json' });
    expect(parseHttpIntegrationStream(new Uint8Array([...enc('[1]'), 0, 0, 0, 0, 0, 0, 0, 0]))).toMatchObject({ ok: false, reason: 'prelude-not-object' });
  });

  it('the collector joins drains, maps guest times to the simulation clock and resets on take', () => {
    const c = createStreamCollector((t) => 1000 + t);
    expect(c.take()).toBeNull();
    c.absorb('');
    c.absorb(JSON.stringify({ contentType: 'text/plain', chunks: [{ t: 5, b: Buffer.from('ab').toString('base64') }], ended: false, writeCalled: true, error: null }));
    c.absorb(JSON.stringify({ contentType: 'text/plain', chunks: [{ t: 9, b: Buffer.from('c').toString('base64') }], ended: true, writeCalled: true, error: null }));
    const got = c.take();
    expect(got?.chunks.map((x) => x.atMs)).toEqual([1005, 1009]);
    expect(got?.totalBytes).toBe(3);
    expect(got?.ended).toBe(true);
    expect(c.take()).toBeNull();
  });
});
