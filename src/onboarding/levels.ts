/**
 * The onboarding levels: scenarios grouped from the first 500 a handler causes on its own, through what
 * each front door demands, to the AWS services around the function, and last what happens under load.
 * Each scenario.yaml names its level, a difficulty and a time estimate (src/schemas/scenario.ts).
 */

/** Level ids, in the order the path shows them. */
export const ONBOARDING_LEVEL_IDS = ['first-500', 'front-doors', 'aws-world', 'under-load'] as const;

/** One level id. */
export type OnboardingLevelId = (typeof ONBOARDING_LEVEL_IDS)[number];

/** Difficulties a scenario can have, easiest first. */
export const SCENARIO_DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/** One difficulty. */
export type ScenarioDifficulty = (typeof SCENARIO_DIFFICULTIES)[number];

/** What the path shows for each level. */
export const ONBOARDING_LEVELS: Record<OnboardingLevelId, { title: string; intro: string }> = {
  'first-500': {
    title: 'Your first 500',
    intro: 'The handler breaks on its own: a crash, a bad return value, a module that never loads, a wait that outlives the timeout.',
  },
  'front-doors': {
    title: 'Front doors',
    intro: 'The function answers, but API Gateway, a function URL or a load balancer cannot use the answer or stops waiting for it.',
  },
  'aws-world': {
    title: 'The AWS world',
    intro: 'Permissions and the services around the function: who may invoke it, and what its role may read and write.',
  },
  'under-load': {
    title: 'Under load',
    intro: 'Failures that need many requests or a warm environment: memory and disk that fill up, throttling, retries and batches.',
  },
};

/** A group of items under one level, in level order; levels with no items are left out. */
export interface LevelGroup<T> {
  id: OnboardingLevelId;
  /** 1-based position among all levels. */
  number: number;
  title: string;
  intro: string;
  items: T[];
  /** Sum of the items' minutes. */
  minutes: number;
}

/** Groups scenarios by level, keeping their order inside each level. */
export function groupByLevel<T extends { level: OnboardingLevelId; minutes: number }>(items: readonly T[]): LevelGroup<T>[] {
  return ONBOARDING_LEVEL_IDS.map((id, i) => {
    const inLevel = items.filter((item) => item.level === id);
    return { id, number: i + 1, ...ONBOARDING_LEVELS[id], items: inLevel, minutes: inLevel.reduce((sum, item) => sum + item.minutes, 0) };
  }).filter((group) => group.items.length > 0);
}

/** "About 15 min" or "About 1 h 20 min". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `about ${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `about ${h} h` : `about ${h} h ${m} min`;
}

/**
 * The runtime tag a scenario card shows beside its front door: `Python` for a `python*` runtime, null for
 * Node.js (most scenarios, so no tag).
 */
export function runtimeTag(runtime: string): 'Python' | null {
  return runtime.startsWith('python') ? 'Python' : null;
}
