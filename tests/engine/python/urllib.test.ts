/**
 * urllib.request (and http.client under it) in the simulated Python runtime reaches the simulated HTTP dependencies
 * through the host service `http`, as Node's fetch does: the world's routes, fault rules, latency on the virtual
 * clock and call records. Exceptions as CPython 3.12/3.13 raise them against a real slow or failing server.
 */
import { describe, expect, it } from 'vitest';
import { createAwsWorld, type AwsWorldOptions } from '../../../src/engine/aws/world.ts';
import type { FunctionConfig, InvocationRecord } from '../../../src/engine/types.ts';
import { handler, oncePy } from './helpers.ts';

const STATE = {
  http: {
    'api.example.com': {
      routes: {
        'GET /price': { status: 200, body: { price: 12.5, currency: 'EUR' }, headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': 'r-1' }, latencyMs: 40 },
        'POST /orders': { status: 201, body: '{"id":"o-1"}', headers: { 'content-type': 'application/json' } },
        'GET /old': { status: 301, body: '', headers: { Location: 'https://api.example.com/price' } },
      },
    },
  },
};

async function runWith(source: string, world: AwsWorldOptions, config: Partial<FunctionConfig> = {}): Promise<{ r: InvocationRecord; world: ReturnType<typeof createAwsWorld> }> {
  const w = createAwsWorld({ state: STATE, ...world });
  const r = await oncePy(handler(source), {}, config, { services: w.services });
  return { r, world: w };
}

const payload = (r: InvocationRecord): unknown => JSON.parse(r.payload ?? 'null');

describe('urllib.request.urlopen through the simulated HTTP dependencies', () => {
  it('a GET returns the route\'s JSON as an http.client.HTTPResponse, after the route\'s latency on the virtual clock', async () => {
    const { r, world } = await runWith(
      `import json, time, urllib.request

def lambda_handler(event, context):
    t0 = time.monotonic()
    with urllib.request.urlopen("https://api.example.com/price?x=1", timeout=5) as resp:
        first = resp.read(3)
        rest = resp.read()
        return {
            "type": type(resp).__module__ + "." + type(resp).__name__,
            "status": resp.status, "code": resp.getcode(), "reason": resp.reason, "url": resp.url,
            "ctype": resp.headers.get("Content-Type"), "charset": resp.headers.get_content_charset(),
            "rid": resp.getheader("x-request-id"), "info": resp.info() is resp.headers,
            "body": json.loads(first + rest), "first": first.decode(), "after": resp.read().decode(),
            "took_ms": round((time.monotonic() - t0) * 1000),
        }
`,
      {},
    );
    expect(r.outcome).toBe('success');
    expect(payload(r)).toEqual({
      type: 'http.client.HTTPResponse',
      status: 200,
      code: 200,
      reason: 'OK',
      url: 'https://api.example.com/price?x=1',
      ctype: 'application/json; charset=utf-8',
      charset: 'utf-8',
      rid: 'r-1',
      info: true,
      body: { price: 12.5, currency: 'EUR' },
      first: '{"p',
      after: '',
      // The route's 40 ms plus the virtual CPU time of the Python code around it.
      took_ms: expect.any(Number) as number,
    });
    const took = (payload(r) as { took_ms: number }).took_ms;
    expect(took).toBeGreaterThanOrEqual(40);
    expect(took).toBeLessThan(60);
    expect(world.calls().map((c) => `${c.service} ${c.operation} ${c.outcome} ${c.target} ${c.durationMs}`)).toEqual(['http GET /price ok https://api.example.com/price?x=1 40']);
  });

  it('a Request with data is a POST; build_opener().open, readline and iteration work; redirects are followed', async () => {
    const { r, world } = await runWith(
      `import json, urllib.request

def lambda_handler(event, context):
    req = urllib.request.Request("http://api.example.com/orders", data=json.dumps({"qty": 2}).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.build_opener().open(req) as resp:
        lines = [resp.readline().decode()] + [l.decode() for l in resp]
    moved = urllib.request.urlopen("https://api.example.com/old")
    return {"status": resp.status, "lines": lines, "moved": [moved.status, moved.url, json.loads(moved.read())["price"]]}
`,
      {},
    );
    expect(r.outcome).toBe('success');
    expect(payload(r)).toEqual({ status: 201, lines: ['{"id":"o-1"}'], moved: [200, 'https://api.example.com/price', 12.5] });
    expect(world.calls().map((c) => `${c.operation} ${c.target}`)).toEqual(['POST /orders http://api.example.com/orders', 'GET /old https://api.example.com/old', 'GET /price https://api.example.com/price']);
  });

  it('a 503 fault raises urllib.error.HTTPError with code 503 and a readable body', async () => {
    const { r } = await runWith(
      `import urllib.request, urllib.error

def lambda_handler(event, context):
    try:
        urllib.request.urlopen("https://api.example.com/price", timeout=3)
    except urllib.error.HTTPError as e:
        return {"code": e.code, "status": e.status, "reason": e.reason, "str": str(e), "repr": repr(e), "url": e.url,
                "body": e.read().decode(), "ctype": e.headers.get("content-type"), "is_url_error": isinstance(e, urllib.error.URLError)}
`,
      { faults: { rules: [{ host: 'api.example.com', route: 'GET /price', error: { name: 'Unavailable', message: '{"error":"down"}', status: 503 } }] } },
    );
    expect(payload(r)).toEqual({
      code: 503,
      status: 503,
      reason: 'Service Unavailable',
      str: 'HTTP Error 503: Service Unavailable',
      repr: "<HTTPError 503: 'Service Unavailable'>",
      url: 'https://api.example.com/price',
      body: '{"error":"down"}',
      ctype: null,
      is_url_error: true,
    });
  });

  it('an unhandled HTTPError (ServiceUnavailable preset) is the function error, with urllib\'s frames and none of the simulator\'s', async () => {
    const { r } = await runWith(
      `import urllib.request

def lambda_handler(event, context):
    return urllib.request.urlopen("https://api.example.com/price").read()
`,
      { faults: { rules: [{ host: 'api.example.com', error: 'ServiceUnavailable' }] } },
    );
    expect(r.outcome).toBe('function-error');
    expect(r.errorType).toBe('HTTPError');
    expect(r.errorMessage).toBe('HTTP Error 503: Service Unavailable');
    const log = r.logs.join('\n');
    expect(log).toContain('urllib/request.py');
    expect(log).not.toContain('_lt_http');
  });

  it('latency longer than timeout= raises TimeoutError("timed out") after the timeout on the virtual clock; wall time stays short', async () => {
    const started = Date.now();
    const { r, world } = await runWith(
      `import time, urllib.request

def lambda_handler(event, context):
    t0 = time.monotonic()
    try:
        urllib.request.urlopen("https://api.example.com/price", timeout=2)
    except Exception as e:
        return {"type": type(e).__name__, "repr": repr(e), "args": list(e.args), "waited": round(time.monotonic() - t0, 3)}
`,
      { faults: { rules: [{ host: 'api.example.com', route: 'GET /price', latencyMs: 120_000 }] } },
      { timeoutSeconds: 30 },
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(payload(r)).toEqual({ type: 'TimeoutError', repr: "TimeoutError('timed out')", args: ['timed out'], waited: expect.any(Number) as number });
    const waited = (payload(r) as { waited: number }).waited;
    expect(waited).toBeGreaterThanOrEqual(2);
    expect(waited).toBeLessThan(2.1);
    expect(r.durationMs).toBeGreaterThanOrEqual(2000);
    expect(r.durationMs).toBeLessThan(3000);
    expect(world.calls()[0]?.abandoned).toEqual({ reason: 'request-timeout', afterMs: expect.any(Number) as number });
  });

  it('a hanging dependency with timeout= raises TimeoutError; the ETIMEDOUT preset is URLError(TimeoutError) and ECONNRESET a ConnectionResetError', async () => {
    const { r } = await runWith(
      `import urllib.request

def attempt(url, **kw):
    try:
        urllib.request.urlopen(url, **kw)
        return "ok"
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)

def lambda_handler(event, context):
    return [attempt("https://hang.example.com/", timeout=1), attempt("https://slowconnect.example.com/", timeout=1),
            attempt("https://slowconnect.example.com/"), attempt("https://reset.example.com/", timeout=5)]
`,
      {
        faults: {
          http: { 'hang.example.com': { routes: { 'GET /': { status: 200 } } }, 'slowconnect.example.com': { routes: {} }, 'reset.example.com': { routes: {} } },
          rules: [
            { host: 'hang.example.com', hang: true },
            { host: 'slowconnect.example.com', error: 'ETIMEDOUT', latencyMs: 3000 },
            { host: 'reset.example.com', error: 'ECONNRESET' },
          ],
        },
      },
      { timeoutSeconds: 30 },
    );
    expect(payload(r)).toEqual([
      'TimeoutError: timed out',
      'URLError: <urlopen error timed out>',
      'URLError: <urlopen error [Errno 110] Connection timed out>',
      'ConnectionResetError: [Errno 104] Connection reset by peer',
    ]);
  });

  it('a host the world does not know keeps "Network unreachable", and the call is recorded with its note', async () => {
    const { r, world } = await runWith(
      `import urllib.request

def lambda_handler(event, context):
    return urllib.request.urlopen("https://unknown.example.org/x", timeout=2).read()
`,
      {},
    );
    expect(r.outcome).toBe('function-error');
    expect(r.errorType).toBe('URLError');
    expect(r.errorMessage).toBe('<urlopen error [Errno 40] Network unreachable>');
    expect(world.calls()[0]?.note).toContain('define the host "unknown.example.org"');
  });

  it('without a simulated world urlopen is still "Network unreachable"', async () => {
    const r = await oncePy(handler('import urllib.request\n\ndef lambda_handler(event, context):\n    return urllib.request.urlopen("https://api.example.com/price").read()\n'));
    expect(r.errorType).toBe('URLError');
    expect(r.errorMessage).toBe('<urlopen error [Errno 40] Network unreachable>');
  });

  it('a hanging dependency without timeout= runs into the function\'s timeout, naming the request', async () => {
    const started = Date.now();
    const { r } = await runWith(
      `import urllib.request

def lambda_handler(event, context):
    return urllib.request.urlopen("https://api.example.com/price").read()
`,
      { faults: { rules: [{ host: 'api.example.com', hang: true }] } },
      { timeoutSeconds: 7 },
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.outcome).toBe('timeout');
    expect(r.errorMessage).toBe(`RequestId: ${r.requestId} Error: Task timed out after 7.00 seconds`);
    expect(r.pending).toContain('http.client GET https://api.example.com/price still waiting for a response');
  });

  it('a slow dependency without timeout= past the function\'s deadline is a timeout too', async () => {
    const { r } = await runWith(
      `import urllib.request

def lambda_handler(event, context):
    return urllib.request.urlopen("https://api.example.com/price").read()
`,
      { faults: { rules: [{ host: 'api.example.com', latencyMs: 60_000 }] } },
      { timeoutSeconds: 3 },
    );
    expect(r.outcome).toBe('timeout');
    expect(r.errorMessage).toContain('Task timed out after 3.00 seconds');
    expect(r.pending).toContain('http.client GET https://api.example.com/price in flight');
  });

  it('http.client used directly reaches the same dependencies', async () => {
    const { r } = await runWith(
      `import http.client, json

def lambda_handler(event, context):
    conn = http.client.HTTPSConnection("api.example.com", timeout=5)
    conn.request("GET", "/price")
    a = conn.getresponse()
    first = json.loads(a.read())["price"]
    conn.request("POST", "/orders", body=b"{}")
    b = conn.getresponse()
    out = [a.status, first, b.status, b.read().decode()]
    conn.close()
    return out
`,
      {},
    );
    expect(payload(r)).toEqual([200, 12.5, 201, '{"id":"o-1"}']);
  });
});
