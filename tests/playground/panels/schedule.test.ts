import { describe, expect, it } from 'vitest';
import { createPanelSchedule } from '../../../src/playground/panels/schedule.ts';
import type { Panel, PanelData } from '../../../src/playground/panels/types.ts';

type Tab = 'response' | 'logs' | 'metrics';

function setup() {
  const drawn: Tab[] = [];
  const busy: boolean[] = [];
  const queue: Array<() => void> = [];
  const panel = (tab: Tab): Panel => ({ update: () => drawn.push(tab), unmount: () => {} });
  const data: PanelData = { run: null, compare: null, load: null, config: null, summary: '', invocationType: 'RequestResponse' };
  const schedule = createPanelSchedule<Tab>({ response: panel('response'), logs: panel('logs'), metrics: panel('metrics') }, data, {
    onBusy: (b) => busy.push(b),
    later: (task) => {
      queue.push(task);
      return () => queue.splice(queue.indexOf(task), 1);
    },
  });
  /** Runs the next queued task, as the event loop would. */
  const tick = () => queue.shift()?.();
  return { schedule, drawn, busy, queue, tick };
}

describe('result panel schedule', () => {
  it('draws the open tab at once and one hidden tab per later task, busy until the last', () => {
    const { schedule, drawn, busy, queue, tick } = setup();
    schedule.render('logs');
    expect(drawn).toEqual(['logs']);
    expect(busy).toEqual([true]);
    expect(schedule.drawing()).toBe(true);
    tick();
    expect(drawn).toEqual(['logs', 'response']);
    tick();
    expect(drawn).toEqual(['logs', 'response', 'metrics']);
    expect(busy).toEqual([true, false]);
    expect(schedule.drawing()).toBe(false);
    expect(queue).toEqual([]);
  });

  it('opening a hidden tab draws it at once, and it is not drawn twice', () => {
    const { schedule, drawn, tick } = setup();
    schedule.render('response');
    schedule.flush('metrics');
    expect(drawn).toEqual(['response', 'metrics']);
    tick();
    tick();
    expect(drawn).toEqual(['response', 'metrics', 'logs']);
    schedule.flush('logs');
    expect(drawn).toHaveLength(3);
  });

  it('a second result while the first is still drawing redraws every panel once, with one queued task', () => {
    const { schedule, drawn, queue, tick } = setup();
    schedule.render('response');
    schedule.render('response');
    expect(queue).toHaveLength(1);
    while (queue.length > 0) tick();
    expect(drawn.filter((t) => t === 'response')).toHaveLength(2);
    expect(drawn.filter((t) => t === 'logs')).toHaveLength(1);
  });

  it('dispose drops what is queued', () => {
    const { schedule, drawn, queue } = setup();
    schedule.render('response');
    schedule.dispose();
    expect(queue).toEqual([]);
    expect(drawn).toEqual(['response']);
  });
});
