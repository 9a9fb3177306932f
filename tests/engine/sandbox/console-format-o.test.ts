import { describe, expect, it } from 'vitest';
import { messages, once } from '../helpers.ts';

/**
 * util.format's `%o` is util.inspect with showHidden and depth 4 (Node's lib/internal/util/inspect.js);
 * the runtime interface client logs console.log's util.format text (src/LogPatch.js). Expected lines are
 * what Node 22.23 printed for the same calls (`node -e` with the same arguments).
 */
describe('console.log("%o", …) as Node prints it', () => {
  it('arrays show [length], functions [length] and [name], nested objects to depth 4, strings quoted', async () => {
    const r = await once({
      'index.mjs': [
        'export const handler = async () => {',
        '  console.log("%o", [1, 2]);',
        '  console.log("%o", "s");',
        '  console.log("%o", { a: [1, { b: 2 }], f() {} });',
        '  console.log("%o", { x: { y: { z: { w: { v: { u: 1 } } } } } });',
        '  console.log("%o", 42, "extra");',
        '  console.log("a %o b", null);',
        '  return 1;',
        '};',
      ].join('\n'),
    });
    expect(messages(r)).toEqual([
      'INFO\t[ 1, 2, [length]: 2 ]',
      "INFO\t's'",
      "INFO\t{\n  a: [ 1, { b: 2 }, [length]: 2 ],\n  f: [Function: f] { [length]: 0, [name]: 'f' }\n}",
      'INFO\t{\n  x: {\n    y: { z: { w: { v: [Object] } } }\n  }\n}',
      'INFO\t42 extra',
      'INFO\ta null b',
    ]);
  });

  it('%O keeps the plain inspect (no hidden properties)', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => { console.log("%O", [1, 2]); return 1; };' });
    expect(messages(r)).toEqual(['INFO\t[ 1, 2 ]']);
  });
});
