/**
 * nodejs24.x runs version 4 of the runtime interface client, whose invoke protocol differs from v3's
 * (nodejs20.x/22.x). Sources: https://github.com/aws/aws-lambda-nodejs-runtime-interface-client v4.1.0
 * (src/runtime/buffered-invoke-processor.ts, src/runtime/lifecycle-manager.ts, src/context/context-builder.ts,
 * src/function/callback-deprecation.ts, src/utils/serialize.ts) and
 * https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/.
 * Each case runs on both runtimes so it fails if the difference is lost either way.
 */
import { describe, expect, it } from 'vitest';
import { messages, once, run } from '../helpers.ts';
import { NODEJS24_CASES } from './nodejs24-cases.ts';

describe('nodejs24.x vs nodejs22.x in the sandbox', () => {
  for (const c of NODEJS24_CASES) {
    it(c.name, async () => {
      const r24 = await run(c.files, c.events ?? [{}], { runtime: 'nodejs24.x' });
      const r22 = await run(c.files, c.events ?? [{}], { runtime: 'nodejs22.x' });
      c.check24(r24);
      c.check22(r22);
    });
  }

  it('an async handler returning a value still answers at once on both', async () => {
    const files = { 'index.mjs': 'export const handler = async () => ({ ok: true });' };
    expect((await once(files, {}, { runtime: 'nodejs24.x' })).result).toEqual({ ok: true });
    expect(messages(await once(files, {}, { runtime: 'nodejs24.x' }))).toEqual([]);
  });
});
