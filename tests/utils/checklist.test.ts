import { describe, expect, it } from 'vitest';
import { checklistKey, createChecklistStore } from '../../src/utils/checklist.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('createChecklistStore', () => {
  it('remembers ticks per list and clears them', () => {
    const storage = memoryStorage();
    const a = createChecklistStore(storage, 'a');
    a.set('tests', true);
    a.set('logs', true);
    a.set('tests', false);
    expect([...a.load()]).toEqual(['logs']);
    expect([...createChecklistStore(storage, 'b').load()]).toEqual([]);
    a.clear();
    expect(storage.data.has(checklistKey('a'))).toBe(false);
  });

  it('treats broken or hostile stored values as no ticks', () => {
    for (const bad of ['{not json', '{"a":1}', '[1, null, {}]', 'null']) {
      const store = createChecklistStore(memoryStorage({ [checklistKey('x')]: bad }), 'x');
      expect([...store.load()]).toEqual([]);
    }
  });

  it('keeps working when storage throws', () => {
    const storage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const store = createChecklistStore(storage, 'x');
    expect(() => store.set('a', true)).not.toThrow();
    expect([...store.load()]).toEqual([]);
    expect(() => store.clear()).not.toThrow();
  });
});
