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

  const answersOf = (id: string) => {
    const node = entries.find((e) => e.id === id)?.raw as { answers?: Array<{ label: string; next: string }> } | undefined;
    return node?.answers ?? [];
  };

  it('covers every status an ALB answers for a Lambda target: 502, 413, 503 and 504', () => {
    const alb = answersOf('alb-status').map((a) => [a.label.slice(0, 3), a.next]);
    expect(alb).toEqual(expect.arrayContaining([['502', 'alb-502'], ['413', 'payload-too-large'], ['503', 'alb-503'], ['504', 'alb-504']]));
    expect(treeNodeSchema.parse(entries.find((e) => e.id === 'alb-503')?.raw)).toMatchObject({ type: 'outcome', cause: 'integration-config' });
    expect(treeNodeSchema.parse(entries.find((e) => e.id === 'alb-504')?.raw)).toMatchObject({ type: 'outcome', cause: 'integration-timeout' });
    expect(pathTo(tree, 'alb-504')?.map((s) => s.answer)).toContain('504 Gateway Timeout');
  });

  it('lets a function URL 413 reach the payload-size outcome and a 403 the permission outcome', () => {
    const url = Object.fromEntries(answersOf('url-status').map((a) => [a.label.slice(0, 3), a.next]));
    expect(url['413']).toBe('payload-too-large');
    expect(url['403']).toBe('invoke-permission');
    const evidence = (entries.find((e) => e.id === 'invoke-permission')?.raw as { evidence: string[] }).evidence.join(' ');
    expect(evidence).toMatch(/lambda:InvokeFunctionUrl and lambda:InvokeFunction/);
  });

  it('takes an ENOSPC error to the /tmp outcome, whose cause is the resource-exhaustion one', () => {
    expect(answersOf('function-error-kind').find((a) => a.label.includes('ENOSPC'))?.next).toBe('out-of-memory-pattern');
    expect(answersOf('out-of-memory-pattern').find((a) => a.label.includes('ENOSPC'))?.next).toBe('tmp-full');
    expect(treeNodeSchema.parse(entries.find((e) => e.id === 'tmp-full')?.raw)).toMatchObject({ type: 'outcome', cause: 'out-of-memory' });
  });

  it('sends a REST 504 to the downstream cause only when the function passed a 504 through (an escaped error is a 502)', () => {
    const downstream = answersOf('rest-504').find((a) => a.next === 'downstream-failure');
    expect(downstream?.label).toMatch(/returned a 504 of its own/);
    expect(downstream?.label).toMatch(/502/);
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
