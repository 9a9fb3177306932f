import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../src/engine/errors/catalogue.ts';
import { hasInternalSourceKey } from '../../../src/engine/errors/source-links.ts';
import { RESPONSE_DEFAULTS } from '../../../src/engine/integrations/front-doors.ts';
import { GATEWAY_REPLIES } from '../../../src/engine/integrations/gateway-replies.ts';
import { LOG_FORMATS } from '../../../src/engine/integrations/gateway-logs.ts';
import { REQUEST_LIMITS } from '../../../src/engine/integrations/limits.ts';
import { RESPONSE_RULE_SOURCES } from '../../../src/engine/integrations/response-rules.ts';

// Citations a reader can follow: the sources written in the code itself (not only what citeSources makes of
// them at run time) name public addresses, never the short keys of the team's notes (D1–D20, KC1, LS-…,
// RUNTIME-SRC, CURL-2025, "facts §N").

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Every `source` and `note` string of the tables that back findings, replies, logs and limits. */
function citedStrings(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const add = (where: string, value: { source?: string; note?: string }) => {
    if (value.source !== undefined) out.push({ where: `${where}.source`, text: value.source });
    if (value.note !== undefined) out.push({ where: `${where}.note`, text: value.note });
  };
  for (const [code, entry] of Object.entries(CATALOGUE)) add(`CATALOGUE.${code}`, entry);
  for (const [name, reply] of Object.entries(GATEWAY_REPLIES)) add(`GATEWAY_REPLIES.${name}`, reply);
  for (const [name, format] of Object.entries(LOG_FORMATS)) add(`LOG_FORMATS.${name}`, format);
  for (const [name, value] of Object.entries(RESPONSE_DEFAULTS)) add(`RESPONSE_DEFAULTS.${name}`, value);
  for (const [name, source] of Object.entries(RESPONSE_RULE_SOURCES)) out.push({ where: `RESPONSE_RULE_SOURCES.${name}`, text: source });
  for (const [frontDoor, rules] of Object.entries(REQUEST_LIMITS)) rules.forEach((rule, i) => add(`REQUEST_LIMITS.${frontDoor}[${i}]`, rule));
  return out;
}

/** TypeScript files below `dir`, relative to the repository. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => relative(REPO, join(REPO, dir, f)));
}

/**
 * The keys of the team's notes as they appeared in comments: `(D12)`, `KC1`, `LS-APIGW`, `[RUNTIME-SRC]`, `facts §4`.
 * A constant named after a key and holding its address (`const KC2 = 'https://…'`, `source: KC2,`) is code, not a citation.
 */
const INTERNAL_KEY_IN_TEXT = /\(D\d{1,2}\)|\bKC\d\b(?!\s*[=,;])|\bLS-(?:LAMBDA|COMMON|APIGW)\b|RUNTIME-SRC|aws-facts|facts §|CURL-\d{4}/;

describe('source citations name public addresses', () => {
  it('every source and note of the catalogue, gateway replies, log formats, response rules and limits', () => {
    const strings = citedStrings();
    expect(strings.length).toBeGreaterThan(40);
    const offending = strings.filter((s) => hasInternalSourceKey(s.text)).map((s) => `${s.where}: ${s.text}`);
    expect(offending).toEqual([]);
  });

  it('no comment or string in the engine, the CLI or the playground cites a key of the team notes', () => {
    // source-links.ts is the one place that knows the keys: it rewrites any that reach it.
    const files = [...sourceFiles('src/engine'), ...sourceFiles('src/cli'), ...sourceFiles('src/playground')].filter((f) => !f.endsWith('source-links.ts'));
    expect(files.length).toBeGreaterThan(50);
    const offending: string[] = [];
    for (const file of files) {
      readFileSync(join(REPO, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (INTERNAL_KEY_IN_TEXT.test(line)) offending.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
        });
    }
    expect(offending).toEqual([]);
  });

  it('the scan recognises each kind of key (so that it can fail)', () => {
    for (const sample of ['x (D12)', 'KC1', 'LS-APIGW snapshot', '[RUNTIME-SRC] Errors.js', 'facts §4', 'aws-facts §5', 'CURL-2025']) {
      expect(INTERNAL_KEY_IN_TEXT.test(sample), sample).toBe(true);
      expect(hasInternalSourceKey(sample), sample).toBe(true);
    }
    expect(INTERNAL_KEY_IN_TEXT.test('https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html')).toBe(false);
  });
});
