import { describe, expect, it } from 'vitest';
import {
  MAX_DRILL_SCENARIOS,
  createDrillItem,
  drillHref,
  drillMarkdown,
  elapsedAt,
  formatDuration,
  parseDrillSelection,
  parseDrillState,
  pauseItem,
  revealHint,
  solveItem,
  startItem,
} from '../../src/onboarding/drill.ts';

const KNOWN = ['alpha', 'beta', 'gamma'];

describe('drill selection', () => {
  it('reads comma lists and repeated parameters, in order, without duplicates', () => {
    expect(parseDrillSelection('?s=beta,alpha&s=gamma,beta', KNOWN)).toEqual({ ok: true, value: ['beta', 'alpha', 'gamma'], notes: [] });
  });

  it('leaves out unknown ids with a note', () => {
    const r = parseDrillSelection('?s=alpha,nope', KNOWN);
    expect(r).toMatchObject({ ok: true, value: ['alpha'] });
    if (r.ok) expect(r.notes[0]).toContain('nope');
  });

  it('explains an empty or entirely unknown selection', () => {
    expect(parseDrillSelection('', KNOWN)).toMatchObject({ ok: false });
    const r = parseDrillSelection('?s=x,y', KNOWN);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('x, y');
  });

  it('caps the number of scenarios', () => {
    const many = Array.from({ length: MAX_DRILL_SCENARIOS + 3 }, (_, i) => `s${i}`);
    const r = parseDrillSelection(`?s=${many.join(',')}`, many);
    expect(r.ok && r.value.length).toBe(MAX_DRILL_SCENARIOS);
  });

  it('builds the link it reads', () => {
    const href = drillHref(['alpha', 'gamma']);
    expect(href).toBe('/onboarding/drill/?s=alpha,gamma');
    expect(parseDrillSelection(href.slice(href.indexOf('?')), KNOWN)).toMatchObject({ ok: true, value: ['alpha', 'gamma'] });
  });
});

describe('drill timers', () => {
  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_600_000 + 61_000)).toBe('1:01:01');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('accumulates running stretches, stops when solved, and caps hints at three', () => {
    let item = startItem(createDrillItem(), 1_000);
    expect(elapsedAt(item, 6_000)).toBe(5_000);
    item = pauseItem(item, 6_000);
    item = startItem(item, 10_000);
    item = solveItem(item, 12_500);
    expect(elapsedAt(item, 99_000)).toBe(7_500);
    expect(startItem(item, 100_000)).toBe(item);
    for (let i = 0; i < 5; i++) item = revealHint(item);
    expect(item.hintsShown).toBe(3);
  });

  it('restores stored state and ignores damaged entries', () => {
    const stored = JSON.stringify({ alpha: { elapsedMs: 4000, runningSince: null, hintsShown: 2, solvedAt: 9 }, beta: { elapsedMs: -1, hintsShown: 'x' } });
    const state = parseDrillState(stored, ['alpha', 'beta']);
    expect(state['alpha']).toEqual({ elapsedMs: 4000, runningSince: null, hintsShown: 2, solvedAt: 9 });
    expect(state['beta']).toEqual(createDrillItem());
    expect(parseDrillState('{oops', ['alpha'])).toEqual({ alpha: createDrillItem() });
  });
});

describe('drill summary', () => {
  it('lists each scenario with its time, hints and result', () => {
    const scenarios = [
      { id: 'alpha', title: 'Alpha | pipes', cause: 'timeout', causeTitle: 'Function timeout' },
      { id: 'beta', title: 'Beta', cause: 'throttling', causeTitle: 'Throttling' },
    ];
    const state = { alpha: solveItem(revealHint(startItem(createDrillItem(), 0)), 95_000), beta: createDrillItem() };
    const md = drillMarkdown(scenarios, state, Date.UTC(2026, 2, 2, 10, 0), 'http://x/onboarding/drill/?s=alpha,beta');
    expect(md).toContain('# Lambda Triage drill, 2026-03-02 10:00 UTC');
    expect(md).toContain('| 1 | Alpha \\| pipes (`alpha`) | Function timeout | 1:35 | 1 of 3 | solved |');
    expect(md).toContain('| 2 | Beta (`beta`) | Throttling | 0:00 | 0 of 3 | not started |');
    expect(md).toContain('Solved 1 of 2 in 1:35');
  });
});
