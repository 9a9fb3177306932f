import { describe, expect, it } from 'vitest';
import {
  MAX_PROGRESS_FILE_BYTES,
  createProgress,
  markScenario,
  markStep,
  parseProgress,
  serializeProgress,
  summarizeProgress,
} from '../../src/onboarding/progress.ts';

const T = new Date('2026-02-03T04:05:06.000Z');

describe('onboarding progress', () => {
  it('round-trips through serialize and parse', () => {
    let p = createProgress();
    p = markStep(p, 'overview', true, T);
    p = markScenario(p, 'b-scenario', 'solved', true, T);
    p = markScenario(p, 'a-scenario', 'reproduced', true, T);
    const parsed = parseProgress(serializeProgress(p), ['a-scenario', 'b-scenario']);
    expect(parsed).toEqual({ ok: true, value: p, notes: [] });
  });

  it('solving marks the scenario reproduced too, and unticking clears only that field', () => {
    let p = markScenario(createProgress(), 'x', 'solved', true, T);
    expect(p.scenarios['x']).toEqual({ reproduced: T.toISOString(), solved: T.toISOString() });
    p = markScenario(p, 'x', 'solved', false, T);
    expect(p.scenarios['x']).toEqual({ reproduced: T.toISOString(), solved: null });
  });

  it('keeps the first time a step was done', () => {
    const later = new Date('2026-05-01T00:00:00.000Z');
    const p = markStep(markStep(createProgress(), 'tree', true, T), 'tree', true, later);
    expect(p.steps.tree).toBe(T.toISOString());
    expect(markStep(p, 'tree', false, later).steps.tree).toBeUndefined();
  });

  it('counts steps and solved scenarios', () => {
    let p = markStep(createProgress(), 'overview', true, T);
    p = markScenario(p, 'a', 'solved', true, T);
    p = markScenario(p, 'b', 'reproduced', true, T);
    expect(summarizeProgress(p, ['a', 'b', 'c'])).toEqual({ done: 2, total: 5, solved: 1 });
  });

  it.each([
    ['not JSON', 'hello', 'not JSON'],
    ['another JSON file', '{"hello":1}', 'not an onboarding progress file'],
    ['a newer version', '{"format":"lambda-triage-onboarding","version":2}', 'version 2'],
    ['a bad date', '{"format":"lambda-triage-onboarding","version":1,"steps":{"tree":"yesterday"}}', 'steps.tree'],
    ['a bad scenario entry', '{"format":"lambda-triage-onboarding","version":1,"scenarios":{"a":true}}', 'scenarios.a'],
    ['a bad scenario id', '{"format":"lambda-triage-onboarding","version":1,"scenarios":{"../x":{}}}', 'not a scenario id'],
  ])('refuses %s with a message that says what is wrong', (_name, text, fragment) => {
    const r = parseProgress(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(fragment);
  });

  it('refuses a file that is too large', () => {
    const r = parseProgress('x'.repeat(MAX_PROGRESS_FILE_BYTES + 1));
    expect(r.ok).toBe(false);
  });

  it('drops unknown steps and scenarios with a note instead of failing', () => {
    const text = JSON.stringify({ format: 'lambda-triage-onboarding', version: 1, steps: { overview: T.toISOString(), quiz: T.toISOString() }, scenarios: { gone: { reproduced: null, solved: T.toISOString() }, kept: { solved: null } } });
    const r = parseProgress(text, ['kept']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.steps).toEqual({ overview: T.toISOString() });
    expect(Object.keys(r.value.scenarios)).toEqual(['kept']);
    expect(r.notes.join(' ')).toContain('quiz');
    expect(r.notes.join(' ')).toContain('gone');
  });
});
