// The CLI's first minutes: --version, the command list, unknown commands and options, number options.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, VERSION } from '../../src/cli/main.ts';
import { COMMANDS, commandNames, findCommand, formatCommandList } from '../../src/cli/commands.ts';
import { describeParseArgsError, numberOptionError, parseCliArgs, parseNumberOption, USAGE } from '../../src/cli/args.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

function error(argv: string[]): string {
  const p = parseCliArgs(['invoke', 'h.mjs', ...argv]);
  if (p.ok) throw new Error('expected an error');
  return p.error;
}

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('lambda-triage --version', () => {
  it('prints the package version and exits 0', async () => {
    const t = io();
    expect(await main(['--version'], t.io)).toBe(0);
    expect(t.out).toEqual([`lambda-triage ${packageVersion}`]);
    expect(VERSION).toBe(packageVersion);
  });
});

describe('the command list', () => {
  it('has every command once, and --help lists each of them', async () => {
    const names = COMMANDS.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['invoke', 'diagnose', 'scenarios', 'scenario']));
    expect(new Set(names).size).toBe(names.length);
    const t = io();
    expect(await main(['--help'], t.io)).toBe(0);
    for (const name of names) expect(t.out.join('\n')).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    expect(USAGE).toContain(formatCommandList());
  });

  it('an unknown command names every command in one line on stderr, exit 2', async () => {
    const t = io();
    expect(await main(['frobnicate'], t.io)).toBe(2);
    expect(t.err).toHaveLength(1);
    expect(t.err[0]).toBe(`lambda-triage: unknown command "frobnicate"; the commands are ${commandNames()} (run \`lambda-triage --help\`)`);
    for (const c of COMMANDS) expect(t.err[0]).toContain(c.name);
  });

  it('no command at all says what the commands are', async () => {
    const t = io();
    expect(await main([], t.io)).toBe(2);
    expect(t.err).toHaveLength(1);
    expect(t.err[0]).toContain(commandNames());
  });

  it('findCommand finds listed commands only', () => {
    expect(findCommand('diagnose')?.name).toBe('diagnose');
    expect(findCommand('nope')).toBeUndefined();
    expect(findCommand(undefined)).toBeUndefined();
  });
});

describe('unknown options and missing values: one line that points to --help', () => {
  it('an unknown option names it without parseArgs\' unbalanced quote', async () => {
    const t = io();
    expect(await main(['invoke', 'h.mjs', '--frobnicate'], t.io)).toBe(2);
    expect(t.err).toEqual(['lambda-triage: unknown option --frobnicate for invoke; run `lambda-triage invoke --help` for the options']);
  });

  it.each([
    [['invoke', 'h.mjs', '--bogus'], 'invoke'],
    [['check', '--bogus'], 'check'],
    [['diagnose', '--bogus'], 'diagnose'],
    [['scenarios', '--bogus'], 'scenarios'],
    [['scenario', 'product-body-object', '--bogus'], 'scenario'],
  ])('%j: exit 2 and one line naming the option and `%s --help`', async (argv, command) => {
    const t = io();
    expect(await main(argv, t.io)).toBe(2);
    expect(t.out).toEqual([]);
    expect(t.err).toEqual([`lambda-triage: unknown option --bogus for ${command}; run \`lambda-triage ${command} --help\` for the options`]);
  });

  it('a flag given a value in diagnose and a missing value in scenario use the same wording', async () => {
    const a = io();
    expect(await main(['diagnose', '--json=yes'], a.io)).toBe(2);
    expect(a.err).toEqual(['lambda-triage: --json takes no value; run `lambda-triage diagnose --help` for the options']);
    const b = io();
    expect(await main(['scenario', 'x', '--handler'], b.io)).toBe(2);
    expect(b.err).toEqual(['lambda-triage: --handler needs a value; run `lambda-triage scenario --help` for the options']);
  });

  it('a value-less option, a value for a flag and an ambiguous value each get one line', () => {
    for (const [argv, start] of [
      [['--timeout'], '--timeout needs a value;'],
      [['--json=yes'], '--json takes no value;'],
      [['--seed', '-1'], '--seed needs a value (write --seed=VALUE'],
    ] as const) {
      const e = error([...argv]);
      expect(e.startsWith(start), e).toBe(true);
      expect(e).not.toContain('\n');
      expect(e).toContain('lambda-triage invoke --help');
    }
  });

  it('an error without a known code keeps its first line', () => {
    expect(describeParseArgsError(new Error('first\nsecond'), 'invoke')).toBe('first (run `lambda-triage invoke --help` for the options)');
  });
});

describe('one wording for every number option', () => {
  it('--timeout 2.5 and --timeout 0 answer alike, with the range and unit', () => {
    expect(error(['--timeout', '2.5'])).toBe('--timeout must be a whole number of seconds from 1 to 900; got "2.5"');
    expect(error(['--timeout', '0'])).toBe('--timeout must be a whole number of seconds from 1 to 900; got "0"');
    expect(error(['--timeout', '901'])).toBe('--timeout must be a whole number of seconds from 1 to 900; got "901"');
    expect(error(['--memory', '64'])).toBe('--memory must be a whole number of MB from 128 to 10240; got "64"');
    expect(error(['--times', '0'])).toBe('--times must be a whole number, at least 1; got "0"');
    expect(error(['--seed', 'abc'])).toBe('--seed must be a whole number, at least 0; got "abc"');
  });

  it('parseNumberOption accepts exactly the rule', () => {
    expect(parseNumberOption('rate', '2.5', { integer: false, positive: true })).toEqual({ ok: true, value: 2.5 });
    expect(parseNumberOption('rate', '0', { integer: false, positive: true })).toEqual({ ok: false, error: '--rate must be a number above 0; got "0"' });
    expect(parseNumberOption('timeout', '900', { min: 1, max: 900 })).toEqual({ ok: true, value: 900 });
    expect(parseNumberOption('timeout', '1e3', { min: 1, max: 900 }).ok).toBe(false);
    expect(parseNumberOption('timeout', ' 3', { min: 1, max: 900 }).ok).toBe(false);
    expect(numberOptionError('x', 'y', {})).toBe('--x must be a whole number; got "y"');
  });

  it('every number option of invoke uses the one wording', () => {
    const cases: string[][] = [
      ['--timeout', 'x'], ['--memory', 'x'], ['--times', 'x'], ['--seed', 'x'],
      ['--invocation-type', 'Event', '--retry-attempts', 'x'], ['--invocation-type', 'Event', '--max-event-age', 'x'],
      ['--load', 'x'], ['--load', '5', '--rate', 'x'], ['--load', '5', '--concurrency', 'x'],
      ['--load', '5', '--account-concurrency', 'x'], ['--load', '5', '--reserved-concurrency', 'x'],
    ];
    for (const argv of cases) expect(error(argv)).toMatch(/^--[a-z-]+ must be a (whole )?number\b.*; got "x"$/);
  });
});
