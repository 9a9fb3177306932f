/**
 * The first-screen box of cause guides (issue 17): every guide with `causes` carries the data the box
 * shows (errorStrings as the tell, firstScreen.confirm / fix / reproduce), and the docs schema refuses a
 * cause guide without it with a message that says what to add.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { causeGuideCheckedSchema, MAX_FIRST_SCREEN_FIX_CHARS } from '../../src/schemas/docs.ts';

const root = new URL('../../', import.meta.url);
const guidesDir = new URL('content/docs/guides/', root);
const frontmatter = (file: string) => parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(new URL(file, guidesDir), 'utf8'))?.[1] ?? '') as Record<string, unknown>;
const guides = readdirSync(guidesDir)
  .filter((f) => /\.mdx?$/.test(f))
  .map((file) => ({ slug: file.replace(/\.mdx?$/, ''), raw: frontmatter(file) }));
const causeGuides = guides.filter((g) => Array.isArray(g.raw['causes']) && (g.raw['causes'] as unknown[]).length > 0);

const valid = {
  causes: ['timeout'],
  errorStrings: ['Task timed out after'],
  firstScreen: {
    confirm: { kind: 'logs-insights', code: 'fields @message | filter @message like /Task timed out/' },
    fix: 'Give every call a deadline.',
    reproduce: 'pricing-slow-dependency',
  },
};
const messages = (data: unknown) => {
  const r = causeGuideCheckedSchema.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('first-screen box: schema', () => {
  it('accepts a complete cause guide and a guide without causes', () => {
    expect(messages(valid)).toEqual([]);
    expect(messages({ causes: [] })).toEqual([]);
  });

  it('a cause guide without firstScreen fails, saying what to add', () => {
    const { firstScreen: _, ...without } = valid;
    expect(messages(without)).toEqual([
      'firstScreen: A cause guide (causes: [timeout]) must open with the first-screen box: add firstScreen to its frontmatter with confirm (kind "logs-insights" or "cli", and code), fix (one line) and reproduce (a scenario id from content/scenarios/).',
    ]);
  });

  it('a cause guide without errorStrings fails: the tell is required', () => {
    expect(messages({ ...valid, errorStrings: [] })).toEqual([
      'errorStrings: A cause guide (causes: [timeout]) needs errorStrings: the exact strings that tell this cause, shown first in its first-screen box.',
    ]);
  });

  it('refuses a fix over two lines or too long, an unknown confirm kind and a reproduce that is not a folder name', () => {
    const fs = valid.firstScreen;
    expect(messages({ ...valid, firstScreen: { ...fs, fix: 'Line one of the fix\nline two' } })).toEqual(['firstScreen.fix: firstScreen.fix must be one line.']);
    expect(messages({ ...valid, firstScreen: { ...fs, fix: 'x'.repeat(MAX_FIRST_SCREEN_FIX_CHARS + 1) } })[0]).toMatch(/^firstScreen\.fix: firstScreen\.fix must fit in one line of at most 200 characters/);
    expect(messages({ ...valid, firstScreen: { ...fs, confirm: { kind: 'console', code: 'open the console' } } })).toEqual(['firstScreen.confirm.kind: firstScreen.confirm.kind must be "logs-insights" or "cli".']);
    expect(messages({ ...valid, firstScreen: { ...fs, reproduce: 'content/scenarios/x' } })).toEqual(['firstScreen.reproduce: firstScreen.reproduce is a scenario id: the name of a folder in content/scenarios/.']);
  });
});

describe('first-screen box: the guides', () => {
  it('there are cause guides to check', () => {
    expect(causeGuides.length).toBeGreaterThanOrEqual(12);
  });

  it.each(causeGuides.map((g) => [g.slug, g]))('%s passes the cause-guide schema', (_slug, g) => {
    expect(messages(g.raw)).toEqual([]);
  });

  it.each(causeGuides.map((g) => [g.slug, g]))('%s reproduces with a scenario of its own cause', (_slug, g) => {
    const id = (g.raw['firstScreen'] as { reproduce: string }).reproduce;
    const file = new URL(`content/scenarios/${id}/scenario.yaml`, root);
    expect(existsSync(file), `content/scenarios/${id}/scenario.yaml`).toBe(true);
    const scenario = parse(readFileSync(file, 'utf8')) as { cause: string };
    expect(g.raw['causes']).toContain(scenario.cause);
  });

  it.each(causeGuides.map((g) => [g.slug, g]))('%s: the Logs Insights query or command is also in the guide body (one source of truth)', (_slug, g) => {
    const body = readFileSync(new URL(`${g.slug}.mdx`, guidesDir), 'utf8').replace(/^---\n[\s\S]*?\n---/, '');
    const code = (g.raw['firstScreen'] as { confirm: { code: string } }).confirm.code.trim();
    // The first line of the query or command appears in the body's own Confirm section (placeholders aside).
    const first = code.split('\n')[0]!.replace(/<[^>]+>/g, '').split(/\s+/).filter((w) => w.length > 3).slice(0, 3);
    for (const word of first) expect(body, word).toContain(word);
  });
});
