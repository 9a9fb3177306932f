/**
 * Plain functions over the decision tree: lookups, integrity checks and the path from the start.
 * Pages and tests use them; components only render their results.
 */
import type { TreeNode } from '../schemas/tree.ts';
import { withBase } from './paths.ts';

/** The id of the first question. */
export const TREE_START = 'start';

/** The URL of a node's page (under the site's base path); the start node is the tree's own page, /tree/. */
export function treeHref(id: string): string {
  return withBase(id === TREE_START ? '/tree/' : `/tree/${id}/`);
}

/** A node with its id. */
export interface TreeEntry {
  id: string;
  data: TreeNode;
}

/** The tree as a map from id to node. */
export type Tree = ReadonlyMap<string, TreeNode>;

/** Builds the id → node map. */
export function createTree(entries: readonly TreeEntry[]): Tree {
  return new Map(entries.map((e) => [e.id, e.data]));
}

/** Ids a node leads to (empty for outcomes). */
export function childrenOf(node: TreeNode): string[] {
  return node.type === 'question' ? node.answers.map((a) => a.next) : [];
}

/** One step of a path: the node, and the answer chosen there (absent on the last node). */
export interface PathStep {
  id: string;
  answer?: string;
}

/**
 * The shortest path from the start to `target`, as the static breadcrumb of a node page.
 * Returns null when the node cannot be reached.
 */
export function pathTo(tree: Tree, target: string, start = TREE_START): PathStep[] | null {
  const previous = new Map<string, { from: string; answer: string } | null>([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const id = queue.shift()!;
    if (id === target) break;
    const node = tree.get(id);
    if (node?.type !== 'question') continue;
    for (const answer of node.answers) {
      if (!previous.has(answer.next)) {
        previous.set(answer.next, { from: id, answer: answer.label });
        queue.push(answer.next);
      }
    }
  }
  if (!previous.has(target)) return null;
  const steps: PathStep[] = [{ id: target }];
  for (let link = previous.get(target); link; link = previous.get(link.from)) {
    steps.unshift({ id: link.from, answer: link.answer });
  }
  return steps;
}

/** A way into a node: the question that leads to it and the answer that does. */
export interface WayIn {
  /** The question's id. */
  from: string;
  answer: string;
}

/**
 * Every question that leads straight to `target`, with the answer that leads there, in the tree's file
 * order. A page opened directly (no answers given) shows these instead of an invented trail.
 */
export function waysInto(tree: Tree, target: string): WayIn[] {
  const ways: WayIn[] = [];
  for (const [id, node] of tree) {
    if (node.type !== 'question') continue;
    for (const answer of node.answers) if (answer.next === target) ways.push({ from: id, answer: answer.label });
  }
  return ways;
}

/** Problems the integrity check finds, as sentences that say what to fix. */
export function checkTree(tree: Tree, causeIds: readonly string[], start = TREE_START): string[] {
  const issues: string[] = [];
  if (!tree.has(start)) issues.push(`There is no start node: add content/tree/${start}.yaml.`);
  for (const [id, node] of tree) {
    for (const next of childrenOf(node)) {
      if (!tree.has(next)) issues.push(`${id}: an answer leads to "${next}", which does not exist (content/tree/${next}.yaml).`);
    }
    if (node.type === 'question') {
      const targets = childrenOf(node);
      const labels = node.answers.map((a) => a.label);
      if (new Set(labels).size !== labels.length) issues.push(`${id}: two answers have the same label.`);
      if (targets.length === 0) issues.push(`${id}: a question without answers.`);
    }
  }
  // Cycles: depth-first search with colours.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done' || !tree.has(id)) return;
    if (state.get(id) === 'open') {
      issues.push(`A cycle: ${[...trail.slice(trail.indexOf(id)), id].join(' → ')}.`);
      return;
    }
    state.set(id, 'open');
    for (const next of childrenOf(tree.get(id)!)) visit(next, [...trail, id]);
    state.set(id, 'done');
  };
  if (tree.has(start)) visit(start, []);
  for (const id of tree.keys()) {
    if (!state.has(id)) issues.push(`${id}: cannot be reached from "${start}"; link to it from a question.`);
  }
  const outcomes = new Set<string>([...tree.values()].flatMap((n) => (n.type === 'outcome' ? [n.cause] : [])));
  for (const cause of causeIds) {
    if (!outcomes.has(cause)) issues.push(`Cause "${cause}" has no outcome node: add one so the tree can reach it.`);
  }
  return issues;
}

/** A short label for a node: the question or the outcome's title. */
export function nodeLabel(node: TreeNode): string {
  return node.type === 'question' ? node.question : node.title;
}
