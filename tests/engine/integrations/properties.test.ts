import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRONT_DOOR_MAPPERS } from '../../../src/engine/integrations/front-doors.ts';
import type { FrontDoorContext } from '../../../src/engine/integrations/front-doors.ts';
import { createEvent } from '../../../src/engine/integrations/events.ts';
import { parseHttpRequestSpec } from '../../../src/engine/integrations/http-request.ts';
import type { InvocationRecord, Outcome } from '../../../src/engine/types.ts';
import { FRONT_DOORS } from '../../../src/engine/vocabulary.ts';
import { makeRecord } from './record-factory.ts';

const outcomes: Outcome[] = ['success', 'function-error', 'timeout', 'out-of-memory', 'init-error', 'throttled', 'invalid-request'];

/** Deeply nested JSON: arrays/objects 0..60 levels deep. */
const deep = fc.integer({ min: 0, max: 60 }).map((depth) => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : [{ body: v }, { statusCode: v }, { headers: v }][i % 3];
  return v;
});

/** Results shaped like proxy responses, with every field drawn from odd values. */
const odd = fc.oneof(fc.jsonValue(), fc.constant(null), fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), deep);
const proxyish = fc.record(
  {
    statusCode: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.string(), odd),
    headers: fc.oneof(fc.dictionary(fc.string(), odd), odd),
    multiValueHeaders: fc.oneof(fc.dictionary(fc.string(), fc.array(odd)), odd),
    body: odd,
    isBase64Encoded: odd,
    cookies: fc.oneof(fc.array(fc.string()), odd),
    statusDescription: odd,
  },
  { requiredKeys: [] },
);

const payloadText = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  proxyish.map((v) => JSON.stringify(v)),
  deep.map((v) => JSON.stringify(v)),
  fc.string(), // mostly invalid JSON
  fc.constant('null'),
  fc.constant(''),
  fc.constant('{"statusCode":'),
);

const record: fc.Arbitrary<InvocationRecord | null> = fc.oneof(
  fc.constant(null),
  fc.record({
    payload: fc.oneof(payloadText, fc.constant(null)),
    outcome: fc.constantFrom(...outcomes),
    functionError: fc.constantFrom('Unhandled' as const, null),
    errorType: fc.option(fc.string(), { nil: null }),
    errorMessage: fc.option(fc.string(), { nil: null }),
    durationMs: fc.double({ min: 0, max: 1_000_000, noNaN: true }),
  }).map((r) => makeRecord(r)),
);

const context: fc.Arbitrary<FrontDoorContext> = fc.record({
  invokePermission: fc.boolean(),
  throttled: fc.boolean(),
  albMultiValueHeaders: fc.boolean(),
  requestBodyBytes: fc.integer({ min: 0, max: 20_000_000 }),
  integrationTimeoutMs: fc.integer({ min: 50, max: 60_000 }),
});

describe('mappers never throw and always answer with a valid HTTP response', () => {
  for (const fd of FRONT_DOORS) {
    it(fd, () => {
      fc.assert(
        fc.property(record, context, (rec, c) => {
          const out = FRONT_DOOR_MAPPERS[fd](rec, c);
          expect(Number.isInteger(out.response.statusCode)).toBe(true);
          expect(out.response.statusCode).toBeGreaterThanOrEqual(100);
          expect(out.response.statusCode).toBeLessThanOrEqual(599);
          expect(typeof out.response.body).toBe('string');
          for (const v of Object.values(out.response.headers)) expect(typeof v).toBe('string');
          for (const f of out.findings) expect(f.message).not.toContain('undefined');
          // A 5xx from the front door always comes with at least one finding explaining it.
          if (out.response.statusCode >= 500) expect(out.findings.length).toBeGreaterThan(0);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('huge string results do not throw', () => {
    const big = JSON.stringify({ statusCode: 200, body: 'y'.repeat(7_000_000) });
    for (const fd of FRONT_DOORS) {
      expect(() => FRONT_DOOR_MAPPERS[fd](makeRecord({ payload: big }), { invokePermission: true, requestBodyBytes: 0 })).not.toThrow();
    }
  });

  it('a success with a valid REST response is never a 5xx at any front door that accepts it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.string(), (status, body) => {
        const rec = makeRecord({ payload: JSON.stringify({ statusCode: status, body, headers: { 'x-a': 'b' } }) });
        for (const fd of ['apigw-rest', 'http-api-v1', 'http-api-v2', 'function-url', 'alb'] as const) {
          expect(FRONT_DOOR_MAPPERS[fd](rec, { invokePermission: true, requestBodyBytes: 0 }).response.statusCode).toBe(status);
        }
      }),
    );
  });
});

describe('parseHttpRequestSpec never throws', () => {
  it('on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = parseHttpRequestSpec(input);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('on request-like records, and every accepted spec builds every event', () => {
    const spec = fc.record(
      {
        method: fc.oneof(fc.constantFrom('GET', 'post', 'PUT'), fc.anything()),
        path: fc.oneof(fc.constantFrom('/', '/a/b?x=1&y=%zz', '/%E2%82%AC'), fc.string(), fc.anything()),
        query: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))), fc.anything()),
        headers: fc.oneof(fc.dictionary(fc.stringMatching(/^[A-Za-z-]{1,10}$/), fc.oneof(fc.string(), fc.array(fc.string()))), fc.anything()),
        cookies: fc.oneof(fc.array(fc.string()), fc.dictionary(fc.string(), fc.string()), fc.anything()),
        body: fc.oneof(fc.string(), fc.constant(null), fc.anything()),
        isBase64Encoded: fc.oneof(fc.boolean(), fc.anything()),
        sourceIp: fc.oneof(fc.constant('10.0.0.1'), fc.anything()),
        stage: fc.oneof(fc.constant('dev'), fc.anything()),
      },
      { requiredKeys: [] },
    );
    const sim = { requestId: 'r', nowMs: 0, region: 'us-east-1', accountId: '123456789012', functionName: 'f' };
    fc.assert(
      fc.property(spec, (input) => {
        const r = parseHttpRequestSpec(input);
        if (r.ok) for (const fd of FRONT_DOORS) expect(() => JSON.stringify(createEvent(fd, r.value, sim))).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
