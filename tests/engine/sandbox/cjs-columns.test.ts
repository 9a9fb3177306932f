import { describe, expect, it } from 'vitest';
import { once } from '../helpers.ts';

describe('CommonJS stack frames', () => {
  it('report line-1 columns as Node does, without the module wrapper', async () => {
    // Node 22 reports `at exports.handler (/var/task/index.js:1:39)` for this file: the failing
    // property read `.length` starts at column 39 of the source line.
    const source = 'exports.handler = async (e) => e.body.length;\n';
    const r = await once({ 'index.js': source });
    const frame = (r.result as { trace: string[] }).trace[1] ?? '';
    expect(frame).toMatch(/\/var\/task\/index\.js:1:(\d+)\)?$/);
    const col = Number(/:1:(\d+)\)?$/.exec(frame)![1]);
    expect(col).toBe(source.indexOf('.length') + 2);
  });
});
