import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatMinutes, groupByLevel, ONBOARDING_LEVEL_IDS, runtimeTag } from '../../src/onboarding/levels.ts';
import { parseScenario, scenarioFileSchema } from '../../src/schemas/scenario.ts';

const root = new URL('../../content/scenarios/', import.meta.url);
const files = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({ id: d.name, data: parse(readFileSync(new URL(`${d.name}/scenario.yaml`, root), 'utf8')) as Record<string, unknown> }));

describe('onboarding levels', () => {
  it('every scenario names a level, a difficulty and a time estimate, and every level has scenarios', () => {
    for (const { id, data } of files) {
      const parsed = scenarioFileSchema.safeParse(data);
      expect(parsed.success, id).toBe(true);
      if (parsed.success) expect(parsed.data.minutes, id).toBeGreaterThan(0);
    }
    const groups = groupByLevel(files.map(({ data }) => data as { level: (typeof ONBOARDING_LEVEL_IDS)[number]; minutes: number }));
    expect(groups.map((g) => g.id)).toEqual([...ONBOARDING_LEVEL_IDS]);
    expect(groups.reduce((n, g) => n + g.items.length, 0)).toBe(files.length);
  });

  it('groups keep their order and sum their minutes; empty levels are left out', () => {
    const groups = groupByLevel([
      { id: 'a', level: 'under-load' as const, minutes: 20 },
      { id: 'b', level: 'first-500' as const, minutes: 10 },
      { id: 'c', level: 'first-500' as const, minutes: 15 },
    ]);
    expect(groups.map((g) => [g.id, g.number, g.items.map((i) => i.id), g.minutes])).toEqual([
      ['first-500', 1, ['b', 'c'], 25],
      ['under-load', 4, ['a'], 20],
    ]);
  });

  it('the Python scenarios sit in levels of their own kind of failure and carry a Python tag; Node.js ones no tag', () => {
    const python = files.filter(({ data }) => String((data['function'] as { runtime?: string } | undefined)?.runtime ?? '').startsWith('python'));
    expect(python.map((f) => f.id).sort()).toEqual(['py-cancel-without-body', 'py-order-total-decimal', 'py-receipt-datetime', 'py-rest-body-dict', 'py-share-link-requests', 'py-shipping-quote-hangs', 'py-slow-tax-service']);
    const levelOf = Object.fromEntries(python.map(({ id, data }) => [id, data['level']]));
    // A crash, a bad return value and a module that never loads are the handler's own; a dict body is the REST API's rule.
    expect(levelOf).toMatchObject({ 'py-cancel-without-body': 'first-500', 'py-receipt-datetime': 'first-500', 'py-share-link-requests': 'first-500', 'py-rest-body-dict': 'front-doors' });
    for (const { data } of python) expect(runtimeTag(String((data['function'] as { runtime: string }).runtime))).toBe('Python');
    expect(runtimeTag('nodejs22.x')).toBeNull();
  });

  it('formats minutes in words', () => {
    expect(formatMinutes(15)).toBe('about 15 min');
    expect(formatMinutes(60)).toBe('about 1 h');
    expect(formatMinutes(135)).toBe('about 2 h 15 min');
  });

  it.each([
    ['level', { level: 'boss-fight' }, 'level is one of first-500, front-doors, aws-world, under-load'],
    ['difficulty', { difficulty: 'trivial' }, 'difficulty is one of easy, medium, hard'],
    ['minutes', { minutes: undefined }, 'minutes is the estimated time'],
  ])('a scenario.yaml with a bad %s gets a message that says what to write', (_field, change, fragment) => {
    const valid = files.find((f) => f.id === 'order-without-items')!.data;
    const r = parseScenario('x', { ...valid, ...change }, { 'handler.mjs': 'a', 'solution.mjs': 'b' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(fragment);
  });
});
