/**
 * `/onboarding/scenarios.json`: the list of scenarios (id, title, cause, front door, runtime, summary, order)
 * without code, for pickers. The full scenario is at `/onboarding/scenarios/<id>.json`.
 */
import type { APIRoute } from 'astro';
import { getScenarios } from '../../onboarding/site-scenarios.ts';

export const GET: APIRoute = async () => {
  const list = (await getScenarios()).map((s) => ({ id: s.id, title: s.title, cause: s.cause, frontDoor: s.frontDoor, runtime: s.function.runtime, summary: s.summary, order: s.order, href: `/onboarding/scenarios/${s.id}.json` }));
  return new Response(JSON.stringify({ scenarios: list }), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
