/**
 * Reading the functions `lambda-triage check` tests: from an AWS SAM template (`template.yaml`) or, when
 * there is none, from `lambda-triage.config.json`. Parsing only: every failure is a message that names
 * the file and says what to fix.
 *
 * SAM: `AWS::Serverless::Function` resources with `Handler`, `Runtime`, `CodeUri`, `MemorySize`,
 * `Timeout`, `Environment.Variables`, `Events` of type `Api` / `HttpApi`, and `FunctionUrlConfig`;
 * `Globals.Function` supplies defaults
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html,
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html).
 * CloudFormation's short-form intrinsic functions (`!Ref`, `!Sub`, `!GetAtt`, `!If`, …) are YAML tags
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html),
 * read with the `yaml` package's custom tags into their long form (`{ "Fn::Sub": … }`), then resolved
 * where the value is known (parameter defaults, pseudo parameters); the rest stay as placeholders.
 */
import { parse as parseYaml, type Tags } from 'yaml';
import { z } from 'zod';
import type { FrontDoor, RuntimeId } from '../engine/vocabulary.ts';
import { isFrontDoor } from '../engine/vocabulary.ts';
import type { HttpRequestSpec } from '../engine/integrations/http-request.ts';

/** One HTTP route in front of a function (path may hold `{param}` segments). */
export interface CheckRoute {
  method: string;
  path: string;
}

/** A user-written request case. */
export interface CheckCase {
  name: string;
  request: HttpRequestSpec;
}

/** A function to check. */
export interface CheckFunction {
  /** Logical id (SAM) or `name` (config file). */
  name: string;
  /** Folder that plays `/var/task` (SAM `CodeUri`), absolute or relative to the template's folder. */
  codeUri: string;
  handler: string;
  runtime: string;
  memoryMB: number;
  timeoutSeconds: number;
  environment: Record<string, string>;
  /** Front doors with their routes (`invoke` has none). */
  doors: Array<{ door: FrontDoor; route: CheckRoute | null }>;
  cases: CheckCase[];
}

/** Result of reading a template or config. */
export type ReadResult = { ok: true; functions: CheckFunction[]; skipped: string[] } | { ok: false; error: string };

/** SAM's defaults for `MemorySize` and `Timeout` (sam-resource-function.html: 128 MB, 3 s). */
const SAM_DEFAULT_MEMORY_MB = 128;
const SAM_DEFAULT_TIMEOUT_S = 3;

/** Short-form intrinsic functions and the long-form key each stands for. */
const INTRINSICS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  If: 'Fn::If',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  ImportValue: 'Fn::ImportValue',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  GetAZs: 'Fn::GetAZs',
  Transform: 'Fn::Transform',
};

/** The `yaml` custom tags for the short forms (scalar, sequence and mapping variants). */
export function cloudFormationTags(): Tags {
  const tags: Tags = [];
  for (const [short, long] of Object.entries(INTRINSICS)) {
    tags.push({ tag: `!${short}`, resolve: (s: string) => ({ [long]: short === 'GetAtt' ? s.split('.') : s }) });
    tags.push({ tag: `!${short}`, collection: 'seq', resolve: (seq) => ({ [long]: (seq as { toJSON: () => unknown }).toJSON() }) } as Tags[number]);
    tags.push({ tag: `!${short}`, collection: 'map', resolve: (map) => ({ [long]: (map as { toJSON: () => unknown }).toJSON() }) } as Tags[number]);
  }
  return tags;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Values `!Ref` and `${…}` resolve to: parameter defaults and pseudo parameters (ILLUSTRATIVE account and region). */
function createResolver(parameters: Record<string, Json>): (v: Json) => Json {
  const pseudo: Record<string, string> = { 'AWS::Region': 'us-east-1', 'AWS::AccountId': '123456789012', 'AWS::StackName': 'sam-app', 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };
  const ref = (name: string): Json => {
    if (name in pseudo) return pseudo[name] as string;
    const p = parameters[name];
    if (isObj(p) && p['Default'] !== undefined) return p['Default'];
    return `\${${name}}`;
  };
  const resolve = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(resolve);
    if (!isObj(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const [k] = keys as [string];
      const arg = v[k] as Json;
      if (k === 'Ref' && typeof arg === 'string') return ref(arg);
      if (k === 'Fn::Sub') {
        const [text, vars] = Array.isArray(arg) ? [arg[0], isObj(arg[1]) ? arg[1] : {}] : [arg, {}];
        if (typeof text === 'string') return text.replace(/\$\{([^}!]+)\}/g, (_m, name: string) => {
          const local = (vars as Record<string, Json>)[name];
          const r = local !== undefined ? resolve(local) : name.includes('.') ? `\${${name}}` : ref(name);
          return typeof r === 'string' || typeof r === 'number' ? String(r) : `\${${name}}`;
        });
      }
      if (k === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) return arg[1].map((x) => String(resolve(x))).join(arg[0]);
      if (k === 'Fn::If' && Array.isArray(arg)) return resolve(arg[1] as Json);
      if (k === 'Fn::GetAtt') return `\${${Array.isArray(arg) ? arg.join('.') : String(arg)}}`;
    }
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) out[k] = resolve(x);
    return out;
  };
  return resolve;
}

/** Deep merge of Globals into a function's properties (maps merge, scalars and lists: the function wins). */
function mergeGlobals(globals: Record<string, Json>, props: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = { ...globals };
  for (const [k, v] of Object.entries(props)) {
    const g = out[k];
    out[k] = isObj(g) && isObj(v) ? mergeGlobals(g, v) : v;
  }
  return out;
}

/** A route path with `{param}` segments filled with sample values, and those values. */
export function fillPath(route: string): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const path = route.replace(/\{([^}+]+)\+?\}/g, (_m, name: string) => {
    params[name] = `test-${name}`;
    return `test-${name}`;
  });
  return { path, params };
}

/** Parse a SAM template's text. `file` is only used in messages. */
export function parseSamTemplate(text: string, file: string): ReadResult {
  let doc: unknown;
  try {
    // logLevel 'error': YAML warnings (an unknown directive, say) do not stop sam either, and Node would print them raw.
    doc = parseYaml(text, { customTags: cloudFormationTags(), maxAliasCount: 100, logLevel: 'error' });
  } catch (e) {
    return { ok: false, error: `${file} is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}. Fix the YAML (sam validate --lint points at the line).` };
  }
  if (!isObj(doc)) return { ok: false, error: `${file} is not a SAM template (expected a mapping with Resources).` };
  const resources = doc['Resources'];
  if (!isObj(resources)) return { ok: false, error: `${file} has no Resources section; add at least one AWS::Serverless::Function resource.` };
  const resolve = createResolver(isObj(doc['Parameters']) ? doc['Parameters'] : {});
  const globalsRaw = isObj(doc['Globals']) && isObj(doc['Globals']['Function']) ? doc['Globals']['Function'] : {};
  const globals = resolve(globalsRaw) as Record<string, Json>;
  const functions: CheckFunction[] = [];
  const skipped: string[] = [];
  for (const [id, res] of Object.entries(resources)) {
    if (!isObj(res) || res['Type'] !== 'AWS::Serverless::Function') continue;
    const props = mergeGlobals(globals, (resolve(isObj(res['Properties']) ? res['Properties'] : {}) as Record<string, Json>));
    const runtime = typeof props['Runtime'] === 'string' ? props['Runtime'] : '';
    if (props['PackageType'] === 'Image') {
      skipped.push(`${id}: container image functions are not simulated`);
      continue;
    }
    if (!/^nodejs(20|22|24)\.x$/.test(runtime) && !/^python3\.1[234]$/.test(runtime)) {
      skipped.push(`${id}: runtime ${runtime || '(none)'} is not simulated (nodejs20.x, nodejs22.x, nodejs24.x, python3.12, python3.13, python3.14 are)`);
      continue;
    }
    const handler = props['Handler'];
    if (typeof handler !== 'string' || handler === '') return { ok: false, error: `${file}: function ${id} has no Handler; set Handler: file.export (e.g. app.handler).` };
    const codeUri = typeof props['CodeUri'] === 'string' ? props['CodeUri'] : '.';
    const memory = Number(props['MemorySize'] ?? SAM_DEFAULT_MEMORY_MB);
    const timeout = Number(props['Timeout'] ?? SAM_DEFAULT_TIMEOUT_S);
    if (!Number.isFinite(memory) || !Number.isFinite(timeout)) return { ok: false, error: `${file}: function ${id} has a MemorySize or Timeout that is not a number.` };
    const envVars = isObj(props['Environment']) && isObj(props['Environment']['Variables']) ? props['Environment']['Variables'] : {};
    const environment: Record<string, string> = {};
    for (const [k, v] of Object.entries(envVars)) environment[k] = typeof v === 'string' ? v : JSON.stringify(v);
    const doors: CheckFunction['doors'] = [];
    const events = isObj(props['Events']) ? props['Events'] : {};
    for (const ev of Object.values(events)) {
      if (!isObj(ev)) continue;
      const p = isObj(ev['Properties']) ? ev['Properties'] : {};
      const route = { method: String(p['Method'] ?? 'GET').toUpperCase(), path: String(p['Path'] ?? '/') };
      if (ev['Type'] === 'Api') doors.push({ door: 'apigw-rest', route: { ...route, method: route.method === 'ANY' ? 'GET' : route.method } });
      else if (ev['Type'] === 'HttpApi') {
        // HttpApi events default to payload format 2.0 (sam-property-function-httpapi.html PayloadFormatVersion).
        const door: FrontDoor = String(p['PayloadFormatVersion'] ?? '2.0') === '1.0' ? 'http-api-v1' : 'http-api-v2';
        doors.push({ door, route: { method: route.method === 'ANY' ? 'GET' : route.method, path: p['Path'] === undefined ? '/' : route.path } });
      }
    }
    if (props['FunctionUrlConfig'] !== undefined) doors.push({ door: 'function-url', route: null });
    if (doors.length === 0) doors.push({ door: 'invoke', route: null });
    functions.push({ name: id, codeUri, handler, runtime, memoryMB: memory, timeoutSeconds: timeout, environment, doors, cases: [] });
  }
  if (functions.length === 0) {
    return {
      ok: false,
      error: `${file} has no AWS::Serverless::Function with a Node.js runtime${skipped.length ? ` (skipped: ${skipped.join('; ')})` : ''}; add one, or point lambda-triage check at the right template.`,
    };
  }
  return { ok: true, functions, skipped };
}

const requestSchema = z.object({
  method: z.string().default('GET'),
  path: z.string().startsWith('/'),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  headers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  body: z.string().nullable().optional(),
  isBase64Encoded: z.boolean().optional(),
});

/** Schema of `lambda-triage.config.json`. */
export const checkConfigSchema = z.object({
  functions: z
    .array(
      z.object({
        name: z.string().min(1),
        handler: z.string().regex(/^[^.]+\..+$/, 'handler must be file.export, e.g. index.handler'),
        codeUri: z.string().default('.'),
        runtime: z.enum(['nodejs20.x', 'nodejs22.x', 'nodejs24.x']).default('nodejs22.x'),
        memorySize: z.number().int().min(128).max(10240).default(SAM_DEFAULT_MEMORY_MB),
        timeout: z.number().int().min(1).max(900).default(SAM_DEFAULT_TIMEOUT_S),
        environment: z.record(z.string(), z.string()).default({}),
        frontDoors: z.array(z.string().refine(isFrontDoor, 'front door must be invoke, apigw-rest, http-api-v1, http-api-v2, function-url or alb')).default(['invoke']),
        route: z.object({ method: z.string().default('GET'), path: z.string().startsWith('/') }).optional(),
        cases: z.array(z.object({ name: z.string().min(1), request: requestSchema })).default([]),
      }),
    )
    .min(1, 'list at least one function'),
});

/** Parse `lambda-triage.config.json` text (schema: {@link checkConfigSchema}). */
export function parseCheckConfig(text: string, file: string): ReadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = checkConfigSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { ok: false, error: `${file}: ${issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'invalid'}` };
  }
  const functions: CheckFunction[] = r.data.functions.map((f) => ({
    name: f.name,
    codeUri: f.codeUri,
    handler: f.handler,
    runtime: f.runtime as RuntimeId,
    memoryMB: f.memorySize,
    timeoutSeconds: f.timeout,
    environment: f.environment,
    doors: f.frontDoors.map((d) => ({ door: d as FrontDoor, route: d === 'invoke' ? null : f.route ? { method: f.route.method.toUpperCase(), path: f.route.path } : null })),
    cases: f.cases.map((c) => ({ name: c.name, request: c.request as HttpRequestSpec })),
  }));
  return { ok: true, functions, skipped: [] };
}
