import { describe, expect, it } from 'vitest';
import { once } from '../helpers.ts';
import { createAwsWorld } from '../../../src/engine/index.ts';
import { buildLargeBundle } from '../../fixtures/large-bundle.ts';
import { utf8ByteLength } from '../../../src/engine/text/utf8.ts';

describe('a 1.2 MB bundled handler (esbuild output with real packages)', () => {
  it('loads and answers without tripping the runaway-CPU guard', async () => {
    const files = buildLargeBundle();
    const size = utf8ByteLength(files['index.js'] ?? '');
    expect(size).toBeGreaterThan(1_150_000);
    expect(size).toBeLessThan(2_000_000);
    // The bundle keeps @aws-sdk/* external (as NodejsFunction does): the simulated SDK answers it.
    const world = createAwsWorld({});
    const r = await once(files, { body: '{"id":"o-7","total":30}' }, { timeoutSeconds: 10 }, { resolveModule: world.resolveModule, services: world.services });
    expect(r.errorMessage ?? '').toBe('');
    expect(r.outcome).toBe('success');
    const body = JSON.parse((r.result as { body: string }).body) as { id: string; libs: boolean; regions: number };
    expect(body).toMatchObject({ id: 'o-7', libs: true });
    expect(body.regions).toBeGreaterThan(1000);
    // The Powertools logger's line reached the function's log.
    expect(r.logs.some((l) => l.includes('order accepted'))).toBe(true);
  }, 120_000);
});
