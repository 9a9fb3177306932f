/**
 * When each result panel is drawn. A new result draws the open tab at once and the hidden tabs one per task
 * afterwards (or at once when a hidden tab is opened first), so the first result is not one long task: drawing
 * all five in one go was a 260 ms task under Lighthouse's 4x CPU throttling. `busy` is true from a new result
 * until every panel shows it (the results region is aria-busy meanwhile).
 */
import type { Panel, PanelData } from './types.ts';

export interface PanelSchedule<K extends string> {
  /** A new result: draw `shown` now and the others in later tasks. */
  render: (shown: K) => void;
  /** Draw `tab` now if it has not got the latest result yet (its tab is being opened). */
  flush: (tab: K) => void;
  /** True while some panel has not been drawn with the latest result yet. */
  drawing: () => boolean;
  /** Drop any drawing still queued. */
  dispose: () => void;
}

export interface PanelScheduleOptions {
  /** Called with true when a new result starts drawing, false once every panel shows it. */
  onBusy: (busy: boolean) => void;
  /** Runs `task` in a later task (setTimeout 0 in the page); returns a cancel function. */
  later?: (task: () => void) => () => void;
}

const nextTask = (task: () => void): (() => void) => {
  const id = setTimeout(task, 0);
  return () => clearTimeout(id);
};

export function createPanelSchedule<K extends string>(panels: Record<K, Panel>, data: PanelData, options: PanelScheduleOptions): PanelSchedule<K> {
  const later = options.later ?? nextTask;
  const stale = new Set<K>();
  let cancel: (() => void) | null = null;

  function draw(tab: K): void {
    if (!stale.delete(tab)) return;
    panels[tab].update(data);
    if (stale.size === 0) options.onBusy(false);
  }
  function drawNext(): void {
    cancel = null;
    const [next] = stale;
    if (next === undefined) return;
    draw(next);
    if (stale.size > 0) cancel = later(drawNext);
  }
  return {
    render(shown) {
      for (const tab of Object.keys(panels) as K[]) stale.add(tab);
      options.onBusy(true);
      draw(shown);
      if (cancel === null && stale.size > 0) cancel = later(drawNext);
    },
    flush: draw,
    drawing: () => stale.size > 0,
    dispose() {
      cancel?.();
      cancel = null;
    },
  };
}
