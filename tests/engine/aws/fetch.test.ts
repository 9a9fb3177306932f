import { describe, expect, it } from 'vitest';
import { diagnoseCalls } from '../../../src/engine/index.ts';
import { runOnce } from './world-helpers.ts';

const http = { 'api.example.com': { routes: { 'GET /price': { status: 200, body: { price: 42 }, latencyMs: 50 }, 'POST /fail': { status: 500, body: 'oops' } } } };

describe('fetch to simulated HTTP dependencies', () => {
  it('resolves a Response after the route latency; headers, status, json()', async () => {
    const { record, world } = await runOnce(`export const handler = async () => { const t = Date.now(); const r = await fetch('https://api.example.com/price?x=1'); return [r.status, r.ok, r.headers.get('Content-Type'), await r.json(), Date.now() - t]; };`, { state: { http } });
    expect(record.result).toEqual([200, true, 'application/json', { price: 42 }, 50]);
    expect(world.calls()[0]).toMatchObject({ service: 'http', operation: 'GET /price', target: 'https://api.example.com/price?x=1', outcome: 'ok', durationMs: 50 });
  });
  it('an HTTP error status resolves (ok false), it does not reject', async () => {
    const { record } = await runOnce(`export const handler = async () => { const r = await fetch('https://api.example.com/fail', { method: 'POST', body: '{}' }); return [r.status, r.ok, await r.text()]; };`, { state: { http } });
    expect(record.result).toEqual([500, false, 'oops']);
  });
  it('unknown host: TypeError "fetch failed" with cause getaddrinfo ENOTFOUND, and a note in the call record', async () => {
    const { record, world } = await runOnce(`export const handler = async () => { try { await fetch('https://unknown.example.org/x'); } catch (e) { return [e.name, e.message, e.cause.message, e.cause.code, e.cause.errno, e.cause.syscall, e.cause.hostname]; } };`, { state: { http } });
    expect(record.result).toEqual(['TypeError', 'fetch failed', 'getaddrinfo ENOTFOUND unknown.example.org', 'ENOTFOUND', -3008, 'getaddrinfo', 'unknown.example.org']);
    expect(world.calls()[0]?.note).toMatch(/No network in the simulator: define the host "unknown.example.org"/);
  });
  it('AbortSignal.timeout(500) on a slow route rejects with DOMException TimeoutError after 500 ms', async () => {
    const { record, world } = await runOnce(`export const handler = async () => { const t = Date.now(); try { await fetch('https://api.example.com/price', { signal: AbortSignal.timeout(500) }); } catch (e) { return [e.name, e.message, e instanceof DOMException, Date.now() - t]; } };`, { state: { http }, faults: { rules: [{ host: 'api.example.com', latencyMs: 5000 }] } });
    expect(record.result).toEqual(['TimeoutError', 'The operation was aborted due to timeout', true, 500]);
    expect(world.calls()[0]?.abandoned?.reason).toBe('timeout-signal');
  });
  it('AbortController.abort() rejects with AbortError "This operation was aborted"', async () => {
    const { record } = await runOnce(`export const handler = async () => { const c = new AbortController(); setTimeout(() => c.abort(), 10); try { await fetch('https://api.example.com/price', { signal: c.signal }); } catch (e) { return [e.name, e.message, c.signal.aborted]; } };`, { state: { http }, faults: { rules: [{ host: 'api.example.com', hang: true }] } });
    expect(record.result).toEqual(['AbortError', 'This operation was aborted', true]);
  });
  it('a hanging dependency with no timeout: the function times out, pending names the fetch, downstream-failure', async () => {
    const { record, world } = await runOnce(`export const handler = async () => (await fetch('https://api.example.com/price')).status;`, { state: { http }, faults: { rules: [{ host: 'api.example.com', route: 'GET /price', hang: true }] } });
    expect(record.outcome).toBe('timeout');
    expect(record.pending).toContain('fetch GET https://api.example.com/price still waiting for a response');
    expect(diagnoseCalls(record, world.calls())).toEqual(['downstream-failure']);
  });
  it('an unref\'d AbortSignal.timeout alone does not keep the function alive', async () => {
    const { record } = await runOnce(`export const handler = async () => { AbortSignal.timeout(100000); return 'done'; };`, {});
    expect(record.outcome).toBe('success');
    expect(record.durationMs).toBeLessThan(100);
  });
});
