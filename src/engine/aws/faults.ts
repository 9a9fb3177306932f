/**
 * Downstream faults: added latency, error rates, hangs, and the `vpcWithoutNat` switch. Shape:
 *
 * ```json
 * {
 *   "vpcWithoutNat": false,
 *   "rules": [
 *     { "service": "dynamodb", "operation": "GetItem", "latencyMs": { "uniform": [50, 400] } },
 *     { "service": "s3", "errorRate": 0.5, "error": "throttling" },
 *     { "service": "secretsmanager", "hang": true },
 *     { "host": "api.example.com", "route": "GET /price", "latencyMs": 5000 }
 *   ],
 *   "http": { "api.example.com": { "routes": { "GET /price": { "status": 200, "body": "{}" } } } }
 * }
 * ```
 * - `latencyMs`: a number, `{ "uniform": [min, max] }`, `{ "normal": { "mean", "stddev" } }` or
 *   `{ "lognormal": { "median", "sigma" } }` (ms, sampled from the world's seeded generator, floored at 0).
 * - `error`: `throttling`, `InternalServerError`, `ServiceUnavailable`, `ECONNRESET`, `ETIMEDOUT` or a custom
 *   `{ "name", "message", "status" }`; applied with probability `errorRate` (default 1 when `error` is set).
 * - `hang: true` (or `hangRate`): the call never answers.
 * The first rule whose service/operation (or host/route) matches a call applies to it.
 * `http` adds HTTP dependencies (same shape as the state's `http` section; faults win).
 */
import { AWS_SERVICES, ERROR_PRESETS, type AwsService, type ErrorPreset } from './errors.ts';
import { parseHttpHost, type HttpHostSpec } from './state.ts';

/** A latency distribution. */
export type LatencySpec =
  | number
  | { uniform: [number, number] }
  | { normal: { mean: number; stddev: number } }
  | { lognormal: { median: number; sigma: number } };

/** A custom injected error. */
export interface CustomError {
  name: string;
  message: string;
  status: number;
}

/** One fault rule. */
export interface FaultRule {
  service?: AwsService;
  operation?: string;
  host?: string;
  route?: string;
  latencyMs?: LatencySpec;
  errorRate?: number;
  error?: ErrorPreset | CustomError;
  hangRate?: number;
}

/** Parsed faults. */
export interface Faults {
  vpcWithoutNat: boolean;
  rules: FaultRule[];
  http: Map<string, HttpHostSpec>;
}

/** Result of {@link parseFaults}. */
export type ParseFaultsResult = { ok: true; value: Faults } | { ok: false; error: string };

function isObj(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function parseLatency(v: unknown, path: string): LatencySpec | string {
  const n = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  if (n(v)) return v;
  if (isObj(v)) {
    const u = v['uniform'];
    if (Array.isArray(u) && u.length === 2 && n(u[0]) && n(u[1]) && u[0] <= u[1]) return { uniform: [u[0], u[1]] };
    const no = v['normal'];
    if (isObj(no) && n(no['mean']) && n(no['stddev'])) return { normal: { mean: no['mean'], stddev: no['stddev'] } };
    const ln = v['lognormal'];
    if (isObj(ln) && n(ln['median']) && n(ln['sigma'])) return { lognormal: { median: ln['median'], sigma: ln['sigma'] } };
  }
  return `${path}: latency is a number of ms ≥ 0, { "uniform": [min, max] }, { "normal": { "mean", "stddev" } } or { "lognormal": { "median", "sigma" } }.`;
}

/** Parse faults (JSON text or a value); `undefined`/`null` give no faults. */
export function parseFaults(input: unknown): ParseFaultsResult {
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (e) {
      return { ok: false, error: `The faults file is not valid JSON: ${e instanceof Error ? e.message : String(e)}.` };
    }
  }
  const out: Faults = { vpcWithoutNat: false, rules: [], http: new Map() };
  if (doc === undefined || doc === null) return { ok: true, value: out };
  if (!isObj(doc)) return { ok: false, error: 'Faults must be an object with "rules", "http" and/or "vpcWithoutNat".' };
  for (const k of Object.keys(doc)) {
    if (!['rules', 'http', 'vpcWithoutNat'].includes(k)) return { ok: false, error: `Unknown faults element "${k}": use "rules", "http" or "vpcWithoutNat".` };
  }
  if (doc['vpcWithoutNat'] !== undefined) {
    if (typeof doc['vpcWithoutNat'] !== 'boolean') return { ok: false, error: 'faults.vpcWithoutNat must be true or false.' };
    out.vpcWithoutNat = doc['vpcWithoutNat'];
  }
  const rules = doc['rules'] ?? [];
  if (!Array.isArray(rules)) return { ok: false, error: 'faults.rules must be an array of rules.' };
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    const p = `faults.rules[${i}]`;
    if (!isObj(r)) return { ok: false, error: `${p} must be an object.` };
    const rule: FaultRule = {};
    for (const k of Object.keys(r)) {
      if (!['service', 'operation', 'host', 'route', 'latencyMs', 'errorRate', 'error', 'hang', 'hangRate'].includes(k)) {
        return { ok: false, error: `${p}: unknown element "${k}" (use service, operation, host, route, latencyMs, errorRate, error, hang, hangRate).` };
      }
    }
    if (r['service'] !== undefined) {
      if (!(AWS_SERVICES as readonly unknown[]).includes(r['service'])) return { ok: false, error: `${p}.service must be one of ${AWS_SERVICES.join(', ')}.` };
      rule.service = r['service'] as AwsService;
    }
    if (r['host'] !== undefined) {
      if (typeof r['host'] !== 'string' || r['host'] === '') return { ok: false, error: `${p}.host must be a host name such as "api.example.com".` };
      rule.host = r['host'].toLowerCase();
    }
    if ((rule.service === undefined) === (rule.host === undefined)) return { ok: false, error: `${p} needs exactly one of "service" (an AWS service) or "host" (an HTTP dependency).` };
    if (r['operation'] !== undefined) {
      if (typeof r['operation'] !== 'string' || rule.service === undefined) return { ok: false, error: `${p}.operation is an operation name (e.g. "GetItem") and needs "service".` };
      rule.operation = r['operation'];
    }
    if (r['route'] !== undefined) {
      if (typeof r['route'] !== 'string' || rule.host === undefined || !/^[A-Z]+ \/\S*$/.test(r['route'])) return { ok: false, error: `${p}.route looks like "GET /path" and needs "host".` };
      rule.route = r['route'];
    }
    if (r['latencyMs'] !== undefined) {
      const l = parseLatency(r['latencyMs'], `${p}.latencyMs`);
      if (typeof l === 'string') return { ok: false, error: l };
      rule.latencyMs = l;
    }
    if (r['error'] !== undefined) {
      const e = r['error'];
      if (typeof e === 'string') {
        if (!(ERROR_PRESETS as readonly string[]).includes(e)) return { ok: false, error: `${p}.error must be one of ${ERROR_PRESETS.join(', ')} or { "name", "message", "status" }.` };
        rule.error = e as ErrorPreset;
      } else if (isObj(e) && typeof e['name'] === 'string' && typeof e['message'] === 'string' && typeof e['status'] === 'number') {
        rule.error = { name: e['name'], message: e['message'], status: e['status'] };
      } else return { ok: false, error: `${p}.error must be one of ${ERROR_PRESETS.join(', ')} or { "name", "message", "status" }.` };
    }
    for (const k of ['errorRate', 'hangRate'] as const) {
      if (r[k] !== undefined) {
        const v = r[k];
        if (typeof v !== 'number' || v < 0 || v > 1) return { ok: false, error: `${p}.${k} must be a probability between 0 and 1.` };
        rule[k] = v;
      }
    }
    if (rule.errorRate !== undefined && rule.error === undefined) return { ok: false, error: `${p}: "errorRate" needs "error" (which error to return).` };
    if (rule.error !== undefined && rule.errorRate === undefined) rule.errorRate = 1;
    if (r['hang'] !== undefined) {
      if (typeof r['hang'] !== 'boolean') return { ok: false, error: `${p}.hang must be true or false.` };
      if (r['hang']) rule.hangRate = 1;
    }
    out.rules.push(rule);
  }
  if (doc['http'] !== undefined) {
    if (!isObj(doc['http'])) return { ok: false, error: 'faults.http must map host names to { "routes": { … } }.' };
    for (const [host, spec] of Object.entries(doc['http'])) {
      const h = parseHttpHost(spec, `faults.http.${host}`);
      if (typeof h === 'string') return { ok: false, error: h };
      out.http.set(host.toLowerCase(), h);
    }
  }
  return { ok: true, value: out };
}

/** Sample a latency (ms) with a uniform [0,1) source. */
export function sampleLatency(spec: LatencySpec, random: () => number): number {
  if (typeof spec === 'number') return spec;
  if ('uniform' in spec) return spec.uniform[0] + (spec.uniform[1] - spec.uniform[0]) * random();
  // Box-Muller standard normal
  const u1 = Math.max(random(), 1e-12);
  const u2 = random();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  if ('normal' in spec) return Math.max(0, spec.normal.mean + spec.normal.stddev * z);
  return Math.max(0, spec.lognormal.median * Math.exp(spec.lognormal.sigma * z));
}
