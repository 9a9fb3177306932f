import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { treeNodeSchema, type TreeNode } from '../../src/schemas/tree.ts';
import { checkTree, createTree, pathTo, TREE_START } from '../../src/utils/tree.ts';
import { CAUSE_IDS } from '../../src/engine/vocabulary.ts';

const dir = new URL('../../content/tree/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const entries = files.map((file) => ({ id: file.replace(/\.yaml$/, ''), raw: parse(readFileSync(new URL(file, dir), 'utf8')) }));

describe('content/tree', () => {
  it('has at least 25 nodes', () => {
    expect(entries.length).toBeGreaterThanOrEqual(25);
  });

  it.each(entries.map((e) => [e.id, e.raw]))('%s matches the schema', (_id, raw) => {
    const result = treeNodeSchema.safeParse(raw);
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });

  const tree = createTree(entries.map((e) => ({ id: e.id, data: treeNodeSchema.parse(e.raw) })));

  it('has no dangling links, no cycles, no unreachable nodes, and an outcome for every cause', () => {
    expect(checkTree(tree, CAUSE_IDS)).toEqual([]);
  });

  it('takes a responder with "502 from API Gateway, clean function logs" to a response-shape cause in a few clicks', () => {
    const path = pathTo(tree, 'malformed-response')!;
    expect(path[0]?.id).toBe(TREE_START);
    expect(path.length).toBeLessThanOrEqual(6);
    expect(path.map((s) => s.answer).filter(Boolean)).toContain('502 Bad Gateway');
  });
});

describe('checkTree', () => {
  const q = (next: string[]): TreeNode => ({
    type: 'question',
    question: 'Which one?',
    answers: next.map((n, i) => ({ label: `answer ${i}`, next: n })),
  });
  const o = (cause: (typeof CAUSE_IDS)[number]): TreeNode => ({ type: 'outcome', cause, title: 'T', why: 'x'.repeat(20), evidence: ['check it'] });

  it('reports a dangling link', () => {
    const t = createTree([{ id: 'start', data: q(['a', 'missing']) }, { id: 'a', data: o('timeout') }]);
    expect(checkTree(t, ['timeout'])).toEqual([expect.stringContaining('"missing", which does not exist')]);
  });

  it('reports a cycle', () => {
    const t = createTree([
      { id: 'start', data: q(['a', 'b']) },
      { id: 'a', data: q(['start', 'b']) },
      { id: 'b', data: o('timeout') },
    ]);
    expect(checkTree(t, ['timeout'])).toEqual([expect.stringContaining('A cycle: start → a → start')]);
  });

  it('reports an unreachable node and a cause without an outcome', () => {
    const t = createTree([
      { id: 'start', data: q(['a', 'a']) },
      { id: 'a', data: o('timeout') },
      { id: 'lost', data: o('throttling') },
    ]);
    expect(checkTree(t, ['timeout', 'throttling', 'out-of-memory'])).toEqual([
      'lost: cannot be reached from "start"; link to it from a question.',
      'Cause "out-of-memory" has no outcome node: add one so the tree can reach it.',
    ]);
  });
});
