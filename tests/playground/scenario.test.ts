/**
 * Scenario mode without a DOM: reading the published scenario JSON, the state a scenario starts with,
 * the config file's effect on a Run, the line diff, failing-case texts and the onboarding progress.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../src/cli/scenarios-command.ts';
import { PROGRESS_STORAGE_KEY } from '../../src/onboarding/progress.ts';
import { isSolved, markProgress } from '../../src/playground/scenario-mode.ts';
import {
  ALLOW_ALL_POLICY,
  configEffect,
  describeCaseRequest,
  diffStats,
  excerpt,
  isScenarioId,
  lineDiff,
  nextScenario,
  parseScenarioJson,
  parseScenarioList,
  parseScenarioParam,
  scenarioKeys,
  scenarioState,
  scenarioSubmission,
  type PlaygroundScenario,
} from '../../src/playground/scenario.ts';
import { parseFunctionInput, parseRequestInput, parseStoredState, serialiseState } from '../../src/playground/state.ts';

const loaded = await loadScenarios();
if (!loaded.ok) throw new Error(loaded.error);
/** A scenario as the site publishes it: JSON text of the parsed scenario. */
function published(id: string): PlaygroundScenario {
  const s = loaded.ok ? loaded.value.find((x) => x.id === id) : undefined;
  if (!s) throw new Error(`no scenario ${id}`);
  const parsed = parseScenarioJson(JSON.parse(JSON.stringify(s)));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const m = new Map(Object.entries(initial));
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

describe('scenario ids and the query string', () => {
  it('reads ?scenario=<id>, ignores its absence and refuses a malformed id with a sentence', () => {
    expect(parseScenarioParam('?scenario=product-body-object')).toEqual({ ok: true, value: 'product-body-object' });
    expect(parseScenarioParam('')).toBeNull();
    expect(parseScenarioParam('?scenario=')).toBeNull();
    const bad = parseScenarioParam('?scenario=../../etc');
    expect(bad?.ok).toBe(false);
    if (bad && !bad.ok) expect(bad.error).toMatch(/not a scenario id/);
    expect(isScenarioId('a'.repeat(81))).toBe(false);
    expect(isScenarioId('Upper-Case')).toBe(false);
  });

  it('keeps each scenario under its own storage keys', () => {
    const k = scenarioKeys('warm-cache-leak');
    expect(k.state).toBe('lambda-triage:playground:warm-cache-leak');
    expect(new Set(Object.values(k)).size).toBe(4);
    expect(scenarioKeys('other').state).not.toBe(k.state);
  });
});

describe('parseScenarioJson', () => {
  it('accepts every published scenario', () => {
    for (const s of loaded.ok ? loaded.value : []) expect(parseScenarioJson(JSON.parse(JSON.stringify(s))).ok, s.id).toBe(true);
  });

  it('names what is missing in a damaged file', () => {
    const s = JSON.parse(JSON.stringify(published('product-body-object'))) as Record<string, unknown>;
    delete s['hints'];
    const r = parseScenarioJson(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/"hints"/);
    expect(parseScenarioJson('nope').ok).toBe(false);
    expect(parseScenarioJson({ ...s, hints: ['a'], frontDoor: 'smtp' }).ok).toBe(false);
  });
});

describe('the scenario list and the next scenario', () => {
  it('orders the list and finds the next one; the last has none', () => {
    const list = parseScenarioList({ scenarios: [{ id: 'c', title: 'C', order: 30 }, { id: 'a', title: 'A', order: 10 }, { id: 'b', title: 'B', order: 20 }, { id: 'Bad id', title: 'x' }] });
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    expect(list.value.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(nextScenario(list.value, 'a')?.id).toBe('b');
    expect(nextScenario(list.value, 'c')).toBeNull();
    expect(nextScenario(list.value, 'zzz')).toBeNull();
    expect(parseScenarioList({}).ok).toBe(false);
  });
});

describe('scenarioState', () => {
  it('starts from the broken handler, the shown request and the front door', () => {
    const s = published('product-body-object');
    const state = scenarioState(s);
    expect(state.code).toBe(s.handler);
    expect(state.frontDoor).toBe('apigw-rest');
    expect(state.policy).toBe(ALLOW_ALL_POLICY);
    const req = parseRequestInput(state.request, state.requestMode);
    expect(req.ok && req.value.kind === 'http' && req.value.request.path).toBe('/products/cup-01');
    const fn = parseFunctionInput(state);
    expect(fn.ok && fn.value.config.handler).toBe('index.handler');
  });

  it('carries the environment, the seeded AWS state, the policy and the faults', () => {
    const base = published('secret-renamed-cold-start');
    expect(base.aws?.state).toBeDefined();
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] };
    const s: PlaygroundScenario = { ...base, aws: { ...base.aws, policy }, function: { ...base.function, environment: { TABLE_NAME: 'orders', STAGE: 'prod' } } };
    const state = scenarioState(s);
    const fn = parseFunctionInput(state);
    expect(fn.ok && fn.value.config.environment).toEqual(s.function.environment);
    expect(JSON.parse(state.policy)).toEqual(s.aws?.policy);
    expect(JSON.parse(state.awsState)).toEqual(s.aws?.state ?? {});
  });

  it('survives the autosave round trip, including the config file text', () => {
    const s = published('api-permission-stale-source-arn');
    const state = { ...scenarioState(s), scenarioConfig: s.config!.broken };
    const back = parseStoredState(serialiseState(state));
    expect(back?.ok && back.value.state).toEqual(state);
  });
});

describe('scenarioSubmission and configEffect', () => {
  it('submits the config file only when the scenario has one', () => {
    expect(scenarioSubmission(published('product-body-object'), 'x', null)).toEqual({ handler: 'x' });
    const s = published('api-permission-stale-source-arn');
    expect(scenarioSubmission(s, 'x', '{}')).toEqual({ handler: 'x', config: '{}' });
    expect(scenarioSubmission(s, 'x', null)).toEqual({ handler: 'x', config: s.config!.broken });
  });

  it('a resource policy decides whether the front door may invoke: broken refuses, the solution allows', () => {
    const s = published('api-permission-stale-source-arn');
    const req = s.request ?? null;
    const broken = configEffect(s, s.config!.broken, s.frontDoor, req);
    const fixed = configEffect(s, s.config!.solution, s.frontDoor, req);
    expect(broken.ok && broken.value.invokePermission).toBe(false);
    expect(fixed.ok && fixed.value.invokePermission).toBe(true);
    expect(broken.ok && broken.value.config.functionName).toBe(s.function.functionName);
  });

  it('a function config with reserved concurrency 0 throttles; its solution does not', () => {
    const s = published('reserved-concurrency-zero');
    const broken = configEffect(s, s.config!.broken, s.frontDoor, s.request ?? null);
    const fixed = configEffect(s, s.config!.solution, s.frontDoor, s.request ?? null);
    expect(broken.ok && broken.value.throttled).toBe(true);
    expect(fixed.ok && fixed.value.throttled).toBeUndefined();
    // The file's settings come back as written, for the playground's read-only fields and load runs.
    expect(broken.ok && broken.value.fileSettings).toEqual(JSON.parse(s.config!.broken));
    expect(fixed.ok && fixed.value.fileSettings?.reservedConcurrency).toBe(JSON.parse(s.config!.solution).reservedConcurrency);
  });

  it('a role policy replaces the Policy tab; a file that is not JSON gets a sentence naming it', () => {
    const s = published('receipts-s3-access-denied');
    const ok = configEffect(s, s.config!.solution, s.frontDoor, s.request ?? null);
    expect(ok.ok && ok.value.policyText).toBe(s.config!.solution);
    const bad = configEffect(s, '{ "Version": ', s.frontDoor, null);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain(s.config!.name);
  });
});

describe('lineDiff', () => {
  it('marks removed and added lines with their line numbers on each side', () => {
    const rows = lineDiff('a\nb\nc\n', 'a\nB\nc\nd\n');
    expect(rows).toEqual([
      { kind: 'same', text: 'a', before: 1, after: 1 },
      { kind: 'remove', text: 'b', before: 2 },
      { kind: 'add', text: 'B', after: 2 },
      { kind: 'same', text: 'c', before: 3, after: 3 },
      { kind: 'add', text: 'd', after: 4 },
    ]);
    expect(diffStats(rows)).toEqual({ added: 2, removed: 1 });
  });

  it('is all "same" for identical code and ignores CRLF against LF', () => {
    expect(diffStats(lineDiff('x\r\ny\r\n', 'x\ny\n'))).toEqual({ added: 0, removed: 0 });
  });

  it('turns a scenario broken handler into its solution', () => {
    const s = published('product-body-object');
    const rows = lineDiff(s.handler, s.solution);
    expect(rows.filter((r) => r.kind !== 'add').map((r) => r.text).join('\n')).toBe(s.handler.replace(/\n$/, ''));
    expect(rows.filter((r) => r.kind !== 'remove').map((r) => r.text).join('\n')).toBe(s.solution.replace(/\n$/, ''));
  });
});

describe('failing-case texts', () => {
  it('describes an HTTP request with its query and a shortened body, and a raw event', () => {
    expect(describeCaseRequest({ method: 'GET', path: '/products/cup-01', query: { a: '1' }, body: null })).toEqual({ line: 'GET /products/cup-01?a=1', body: null });
    const long = describeCaseRequest({ method: 'POST', path: '/o', body: 'x'.repeat(500) });
    expect(long.body).toMatch(/… \(500 characters\)$/);
    expect(describeCaseRequest({ Records: [] })).toEqual({ line: 'Event', body: '{"Records":[]}' });
    expect(describeCaseRequest(null).line).toBe('(no request)');
    expect(excerpt('abc', 2)).toBe('ab… (3 characters)');
  });
});

describe('onboarding progress from the playground', () => {
  it('marks a scenario solved (and so reproduced) in the onboarding store', () => {
    const storage = memoryStorage();
    expect(isSolved(storage, 'product-body-object')).toBe(false);
    expect(markProgress(storage, 'product-body-object', 'solved', new Date('2026-01-01T10:00:00.000Z'))).toBe(true);
    expect(isSolved(storage, 'product-body-object')).toBe(true);
    const saved = JSON.parse(storage.getItem(PROGRESS_STORAGE_KEY)!);
    expect(saved.scenarios['product-body-object']).toEqual({ reproduced: '2026-01-01T10:00:00.000Z', solved: '2026-01-01T10:00:00.000Z' });
  });

  it('never overwrites a progress store it cannot read', () => {
    const storage = memoryStorage({ [PROGRESS_STORAGE_KEY]: 'not json' });
    expect(markProgress(storage, 'product-body-object', 'solved')).toBe(false);
    expect(storage.getItem(PROGRESS_STORAGE_KEY)).toBe('not json');
  });
});
