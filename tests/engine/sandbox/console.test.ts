import { describe, expect, it } from 'vitest';
import { parseFunctionConfig } from '../../../src/engine/lambda/function-config.ts';
import { messages, once } from '../helpers.ts';

/** `level message` pairs of a text-format run. */
const lines = (r: Awaited<ReturnType<typeof once>>): string[] => messages(r);
/** `level` of each JSON application log record. */
const jsonLevels = (r: Awaited<ReturnType<typeof once>>): string[] =>
  r.logs.filter((l) => l.startsWith('{"timestamp"')).map((l) => (JSON.parse(l) as { level: string }).level);

describe("console methods as Node's Console calls them through the runtime's patched log functions", () => {
  it('console.time/timeEnd/timeLog print durations with formatTime (lib/internal/util/debuglog.js)', async () => {
    const r = await once({
      'index.mjs': [
        'const wait = (ms) => new Promise((r) => setTimeout(r, ms));',
        'export const handler = async () => {',
        '  console.time("fetch"); await wait(5); console.timeEnd("fetch");',
        '  console.time(); await wait(1500); console.timeLog(undefined, "half", 1); await wait(61000); console.timeEnd();',
        '  console.timeEnd("never started");',
        '};',
      ].join('\n'),
    }, {}, { timeoutSeconds: 900 });
    const out = lines(r);
    expect(out).toHaveLength(3);
    // under a second: milliseconds without trailing zeros; then seconds with 3 decimals; then m:ss.mmm
    expect(out[0]).toMatch(/^INFO\tfetch: 5(\.\d{1,3})?ms$/);
    expect(out[0]).not.toMatch(/0ms$/);
    expect(out[1]).toMatch(/^INFO\tdefault: 1\.5\d\ds half 1$/);
    expect(out[2]).toMatch(/^INFO\tdefault: 1:02\.5\d\d \(m:ss\.mmm\)$/);
  });

  it('console.assert logs at WARN with "Assertion failed" joined to its first argument; group prints its label', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => { console.assert(1 === 2, { id: 7 }, "and", 3); console.assert(false); console.assert(true, "never"); console.group("batch 1"); console.groupEnd(); console.group(); };' });
    expect(lines(r)).toEqual(['WARN\tAssertion failed: [object Object] and 3', 'WARN\tAssertion failed', 'INFO\tbatch 1']);
  });

  it('console.log() passes one undefined argument (LogPatch.js): text prints "undefined", JSON has no message key', async () => {
    const src = { 'index.mjs': 'export const handler = async () => { console.log(); console.warn(); console.log(undefined); };' };
    expect(lines(await once(src))).toEqual(['INFO\tundefined', 'WARN\tundefined', 'INFO\tundefined']);
    const json = await once(src, {}, { logFormat: 'JSON' });
    const records = json.logs.filter((l) => l.startsWith('{"timestamp"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => Object.keys(r))).toEqual([
      ['timestamp', 'level', 'requestId'],
      ['timestamp', 'level', 'requestId'],
      ['timestamp', 'level', 'requestId'],
    ]);
  });
});

describe('application log-level filtering (JSON log format)', () => {
  const SRC = 'export const handler = async () => { console.trace("t"); console.debug("d"); console.log("l"); console.info("i"); console.warn("w"); console.error("e"); console.fatal("f"); console.assert(false, "a"); return "ok"; };';

  it('without a level Lambda filters at INFO (its documented default): TRACE and DEBUG are dropped', async () => {
    // "The default application log level for log filtering is INFO":
    // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html
    const r = await once({ 'index.mjs': SRC.replace('return "ok"', 'return process.env.AWS_LAMBDA_LOG_LEVEL') }, {}, { logFormat: 'JSON' });
    expect(jsonLevels(r)).toEqual(['INFO', 'INFO', 'WARN', 'ERROR', 'FATAL', 'WARN']);
    expect(r.result).toBe('INFO');
  });

  it('TRACE lets every console method log, each at its own level', async () => {
    const r = await once({ 'index.mjs': SRC }, {}, { logFormat: 'JSON', applicationLogLevel: 'TRACE' });
    expect(jsonLevels(r)).toEqual(['TRACE', 'DEBUG', 'INFO', 'INFO', 'WARN', 'ERROR', 'FATAL', 'WARN']);
  });

  it('the Text log format passes no level to the runtime (filtering needs JSON)', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => process.env.AWS_LAMBDA_LOG_LEVEL ?? "unset";' }, {});
    expect(r.result).toBe('unset');
  });

  it('WARN drops TRACE, DEBUG and INFO; the runtime sees AWS_LAMBDA_LOG_LEVEL (LogPatch.js)', async () => {
    const r = await once({ 'index.mjs': SRC.replace('return "ok"', 'return process.env.AWS_LAMBDA_LOG_LEVEL') }, {}, { logFormat: 'JSON', applicationLogLevel: 'WARN' });
    expect(jsonLevels(r)).toEqual(['WARN', 'ERROR', 'FATAL', 'WARN']);
    expect(r.result).toBe('WARN');
  });

  it('FATAL keeps only console.fatal, and the runtime\'s own error records still reach the log', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => { console.error("quiet"); console.fatal("loud"); throw new Error("boom"); };' }, {}, { logFormat: 'JSON', applicationLogLevel: 'FATAL' });
    expect(jsonLevels(r)).toEqual(['FATAL', 'ERROR']);
    expect(r.logs.some((l) => l.includes('"errorMessage":"boom"'))).toBe(true);
  });

  it('a level without the JSON log format, or an unknown level, is refused with a clear message', () => {
    expect(parseFunctionConfig({ applicationLogLevel: 'DEBUG' })).toEqual({ ok: false, error: 'Log-level filtering needs the JSON log format: set the log format to JSON.' });
    const bad = parseFunctionConfig({ logFormat: 'JSON', applicationLogLevel: 'VERBOSE' as never });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^Application log level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL/);
  });
});

describe('runtime errors in the JSON log format (LogPatch.js jsonErrorLogger, Errors.js classes)', () => {
  it('an init error record names the RIC class (constructor.name) and keeps only the error\'s own keys', async () => {
    const initRecords = (r: Awaited<ReturnType<typeof once>>) =>
      r.logs.filter((l) => l.startsWith('{"timestamp"')).map((l) => (JSON.parse(l) as { message: Record<string, unknown> }).message);
    const notFound = initRecords(await once({ 'index.mjs': 'export const other = 1;' }, {}, { logFormat: 'JSON' }));
    expect(notFound[0]?.['errorType']).toBe('HandlerNotFound');
    expect(Object.keys(notFound[0] ?? {})).toEqual(['errorType', 'errorMessage', 'stackTrace']);
  });

  it('an ESM missing package: errorType, errorMessage, stackTrace and code only (Node 22: Object.keys(e) is ["code"])', async () => {
    const r = await once({ 'index.mjs': 'import AWS from "aws-sdk"; export const handler = async () => AWS;' }, {}, { logFormat: 'JSON' });
    const first = r.logs.find((l) => l.startsWith('{"timestamp"'));
    const message = (JSON.parse(first ?? '{}') as { message: Record<string, unknown> }).message;
    expect(Object.keys(message)).toEqual(['errorType', 'errorMessage', 'stackTrace', 'code']);
    expect(message['code']).toBe('ERR_MODULE_NOT_FOUND');
  });
});
