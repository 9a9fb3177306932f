/**
 * /tmp is ephemeral storage, not memory: files a function keeps in /tmp do not count toward its memory
 * size or `Max Memory Used`. AWS sizes the two separately (EphemeralStorage next to MemorySize) and
 * presents more /tmp as a way to "handle larger objects without using in-memory processing"
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html); /tmp "was set at
 * 512 MB for every function, regardless of runtime or memory configuration" before it became configurable
 * (https://aws.amazon.com/blogs/compute/using-larger-ephemeral-storage-for-aws-lambda/).
 */
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.ts';

const writer = (mb: number) => ({
  'index.js': [
    "const fs = require('fs');",
    'let n = 0;',
    'exports.handler = async () => {',
    '  const chunk = Buffer.alloc(4 * 1024 * 1024, 1);',
    `  for (let i = 0; i < ${mb / 4}; i++) fs.writeFileSync('/tmp/part-' + n++, chunk);`,
    "  return fs.readdirSync('/tmp').length;",
    '};',
  ].join('\n'),
});

describe('/tmp bytes are not memory', () => {
  it('400 MB kept in /tmp by a 128 MB function: no out-of-memory, and the same Max Memory Used as writing nothing', async () => {
    const full = (await run(writer(400), [{}], { memoryMB: 128 }))[0]!;
    const none = (await run(writer(0), [{}], { memoryMB: 128 }))[0]!;
    expect([full.outcome, full.result]).toEqual(['success', 100]);
    expect(full.maxMemoryUsedMB).toBeLessThan(128);
    expect(Math.abs(full.maxMemoryUsedMB - none.maxMemoryUsedMB)).toBeLessThanOrEqual(2);
  }, 60_000);

  it('Max Memory Used does not grow as /tmp fills across warm invocations', async () => {
    const records = await run(writer(120), [{}, {}, {}], { memoryMB: 256, ephemeralStorageMB: 1024 });
    expect(records.map((r) => r.result)).toEqual([30, 60, 90]);
    const [first, , last] = records.map((r) => r.maxMemoryUsedMB);
    expect(last! - first!).toBeLessThanOrEqual(2);
  }, 60_000);
});
