/**
 * Scenario mode, wired: fetches the scenario, sets the playground's state from it (or keeps the
 * learner's autosave), mounts the scenario panel, runs "Check my fix" in the engine worker and marks
 * the scenario solved in the onboarding progress. The playground calls {@link createScenarioMode}
 * when the page has `?scenario=<id>`.
 */
import { createProgress, markScenario, parseProgress, PROGRESS_STORAGE_KEY, serializeProgress, type ScenarioProgress } from '../onboarding/progress.ts';
import type { EngineClient } from '../worker/client.ts';
import type { AwsInput, FrontDoorOptions, FunctionInput, RequestInput } from '../worker/protocol.ts';
import { createScenarioPanel, type ScenarioPanelActions } from './panels/scenario.ts';
import {
  configEffect,
  lineDiff,
  nextScenario,
  parseScenarioJson,
  parseScenarioList,
  scenarioKeys,
  scenarioState,
  scenarioSubmission,
  scenarioUrl,
  SCENARIO_LIST_URL,
  type PlaygroundScenario,
} from './scenario.ts';
import { parseStoredState, serialiseState, type Parsed, type PlaygroundState } from './state.ts';

/** Silence allowed while the checks run: every case may use the engine's wall budget (3 s) and there is no progress per case. */
export const CHECK_WATCHDOG_MS = 120_000;

/** What a Run in scenario mode sends instead of the plain playground's function. */
export interface ScenarioRunAdjustment {
  files: Record<string, string>;
  config: FunctionInput['config'];
  aws: AwsInput | undefined;
  options: FrontDoorOptions;
  /** Reserved concurrency as the scenario's function-config file sets it (undefined: the file does not say). */
  reservedConcurrency?: number | null;
}

/** The running scenario mode, as the playground uses it. */
export interface ScenarioMode {
  scenario: PlaygroundScenario;
  /** The state the scenario starts with (Reset). */
  initialState: () => PlaygroundState;
  /** Support files, function name, config file and front-door settings for a Run. */
  adjustRun: (fn: FunctionInput, input: RequestInput, aws: AwsInput | undefined) => Parsed<ScenarioRunAdjustment>;
  /** A Run the learner started finished with this status (5xx marks the scenario reproduced). */
  runFinished: (status: number) => void;
  /**
   * The function settings the scenario's config file sets (timeout, memory, reserved concurrency), or
   * null when it has no function-config file or the file does not parse. The playground shows them in
   * its own fields, read-only.
   */
  fileSettings: () => { timeoutSeconds?: number; memoryMB?: number; reservedConcurrency?: number | null } | null;
  /** Label and note of the config-file tab. */
  configLabel: () => string;
  configNote: () => string;
}

/** What {@link createScenarioMode} needs from the playground. */
export interface ScenarioModeOptions {
  id: string;
  host: HTMLElement;
  storage: Storage | null;
  client: EngineClient;
  getState: () => PlaygroundState;
  /** Replace the whole state (editor, form) and save it. */
  applyState: (state: PlaygroundState) => void;
  showTab: (tab: 'handler' | 'scenarioConfig') => void;
  configTab: HTMLButtonElement;
  /** The learner has saved work for this scenario: keep it instead of the broken handler. */
  hadSavedWork: boolean;
  saveNow: () => void;
  /** Ask the learner to confirm in the page's own dialog (never `window.confirm`). */
  confirm: ScenarioPanelActions['confirm'];
  /** "Check my fix" finished (passed or not): the playground runs the current code so its own result matches. */
  afterCheck?: (passed: boolean) => void;
  /** For tests: the fetch to use. */
  fetchJson?: (url: string) => Promise<{ status: number; json: () => Promise<unknown> }>;
}

const CONFIG_NOTES: Record<NonNullable<PlaygroundScenario['config']>['kind'], string> = {
  'resource-policy': "The function's resource-based policy: who may invoke it. Runs and \"Check my fix\" use this file.",
  'function-config': 'Function settings { timeoutSeconds, memoryMB, reservedConcurrency }. Runs and "Check my fix" use this file.',
  'role-policy': "The execution role's policy: it replaces the Policy tab for runs and for \"Check my fix\".",
};

function readProgress(storage: Storage | null): { ok: true; value: ReturnType<typeof createProgress> } | { ok: false } {
  const text = storage?.getItem(PROGRESS_STORAGE_KEY) ?? null;
  if (text === null) return { ok: true, value: createProgress() };
  const parsed = parseProgress(text);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false };
}

/** Record a scenario as reproduced or solved in the onboarding progress (never overwrites a store it cannot read). */
export function markProgress(storage: Storage | null, id: string, field: keyof ScenarioProgress, now = new Date()): boolean {
  const current = readProgress(storage);
  if (!current.ok) return false;
  try {
    storage?.setItem(PROGRESS_STORAGE_KEY, serializeProgress(markScenario(current.value, id, field, true, now)));
    return true;
  } catch {
    return false;
  }
}

/** Has the learner solved this scenario before? */
export function isSolved(storage: Storage | null, id: string): boolean {
  const current = readProgress(storage);
  return current.ok && Boolean(current.value.scenarios[id]?.solved);
}

const defaultFetch = async (url: string) => {
  const r = await fetch(url, { headers: { accept: 'application/json' } });
  return { status: r.status, json: () => r.json() as Promise<unknown> };
};

/** Load scenario `id` and mount its panel; an unknown id or a failed fetch comes back as a sentence. */
export async function createScenarioMode(o: ScenarioModeOptions): Promise<Parsed<ScenarioMode>> {
  const fetchJson = o.fetchJson ?? defaultFetch;
  let raw: unknown;
  try {
    const res = await fetchJson(scenarioUrl(o.id));
    if (res.status === 404) return { ok: false, error: `There is no scenario "${o.id}". This is the scratch playground; pick a scenario on the onboarding page (/onboarding/).` };
    if (res.status !== 200) return { ok: false, error: `The scenario "${o.id}" could not be loaded (HTTP ${res.status}). This is the scratch playground; try again later.` };
    raw = await res.json();
  } catch {
    return { ok: false, error: `The scenario "${o.id}" could not be loaded (network error or offline). This is the scratch playground; reload to try again.` };
  }
  const parsed = parseScenarioJson(raw);
  if (!parsed.ok) return parsed;
  const s = parsed.value;
  const keys = scenarioKeys(s.id);
  const initialState = (): PlaygroundState => ({ ...scenarioState(s), scenarioConfig: s.config?.broken ?? '' });

  if (!o.hadSavedWork) o.applyState(initialState());
  else if (s.config && o.getState().scenarioConfig === '') o.applyState({ ...o.getState(), scenarioConfig: s.config.broken });

  if (s.config) {
    o.configTab.hidden = false;
    o.configTab.textContent = s.config.name;
  }

  const hintsShown = Number.parseInt(o.storage?.getItem(keys.hints) ?? '0', 10);
  const panel = createScenarioPanel(
    o.host,
    s,
    { hintsShown: Number.isFinite(hintsShown) ? hintsShown : 0, solved: isSolved(o.storage, s.id), lineDiff },
    {
      currentCode: () => o.getState().code,
      confirm: (question) => o.confirm(question),
      hintsChanged(shown) {
        try {
          o.storage?.setItem(keys.hints, String(shown));
        } catch {
          // Storage full or off: the hints simply start hidden next time.
        }
      },
      async check() {
        o.saveNow();
        const state = o.getState();
        panel.setChecking(true, 'Checking your fix on the shown request and the hidden variations…');
        const outcome = await o.client.send(
          { type: 'check-scenario', scenario: s, submission: scenarioSubmission(s, state.code, s.config ? state.scenarioConfig : null) },
          (message) => panel.setChecking(true, message),
          { watchdogMs: CHECK_WATCHDOG_MS },
        );
        panel.setChecking(false);
        if (!outcome.ok) {
          panel.showError(outcome.reason === 'superseded' ? 'a run started before the check finished. Press "Check my fix" again.' : outcome.message);
          return;
        }
        if (outcome.payload.kind !== 'check-scenario') return panel.showError('the engine answered something else. Press "Check my fix" again.');
        const result = outcome.payload.result;
        panel.showResult(result);
        if (result.passed) markProgress(o.storage, s.id, 'solved');
        o.afterCheck?.(result.passed);
      },
      useSolution() {
        const before = o.getState();
        try {
          o.storage?.setItem(keys.backup, serialiseState(before));
        } catch {
          // Without storage the in-memory copy below still allows Undo in this visit.
        }
        memoryBackup = before;
        o.applyState({ ...before, code: s.solution, scenarioConfig: s.config ? s.config.solution : before.scenarioConfig });
        panel.setUndoAvailable(true);
        o.showTab('handler');
      },
      undoSolution() {
        const stored = parseStoredState(o.storage?.getItem(keys.backup) ?? null);
        const back = stored?.ok ? stored.value.state : memoryBackup;
        if (!back) return;
        o.applyState(back);
        o.storage?.removeItem(keys.backup);
        memoryBackup = null;
        panel.setUndoAvailable(false);
        o.showTab('handler');
      },
    },
  );
  let memoryBackup: PlaygroundState | null = null;
  if (o.storage?.getItem(keys.backup)) panel.setUndoAvailable(true);

  void fetchJson(SCENARIO_LIST_URL)
    .then(async (res) => (res.status === 200 ? parseScenarioList(await res.json()) : null))
    .then((list) => {
      if (list?.ok) panel.setNext(nextScenario(list.value, s.id));
    })
    .catch(() => {
      // Without the list the solved view links back to /onboarding/ instead of the next scenario.
    });

  return {
    ok: true,
    value: {
      scenario: s,
      initialState,
      configLabel: () => (s.config ? `${s.config.name} (JSON)` : 'Config file (JSON)'),
      configNote: () => (s.config ? CONFIG_NOTES[s.config.kind] : ''),
      fileSettings() {
        if (s.config?.kind !== 'function-config') return null;
        const state = o.getState();
        const effect = configEffect(s, state.scenarioConfig, state.frontDoor, null);
        return effect.ok ? (effect.value.fileSettings ?? null) : null;
      },
      runFinished(status) {
        if (status >= 500) markProgress(o.storage, s.id, 'reproduced');
      },
      adjustRun(fn, input, aws) {
        const state = o.getState();
        const effect = configEffect(s, state.scenarioConfig, state.frontDoor, input.kind === 'http' ? input.request : null);
        if (!effect.ok) return effect;
        let nextAws = aws;
        if (aws && effect.value.policyText !== undefined) nextAws = { ...aws, policy: JSON.parse(effect.value.policyText) as unknown };
        const options: FrontDoorOptions = {};
        if (effect.value.invokePermission !== undefined) options.invokePermission = effect.value.invokePermission;
        if (effect.value.throttled) options.throttled = true;
        if (s.frontDoorSettings.integrationTimeoutMs !== undefined) options.integrationTimeoutMs = s.frontDoorSettings.integrationTimeoutMs;
        const reserved = effect.value.fileSettings?.reservedConcurrency;
        return {
          ok: true,
          value: { files: { ...s.support, ...fn.files }, config: { ...fn.config, ...effect.value.config }, aws: nextAws, options, ...(reserved !== undefined ? { reservedConcurrency: reserved } : {}) },
        };
      },
    },
  };
}
