import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../src/cli/scenarios-command.ts';
import { parseScenario, scenarioFileSchema } from '../../src/schemas/scenario.ts';
import { CAUSE_IDS } from '../../src/engine/vocabulary.ts';

const loaded = await loadScenarios();
if (!loaded.ok) throw new Error(loaded.error);
const scenarios = loaded.value;
const root = new URL('../../', import.meta.url);
const treeDir = new URL('content/tree/', root);

describe('content/scenarios', () => {
  it('has at least 16 scenarios and every cause at least once', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(16);
    const covered = new Set(scenarios.map((s) => s.cause));
    expect(CAUSE_IDS.filter((c) => !covered.has(c))).toEqual([]);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s links to a guide and a tree outcome that exist', (_id, s) => {
    expect(existsSync(new URL(`content/docs/guides/${s.guide.split('/')[2]}.mdx`, root)), s.guide).toBe(true);
    const node = parse(readFileSync(new URL(`${s.treeOutcome}.yaml`, treeDir), 'utf8'));
    expect(node.type).toBe('outcome');
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s has three distinct hints, a brief with a time, and a fix that changes something', (_id, s) => {
    expect(new Set(s.hints).size).toBe(3);
    expect(s.brief).toMatch(/^\d{2}:\d{2} UTC/);
    if (s.config) expect(s.config.solution).not.toBe(s.config.broken);
    else expect(s.solution).not.toBe(s.handler);
  });

  it('every scenario named by a tree outcome exists', () => {
    const ids = new Set(scenarios.map((s) => s.id));
    for (const file of readdirSync(treeDir).filter((f) => f.endsWith('.yaml'))) {
      const node = parse(readFileSync(new URL(file, treeDir), 'utf8'));
      if (node.scenario !== undefined) expect(ids.has(node.scenario), `${file}: scenario ${node.scenario}`).toBe(true);
    }
  });
});

describe('scenario schema messages', () => {
  const valid = parse(readFileSync(new URL('content/scenarios/order-without-items/scenario.yaml', root), 'utf8'));
  const files = { 'handler.mjs': 'export const handler = async () => 1;', 'solution.mjs': 'export const handler = async () => 2;' };

  it('accepts a real scenario file', () => {
    expect(scenarioFileSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['two hints', { hints: ['one hint here', 'two hints here'] }, 'hints'],
    ['an unknown cause', { cause: 'bad-luck' }, 'is not a cause id'],
    ['an unknown check kind', { checks: [{ kind: 'vibes' }] }, 'kind must be one of'],
    ['a bad request', { request: { method: 'POST', path: 'orders' } }, '`path` must be a string starting with "/"'],
    ['both request and event', { event: {} }, 'exactly one of request'],
    ['a bad regular expression', { checks: [{ kind: 'header', name: 'x', matches: '(' }] }, 'valid regular expression'],
  ])('refuses %s with a message that names the problem', (_name, change, fragment) => {
    const r = parseScenario('x', { ...valid, ...change }, files);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(fragment);
  });

  it('needs the handler and solution files', () => {
    const r = parseScenario('x', valid, { 'handler.mjs': '' });
    expect(r).toEqual({ ok: false, error: 'content/scenarios/x/ needs handler.mjs (the broken code) and solution.mjs (a fix).' });
  });

  it('fills defaults: guide and tree outcome from the cause', () => {
    const r = parseScenario('x', valid, files);
    expect(r.ok && [r.value.guide, r.value.treeOutcome]).toEqual(['/guides/invalid-input/', 'invalid-input']);
  });
});
