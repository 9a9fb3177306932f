/**
 * The page's proxy for the analyzer worker: one worker, an id on every message, the newest request of
 * each kind wins (older answers resolve to null), and a watchdog that replaces a worker that hangs.
 */
import type { Diagnosis, Redaction, Signature } from '../engine/analyzer/index.ts';
import type { AnalyzerRequest, AnalyzerResponse } from './protocol.ts';

/** How long a request may take before the worker is treated as hung and replaced (ms). */
export const WATCHDOG_MS = 30_000;

/** The analyzer client of the page. */
export interface AnalyzerClient {
  /** Diagnose text; resolves null when a newer diagnose request replaced this one. */
  diagnose(text: string): Promise<Diagnosis | null>;
  /** Redact text; resolves null when a newer redact request replaced this one. */
  redact(text: string): Promise<Redaction | null>;
  dispose(): void;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> };

/** Create the client; the worker starts on the first request. */
export function createAnalyzerClient(signatures: Signature[]): AnalyzerClient {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const latest: Record<'diagnose' | 'redact', number> = { diagnose: 0, redact: 0 };

  const failAll = (message: string) => {
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(message));
    }
    pending.clear();
  };

  const start = (): Worker => {
    if (worker) return worker;
    const w = new Worker(new URL('./analyzer.worker.ts', import.meta.url), { type: 'module', name: 'lambda-triage-analyzer' });
    w.onmessage = (e: MessageEvent<AnalyzerResponse>) => {
      const msg = e.data;
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      if (!msg.ok) p.reject(new Error(msg.error));
      else p.resolve(msg.id === latest[msg.kind] ? msg.result : null);
    };
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      worker = null;
      failAll(`The analyzer stopped unexpectedly (${e.message || 'worker error'}). Try again.`);
    };
    w.postMessage({ id: 0, kind: 'init', signatures } satisfies AnalyzerRequest);
    worker = w;
    return w;
  };

  const request = <T>(kind: 'diagnose' | 'redact', text: string): Promise<T | null> => {
    const w = start();
    const id = nextId++;
    latest[kind] = id;
    return new Promise<T | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        w.terminate();
        if (worker === w) worker = null;
        failAll('The analyzer took too long and was stopped. Try a smaller paste.');
      }, WATCHDOG_MS);
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      w.postMessage({ id, kind, text } satisfies AnalyzerRequest);
    });
  };

  return {
    diagnose: (text) => request<Diagnosis>('diagnose', text),
    redact: (text) => request<Redaction>('redact', text),
    dispose() {
      failAll('disposed');
      worker?.terminate();
      worker = null;
    },
  };
}
