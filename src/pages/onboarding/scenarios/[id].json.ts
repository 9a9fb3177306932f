/**
 * `/onboarding/scenarios/<id>.json`: one scenario, complete (brief, hints, explanation, handler,
 * solution, support and config files, checks), for the playground's `?scenario=<id>` and "Check my fix"
 * (which passes it to `runScenarioChecks` in the worker). Static: generated at build time.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getScenarios } from '../../../onboarding/site-scenarios.ts';
import type { Scenario } from '../../../schemas/scenario.ts';

export const getStaticPaths: GetStaticPaths = async () => (await getScenarios()).map((scenario) => ({ params: { id: scenario.id }, props: { scenario } }));

export const GET: APIRoute<{ scenario: Scenario }> = ({ props }) =>
  new Response(JSON.stringify(props.scenario), { headers: { 'content-type': 'application/json; charset=utf-8' } });
