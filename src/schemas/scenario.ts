/**
 * Schema of `content/scenarios/<id>/scenario.yaml`: a small incident with a broken handler
 * (`handler.mjs`), a fix (`solution.mjs`) and checks that know when it is truly fixed. Messages say what
 * is wrong and what to do, because a content author reads them in a failed build or test.
 */
import { z } from 'astro/zod';
import { parseHttpRequestSpec } from '../engine/integrations/http-request.ts';
import type { ScenarioCheck, ScenarioDefinition } from '../engine/scenarios/types.ts';
import { ALL_RUNTIMES, CAUSE_IDS } from '../engine/vocabulary.ts';
import { checkManagedInstancesConfig } from '../engine/lambda/managed-instances-config.ts';
import { causeIdSchema, frontDoorSchema } from './cause.ts';
import { ONBOARDING_LEVEL_IDS, SCENARIO_DIFFICULTIES, type OnboardingLevelId, type ScenarioDifficulty } from '../onboarding/levels.ts';

const OUTCOMES = ['success', 'function-error', 'timeout', 'out-of-memory', 'init-error', 'throttled', 'invalid-request'] as const;

/** Most requests one concurrent-isolation check sends at once (each is also run alone, so the check costs twice that). */
const MAX_ISOLATION_REQUESTS = 16;

const statusList = z.array(z.number().int().min(100).max(599)).min(1, 'list at least one HTTP status, e.g. [200, 201].');
const caseSelector = z.union([z.enum(['good', 'bad-input', 'all']), z.array(z.string().min(1)).min(1)]);
const base = { id: z.string().regex(/^[a-z0-9-]+$/, 'a check id is lower-case words joined by hyphens.').optional(), description: z.string().min(5).optional(), cases: caseSelector.optional() };

const kindError = { error: 'kind must be one of status, status-not, status-for-bad-input, no-cause, outcome, body-contains, header, max-billed-ms, state, warm-invocations, concurrent-isolation (see content/scenarios/README.md).' };

const invocationMembers = [
  z.strictObject({ ...base, kind: z.literal('status'), in: statusList }),
  z.strictObject({ ...base, kind: z.literal('status-not'), in: statusList }),
  z.strictObject({ ...base, kind: z.literal('status-for-bad-input'), in: statusList }),
  z.strictObject({ ...base, kind: z.literal('no-cause'), cause: causeIdSchema }),
  z.strictObject({ ...base, kind: z.literal('outcome'), equals: z.enum(OUTCOMES) }),
  z.strictObject({ ...base, kind: z.literal('body-contains'), text: z.string().min(1) }),
  z.strictObject({
    ...base,
    kind: z.literal('header'),
    name: z.string().min(1),
    matches: z.string().min(1).refine((s) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    }, 'matches must be a valid regular expression (JavaScript syntax, no slashes).'),
  }),
  z.strictObject({ ...base, kind: z.literal('max-billed-ms'), value: z.number().int().positive() }),
] as const;

const invocationCheck = z.discriminatedUnion('kind', [...invocationMembers], kindError);

/** One check, as data (the closed set of kinds documented in content/scenarios/README.md). */
export const scenarioCheckSchema = z
  .discriminatedUnion(
    'kind',
    [
      ...invocationMembers,
      z.strictObject({ ...base, kind: z.literal('state'), path: z.string().min(1), equals: z.unknown().optional(), atLeast: z.number().optional(), atMost: z.number().optional() }),
      z.strictObject({ ...base, kind: z.literal('warm-invocations'), count: z.number().int().min(2).max(200), then: z.array(invocationCheck).min(1) }),
      z.strictObject({
        ...base,
        kind: z.literal('concurrent-isolation'),
        requests: z.array(z.lazy(() => requestSchema)).min(2, 'list at least two requests to send at once.').max(MAX_ISOLATION_REQUESTS).optional(),
        events: z.array(z.unknown()).min(2, 'list at least two events to send at once.').max(MAX_ISOLATION_REQUESTS).optional(),
      }),
    ],
    kindError,
  )
  .refine((c) => c.kind !== 'state' || c.equals !== undefined || c.atLeast !== undefined || c.atMost !== undefined, 'a state check needs equals, atLeast or atMost.')
  .refine((c) => c.kind !== 'concurrent-isolation' || (c.requests === undefined) !== (c.events === undefined), 'a concurrent-isolation check needs exactly one of requests (HTTP front doors) or events (frontDoor: invoke).');

const requestSchema = z.unknown().transform((value, ctx) => {
  const parsed = parseHttpRequestSpec(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: `request: ${parsed.error}` });
    return z.NEVER;
  }
  return parsed.value;
});

const authoredCase = z.strictObject({
  name: z.string().regex(/^[a-z0-9:-]+$/, 'a case name is lower-case words joined by hyphens.'),
  group: z.enum(['good', 'bad-input', 'other']),
  request: requestSchema.optional(),
  event: z.unknown().optional(),
  environment: z.record(z.string(), z.string()).optional(),
  faults: z.unknown().optional(),
});

/** The fields of `scenario.yaml`. */
export const scenarioFileSchema = z
  .strictObject({
    title: z.string().min(5),
    cause: causeIdSchema,
    /** One line for lists: what breaks. */
    summary: z.string().min(10),
    /** The incident report shown first: time, symptom, who noticed. */
    brief: z.string().min(40, 'brief is the incident report the learner starts from: when, what callers saw, who noticed.'),
    frontDoor: frontDoorSchema,
    function: z
      .strictObject({
        runtime: z.enum(ALL_RUNTIMES).default('nodejs22.x'),
        handler: z.string().default('index.handler'),
        timeoutSeconds: z.number().int().min(1).max(900).default(3),
        memoryMB: z.number().int().min(128).max(10_240).default(128),
        environment: z.record(z.string(), z.string()).default({}),
        logFormat: z.enum(['Text', 'JSON']).optional(),
        functionName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('checkout-api'),
        /** Lambda Managed Instances: PerExecutionEnvironmentMaxConcurrency, invocations one environment takes at once. */
        concurrencyPerEnvironment: z.number().int().optional(),
      })
      .prefault({})
      .superRefine((f, ctx) => {
        if (f.concurrencyPerEnvironment === undefined) return;
        const problem = checkManagedInstancesConfig(f.concurrencyPerEnvironment, f.runtime, f.logFormat);
        if (problem !== null) ctx.addIssue({ code: 'custom', path: ['concurrencyPerEnvironment'], message: problem });
      }),
    frontDoorSettings: z
      .strictObject({
        integrationTimeoutMs: z.number().int().min(50).optional(),
        albMultiValueHeaders: z.boolean().optional(),
        /** Function URL InvokeMode (https://docs.aws.amazon.com/lambda/latest/dg/config-rs-invoke-furls.html). */
        invokeMode: z.enum(['BUFFERED', 'RESPONSE_STREAM']).optional(),
        /** REST API Lambda proxy ResponseTransferMode (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html). */
        responseTransferMode: z.enum(['BUFFERED', 'STREAM']).optional(),
      })
      .default({}),
    request: requestSchema.optional(),
    event: z.unknown().optional(),
    aws: z.strictObject({ state: z.unknown().optional(), policy: z.unknown().optional(), faults: z.unknown().optional() }).optional(),
    config: z.strictObject({ file: z.string().regex(/^[a-z0-9-]+\.json$/, 'config.file is a .json file name in the scenario folder, e.g. resource-policy.json.'), kind: z.enum(['resource-policy', 'function-config', 'role-policy']) }).optional(),
    variations: z
      .strictObject({
        warm: z.boolean().default(true),
        methods: z.array(z.string().regex(/^[A-Z]+$/)).default([]),
        missingBody: z.boolean().default(false),
        invalidJson: z.boolean().default(false),
        largeBody: z.boolean().default(false),
        frontDoors: z.array(frontDoorSchema).default([]),
      })
      .prefault({}),
    cases: z.array(authoredCase).default([]),
    hints: z.array(z.string().min(10)).length(3, 'hints is a ladder of exactly three: a nudge, a pointer, then nearly the answer.'),
    explanation: z.string().min(80, 'explanation says what broke, why, and how the fix works, citing AWS for every number or string.'),
    /** AWS pages the explanation relies on. */
    sources: z.array(z.url()).min(1, 'list the AWS pages that back the explanation.'),
    /** Position on the onboarding path (lower first); ties sort by title. */
    order: z.number().int().min(0).max(1000).default(100),
    /** Onboarding level (src/onboarding/levels.ts): first-500, front-doors, aws-world or under-load. */
    level: z.enum(ONBOARDING_LEVEL_IDS, { error: `level is one of ${ONBOARDING_LEVEL_IDS.join(', ')} (the onboarding level the scenario belongs to).` }),
    /** How hard it is for a learner who has done the levels before it. */
    difficulty: z.enum(SCENARIO_DIFFICULTIES, { error: `difficulty is one of ${SCENARIO_DIFFICULTIES.join(', ')}.` }),
    /** Estimated minutes to reproduce and fix it, shown on the onboarding card. */
    minutes: z.number({ error: 'minutes is the estimated time to reproduce and fix it, a whole number such as 15.' }).int().min(1).max(120),
    guide: z.string().regex(/^\/guides\/[a-z0-9-]+\/$/).optional(),
    treeOutcome: z.string().regex(/^[a-z0-9-]+$/).optional(),
    checks: z.array(scenarioCheckSchema).min(1, 'a scenario needs at least one check.'),
  })
  .refine((s) => (s.request === undefined) !== (s.event === undefined), { message: 'give exactly one of request (an HTTP request) or event (a raw event).' })
  .refine((s) => s.event === undefined || s.frontDoor === 'invoke', { message: 'a raw event is sent by direct invoke: set frontDoor: invoke, or describe an HTTP request instead.' })
  .refine((s) => s.checks.some((c) => c.kind !== 'state'), { message: 'a scenario needs at least one check on what the caller receives.' })
  .superRefine((s, ctx) => {
    for (const [i, c] of s.checks.entries()) {
      if (c.kind !== 'concurrent-isolation') continue;
      const n = (c.requests ?? c.events ?? []).length;
      const at = ['checks', i];
      if (s.function.concurrencyPerEnvironment === undefined) {
        ctx.addIssue({ code: 'custom', path: at, message: 'a concurrent-isolation check needs function.concurrencyPerEnvironment (Lambda Managed Instances: several invocations in one environment).' });
      } else if (s.function.concurrencyPerEnvironment < n) {
        ctx.addIssue({ code: 'custom', path: at, message: `a concurrent-isolation check sends ${n} requests to one environment: set function.concurrencyPerEnvironment to at least ${n}.` });
      }
      if (c.events !== undefined && s.frontDoor !== 'invoke') ctx.addIssue({ code: 'custom', path: at, message: 'events are sent by direct invoke: use requests (HTTP requests) with this front door, or frontDoor: invoke.' });
      if (c.requests !== undefined && s.frontDoor === 'invoke') ctx.addIssue({ code: 'custom', path: at, message: 'requests are HTTP requests for a front door: use events with frontDoor: invoke.' });
    }
  });

/** A parsed `scenario.yaml`. */
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

/** The files of a scenario folder besides `scenario.yaml`, by name (`handler.mjs`, `lib/x.mjs`, …). */
export type ScenarioFolderFiles = Record<string, string>;

/** A scenario with everything the site and CLI show: the engine definition plus hints and links. */
export interface Scenario extends ScenarioDefinition {
  summary: string;
  hints: string[];
  explanation: string;
  sources: string[];
  /** Site path of the guide, default `/guides/<cause>/`. */
  guide: string;
  /** Tree outcome node id, default the node named after the cause. */
  treeOutcome: string;
  /** Position on the onboarding path. */
  order: number;
  /** Onboarding level. */
  level: OnboardingLevelId;
  /** How hard it is. */
  difficulty: ScenarioDifficulty;
  /** Estimated minutes to reproduce and fix it. */
  minutes: number;
}

/** Result of {@link parseScenario}. */
export type ParseScenarioResult = { ok: true; value: Scenario } | { ok: false; error: string };

/**
 * Build a scenario from its folder: `data` is the parsed YAML, `files` the other files. Needs
 * `handler.mjs` and `solution.mjs`; other `.mjs` files are read-only support modules; a `config.file`
 * needs the file and `solution.<file>`.
 */
export function parseScenario(id: string, data: unknown, files: ScenarioFolderFiles): ParseScenarioResult {
  const parsed = scenarioFileSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, error: `content/scenarios/${id}/scenario.yaml: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}` };
  }
  const s = parsed.data;
  // A python* runtime takes handler.py and solution.py (the runner writes them as the handler's module file).
  const ext = s.function.runtime.startsWith('python') ? 'py' : 'mjs';
  const handler = files[`handler.${ext}`];
  const solution = files[`solution.${ext}`];
  if (handler === undefined || solution === undefined) return { ok: false, error: `content/scenarios/${id}/ needs handler.${ext} (the broken code) and solution.${ext} (a fix).` };
  const support: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    if (name.endsWith(`.${ext}`) && name !== `handler.${ext}` && name !== `solution.${ext}`) support[name] = text;
  }
  let config: Scenario['config'];
  if (s.config) {
    const broken = files[s.config.file];
    const fixed = files[`solution.${s.config.file}`];
    if (broken === undefined || fixed === undefined) return { ok: false, error: `content/scenarios/${id}/ needs ${s.config.file} and solution.${s.config.file} (config.file).` };
    config = { name: s.config.file, kind: s.config.kind, broken, solution: fixed };
  }
  const scenario: Scenario = {
    id,
    title: s.title,
    cause: s.cause,
    summary: s.summary,
    brief: s.brief.trim(),
    frontDoor: s.frontDoor,
    function: {
      runtime: s.function.runtime,
      handler: s.function.handler,
      timeoutSeconds: s.function.timeoutSeconds,
      memoryMB: s.function.memoryMB,
      environment: s.function.environment,
      functionName: s.function.functionName,
      ...(s.function.logFormat ? { logFormat: s.function.logFormat } : {}),
      ...(s.function.concurrencyPerEnvironment !== undefined ? { concurrencyPerEnvironment: s.function.concurrencyPerEnvironment } : {}),
    },
    frontDoorSettings: {
      ...(s.frontDoorSettings.integrationTimeoutMs !== undefined ? { integrationTimeoutMs: s.frontDoorSettings.integrationTimeoutMs } : {}),
      ...(s.frontDoorSettings.albMultiValueHeaders !== undefined ? { albMultiValueHeaders: s.frontDoorSettings.albMultiValueHeaders } : {}),
      ...(s.frontDoorSettings.invokeMode !== undefined ? { invokeMode: s.frontDoorSettings.invokeMode } : {}),
      ...(s.frontDoorSettings.responseTransferMode !== undefined ? { responseTransferMode: s.frontDoorSettings.responseTransferMode } : {}),
    },
    variations: s.variations,
    cases: s.cases.map((c) => ({ ...c })) as Scenario['cases'],
    checks: s.checks as readonly ScenarioCheck[],
    handler,
    solution,
    support,
    hints: s.hints,
    explanation: s.explanation.trim(),
    sources: s.sources,
    guide: s.guide ?? `/guides/${s.cause}/`,
    treeOutcome: s.treeOutcome ?? s.cause,
    order: s.order,
    level: s.level,
    difficulty: s.difficulty,
    minutes: s.minutes,
  };
  if (s.request !== undefined) scenario.request = s.request;
  if (s.event !== undefined) scenario.event = s.event;
  if (s.aws !== undefined) scenario.aws = s.aws;
  if (config) scenario.config = config;
  return { ok: true, value: scenario };
}

/** Cause ids, re-exported for tests that check every cause has a scenario. */
export const SCENARIO_CAUSES = CAUSE_IDS;
