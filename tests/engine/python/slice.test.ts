/** The vertical slice: a Python handler that returns a dict, and one that raises. */
import { describe, expect, it } from 'vitest';
import { handler, oncePy } from './helpers.ts';

describe('Python executor: first slice', () => {
  it('returns a dict as JSON (RIC marshaller: simplejson separators)', async () => {
    const r = await oncePy(handler('def lambda_handler(event, context):\n    return {"statusCode": 200, "body": "hi"}\n'));
    expect(r.outcome).toBe('success');
    expect(r.payload).toBe('{"statusCode": 200, "body": "hi"}');
  });
  it('raises: error document and one [ERROR] log event with the traceback', async () => {
    const r = await oncePy(handler('def lambda_handler(event, context):\n    return event["body"]\n'));
    expect(r.outcome).toBe('function-error');
    const doc = JSON.parse(r.payload) as Record<string, unknown>;
    expect(doc).toEqual({
      errorMessage: "'body'",
      errorType: 'KeyError',
      requestId: r.requestId,
      stackTrace: ['  File "/var/task/lambda_function.py", line 2, in lambda_handler\n    return event["body"]\n'],
    });
    const ev = r.logs.find((l) => l.startsWith('[ERROR]'));
    expect(ev).toBe("[ERROR] KeyError: 'body'\nTraceback (most recent call last):\n\u00a0\u00a0File \"/var/task/lambda_function.py\", line 2, in lambda_handler\n\u00a0\u00a0\u00a0\u00a0return event[\"body\"]");
  });
});
