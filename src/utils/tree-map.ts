/**
 * Lays out the whole decision tree at build time with elkjs (layered algorithm) and returns boxes and
 * edge paths ready to draw as SVG. Runs in Node during the build; nothing of it ships to the browser.
 */
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { childrenOf, nodeLabel, type Tree } from './tree.ts';

/** A box of the map: one per node, since the map is drawn as a DAG (a node reached from several questions has several edges, not several boxes). */
export interface MapBox {
  /** The node the box stands for and links to. */
  id: string;
  kind: 'question' | 'outcome';
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
}

/** One arrow of the map, from a question to a node one of its answers leads to. */
export interface MapEdge {
  from: string;
  to: string;
  /** SVG path data. */
  path: string;
}

/** The laid-out map. */
export interface TreeMap {
  width: number;
  height: number;
  boxes: MapBox[];
  edges: MapEdge[];
}

const CHARS_PER_LINE = 26;
const LINE_HEIGHT = 15;
const CHAR_WIDTH = 6.6;
const PADDING = 8;

/** Breaks text into lines of at most `max` characters, at spaces. */
export function wrap(text: string, max = CHARS_PER_LINE, maxLines = 4): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/\s*\S*$/, '')} …`;
    return kept;
  }
  return lines;
}

let cached: { tree: Tree; map: Promise<TreeMap> } | undefined;

/** Lays out `tree` (memoised per tree object, since every tree page draws the same map). */
export function layoutTreeMap(tree: Tree): Promise<TreeMap> {
  if (cached?.tree === tree) return cached.map;
  const map = computeLayout(tree);
  cached = { tree, map };
  return map;
}

async function computeLayout(tree: Tree): Promise<TreeMap> {
  const elk = new ELK();
  const boxes: Omit<MapBox, 'x' | 'y'>[] = [];
  for (const [id, node] of tree) {
    const lines = wrap(nodeLabel(node));
    const longest = Math.max(...lines.map((l) => l.length));
    boxes.push({
      id,
      kind: node.type,
      lines,
      width: Math.ceil(longest * CHAR_WIDTH + PADDING * 2),
      height: lines.length * LINE_HEIGHT + PADDING * 2,
    });
  }
  const edges: { id: string; sources: string[]; targets: string[] }[] = [];
  for (const [id, node] of tree) {
    for (const to of new Set(childrenOf(node))) {
      if (tree.has(to)) edges.push({ id: `${id}->${to}`, sources: [id], targets: [to] });
    }
  }
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '48',
      'elk.layered.spacing.edgeNodeBetweenLayers': '12',
      'elk.spacing.nodeNode': '12',
      'elk.spacing.edgeEdge': '4',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.edgeRouting': 'ORTHOGONAL',
    },
    children: boxes.map((b) => ({ id: b.id, width: b.width, height: b.height })),
    edges,
  };
  const graph = await elk.layout(input);
  const placed = new Map((graph.children ?? []).map((c) => [c.id, c]));
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    boxes: boxes.map((b) => ({ ...b, x: placed.get(b.id)?.x ?? 0, y: placed.get(b.id)?.y ?? 0 })),
    edges: (graph.edges ?? []).flatMap((e) =>
      (e.sections ?? []).map((s) => {
        const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
        return {
          from: e.sources[0]!,
          to: e.targets[0]!,
          path: `M${points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' L')}`,
        };
      }),
    ),
  };
}
