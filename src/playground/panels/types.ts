/**
 * The panel contract (after the TypeScript playground's plugins): a panel is created on a host
 * element, updated with the latest results, and unmounted. Panels only render.
 */
import type { FunctionConfig } from '../../engine/types.ts';
import type { CauseId } from '../../engine/vocabulary.ts';
import type { LoadView, RunView } from '../../worker/protocol.ts';

/** Site links per cause, computed at build time from the content collections. */
export type CauseLinks = Partial<Record<CauseId, { guide: string | null; tree: string | null; title: string }>>;

/** Everything a panel may show. */
export interface PanelData {
  /** The latest single run (null before the first run). */
  run: RunView | null;
  /** The latest compare view, when the user asked for one. */
  compare: RunView[] | null;
  load: LoadView | null;
  config: FunctionConfig | null;
  summary: string;
  invocationType: 'RequestResponse' | 'Event';
}

/** A mounted panel. */
export interface Panel {
  update: (data: PanelData) => void;
  unmount: () => void;
}
