import { describe, expect, it } from 'vitest';
import { parseCliArgs, type InvokeArgs } from '../../src/cli/args.ts';

function args(argv: string[]): InvokeArgs {
  const p = parseCliArgs(['invoke', 'h.mjs', ...argv]);
  if (!p.ok || !('args' in p)) throw new Error(p.ok ? 'help' : p.error);
  return p.args;
}

function error(argv: string[]): string {
  const p = parseCliArgs(['invoke', 'h.mjs', ...argv]);
  if (p.ok) throw new Error('expected an error');
  return p.error;
}

describe('parseCliArgs: front doors', () => {
  it('defaults: invoke without --request, apigw-rest with it', () => {
    expect(args([]).integration).toBe('invoke');
    expect(args(['--event', 'e.json']).integration).toBe('invoke');
    expect(args(['--request', 'r.json']).integration).toBe('apigw-rest');
    expect(args(['--request', 'r.json', '--integration', 'alb']).integration).toBe('alb');
  });

  it('front-door switches', () => {
    const a = args(['--integration', 'alb', '--no-invoke-permission', '--alb-multi-value-headers']);
    expect(a).toMatchObject({ integration: 'alb', invokePermission: false, albMultiValueHeaders: true, compare: false });
    expect(args([]).invokePermission).toBe(true);
    expect(args(['--compare']).compare).toBe(true);
  });

  it('refuses contradictions with a message naming the options', () => {
    expect(error(['--integration', 'sqs'])).toMatch(/--integration must be one of invoke, apigw-rest, .*alb; got "sqs"/);
    expect(error(['--event', 'e', '--request', 'r'])).toMatch(/either --event .* or --request/);
    expect(error(['--compare', '--integration', 'alb'])).toMatch(/drop --integration/);
    expect(error(['--compare', '--times', '2'])).toMatch(/drop --times/);
    expect(error(['--seed', '-1'])).toMatch(/--seed/);
  });
});

describe('parseCliArgs: log format and level', () => {
  it('Text by default; JSON and a level, in any case', () => {
    expect(args([])).toMatchObject({ logFormat: 'Text', logLevel: undefined });
    expect(args(['--log-format', 'json', '--log-level', 'warn'])).toMatchObject({ logFormat: 'JSON', logLevel: 'WARN' });
  });
  it('refuses an unknown format or level, and a level without JSON', () => {
    expect(error(['--log-format', 'xml'])).toBe('--log-format must be Text or JSON; got "xml"');
    expect(error(['--log-format', 'JSON', '--log-level', 'loud'])).toMatch(/^--log-level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL; got "loud"/);
    expect(error(['--log-level', 'ERROR'])).toMatch(/add --log-format JSON/);
  });
});

describe('parseCliArgs: load runs and async invocations', () => {
  it('--load with a rate (default 10/s) or a concurrency', () => {
    expect(args(['--load', '1000']).load).toEqual({ requests: 1000, rate: 10, concurrency: null, reservedConcurrency: null, accountConcurrency: 1000 });
    expect(args(['--load', '50', '--rate', '2.5', '--reserved-concurrency', '0']).load).toMatchObject({ rate: 2.5, reservedConcurrency: 0 });
    expect(args(['--load', '50', '--concurrency', '4', '--account-concurrency', '20']).load).toMatchObject({ rate: null, concurrency: 4, accountConcurrency: 20 });
  });

  it('load options need --load and must be consistent', () => {
    expect(error(['--rate', '5'])).toMatch(/--rate applies to load runs; add --load N/);
    expect(error(['--load', '10', '--rate', '5', '--concurrency', '2'])).toMatch(/either --rate/);
    expect(error(['--load', '0'])).toMatch(/--load must be a whole number from 1 to 100000; got "0"/);
    expect(error(['--load', '10', '--rate', '0'])).toMatch(/--rate must be a number above 0; got "0"/);
    expect(error(['--load', '10', '--reserved-concurrency', '20', '--account-concurrency', '10'])).toMatch(/cannot exceed/);
    expect(error(['--load', '10', '--compare'])).toMatch(/--compare/);
  });

  it('--invocation-type Event and its settings', () => {
    expect(args(['--invocation-type', 'Event', '--retry-attempts', '0', '--max-event-age', '60', '--on-failure', 'dlq'])).toMatchObject({
      invocationType: 'Event',
      retryAttempts: 0,
      maxEventAgeSeconds: 60,
      onFailure: 'dlq',
    });
    expect(args([])).toMatchObject({ invocationType: 'RequestResponse', retryAttempts: 2, maxEventAgeSeconds: 21_600 });
    expect(error(['--retry-attempts', '1'])).toMatch(/add --invocation-type Event/);
    expect(error(['--invocation-type', 'Event', '--retry-attempts', '3'])).toMatch(/--retry-attempts must be a whole number from 0 to 2; got "3"/);
    expect(error(['--invocation-type', 'Event', '--max-event-age', '59'])).toMatch(/--max-event-age must be a whole number of seconds from 60 to 21600; got "59"/);
    expect(error(['--invocation-type', 'DryRun'])).toMatch(/RequestResponse or Event/);
    expect(error(['--invocation-type', 'Event', '--integration', 'alb'])).toMatch(/Invoke API call/);
  });

  it('--policy, --state and --faults keep their paths', () => {
    expect(args(['--policy', 'p.json', '--state', 's.json', '--faults', 'f.json'])).toMatchObject({ policy: 'p.json', state: 's.json', faults: 'f.json' });
  });
});
