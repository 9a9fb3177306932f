import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkPatternSafety, diagnose, MAX_LINE_CHARS } from '../../../src/engine/analyzer/index.ts';
import { parseSignaturesYaml } from '../../../src/schemas/signature.ts';
import { CAUSE_IDS } from '../../../src/engine/vocabulary.ts';
import { loadSignatures } from './corpus.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const signatures = loadSignatures();

/** Cause guides: frontmatter and body, keyed by the guide's first cause. */
function loadGuides() {
  const dir = join(repo, 'content/docs/guides');
  const guides = new Map<string, { file: string; errorStrings: string[]; logSignatures: string[]; body: string }>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
    if (!m) continue;
    const data = parse(m[1] ?? '') as { section?: string; causes?: string[]; errorStrings?: string[]; logSignatures?: string[] };
    if (data.section !== 'causes' || !data.causes?.[0]) continue;
    guides.set(data.causes[0], { file, errorStrings: data.errorStrings ?? [], logSignatures: data.logSignatures ?? [], body: m[2] ?? '' });
  }
  return guides;
}

describe('content/signatures.yaml', () => {
  it('parses with the schema and every cause has at least one signature', () => {
    expect(signatures.length).toBeGreaterThanOrEqual(40);
    const causes = new Set(signatures.map((s) => s.cause));
    expect(CAUSE_IDS.filter((c) => !causes.has(c))).toEqual([]);
  });

  it('every example matches one of its own patterns', () => {
    const problems: string[] = [];
    for (const s of signatures) {
      expect(s.examples?.length ?? 0, s.id).toBeGreaterThan(0);
      for (const ex of s.examples ?? []) {
        if (!s.patterns.some((p) => new RegExp(p, s.flags).test(ex))) problems.push(`${s.id}: "${ex}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("every example appears in its cause guide's errorStrings or body, so site search finds the guide", () => {
    const guides = loadGuides();
    const problems: string[] = [];
    for (const s of signatures) {
      const guide = guides.get(s.cause);
      if (!guide) {
        problems.push(`${s.id}: no cause guide for ${s.cause}`);
        continue;
      }
      for (const ex of s.examples ?? []) {
        if (!guide.errorStrings.includes(ex) && !guide.body.includes(ex)) problems.push(`${s.id}: "${ex}" not in ${guide.file}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("each cause guide's logSignatures lists exactly the signatures that point to it", () => {
    const guides = loadGuides();
    for (const cause of CAUSE_IDS) {
      const guide = guides.get(cause);
      expect(guide, cause).toBeDefined();
      const expected = signatures.filter((s) => s.cause === cause).map((s) => s.id).sort();
      expect([...(guide?.logSignatures ?? [])].sort(), `${guide?.file} logSignatures`).toEqual(expected);
    }
  });

  it('no pattern nests quantifiers (catastrophic backtracking)', () => {
    const issues = signatures.flatMap((s) => s.patterns.flatMap((p) => checkPatternSafety(p).map((i) => `${s.id}: ${i.message}`)));
    expect(issues).toEqual([]);
  });

  it('every pattern finishes on adversarial 64 KiB lines', () => {
    const lines = ['a'.repeat(MAX_LINE_CHARS), ' \t'.repeat(MAX_LINE_CHARS / 2), '{"'.repeat(MAX_LINE_CHARS / 2), '1'.repeat(MAX_LINE_CHARS), `Memory Size: ${'1'.repeat(MAX_LINE_CHARS - 40)} MB`];
    for (const s of signatures) for (const p of s.patterns) for (const l of lines) new RegExp(p, s.flags).test(l);
    // Reaching this line is the assertion: a catastrophic pattern would hang the test until its timeout.
    expect(diagnose(lines.join('\n'), signatures).stats.lines).toBe(lines.length);
  });
});

describe('checkPatternSafety', () => {
  it.each(['(a+)+', '(\\w*,)*x', '(?:x?y){2,}', '((ab)+c)*', '(?:[a-z]+\\s)+$'])('rejects %s', (p) => {
    expect(checkPatternSafety(p)).toHaveLength(1);
  });
  it.each(['Task timed out after', '(?:a|b)+', '\\d+(?:\\.\\d+)?', 'x(?:ab){2}', '[(+)]+', '\\(a+\\)+', 'a.*b.*c', '(a+)?'])('accepts %s', (p) => {
    expect(checkPatternSafety(p)).toEqual([]);
  });
});

describe('parseSignaturesYaml', () => {
  const base = `- id: x-sig\n  cause: timeout\n  patterns: ['Task timed out']\n  weight: 5\n  source: lambda-log\n  explanation: A line that says the function timed out.\n  next: ['Check the duration.']\n  awsSource: https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html\n  examples: ['Task timed out']\n`;
  it('accepts a minimal entry and defaults the optional fields', () => {
    const r = parseSignaturesYaml(base);
    expect(r.ok && r.value[0]).toMatchObject({ id: 'x-sig', flags: '', source: ['lambda-log'], negates: [], suppresses: [], strictSource: false });
  });
  it.each([
    [base.replace('cause: timeout', 'cause: slowness'), /"slowness" is not a cause id/],
    [base.replace("['Task timed out']\n  weight", "['(unclosed']\n  weight"), /not a valid regular expression/],
    [base.replace('source: lambda-log', 'source: syslog'), /"syslog" is not a log source/],
    [base.replace('weight: 5', 'weight: 50'), /weight must be a number from 0 to 10/],
    [base.replace(/awsSource: .*/, 'awsSource: the facts file'), /awsSource names the source of the exact text with an https URL/],
    [base + base, /used twice/],
    ['- id: [', /not valid YAML/],
  ])('reports a friendly error (%#)', (text, message) => {
    const r = parseSignaturesYaml(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
