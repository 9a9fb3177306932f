/** `_lambda_triage_host`: the bridge simulated packages (boto3) use to reach the simulated AWS world. */
import { describe, expect, it } from 'vitest';
import type { ServiceBridge, ServiceCallInfo } from '../../../src/engine/sandbox/sandbox.ts';
import { handler, oncePy } from './helpers.ts';

describe('_lambda_triage_host', () => {
  it('call(name, payload_json) passes the parsed payload and the call info, and returns the ServiceResult as JSON; no time passes', async () => {
    const seen: Array<{ name: string; payload: unknown; info: ServiceCallInfo | undefined }> = [];
    const services: ServiceBridge = (name, payload, info) => {
      seen.push({ name, payload, info });
      return { result: { Body: 'hi', n: 2 }, latencyMs: 40 };
    };
    const r = await oncePy(
      handler('import json, time, _lambda_triage_host as host\n\ndef lambda_handler(event, context):\n    t0 = time.monotonic()\n    out = json.loads(host.call("aws", json.dumps({"service": "s3", "operation": "GetObject", "input": {"Bucket": "b", "Key": "k"}})))\n    return {"out": out, "elapsed": time.monotonic() - t0}\n'),
      {},
      {},
      { services },
    );
    expect(JSON.parse(r.payload)).toEqual({ out: { result: { Body: 'hi', n: 2 }, latencyMs: 40 }, elapsed: expect.any(Number) });
    expect((JSON.parse(r.payload) as { elapsed: number }).elapsed).toBeLessThan(0.01);
    // The environment asked once, when it was made, for the execution role's keys (its AWS_ACCESS_KEY_ID, …); the
    // handler's call is the only other one.
    expect(seen.map((s) => s.name)).toEqual(['aws.credentials', 'aws']);
    expect(seen[1]?.payload).toEqual({ service: 's3', operation: 'GetObject', input: { Bucket: 'b', Key: 'k' } });
    expect(seen[1]?.info?.requestId).toBe(r.requestId);
  });

  it('wait_ms advances the virtual clock and counts toward the deadline', async () => {
    const ok = await oncePy(handler('import time, _lambda_triage_host as host\n\ndef lambda_handler(event, context):\n    t0 = time.monotonic()\n    host.wait_ms(1500)\n    return round(time.monotonic() - t0, 3)\n'));
    expect(ok.payload).toBe('1.5');
    const late = await oncePy(handler('import _lambda_triage_host as host\n\ndef lambda_handler(event, context):\n    host.wait_ms(5000)\n    return 1\n'), {}, { timeoutSeconds: 3 });
    expect(late.outcome).toBe('timeout');
  });

  it('hang(label) never returns: a timeout whose pending work names the label, even under except Exception', async () => {
    const r = await oncePy(
      handler('import _lambda_triage_host as host\n\ndef lambda_handler(event, context):\n    try:\n        host.hang("DynamoDB GetItem (no answer)")\n    except Exception:\n        return "caught"\n    return "returned"\n'),
      {},
      { timeoutSeconds: 4 },
    );
    expect(r.outcome).toBe('timeout');
    expect(r.errorMessage).toContain('Task timed out after 4.00 seconds');
    expect(r.pending).toEqual(['DynamoDB GetItem (no answer)']);
  });

  it('call without a simulated world answers with a plain error result', async () => {
    const r = await oncePy(handler('import json, _lambda_triage_host as host\n\ndef lambda_handler(event, context):\n    return json.loads(host.call("aws", "{}"))\n'));
    expect(JSON.parse(r.payload)).toEqual({ error: { name: 'SimulatorError', message: 'This simulation has no simulated AWS world to call.' } });
  });

  it('the simulated packages are installed on sys.path when given (as Lambda ships boto3)', async () => {
    const r = await oncePy(
      handler('import boto3\n\ndef lambda_handler(event, context):\n    return [boto3.__file__, boto3.VERSION]\n'),
      {},
      {},
      {},
      { sitePackages: { 'boto3/__init__.py': 'VERSION = "sim"\n' } },
    );
    expect(JSON.parse(r.payload)).toEqual(['/var/lang/lib/python3.13/site-packages/boto3/__init__.py', 'sim']);
  });
});

describe('the packages Lambda ships', () => {
  it('by default every environment has the simulated boto3 in site-packages', async () => {
    const r = await oncePy(handler('import boto3\n\ndef lambda_handler(event, context):\n    return boto3.__file__\n'));
    expect(r.outcome).toBe('success');
    expect(JSON.parse(r.payload)).toBe('/var/lang/lib/python3.13/site-packages/boto3/__init__.py');
  });
});
