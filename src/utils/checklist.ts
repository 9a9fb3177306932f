/**
 * Storage of a checklist's ticks in the browser. Plain functions over a Storage, so they can be tested
 * without a DOM.
 */

/** localStorage key of one checklist. */
export function checklistKey(listId: string): string {
  return `lambda-triage:checklist:${listId}`;
}

/** Reads and writes one checklist's ticked item ids. Broken or unavailable storage counts as empty. */
export function createChecklistStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, listId: string) {
  const key = checklistKey(listId);
  const load = (): Set<string> => {
    try {
      const value: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
    } catch {
      return new Set();
    }
  };
  const write = (ticked: Set<string>) => {
    try {
      storage.setItem(key, JSON.stringify([...ticked].sort()));
    } catch {
      // Full or disabled storage: the ticks still work for this visit.
    }
  };
  return {
    load,
    /** Ticks or unticks one item. */
    set(itemId: string, checked: boolean) {
      const ticked = load();
      if (checked) ticked.add(itemId);
      else ticked.delete(itemId);
      write(ticked);
    },
    clear() {
      try {
        storage.removeItem(key);
      } catch {
        // nothing to clear
      }
    },
  };
}
