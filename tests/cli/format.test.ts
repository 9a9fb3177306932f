import { describe, expect, it } from 'vitest';
import { cell, formatCompare, formatFindings, formatResponse, guideUrl, responseHeading, table } from '../../src/cli/format.ts';
import { buildRunReport, isSuccessfulReport } from '../../src/cli/report.ts';
import type { FrontDoorRun } from '../../src/engine/integrations/compare.ts';
import type { Finding } from '../../src/engine/types.ts';

const finding: Finding = { code: 'LT-X', cause: 'malformed-response', message: 'What, why, fix.', guide: '/guides/malformed-response/', source: 'https://docs.aws.amazon.com/x' };

function run(partial: Partial<FrontDoorRun>): FrontDoorRun {
  return {
    frontDoor: 'apigw-rest',
    response: { statusCode: 502, headers: { 'content-type': 'application/json' }, body: '{"message": "Internal server error"}' },
    findings: [finding],
    gatewayLogs: ['gw line'],
    invoked: false,
    clientLatencyMs: 0,
    functionDurationMs: null,
    billedDurationMs: null,
    errorReason: null,
    event: {},
    record: null,
    ...partial,
  };
}

describe('CLI formatting', () => {
  it('response heading: Invoke API view or the front door label', () => {
    expect(responseHeading('invoke', { statusCode: 200, headers: { 'X-Amz-Function-Error': 'Unhandled' }, body: '' })).toBe('Invoke API: HTTP 200 (X-Amz-Function-Error: Unhandled)');
    expect(responseHeading('alb', { statusCode: 502, headers: {}, body: '' })).toBe('Application Load Balancer: HTTP 502');
  });

  it('prints repeated headers once per value', () => {
    const lines = formatResponse('alb', { statusCode: 200, headers: { 'set-cookie': 'a=1, b=2' }, multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] }, body: 'x' });
    expect(lines).toEqual(['Application Load Balancer: HTTP 200', 'set-cookie: a=1', 'set-cookie: b=2', '', 'x']);
  });

  it('findings carry code, guide link and source; warnings are marked', () => {
    expect(formatFindings([{ ...finding, severity: 'warning', unverified: true }], 'https://triage.example.com')).toEqual([
      'LT-X (warning, AWS behaviour unverified): What, why, fix.',
      '  Guide: https://triage.example.com/guides/malformed-response/',
      '  Source: https://docs.aws.amazon.com/x',
    ]);
    expect(formatFindings([finding], undefined)[1]).toBe('  Guide: /guides/malformed-response/');
    expect(guideUrl('https://a.example/x')).toBe('https://a.example/x');
  });

  it('table cells are flattened and cut', () => {
    expect(cell('a\nb', 10)).toBe('a⏎b');
    expect(cell('abcdefghij', 5)).toBe('abcd…');
    expect(table(['A', 'Bee'], [['xx', 'y']])).toEqual(['A   Bee', '--  ---', 'xx  y']);
  });

  it('compare table: one row per door, findings listed once per code', () => {
    const reports = [buildRunReport(run({ findings: [finding, finding] }), 'gw-1', 0)];
    const out = formatCompare(reports);
    expect(out[2]).toMatch(/^API Gateway REST API \(Lambda proxy\)\s+502\s+\{"message": "Internal server error"\}\s+LT-X$/);
  });
});

describe('report entries', () => {
  it('a run that never invoked gets a placeholder record and the findings\' causes', () => {
    const r = buildRunReport(run({}), 'gw-1', 5);
    expect(r).toMatchObject({ requestId: 'gw-1', invoked: false, outcome: 'invalid-request', logs: [], startedAt: 5, causes: ['malformed-response'] });
    expect(isSuccessfulReport(r)).toBe(false);
    const throttled = buildRunReport(run({ findings: [{ ...finding, code: 'LT-THROTTLED', cause: 'throttling' }] }), 'gw-2', 0);
    expect(throttled.outcome).toBe('throttled');
  });

  it('warnings do not fail an invocation', () => {
    const record = { requestId: 'r', coldStart: true, outcome: 'success' as const, errorType: null, errorMessage: null, functionError: null, durationMs: 1, billedDurationMs: 1, initDurationMs: 1, maxMemoryUsedMB: 64, payload: '{}', result: {}, startedAt: 0, logs: [], pending: [], causes: [], processExit: null };
    const r = buildRunReport(run({ record, invoked: true, response: { statusCode: 200, headers: {}, body: '{}' }, findings: [{ ...finding, severity: 'warning' }] }), 'gw', 0);
    expect(r.causes).toEqual([]);
    expect(isSuccessfulReport(r)).toBe(true);
  });
});
