import { describe, expect, it } from 'vitest';
import { ANSWER_THRESHOLD, classifyLine, diagnose, MAX_INPUT_CHARS, MAX_LINE_CHARS, type Signature } from '../../../src/engine/analyzer/index.ts';
import { loadSignatures } from './corpus.ts';

const signatures = loadSignatures();
const T = '\t';
const RID = '5f8e1c2a-9b3d-4e7f-a1c2-3d4e5f6a7b8c';

describe('classifyLine', () => {
  it.each([
    [`2026-01-12T09:14:03.120Z${T}${RID}${T}ERROR${T}Invoke Error ${T}{}`, 'lambda-log'],
    [`REPORT RequestId: ${RID}${T}Duration: 1.00 ms${T}`, 'lambda-log'],
    ['{"timestamp":"2026-01-12T00:00:00Z","level":"INFO","requestId":"x","message":"hi"}', 'lambda-log'],
    ['{"time":"x","type":"platform.report","record":{}}', 'lambda-log'],
    ['    "FunctionError": "Unhandled",', 'invoke-output'],
    ['{"errorType":"Error","errorMessage":"boom","trace":[]}', 'invoke-output'],
    [`(${RID}) Method completed with status: 502`, 'apigw-execution-log'],
    ['Mon Jan 12 12:30:00 UTC 2026 : Execution failed due to configuration error: Malformed Lambda proxy response', 'apigw-execution-log'],
    ['{"requestId":"x","status":"504","error.responseType":"INTEGRATION_TIMEOUT"}', 'apigw-access-log'],
    ['https 2026-01-12T10:01:02.345678Z app/x/1 1.2.3.4:1 - 0.000 0.051 -1 502 - 1 2 "GET / HTTP/1.1" "-" - - arn "-" "-" "-" 0 2026-01-12T10:01:02Z "forward" "-" "LambdaUnhandled"', 'alb-access-log'],
    ['{"message": "Endpoint request timed out"}', 'client-response'],
    ['< HTTP/2 504', 'client-response'],
    ['Internal Server Error', 'client-response'],
    ['Hello team', 'plain'],
  ])('%s → %s', (line, source) => {
    expect(classifyLine(line)).toBe(source);
  });
});

describe('diagnose: disambiguation', () => {
  it('a timeout with a network timeout in the same paste ranks downstream-failure first, timeout second', () => {
    const d = diagnose(
      [`2026-01-12T18:10:02.500Z${T}${RID}${T}WARN${T}retrying after Error: connect ETIMEDOUT 203.0.113.50:443`, `2026-01-12T18:10:05.012Z ${RID} Task timed out after 5.01 seconds`].join('\n'),
      signatures,
    );
    expect(d.causes.map((c) => c.cause).slice(0, 2)).toEqual(['downstream-failure', 'timeout']);
  });

  it('a timeout alone stays a timeout', () => {
    expect(diagnose(`2026-01-12T18:10:05.012Z ${RID} Task timed out after 5.01 seconds`, signatures).causes[0]?.cause).toBe('timeout');
  });

  it('an out-of-memory visible only in the REPORT line', () => {
    const d = diagnose(`REPORT RequestId: ${RID}${T}Duration: 6954.19 ms${T}Billed Duration: 6955 ms${T}Memory Size: 1024 MB${T}Max Memory Used: 1023 MB${T}Status: error${T}Error Type: Runtime.OutOfMemory`, signatures);
    expect(d.causes[0]?.cause).toBe('out-of-memory');
    const equal = diagnose(`REPORT RequestId: ${RID}${T}Duration: 900.00 ms${T}Billed Duration: 900 ms${T}Memory Size: 512 MB${T}Max Memory Used: 512 MB${T}`, signatures);
    expect(equal.causes[0]?.cause).toBe('out-of-memory');
    const below = diagnose(`REPORT RequestId: ${RID}${T}Duration: 900.00 ms${T}Billed Duration: 900 ms${T}Memory Size: 512 MB${T}Max Memory Used: 511 MB${T}`, signatures);
    expect(below.causes).toEqual([]);
  });

  it('a REST 502 where the function succeeded: malformed response, not an exception', () => {
    const d = diagnose(`(${RID}) Endpoint response body before transformations: {"statusCode":200,"body":{"ok":true}}\n(${RID}) Execution failed due to configuration error: Malformed Lambda proxy response\n(${RID}) Method completed with status: 502\n{"message": "Internal server error"}`, signatures);
    expect(d.causes[0]?.cause).toBe('malformed-response');
    expect(d.causes.map((c) => c.cause)).not.toContain('integration-config');
    expect(d.causes[0]?.evidence.map((e) => e.lineNumber)).toEqual([1, 2]);
  });

  it('"Endpoint request timed out" as the response is an integration timeout; inside the function log it is a downstream failure', () => {
    expect(diagnose('{"message": "Endpoint request timed out"}', signatures).causes[0]?.cause).toBe('integration-timeout');
    const inside = diagnose(`2026-01-12T18:20:00.000Z${T}${RID}${T}ERROR${T}Invoke Error ${T}{"errorType":"AxiosError","errorMessage":"Request failed with status code 504","data":{"message":"Endpoint request timed out"}}`, signatures);
    expect(inside.causes[0]?.cause).toBe('downstream-failure');
    expect(inside.causes.map((c) => c.cause)).not.toContain('integration-timeout');
  });

  it('evidence carries the line, its 1-based number, the signature and the source', () => {
    const d = diagnose(`hello\n\n2026-01-12T18:10:05.012Z ${RID} Task timed out after 5.01 seconds`, signatures);
    expect(d.causes[0]?.evidence[0]).toEqual({ line: `2026-01-12T18:10:05.012Z ${RID} Task timed out after 5.01 seconds`, lineNumber: 3, signature: 'task-timed-out', source: 'lambda-log' });
    expect(d.causes[0]?.explanation.length).toBeGreaterThan(20);
    expect(d.causes[0]?.next.length).toBeGreaterThan(0);
  });
});

describe('diagnose: unknown and limits', () => {
  it('an empty paste answers unknown with default next steps', () => {
    const d = diagnose('', signatures);
    expect(d.causes).toEqual([]);
    expect(d.unknown?.next.length).toBeGreaterThanOrEqual(3);
  });

  it('a generic body alone is a lead, not an answer, and its next steps come first', () => {
    const d = diagnose('{"message": "Internal server error"}', signatures);
    expect(d.causes).toEqual([]);
    expect(d.unknown?.leads[0]?.cause).toBe('unhandled-exception');
    expect(d.unknown?.leads[0]?.score).toBeLessThan(ANSWER_THRESHOLD);
    expect(d.unknown?.next[0]).toMatch(/502/);
  });

  it('cuts lines longer than 64 KiB before matching and input beyond the limit', () => {
    const long = `${'x'.repeat(MAX_LINE_CHARS)}Task timed out after 3.00 seconds`;
    expect(diagnose(long, signatures).causes).toEqual([]);
    const big = diagnose(`${'.'.repeat(MAX_INPUT_CHARS)}\nTask timed out after 3.00 seconds`, signatures);
    expect(big.stats.truncated).toBe(true);
    expect(big.causes).toEqual([]);
  });

  it('reads a paste of about 1 MB', () => {
    const filler = `2026-01-12T09:14:03.112Z${T}${RID}${T}INFO${T}processing item with a reasonably long log message body\n`;
    const text = filler.repeat(Math.ceil(1_000_000 / filler.length)) + `REPORT RequestId: ${RID}${T}Duration: 1.00 ms${T}Billed Duration: 1 ms${T}Memory Size: 128 MB${T}Max Memory Used: 128 MB${T}Status: error${T}Error Type: Runtime.OutOfMemory`;
    const d = diagnose(text, signatures);
    expect(d.causes[0]?.cause).toBe('out-of-memory');
    expect(d.causes[0]?.evidence[0]?.lineNumber).toBe(d.stats.lines);
  });
});

describe('diagnose: signature semantics', () => {
  const sig = (over: Partial<Signature>): Signature => ({ id: 's', cause: 'timeout', patterns: ['x'], weight: 5, source: ['lambda-log'], explanation: 'An explanation for tests.', next: ['n'], awsSource: 'test', ...over });

  it('suppresses halves the other cause; negates removes the other signature', () => {
    const a = sig({ id: 'a', cause: 'timeout', patterns: ['alpha'], weight: 8 });
    const b = sig({ id: 'b', cause: 'downstream-failure', patterns: ['beta'], weight: 6, suppresses: ['timeout'] });
    expect(diagnose('alpha\nbeta', [a, b]).causes.map((c) => [c.cause, c.score])).toEqual([
      ['downstream-failure', 6],
      ['timeout', 4],
    ]);
    const c = sig({ id: 'c', cause: 'downstream-failure', patterns: ['beta'], weight: 6, negates: ['a'] });
    expect(diagnose('alpha\nbeta', [a, c]).causes.map((f) => f.cause)).toEqual(['downstream-failure']);
  });

  it('extra signatures of a cause add a fifth of their weight; a signature counts once however many lines match', () => {
    const a = sig({ id: 'a', patterns: ['alpha'], weight: 8 });
    const b = sig({ id: 'b', patterns: ['beta'], weight: 5 });
    expect(diagnose('alpha\nalpha\nbeta', [a, b]).causes[0]?.score).toBe(9);
  });

  it('source filters lines; strictSource also skips unclassified lines', () => {
    const a = sig({ id: 'a', patterns: ['Endpoint request timed out'], source: ['client-response'], weight: 9 });
    expect(diagnose(`2026-01-12T18:20:00.000Z${T}${RID}${T}ERROR${T}Endpoint request timed out`, [a]).causes).toEqual([]);
    expect(diagnose('Endpoint request timed out', [a]).causes).toHaveLength(1);
    expect(diagnose('Endpoint request timed out', [{ ...a, strictSource: true }]).causes).toEqual([]);
  });

  it('a signature with an invalid pattern is skipped, not thrown', () => {
    expect(diagnose('alpha', [sig({ patterns: ['(', 'alpha'] })]).causes).toHaveLength(1);
  });
});
