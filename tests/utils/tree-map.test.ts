import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createTree, waysInto } from '../../src/utils/tree.ts';
import { layoutTreeMap } from '../../src/utils/tree-map.ts';

const dir = new URL('../../content/tree/', import.meta.url);
const tree = createTree(readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => ({ id: f.replace(/\.yaml$/, ''), data: parse(readFileSync(new URL(f, dir), 'utf8')) })));

describe('the tree map', () => {
  it('draws each node once, with one arrow per question → node pair', async () => {
    const map = await layoutTreeMap(tree);
    expect(map.boxes.map((b) => b.id).sort()).toEqual([...tree.keys()].sort());
    const pairs = new Set<string>();
    for (const [id, node] of tree) if (node.type === 'question') for (const a of node.answers) pairs.add(`${id}->${a.next}`);
    expect(new Set(map.edges.map((e) => `${e.from}->${e.to}`))).toEqual(pairs);
  });

  it('boxes do not overlap', async () => {
    const { boxes } = await layoutTreeMap(tree);
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} and ${b.id}`).toBe(true);
      }
    }
  });
});

describe('waysInto', () => {
  it('lists every question and answer that leads to a node, and nothing for the start', () => {
    const target = 'malformed-response';
    const expected: { from: string; answer: string }[] = [];
    for (const [id, node] of tree) if (node.type === 'question') for (const a of node.answers) if (a.next === target) expected.push({ from: id, answer: a.label });
    expect(expected.length).toBeGreaterThan(1);
    expect(waysInto(tree, target)).toEqual(expected);
    expect(waysInto(tree, 'start')).toEqual([]);
  });
});
