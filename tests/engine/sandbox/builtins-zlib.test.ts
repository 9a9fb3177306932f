import { deflateRawSync, deflateSync, gunzipSync, gzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { once } from '../helpers.ts';

const TEXT = 'Lambda Triage '.repeat(40) + 'ünïcödé';

describe('zlib in the sandbox behaves as Node 22', () => {
  it('decodes a CloudWatch Logs subscription event (event.awslogs.data: base64 gzip JSON) end to end', async () => {
    // Event shape: https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html
    const payload = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: '/aws/lambda/orders',
      logStream: '2026/12/05/[$LATEST]abc',
      subscriptionFilters: ['errors'],
      logEvents: [
        { id: '1', timestamp: 1764921600000, message: 'ERROR something broke' },
        { id: '2', timestamp: 1764921600001, message: 'INFO fine' },
      ],
    };
    const event = { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64') } };
    const handler = [
      "const zlib = require('node:zlib');",
      "const { promisify } = require('node:util');",
      'const gunzip = promisify(zlib.gunzip);',
      'exports.handler = async (event) => {',
      "  const data = JSON.parse((await gunzip(Buffer.from(event.awslogs.data, 'base64'))).toString('utf8'));",
      "  const sync = JSON.parse(zlib.gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString());",
      '  return { group: data.logGroup, messages: data.logEvents.map((e) => e.message), same: JSON.stringify(sync) === JSON.stringify(data) };',
      '};',
    ].join('\n');
    const r = await once({ 'index.js': handler }, event);
    expect(r.errorMessage).toBeNull();
    expect(r.result).toEqual({ group: '/aws/lambda/orders', messages: ['ERROR something broke', 'INFO fine'], same: true });
  });

  it('reads what Node compressed and writes what Node reads (gzip, deflate = zlib format, deflateRaw, unzip)', async () => {
    const event = {
      gz: gzipSync(TEXT).toString('base64'),
      zl: deflateSync(TEXT).toString('base64'),
      raw: deflateRawSync(TEXT).toString('base64'),
    };
    const r = await once(
      {
        'index.mjs': [
          "import zlib from 'node:zlib';",
          "const b = (s) => Buffer.from(s, 'base64');",
          'export const handler = async (e) => ({',
          "  read: [zlib.gunzipSync(b(e.gz)).toString(), zlib.inflateSync(b(e.zl)).toString(), zlib.inflateRawSync(b(e.raw)).toString(), zlib.unzipSync(b(e.gz)).toString(), zlib.unzipSync(b(e.zl)).toString()],",
          '  written: [zlib.gzipSync(e.text).toString("base64"), zlib.deflateSync(e.text, { level: 9 }).toString("base64"), zlib.deflateRawSync(Buffer.from(e.text)).toString("base64")],',
          '});',
        ].join('\n'),
      },
      { ...event, text: TEXT },
    );
    expect(r.errorMessage).toBeNull();
    const { read, written } = r.result as { read: string[]; written: string[] };
    expect(read).toEqual([TEXT, TEXT, TEXT, TEXT, TEXT]);
    expect(gunzipSync(Buffer.from(written[0]!, 'base64')).toString()).toBe(TEXT);
    expect(inflateSync(Buffer.from(written[1]!, 'base64')).toString()).toBe(TEXT);
    expect(inflateRawSync(Buffer.from(written[2]!, 'base64')).toString()).toBe(TEXT);
  });

  it('callback forms answer later; errors carry zlib messages, errno and code as Node reports them', async () => {
    const truncated = gzipSync('hello world').subarray(0, 8).toString('base64');
    const r = await once(
      {
        'index.js': [
          "const zlib = require('zlib');",
          'const t = (f) => { try { f(); return "no error"; } catch (e) { return [e.message, e.errno, e.code]; } };',
          'exports.handler = async (e) => {',
          '  const order = [];',
          "  const cb = new Promise((res) => zlib.gunzip(Buffer.from('abc'), (err, out) => { order.push('callback'); res([err.message, err.errno, err.code, out]); }));",
          "  order.push('after call');",
          '  return { order, cb: await cb, sync: [',
          "    t(() => zlib.gunzipSync(Buffer.from('abc'))),",
          "    t(() => zlib.gunzipSync(Buffer.from(e.truncated, 'base64'))),",
          "    t(() => zlib.inflateSync(Buffer.from('abc'))),",
          '    t(() => zlib.gunzipSync(5)),',
          "    t(() => zlib.brotliCompressSync('x')),",
          '  ] };',
          '};',
        ].join('\n'),
      },
      { truncated },
    );
    expect(r.errorMessage).toBeNull();
    const out = r.result as { order: string[]; cb: unknown[]; sync: unknown[][] };
    expect(out.order).toEqual(['after call', 'callback']);
    expect(out.cb).toEqual(['incorrect header check', -3, 'Z_DATA_ERROR', null]);
    expect(out.sync.slice(0, 3)).toEqual([
      ['incorrect header check', -3, 'Z_DATA_ERROR'],
      ['unexpected end of file', -5, 'Z_BUF_ERROR'],
      ['incorrect header check', -3, 'Z_DATA_ERROR'],
    ]);
    expect(out.sync[3]![0]).toBe('The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received type number (5)');
    expect(out.sync[4]![0]).toMatch(/^zlib\.brotliCompressSync\(\) is not available in the Lambda Triage simulator: no pure-JavaScript Brotli/);
  });
});
