import { describe, expect, it } from 'vitest';
import type { CauseFinding } from '../../src/engine/analyzer/index.ts';
import { describeStrength, findLastLogBeforeTimeout, logMessage, presentFindings } from '../../src/analyzer/present.ts';

const finding = (cause: CauseFinding['cause'], lines: number[], next: string[], confidence: CauseFinding['confidence'] = 'high'): CauseFinding => ({
  cause,
  score: 9.4,
  confidence,
  explanation: 'x',
  next,
  evidence: lines.map((n, i) => ({ line: `line ${n}`, lineNumber: n, signature: `sig-${i}`, source: 'lambda-log' })),
});

describe('presentFindings', () => {
  it('lists a pasted line once per cause even when several signatures matched it', () => {
    const [card] = presentFindings([finding('timeout', [3, 3, 5, 3], [])]);
    expect(card!.evidence.map((e) => e.lineNumber)).toEqual([3, 5]);
    expect(card!.strength).toBe('Strong evidence: 2 lines of your paste point to this cause.');
  });

  it('drops next steps repeated inside a cause or already listed under a cause above it', () => {
    const cards = presentFindings([
      finding('timeout', [1], ['Check the REPORT line.', 'check the  report line', 'Read the lines before the timeout.']),
      finding('downstream-failure', [2], ['Read the lines before the timeout', 'Give each call a deadline.']),
    ]);
    expect(cards[0]!.next).toEqual(['Check the REPORT line.', 'Read the lines before the timeout.']);
    expect(cards[1]!.next).toEqual(['Give each call a deadline.']);
  });

  it('says the confidence in words, never a score or an id', () => {
    expect(describeStrength('medium', 1)).toBe('Some evidence: 1 line of your paste points to this cause.');
    expect(describeStrength('low', 3)).toMatch(/^Weak evidence/);
    const text = presentFindings([finding('timeout', [1], [])])[0]!.strength;
    expect(text).not.toMatch(/score|9\.4|cause id/);
  });
});

describe('findLastLogBeforeTimeout', () => {
  const id = '1b0e7c52-8a41-4f0e-b3d6-5c2a9e8f7d10';
  const other = '22222222-8a41-4f0e-b3d6-5c2a9e8f7d10';
  const text = [
    `START RequestId: ${id} Version: $LATEST`,
    `2026-01-12T13:00:00.100Z\t${id}\tINFO\tloading prices`,
    `2026-01-12T13:00:00.200Z\t${other}\tINFO\tanother request`,
    `2026-01-12T13:00:00.300Z\t${id}\tINFO\tcalling partner API at https://partner.example/prices`,
    `END RequestId: ${id}`,
    `REPORT RequestId: ${id}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: timeout`,
    `2026-01-12T13:00:03.012Z ${id} Task timed out after 3.00 seconds`,
  ];

  it('names the last line the function logged in the same invocation, skipping platform lines and other requests', () => {
    expect(findLastLogBeforeTimeout(text, 7)).toEqual({ lineNumber: 4, message: 'calling partner API at https://partner.example/prices' });
    // Without a line number it finds the first timeout line itself (the REPORT line's "Status: timeout").
    expect(findLastLogBeforeTimeout(text)?.lineNumber).toBe(4);
  });

  it('stops at the START line: a function that logged nothing gets null, not a line of an earlier invocation', () => {
    const lines = [`2026-01-12T12:59:59.000Z\t${id}\tINFO\tprevious invocation`, `START RequestId: ${id} Version: $LATEST`, `2026-01-12T13:00:03.012Z ${id} Task timed out after 3.00 seconds`];
    expect(findLastLogBeforeTimeout(lines, 3)).toBeNull();
  });

  it('reads JSON log format lines and skips platform events', () => {
    const lines = [
      JSON.stringify({ time: 't', type: 'platform.start', record: { requestId: id } }),
      JSON.stringify({ timestamp: 't', level: 'INFO', requestId: id, message: 'fetching order 42' }),
      JSON.stringify({ time: 't', type: 'platform.report', record: { requestId: id, status: 'timeout' } }),
    ];
    expect(findLastLogBeforeTimeout(lines, 3)).toEqual({ lineNumber: 2, message: 'fetching order 42' });
  });

  it('returns null when there is no timeout line', () => {
    expect(findLastLogBeforeTimeout(['hello', 'world'])).toBeNull();
  });

  it('logMessage keeps a line it cannot split whole', () => {
    expect(logMessage('  plain words  ')).toBe('plain words');
    expect(logMessage('{"message":{"a":1}}')).toBe('{"a":1}');
  });
});
