import { describe, expect, it } from 'vitest';
import { EngineClient, type WorkerLike } from '../../src/worker/client.ts';
import { isWorkerRequest, isWorkerResponse, type WorkerRequest, type WorkerResponse } from '../../src/worker/protocol.ts';

/** A worker stand-in: records what the page sent and lets the test answer. */
class FakeWorker implements WorkerLike {
  sent: WorkerRequest[] = [];
  terminated = false;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  postMessage(message: WorkerRequest): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: WorkerResponse | Record<string, unknown>): void {
    this.onmessage?.({ data: message });
  }
}

/** Manual timers: the test decides when the watchdog fires. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const armedMs: number[] = [];
  return {
    setTimer: (fn: () => void, ms: number) => {
      armedMs.push(ms);
      pending.set(next, fn);
      return next++;
    },
    /** The silence each arming allowed, ms, in order. */
    armedMs,
    clearTimer: (h: unknown) => void pending.delete(h as number),
    fireAll: () => {
      const fns = [...pending.values()];
      pending.clear();
      for (const fn of fns) fn();
    },
    count: () => pending.size,
  };
}

function setup(watchdogMs = 8000) {
  const workers: FakeWorker[] = [];
  const timers = manualTimers();
  const client = new EngineClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    watchdogMs,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  return { client, workers, timers };
}

const reset = { type: 'reset-environment' as const, fn: { files: {}, config: {} } };
const result = (id: number): WorkerResponse => ({ id, type: 'result', payload: { kind: 'reset-environment' }, wallMs: 1 });

describe('EngineClient', () => {
  it('creates the worker lazily, numbers requests and resolves with the matching result', async () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    const p = client.send(reset);
    expect(workers).toHaveLength(1);
    const sent = workers[0]!.sent[0]!;
    expect(sent).toMatchObject({ type: 'reset-environment', id: 1 });
    workers[0]!.reply(result(1));
    await expect(p).resolves.toEqual({ ok: true, payload: { kind: 'reset-environment' }, wallMs: 1 });
  });

  it('the newest request wins: an older one resolves as superseded and its late answer is ignored', async () => {
    const { client, workers } = setup();
    const first = client.send(reset);
    const second = client.send(reset);
    await expect(first).resolves.toMatchObject({ ok: false, reason: 'superseded' });
    workers[0]!.reply(result(1)); // late answer to the first request
    workers[0]!.reply(result(2));
    await expect(second).resolves.toMatchObject({ ok: true });
  });

  it('passes progress to the caller and ignores malformed messages', async () => {
    const { client, workers } = setup();
    const seen: string[] = [];
    const p = client.send(reset, (m) => seen.push(m));
    workers[0]!.reply({ id: 1, type: 'progress', message: 'Running…' });
    workers[0]!.reply({ nonsense: true });
    workers[0]!.reply(result(1));
    await p;
    expect(seen).toEqual(['Running…']);
  });

  it('the watchdog terminates a silent worker, says why, and the next request gets a new worker', async () => {
    const { client, workers, timers } = setup(8000);
    const p = client.send(reset);
    timers.fireAll();
    await expect(p).resolves.toEqual({
      ok: false,
      reason: 'hung',
      message: 'The engine did not answer for 8 seconds, so it was stopped and restarted. Your code is kept; the warm environment is gone.',
    });
    expect(workers[0]!.terminated).toBe(true);
    expect(client.restarts).toBe(1);
    const next = client.send(reset);
    expect(workers).toHaveLength(2);
    workers[1]!.reply(result(2));
    await expect(next).resolves.toMatchObject({ ok: true });
  });

  it('any message re-arms the watchdog; an answer disarms it', async () => {
    const { client, workers, timers } = setup();
    const p = client.send(reset);
    expect(timers.count()).toBe(1);
    workers[0]!.reply({ id: 1, type: 'progress', message: 'still here' });
    expect(timers.count()).toBe(1);
    workers[0]!.reply(result(1));
    await p;
    expect(timers.count()).toBe(0);
  });

  it('a watchdog message changes the silence allowed from then on; null returns to the request\'s own', async () => {
    const { client, workers, timers } = setup();
    const p = client.send(reset, undefined, { watchdogMs: 25_000 });
    workers[0]!.reply({ id: 1, type: 'watchdog', ms: 8_000 });
    workers[0]!.reply({ id: 1, type: 'watchdog', ms: null });
    // Ignored: not a positive number of at most ten minutes, or for another request (still proof of life).
    for (const ms of [-1, 0, 11 * 60_000, 'soon']) workers[0]!.reply({ id: 1, type: 'watchdog', ms });
    workers[0]!.reply({ id: 99, type: 'watchdog', ms: 1_000 });
    workers[0]!.reply({ id: 1, type: 'watchdog', ms: 8_000 });
    expect(timers.armedMs).toEqual([25_000, 8_000, 25_000, 25_000, 25_000, 25_000, 25_000, 25_000, 8_000]);
    timers.fireAll();
    await expect(p).resolves.toMatchObject({ ok: false, reason: 'hung', message: expect.stringContaining('did not answer for 8 seconds') });
  });

  it('a crashed worker is replaced and the request ends with a plain-words reason', async () => {
    const { client, workers } = setup();
    const p = client.send(reset);
    workers[0]!.onerror?.({ message: 'RuntimeError: unreachable' });
    await expect(p).resolves.toMatchObject({ ok: false, reason: 'crashed', message: expect.stringContaining('RuntimeError: unreachable') });
    expect(workers[0]!.terminated).toBe(true);
  });

  it('an engine error becomes a failed outcome with its message', async () => {
    const { client, workers } = setup();
    const p = client.send(reset);
    workers[0]!.reply({ id: 1, type: 'error', code: 'bad-input', message: 'Memory must be…' });
    await expect(p).resolves.toEqual({ ok: false, reason: 'error', message: 'Memory must be…' });
  });

  it('dispose terminates the worker and resolves what is pending', async () => {
    const { client, workers } = setup();
    const p = client.send(reset);
    client.dispose();
    await expect(p).resolves.toMatchObject({ ok: false, reason: 'disposed' });
    expect(workers[0]!.terminated).toBe(true);
    await expect(client.send(reset)).resolves.toMatchObject({ reason: 'disposed' });
  });
});

describe('protocol guards', () => {
  it('accept only messages with a numeric id and a known type', () => {
    expect(isWorkerRequest({ id: 1, type: 'run' })).toBe(true);
    expect(isWorkerRequest({ id: '1', type: 'run' })).toBe(false);
    expect(isWorkerRequest({ id: 1, type: 'result' })).toBe(false);
    expect(isWorkerResponse({ id: 1, type: 'progress', message: '' })).toBe(true);
    expect(isWorkerResponse({ id: Number.NaN, type: 'result' })).toBe(false);
    expect(isWorkerResponse(null)).toBe(false);
  });
});
