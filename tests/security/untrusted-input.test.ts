// Property tests for every parser of untrusted input (issue 10): whatever a user pastes, imports, or
// opens from a link, the parser returns a result or a clear message and never throws.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpRequestSpec } from '../../src/engine/integrations/index.ts';
import { parsePolicy } from '../../src/engine/iam/policy.ts';
import { parsePolicies } from '../../src/engine/aws/world.ts';
import { parseAwsState } from '../../src/engine/aws/state.ts';
import { parseFaults } from '../../src/engine/aws/faults.ts';
import { diagnose, redact } from '../../src/engine/analyzer/index.ts';
import { parseSignaturesYaml } from '../../src/schemas/signature.ts';
import { parseScenario } from '../../src/schemas/scenario.ts';
import { parseResourcePolicy, parseFunctionConfigFile } from '../../src/engine/scenarios/config-files.ts';
import { parseProgress } from '../../src/onboarding/progress.ts';
import { parseDrillSelection, parseDrillState } from '../../src/onboarding/drill.ts';
import { parseScenarioJson, parseScenarioList, parseScenarioParam } from '../../src/playground/scenario.ts';
import { parseStoredTrail } from '../../src/utils/tree-trail.ts';
import { prepareUserSource } from '../../src/engine/sandbox/user-source.ts';

const RUNS = { numRuns: 300 };

/** Any JSON-like value, including odd shapes: deep nesting, huge strings, prototype keys. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.anything({ maxDepth: 4 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'Statement', 'Effect', 's3', 'rules'), fc.jsonValue({ maxDepth: 3 })),
  fc.string({ maxLength: 2000 }),
);

/** Text as users paste it: random, JSON-ish, with HTML and script payloads. */
const anyText = fc.oneof(
  fc.string({ maxLength: 4000 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{"a":', '\u0000\uFFFF\uD800', 'x'.repeat(70_000)),
);

/** A result is either a value or a non-empty message. */
function expectResult(r: unknown) {
  expect(r).toBeTypeOf('object');
  const result = r as { ok?: boolean; error?: unknown };
  if (result.ok === false) {
    expect(typeof result.error).toBe('string');
    expect((result.error as string).length).toBeGreaterThan(5);
  }
}

describe('parsers of untrusted input never throw and explain what is wrong', () => {
  it('HTTP request descriptions', () => fc.assert(fc.property(anyValue, (v) => expectResult(parseHttpRequestSpec(v))), RUNS));
  it('IAM policies', () => {
    fc.assert(fc.property(anyValue, (v) => expectResult(parsePolicy(v))), RUNS);
    fc.assert(fc.property(anyValue, (v) => expectResult(parsePolicies(v))), RUNS);
  });
  it('seeded AWS state', () => fc.assert(fc.property(anyValue, (v) => expectResult(parseAwsState(v))), RUNS));
  it('downstream faults', () => fc.assert(fc.property(anyValue, (v) => expectResult(parseFaults(v))), RUNS));
  it('scenario files', () =>
    fc.assert(
      fc.property(anyValue, fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 200 })), (data, files) =>
        expectResult(parseScenario('any-id', data, files)),
      ),
      RUNS,
    ));
  it('scenario configuration files a learner edits', () => {
    fc.assert(fc.property(anyText, (t) => expectResult(parseResourcePolicy(t))), RUNS);
    fc.assert(fc.property(anyText, (t) => expectResult(parseFunctionConfigFile(t))), RUNS);
  });
  it('log signature files', () => fc.assert(fc.property(anyText, (t) => expectResult(parseSignaturesYaml(t))), { numRuns: 100 }));
  it('onboarding progress imports and drill links', () => {
    fc.assert(fc.property(anyText, (t) => expectResult(parseProgress(t, ['a', 'b']))), RUNS);
    fc.assert(fc.property(anyText, (t) => expectResult(parseDrillSelection(t, ['a', 'b']))), RUNS);
    fc.assert(fc.property(fc.option(anyText), (t) => void parseDrillState(t, ['a', 'b'])), RUNS);
  });
  it('playground scenario links and scenario JSON', () => {
    fc.assert(fc.property(anyText, (t) => void parseScenarioParam(t)), RUNS);
    fc.assert(fc.property(anyValue, (v) => expectResult(parseScenarioJson(v))), RUNS);
    fc.assert(fc.property(anyValue, (v) => expectResult(parseScenarioList(v))), RUNS);
  });
  it('the decision tree trail kept in sessionStorage', () =>
    fc.assert(fc.property(fc.option(anyText), (t) => void parseStoredTrail(t)), RUNS));
});

describe('handler code', () => {
  /** Code-like text: fragments of real syntax shuffled together, async ones included. */
  const fragment = fc.constantFrom(
    'async ', 'function ', 'f', '(a, b = 1)', ' => ', '{', '}', '(', ')', ';', '\n', 'await ', 'class A ', 'static ', 'x.y', '`t${', '"s"', '/* c */',
    '// c\n', 'export ', 'const g = ', 'return ', '*', '#!', '\r\n', 'super.m()', 'new ', '[', ']', ',', '?.',
  );
  const codeLike = fc.oneof(fc.array(fragment, { maxLength: 60 }).map((a) => a.join('')), fc.string({ maxLength: 2000 }));
  it('preparing any text for the sandbox never throws, and every frame position maps to a column', () =>
    fc.assert(
      fc.property(codeLike, fc.constantFrom('cjs' as const, 'esm' as const), fc.nat(5), fc.nat(400), (code, kind, line, col) => {
        const p = prepareUserSource(code, kind);
        expect(typeof p.code).toBe('string');
        const f = p.frame(line + 1, col + 1);
        expect(f.column).toBeGreaterThanOrEqual(1);
        expect(p.generatedColumn(line + 1, col + 1)).toBeGreaterThanOrEqual(1);
      }),
      RUNS,
    ));
});

describe('pasted logs', () => {
  const signatures = parseSignaturesYaml(readFileSync(new URL('../../content/signatures.yaml', import.meta.url), 'utf8'));
  if (!signatures.ok) throw new Error(signatures.error);

  it('diagnose answers for any paste: causes or unknown, with scores in range', () =>
    fc.assert(
      fc.property(anyText, (text) => {
        const d = diagnose(text, signatures.value);
        expect(Array.isArray(d.causes)).toBe(true);
        for (const c of d.causes) expect(Number.isFinite(c.score)).toBe(true);
        if (d.causes.length === 0) expect(d.unknown?.next.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    ));

  it('redaction never throws and keeps one line per line', () =>
    fc.assert(
      fc.property(anyText, (text) => {
        const out = redact(text);
        expect(typeof out).toBe('string');
        expect(out.split('\n').length).toBe(text.split('\n').length);
      }),
      { numRuns: 150 },
    ));
});
