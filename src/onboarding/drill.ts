/**
 * The team drill: a link with a chosen set of scenarios (`/onboarding/drill/?s=a,b,c`), a timer per
 * scenario, and a Markdown summary for the retrospective. Pure functions; the page's custom element
 * does the clock, storage and DOM.
 */

/** Most scenarios one drill link may hold. */
export const MAX_DRILL_SCENARIOS = 12;

/** Result of {@link parseDrillSelection}. */
export type ParseDrillResult = { ok: true; value: string[]; notes: string[] } | { ok: false; error: string };

/**
 * Read the scenario ids of a drill from a URL query (`?s=a,b` or `?s=a&s=b`). Unknown ids are left out
 * with a note; duplicates are removed; order is kept.
 */
export function parseDrillSelection(search: string, knownIds: readonly string[]): ParseDrillResult {
  const params = new URLSearchParams(search);
  const raw = params.getAll('s').flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (raw.length === 0) return { ok: false, error: 'No scenarios chosen yet.' };
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const id of raw) {
    if (!knownIds.includes(id)) {
      if (!unknown.includes(id)) unknown.push(id.slice(0, 60));
    } else if (!ids.includes(id)) ids.push(id);
  }
  const notes: string[] = [];
  if (unknown.length > 0) notes.push(`Left out ${unknown.length === 1 ? 'an unknown scenario' : 'unknown scenarios'}: ${unknown.join(', ')}.`);
  if (ids.length > MAX_DRILL_SCENARIOS) {
    notes.push(`A drill holds at most ${MAX_DRILL_SCENARIOS} scenarios; kept the first ${MAX_DRILL_SCENARIOS}.`);
    ids.length = MAX_DRILL_SCENARIOS;
  }
  if (ids.length === 0) return { ok: false, error: `None of the scenarios in this link exist (${unknown.join(', ')}). Pick scenarios below to build a new link.` };
  return { ok: true, value: ids, notes };
}

/** The drill link for a set of scenario ids. */
export function drillHref(ids: readonly string[], base = '/onboarding/drill/'): string {
  return `${base}?s=${ids.map(encodeURIComponent).join(',')}`;
}

/** `m:ss` or `h:mm:ss` for a duration in milliseconds. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** State of one scenario in a drill. */
export interface DrillItemState {
  /** Time spent so far, ms (excluding a running stretch). */
  elapsedMs: number;
  /** Wall-clock ms when the running stretch started; null when paused. */
  runningSince: number | null;
  /** Hints revealed, 0-3. */
  hintsShown: number;
  /** Wall-clock ms when marked solved; null when not. */
  solvedAt: number | null;
}

/** A fresh item. */
export function createDrillItem(): DrillItemState {
  return { elapsedMs: 0, runningSince: null, hintsShown: 0, solvedAt: null };
}

/** Time spent on an item at `now`. */
export function elapsedAt(item: DrillItemState, now: number): number {
  return item.elapsedMs + (item.runningSince === null ? 0 : Math.max(0, now - item.runningSince));
}

/** Start the item's timer (no-op when running or solved). */
export function startItem(item: DrillItemState, now: number): DrillItemState {
  return item.runningSince !== null || item.solvedAt !== null ? item : { ...item, runningSince: now };
}

/** Pause the item's timer. */
export function pauseItem(item: DrillItemState, now: number): DrillItemState {
  return item.runningSince === null ? item : { ...item, elapsedMs: elapsedAt(item, now), runningSince: null };
}

/** Mark solved: stops the timer. */
export function solveItem(item: DrillItemState, now: number): DrillItemState {
  return { ...pauseItem(item, now), solvedAt: item.solvedAt ?? now };
}

/** Reveal the next hint (at most `max`). */
export function revealHint(item: DrillItemState, max = 3): DrillItemState {
  return { ...item, hintsShown: Math.min(max, item.hintsShown + 1) };
}

/** Parse stored drill state (from sessionStorage); anything odd gives fresh items. */
export function parseDrillState(text: string | null, ids: readonly string[]): Record<string, DrillItemState> {
  const out: Record<string, DrillItemState> = Object.fromEntries(ids.map((id) => [id, createDrillItem()]));
  if (!text) return out;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return out;
    for (const id of ids) {
      const v = (value as Record<string, unknown>)[id];
      if (typeof v !== 'object' || v === null) continue;
      const r = v as Record<string, unknown>;
      const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null);
      out[id] = {
        elapsedMs: num(r['elapsedMs']) ?? 0,
        runningSince: num(r['runningSince']),
        hintsShown: Math.min(3, Math.floor(num(r['hintsShown']) ?? 0)),
        solvedAt: num(r['solvedAt']),
      };
    }
  } catch {
    // Why: a damaged entry must not break the drill; start the timers again.
  }
  return out;
}

/** What the Markdown summary needs to know about a scenario. */
export interface DrillScenarioInfo {
  id: string;
  title: string;
  cause: string;
  causeTitle: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The Markdown summary of a drill for the retrospective. */
export function drillMarkdown(scenarios: readonly DrillScenarioInfo[], state: Record<string, DrillItemState>, now: number, link: string): string {
  const date = new Date(now).toISOString().slice(0, 16).replace('T', ' ');
  const rows = scenarios.map((s, i) => {
    const item = state[s.id] ?? createDrillItem();
    const status = item.solvedAt !== null ? 'solved' : elapsedAt(item, now) > 0 ? 'not solved' : 'not started';
    return `| ${i + 1} | ${cell(s.title)} (\`${s.id}\`) | ${cell(s.causeTitle)} | ${formatDuration(elapsedAt(item, now))} | ${item.hintsShown} of 3 | ${status} |`;
  });
  const solved = scenarios.filter((s) => state[s.id]?.solvedAt != null).length;
  const total = scenarios.reduce((sum, s) => sum + elapsedAt(state[s.id] ?? createDrillItem(), now), 0);
  return [
    `# Lambda Triage drill, ${date} UTC`,
    '',
    `Solved ${solved} of ${scenarios.length} in ${formatDuration(total)}. Drill link: ${link}`,
    '',
    '| # | Scenario | Cause | Time | Hints | Result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## For the retrospective',
    '',
    '- Which signal led to the cause fastest (status, log line, metric)?',
    '- Where did we lose time, and what would have shown it sooner (alarm, dashboard, runbook)?',
    '- Which fix do we want in our own services before it happens for real?',
    '',
  ].join('\n');
}
