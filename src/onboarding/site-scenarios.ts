/**
 * The scenarios as the site sees them: the `scenarios` content collection plus the code and config
 * files beside each scenario.yaml, read at build time with `import.meta.glob`. For Astro pages and
 * components only (it imports `astro:content`).
 */
import { getCollection } from 'astro:content';
import { parseScenario, type Scenario } from '../schemas/scenario.ts';
import { withBase } from '../utils/paths.ts';

// Python scenarios keep their code in handler.py, solution.py and support *.py files.
const RAW_FILES = import.meta.glob<string>('/content/scenarios/*/**/*.{mjs,py,json}', { query: '?raw', import: 'default', eager: true });

/** The files of one scenario folder by path inside the folder (`handler.mjs`, `handler.py`, `lib/client.mjs`, …). */
export function scenarioFiles(id: string): Record<string, string> {
  const prefix = `/content/scenarios/${id}/`;
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(RAW_FILES)) if (path.startsWith(prefix)) out[path.slice(prefix.length)] = text;
  return out;
}

/** Every scenario, complete (handler, solution, support and config files), in onboarding order. */
export async function getScenarios(): Promise<Scenario[]> {
  const entries = await getCollection('scenarios');
  const out: Scenario[] = [];
  for (const entry of entries) {
    const parsed = parseScenario(entry.id, entry.data, scenarioFiles(entry.id));
    if (!parsed.ok) throw new Error(parsed.error);
    out.push(parsed.value);
  }
  return out.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}

/** The playground link that loads a scenario. */
export function playgroundHref(id: string): string {
  return withBase(`/playground/?scenario=${encodeURIComponent(id)}`);
}
