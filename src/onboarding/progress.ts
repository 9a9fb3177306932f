/**
 * Onboarding progress: what a learner has done on the path (read the overview, walked the tree,
 * reproduced and fixed each scenario). Kept in the browser (localStorage) and moved between browsers
 * as a JSON file. Pure functions; the page's custom element does the storage and the DOM.
 */

import { formatCount } from '../playground/format.ts';

/** localStorage key of the progress. The playground marks a scenario solved through {@link markScenario}. */
export const PROGRESS_STORAGE_KEY = 'lambda-triage:onboarding-progress';

/** The `format` field of an exported progress file. */
export const PROGRESS_FORMAT = 'lambda-triage-onboarding';

/** Current version of the file format. */
export const PROGRESS_VERSION = 1;

/** Largest progress file accepted on import, bytes. */
export const MAX_PROGRESS_FILE_BYTES = 200_000;

/** The fixed steps before the scenarios. */
export const PATH_STEPS = [
  { id: 'overview', label: 'Read how a Lambda 500 happens', href: '/guides/how-a-lambda-500-happens/' },
  { id: 'tree', label: 'Follow the decision tree for one symptom', href: '/tree/' },
] as const;

/** One fixed step id. */
export type PathStepId = (typeof PATH_STEPS)[number]['id'];

/** What the learner did with one scenario: ISO timestamps, null when not yet. */
export interface ScenarioProgress {
  reproduced: string | null;
  solved: string | null;
}

/** The whole progress, as stored and exported. */
export interface Progress {
  format: typeof PROGRESS_FORMAT;
  version: typeof PROGRESS_VERSION;
  /** Fixed steps done, with when. */
  steps: Partial<Record<PathStepId, string>>;
  scenarios: Record<string, ScenarioProgress>;
}

/** Result of {@link parseProgress}: the progress, and notes about what was left out. */
export type ParseProgressResult = { ok: true; value: Progress; notes: string[] } | { ok: false; error: string };

/** Empty progress. */
export function createProgress(): Progress {
  return { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, steps: {}, scenarios: {} };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStamp = (v: unknown): v is string => typeof v === 'string' && ISO.test(v) && !Number.isNaN(Date.parse(v));

/**
 * Parse untrusted progress (an imported file's text, or what localStorage holds). Never throws.
 * Scenario ids not in `knownScenarioIds` (when given) are dropped with a note, so a file from a newer
 * or older site still imports.
 */
export function parseProgress(input: string, knownScenarioIds?: readonly string[]): ParseProgressResult {
  if (input.length > MAX_PROGRESS_FILE_BYTES) return { ok: false, error: `This file is ${formatCount(input.length)} bytes; a progress file is at most ${formatCount(MAX_PROGRESS_FILE_BYTES)}. Is it the right file?` };
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch {
    return { ok: false, error: 'This file is not JSON. Choose a file exported with "Export progress" (lambda-triage-progress.json).' };
  }
  if (!isObject(value) || value['format'] !== PROGRESS_FORMAT) {
    return { ok: false, error: `This JSON is not an onboarding progress file: it needs "format": "${PROGRESS_FORMAT}". Choose a file exported with "Export progress".` };
  }
  if (value['version'] !== PROGRESS_VERSION) {
    return { ok: false, error: `This progress file has version ${JSON.stringify(value['version'])}; this site reads version ${PROGRESS_VERSION}.` };
  }
  const out = createProgress();
  const notes: string[] = [];
  const steps = value['steps'];
  if (steps !== undefined) {
    if (!isObject(steps)) return { ok: false, error: '"steps" must be an object such as { "overview": "2026-01-01T10:00:00.000Z" }.' };
    for (const [id, at] of Object.entries(steps)) {
      if (!PATH_STEPS.some((s) => s.id === id)) {
        notes.push(`Ignored the unknown step "${id}".`);
        continue;
      }
      if (!isStamp(at)) return { ok: false, error: `steps.${id} must be a date and time like "2026-01-01T10:00:00.000Z".` };
      out.steps[id as PathStepId] = at;
    }
  }
  const scenarios = value['scenarios'];
  if (scenarios !== undefined) {
    if (!isObject(scenarios)) return { ok: false, error: '"scenarios" must be an object of scenario ids.' };
    const unknown: string[] = [];
    for (const [id, entry] of Object.entries(scenarios)) {
      if (!/^[a-z0-9-]{1,80}$/.test(id)) return { ok: false, error: `"${id.slice(0, 80)}" is not a scenario id.` };
      if (!isObject(entry)) return { ok: false, error: `scenarios.${id} must be an object { "reproduced": …, "solved": … }.` };
      const reproduced = entry['reproduced'] ?? null;
      const solved = entry['solved'] ?? null;
      if ((reproduced !== null && !isStamp(reproduced)) || (solved !== null && !isStamp(solved))) {
        return { ok: false, error: `scenarios.${id}: "reproduced" and "solved" must be null or a date and time like "2026-01-01T10:00:00.000Z".` };
      }
      if (knownScenarioIds && !knownScenarioIds.includes(id)) {
        unknown.push(id);
        continue;
      }
      out.scenarios[id] = { reproduced, solved };
    }
    if (unknown.length > 0) notes.push(`Ignored ${unknown.length} scenario${unknown.length === 1 ? '' : 's'} this site does not have: ${unknown.join(', ')}.`);
  }
  return { ok: true, value: out, notes };
}

/** Serialize progress for storage or export (stable key order, two-space indent). */
export function serializeProgress(progress: Progress): string {
  const scenarios = Object.fromEntries(Object.keys(progress.scenarios).sort().map((id) => [id, progress.scenarios[id]]));
  return `${JSON.stringify({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, steps: progress.steps, scenarios }, null, 2)}\n`;
}

/** Set or clear a fixed step. Returns new progress. */
export function markStep(progress: Progress, step: PathStepId, done: boolean, now: Date): Progress {
  const steps = { ...progress.steps };
  if (done) steps[step] = steps[step] ?? now.toISOString();
  else delete steps[step];
  return { ...progress, steps };
}

/** Set or clear `reproduced` or `solved` for a scenario. Returns new progress. */
export function markScenario(progress: Progress, id: string, field: keyof ScenarioProgress, done: boolean, now: Date): Progress {
  const current = progress.scenarios[id] ?? { reproduced: null, solved: null };
  const next: ScenarioProgress = { ...current, [field]: done ? (current[field] ?? now.toISOString()) : null };
  // Solving implies having reproduced it.
  if (field === 'solved' && done && next.reproduced === null) next.reproduced = next.solved;
  return { ...progress, scenarios: { ...progress.scenarios, [id]: next } };
}

/** How far along the path the learner is. */
export function summarizeProgress(progress: Progress, scenarioIds: readonly string[]): { done: number; total: number; solved: number } {
  const steps = PATH_STEPS.filter((s) => progress.steps[s.id] !== undefined).length;
  const solved = scenarioIds.filter((id) => progress.scenarios[id]?.solved).length;
  return { done: steps + solved, total: PATH_STEPS.length + scenarioIds.length, solved };
}
