import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from '../../src/playground/json-position.ts';
import { buildCauseLinks } from '../../src/playground/cause-links.ts';
import { asyncInvokeResponse, ASYNC_INVOKE_STATUS } from '../../src/playground/invocation-type.ts';
import { formatBytes, formatCount, logLevel, prettyBody } from '../../src/playground/format.ts';

describe('jsonErrorPosition', () => {
  it('reads V8 positions from JSON.parse messages', () => {
    const text = '{\n  "a": 1,\n}';
    let message = '';
    try {
      JSON.parse(text);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(jsonErrorPosition(text, message)).toEqual({ line: 3, column: 1 });
    expect(jsonErrorPosition('{"a":', 'Unexpected end of JSON input')).toEqual({ line: 1, column: 6 });
    expect(jsonErrorPosition('x', 'something else')).toBeNull();
  });
});

describe('buildCauseLinks', () => {
  it('links the guide when it exists and the tree node named after the cause, else an outcome naming it', () => {
    const links = buildCauseLinks(
      [
        { id: 'timeout', data: { title: 'Function timeout' } },
        { id: 'throttling', data: { title: 'Throttling' } },
        { id: 'not-a-cause', data: { title: 'x' } },
      ],
      new Set(['guides/timeout']),
      [
        { id: 'timeout', data: { type: 'outcome', cause: 'timeout' } },
        { id: 'http-503', data: { type: 'outcome', cause: 'throttling' } },
        { id: 'start', data: { type: 'question' } },
      ],
    );
    expect(links).toEqual({
      timeout: { title: 'Function timeout', guide: '/guides/timeout/', tree: '/tree/timeout/' },
      throttling: { title: 'Throttling', guide: null, tree: '/tree/http-503/' },
    });
  });
});

describe('asyncInvokeResponse (D11: Event answers 202)', () => {
  it('turns an accepted invoke into 202 with no body, keeping the request id', () => {
    const sync = { statusCode: 200, headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': 'r1', 'X-Amz-Function-Error': 'Unhandled' }, body: '{"errorType":"Error"}' };
    expect(asyncInvokeResponse(sync)).toEqual({ statusCode: ASYNC_INVOKE_STATUS, headers: { 'x-amzn-RequestId': 'r1' }, body: '' });
  });
  it('leaves a rejected request unchanged', () => {
    const rejected = { statusCode: 429, headers: {}, body: '{}' };
    expect(asyncInvokeResponse(rejected)).toBe(rejected);
  });
});

describe('formatters', () => {
  it('groups thousands with commas as en-US does, without Intl', () => {
    for (const n of [0, 7, 999, 1000, 12345, 1234567, 9007199254740991, -4200, 3.25, 1234.5, NaN, Infinity]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: 20 }).replace('∞', 'Infinity'));
    }
  });

  it('formats bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(6_291_556)).toBe('6.00 MB');
  });
  it('pretty-prints JSON bodies only', () => {
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody('{not json')).toBe('{not json');
    expect(prettyBody('plain')).toBe('plain');
  });
  it('classifies CloudWatch lines by level', () => {
    expect(logLevel('START RequestId: x Version: $LATEST')).toBe('platform');
    expect(logLevel('2026-01-01T00:00:00.000Z\tid\tERROR\tboom')).toBe('error');
    expect(logLevel('2026-01-01T00:00:00.000Z\tid\tWARN\thm')).toBe('warn');
    expect(logLevel('2026-01-01T00:00:00.000Z\tid\tINFO\tok')).toBe('info');
    expect(logLevel('{"timestamp":"…","level":"ERROR","message":"x"}')).toBe('error');
    expect(logLevel('2026-01-01T00:00:00.000Z id Task timed out after 3.00 seconds')).toBe('error');
    expect(logLevel('{"time":"2026-01-01T00:00:00.000Z","type":"platform.report","record":{}}')).toBe('platform');
    expect(logLevel('anything else')).toBe('plain');
  });
});
