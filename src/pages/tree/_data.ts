// Data every tree page needs, loaded once per build.
import { getCollection } from 'astro:content';
import { createTree, type Tree } from '../../utils/tree.ts';
import { layoutTreeMap, type TreeMap } from '../../utils/tree-map.ts';

export interface TreeData {
  tree: Tree;
  map: TreeMap;
  causeTitles: Map<string, string>;
  /** Slugs (`guides/<x>`) of guides that exist. */
  guides: Set<string>;
  /** Scenario ids that exist, with their titles. */
  scenarios: Map<string, string>;
}

let loaded: Promise<TreeData> | undefined;

/** The tree, its map, cause titles and existing guides. */
export function loadTreeData(): Promise<TreeData> {
  loaded ??= (async () => {
    const tree = createTree(await getCollection('tree'));
    const causes = await getCollection('causes');
    const docs = await getCollection('docs');
    const scenarios = await getCollection('scenarios');
    return {
      tree,
      map: await layoutTreeMap(tree),
      causeTitles: new Map(causes.map((c) => [c.id, c.data.title])),
      guides: new Set(docs.map((d) => d.id)),
      scenarios: new Map(scenarios.map((s) => [s.id, s.data.title])),
    };
  })();
  return loaded;
}
