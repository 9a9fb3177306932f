/**
 * The simulated urllib3 (src/engine/python/urllib3-source.ts): on Lambda `import urllib3` works with nothing packaged
 * (botocore needs it), so handlers that call HTTP APIs with it, AWS's own cfn-response module among them, must not
 * fail at import in the simulator. Requests reach the simulated HTTP dependencies through the host service `http`;
 * defaults, retries, log lines and messages are urllib3 2's (connectionpool.py, util/retry.py, exceptions.py).
 */
import { describe, expect, it } from 'vitest';
import { createAwsWorld, type AwsWorldOptions } from '../../../src/engine/aws/world.ts';
import type { FunctionConfig, InvocationRecord } from '../../../src/engine/types.ts';
import { handler, oncePy } from './helpers.ts';

const STATE = {
  http: {
    'api.example.com': {
      routes: {
        'GET /price': { status: 200, body: { price: 12.5 }, headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' }, latencyMs: 40 },
        'POST /orders': { status: 201, body: '{"id":"o-1"}', headers: { 'content-type': 'application/json' } },
        'GET /broken': { status: 500, body: 'oops' },
        'GET /old': { status: 301, body: '', headers: { Location: '/price' } },
        'POST /form': { status: 303, body: '', headers: { Location: 'https://api.example.com/price' } },
      },
    },
    'hooks.example.com': { routes: { 'PUT /cfn': { status: 200, body: '' } } },
  },
};

/** What the handler sent to the host service `http`: method, url, headers, body. */
interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

async function runWith(source: string, world: AwsWorldOptions = {}, config: Partial<FunctionConfig> = {}): Promise<{ r: InvocationRecord; world: ReturnType<typeof createAwsWorld>; sent: Sent[] }> {
  const w = createAwsWorld({ state: STATE, ...world });
  const sent: Sent[] = [];
  const services: typeof w.services = (name, payload, info) => {
    if (name === 'http') sent.push(payload as Sent);
    return w.services(name, payload, info);
  };
  const r = await oncePy(handler(source), {}, config, { services });
  return { r, world: w, sent };
}

const payload = (r: InvocationRecord): unknown => JSON.parse(r.payload ?? 'null');
const UNREACHABLE = (host: string, scheme = 'HTTPS'): string =>
  `NewConnectionError('<urllib3.connection.${scheme}Connection object at 0x7f3a5c1e2d50>: Failed to establish a new connection: [Errno 40] Network unreachable')`;

describe('urllib3 in the simulated Python runtime', () => {
  it('imports with nothing packaged; PoolManager.request answers from the world after the route\'s latency; headers are case-insensitive', async () => {
    const { r, sent } = await runWith(`import json, time, urllib3
http = urllib3.PoolManager()

def lambda_handler(event, context):
    t0 = time.monotonic()
    a = http.request("GET", "https://api.example.com/price", fields={"currency": "EUR"}, timeout=5.0)
    b = http.request("POST", "https://api.example.com/orders", json={"sku": "é1"})
    c = urllib3.request("GET", "https://api.example.com/broken")
    return {"a": [a.status, a.reason, a.json(), a.headers["x-request-id"], a.headers.get("CONTENT-TYPE")],
            "b": [b.status, json.loads(b.data)], "c": [c.status, c.data.decode()],
            "waited": time.monotonic() - t0 >= 0.040}
`);
    expect(r.outcome).toBe('success');
    expect(payload(r)).toEqual({
      a: [200, 'OK', { price: 12.5 }, 'r-1', 'application/json'],
      b: [201, { id: 'o-1' }],
      // A 5xx answer is a response, not an exception (no status_forcelist by default).
      c: [500, 'oops'],
      // The route's 40 ms passed on the virtual clock.
      waited: true,
    });
    const [get, post] = sent;
    // fields= of a GET go into the query (_request_methods.py); urllib3 names itself in User-Agent.
    expect(get).toMatchObject({ method: 'GET', url: 'https://api.example.com/price?currency=EUR', headers: { 'user-agent': expect.stringMatching(/^python-urllib3\//) }, body: null });
    // json= is a compact UTF-8 body with Content-Type application/json.
    expect(post).toMatchObject({ method: 'POST', body: '{"sku":"é1"}', headers: { 'content-type': 'application/json' } });
  });

  it('a host the world does not know: three retries, each logged as urllib3 logs it, then MaxRetryError caused by NewConnectionError', async () => {
    const { r, world } = await runWith(`import urllib3
http = urllib3.PoolManager()

def lambda_handler(event, context):
    return http.request("PUT", "https://unknown.example.org/cfn?sig=1", body="{}").status
`);
    expect(r.outcome).toBe('function-error');
    expect(r.errorType).toBe('MaxRetryError');
    expect(r.errorMessage).toBe(`HTTPSConnectionPool(host='unknown.example.org', port=443): Max retries exceeded with url: /cfn?sig=1 (Caused by ${UNREACHABLE('unknown.example.org')})`);
    const retries = r.logs.filter((l) => l.startsWith('[WARNING]'));
    expect(retries.map((l) => l.split('\t')[3])).toEqual(
      [2, 1, 0].map((n) => `Retrying (Retry(total=${n}, connect=None, read=None, redirect=None, status=None)) after connection broken by '${UNREACHABLE('unknown.example.org')}': /cfn?sig=1`),
    );
    expect(world.calls()).toHaveLength(4);
  });

  it('read timeouts: a GET is retried (4 tries, 4 timeouts of virtual time), a POST is not; retries=False raises at once; a connect timeout', async () => {
    const { r } = await runWith(
      `import time, urllib3
http = urllib3.PoolManager(timeout=urllib3.Timeout(connect=1.0, read=2.0))

def attempt(method, url, **kw):
    t0 = time.monotonic()
    try:
        http.request(method, url, **kw)
        return "ok"
    except Exception as e:
        return ["%s: %s" % (type(e).__name__, e), round(time.monotonic() - t0, 1)]

def lambda_handler(event, context):
    return [attempt("GET", "https://api.example.com/price"), attempt("POST", "https://api.example.com/orders"),
            attempt("GET", "https://api.example.com/price", retries=False),
            attempt("GET", "https://slowconnect.example.com/", retries=0)]
`,
      {
        faults: {
          http: { 'slowconnect.example.com': { routes: {} } },
          rules: [{ host: 'api.example.com', latencyMs: 5_000 }, { host: 'slowconnect.example.com', error: 'ETIMEDOUT', latencyMs: 3_000 }],
        },
      },
      { timeoutSeconds: 30 },
    );
    expect(r.outcome).toBe('success');
    const read = "HTTPSConnectionPool(host='api.example.com', port=443): Read timed out. (read timeout=2.0)";
    expect(payload(r)).toEqual([
      [`MaxRetryError: HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /price (Caused by ReadTimeoutError("${read}"))`, 8],
      [`ReadTimeoutError: ${read}`, 2],
      [`ReadTimeoutError: ${read}`, 2],
      // The connect phase ends at the connect timeout; retries=0 means no second try.
      [
        "MaxRetryError: HTTPSConnectionPool(host='slowconnect.example.com', port=443): Max retries exceeded with url: / (Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at 0x7f3a5c1e2d50>, 'Connection to slowconnect.example.com timed out. (connect timeout=1.0)'))",
        1,
      ],
    ]);
  });

  it('with no timeout (urllib3\'s default) a hanging dependency holds the request until the function times out', async () => {
    const { r, world } = await runWith(
      `import urllib3
http = urllib3.PoolManager()

def lambda_handler(event, context):
    return http.request("GET", "https://api.example.com/price").status
`,
      { faults: { rules: [{ host: 'api.example.com', hang: true }] } },
      { timeoutSeconds: 4 },
    );
    expect(r.outcome).toBe('timeout');
    expect(r.errorMessage).toBe(`RequestId: ${r.requestId} Error: Task timed out after 4.00 seconds`);
    expect(r.pending).toContain('urllib3 GET https://api.example.com/price still waiting for a response');
    expect(world.calls().map((c) => c.outcome)).toEqual(['hang']);
  });

  it('redirects are followed (a relative Location, a 303 turning a POST into a GET); a reset GET is retried as a read error', async () => {
    const { r, world } = await runWith(
      `import urllib3
http = urllib3.PoolManager()

def lambda_handler(event, context):
    a = http.request("GET", "https://api.example.com/old")
    b = http.request("POST", "https://api.example.com/form", body="x=1")
    try:
        http.request("GET", "https://reset.example.com/", retries=1)
        c = "ok"
    except urllib3.exceptions.MaxRetryError as e:
        c = repr(e.reason)
    return [a.status, a.json(), b.status, c]
`,
      { faults: { http: { 'reset.example.com': { routes: {} } }, rules: [{ host: 'reset.example.com', error: 'ECONNRESET' }] } },
    );
    expect(payload(r)).toEqual([200, { price: 12.5 }, 200, "ProtocolError('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))"]);
    expect(world.calls().map((c) => c.operation)).toEqual(['GET /old', 'GET /price', 'POST /form', 'GET /price', 'GET /', 'GET /']);
  });
});
