/**
 * The hidden variations of a scenario: generated from the shown request so that a fix which only
 * works for that one request (or only on a cold start) does not count.
 */
import type { HttpRequestSpec } from '../integrations/http-request.ts';
import type { FrontDoor } from '../vocabulary.ts';
import type { AuthoredCase, CaseOutcome, CaseSelector, ScenarioDefinition } from './types.ts';

/** Size the `large-body` variation pads a JSON body to, bytes (under the ALB's 1 MB request limit). */
export const LARGE_BODY_BYTES = 256 * 1024;

/** A case to run. */
export interface PlannedCase {
  name: string;
  group: CaseOutcome['group'];
  rank: number;
  frontDoor: FrontDoor;
  input: { request: HttpRequestSpec } | { rawEvent: unknown };
  /** Calls made on one environment; the last one is judged (2 for `warm`). */
  calls: number;
  environment?: Record<string, string>;
  faults?: unknown;
}

/**
 * Ranks order cases from simplest to most involved; the smallest failure is the lowest rank.
 * The shown request first, then the same request warm, then client mistakes, then the rest.
 */
const RANK = { shown: 0, warm: 1, 'missing-body': 2, 'invalid-json': 3, method: 4, authored: 5, 'large-body': 6, 'front-door': 7 } as const;

function padJsonBody(body: string): string | null {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const pad = 'x'.repeat(Math.max(0, LARGE_BODY_BYTES - body.length));
    return JSON.stringify({ ...(value as Record<string, unknown>), note: pad });
  } catch {
    return null;
  }
}

function withBody(request: HttpRequestSpec, body: string | null): HttpRequestSpec {
  const next: HttpRequestSpec = { ...request, body };
  if (body === null && next.headers) {
    next.headers = Object.fromEntries(Object.entries(next.headers).filter(([k]) => k.toLowerCase() !== 'content-type'));
  }
  return next;
}

function authored(c: AuthoredCase, scenario: ScenarioDefinition, index: number): PlannedCase {
  const input = c.request ? { request: c.request } : c.event !== undefined ? { rawEvent: c.event } : scenario.request ? { request: scenario.request } : { rawEvent: scenario.event };
  return {
    name: c.name,
    group: c.group,
    rank: RANK.authored + index / 100,
    frontDoor: scenario.frontDoor,
    input,
    calls: 1,
    ...(c.environment ? { environment: c.environment } : {}),
    ...(c.faults !== undefined ? { faults: c.faults } : {}),
  };
}

/** Every case of a scenario, the shown request first. */
export function planCases(scenario: ScenarioDefinition): PlannedCase[] {
  const door = scenario.frontDoor;
  const shownInput = scenario.request ? { request: scenario.request } : { rawEvent: scenario.event ?? {} };
  const cases: PlannedCase[] = [{ name: 'shown', group: 'shown', rank: RANK.shown, frontDoor: door, input: shownInput, calls: 1 }];
  const v = scenario.variations;
  if (v.warm) cases.push({ name: 'warm', group: 'good', rank: RANK.warm, frontDoor: door, input: shownInput, calls: 2 });
  const req = scenario.request;
  if (req) {
    if (v.missingBody) cases.push({ name: 'missing-body', group: 'bad-input', rank: RANK['missing-body'], frontDoor: door, input: { request: withBody(req, null) }, calls: 1 });
    if (v.invalidJson) {
      const broken = typeof req.body === 'string' && req.body.length > 2 ? req.body.slice(0, Math.ceil(req.body.length / 2)) : '{"unterminated": ';
      cases.push({ name: 'invalid-json', group: 'bad-input', rank: RANK['invalid-json'], frontDoor: door, input: { request: withBody(req, broken) }, calls: 1 });
    }
    v.methods.forEach((method, i) => {
      const m = method.toUpperCase();
      const body = m === 'GET' || m === 'HEAD' || m === 'DELETE' ? null : (req.body ?? null);
      cases.push({ name: `method:${m}`, group: 'other', rank: RANK.method + i / 100, frontDoor: door, input: { request: withBody({ ...req, method: m }, body) }, calls: 1 });
    });
    if (v.largeBody && typeof req.body === 'string') {
      const padded = padJsonBody(req.body);
      if (padded !== null) cases.push({ name: 'large-body', group: 'good', rank: RANK['large-body'], frontDoor: door, input: { request: { ...req, body: padded } }, calls: 1 });
    }
    v.frontDoors.forEach((fd, i) => {
      if (fd !== door) cases.push({ name: `front-door:${fd}`, group: 'good', rank: RANK['front-door'] + i / 100, frontDoor: fd, input: shownInput, calls: 1 });
    });
  }
  scenario.cases.forEach((c, i) => cases.push(authored(c, scenario, i)));
  return cases;
}

/** Does `selector` pick this case? */
export function selects(selector: CaseSelector, c: Pick<PlannedCase, 'name' | 'group'>): boolean {
  if (selector === 'all') return true;
  if (selector === 'good') return c.group === 'shown' || c.group === 'good';
  if (selector === 'bad-input') return c.group === 'bad-input';
  return selector.some((s) => s === c.name || s === c.group || (s === 'front-door' && c.name.startsWith('front-door:')) || (s === 'method' && c.name.startsWith('method:')));
}
