import { describe, expect, it } from 'vitest';
import { once } from '../helpers.ts';

// V8's destructuring TypeErrors are checked against Node 22 captures in v8-traces.test.ts; these tests
// make sure the check (user-source.ts checkDestructuring) changes nothing else.
describe('destructuring checks keep the language as it is', () => {
  it('a value that is there is read once, sequences and defaults behave as written', async () => {
    const src = [
      'let reads = 0;',
      'const o = { get v() { reads++; return { a: 1, b: { c: 2 } }; } };',
      'export const handler = async () => {',
      '  const { a, b: { c }, d = 4 } = o.v;',
      '  let e; ({ e = 5 } = (0, {}));',
      '  const { f } = (1, { f: 6 });',
      '  return [reads, a, c, d, e, f];',
      '};',
    ].join('\n');
    const r = await once({ 'index.mjs': src });
    expect(r.result).toEqual([1, 1, 2, 4, 5, 6]);
  });
  it('the TypeError is catchable with V8 text inside the handler', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async (event) => { try { const { id } = event.pathParameters; return id; } catch (e) { return [e.name, e.message, e instanceof TypeError]; } };' }, { pathParameters: null });
    expect(r.result).toEqual(['TypeError', "Cannot destructure property 'id' of 'event.pathParameters' as it is null.", true]);
  });
});
