/**
 * The Python runtime interface client's behaviour (https://github.com/aws/aws-lambda-python-runtime-interface-client,
 * awslambdaric/bootstrap.py, lambda_runtime_marshaller.py, lambda_runtime_exception.py, lambda_context.py,
 * lambda_runtime_log_utils.py), one test per behaviour, run through the simulated service.
 */
import { describe, expect, it } from 'vitest';
import { handler, oncePy, runPy } from './helpers.ts';

const doc = (payload: string): Record<string, unknown> => JSON.parse(payload) as Record<string, unknown>;
const errorEvent = (logs: string[]): string | undefined => logs.find((l) => l.startsWith('[ERROR]'));

describe('init errors (bootstrap.py _get_handler)', () => {
  it('a missing package is Runtime.ImportModuleError with the client\'s wording, logged after the LAMBDA_WARNING', async () => {
    const r = await oncePy(handler('import requests\n\ndef lambda_handler(event, context):\n    return 1\n'));
    expect(r.outcome).toBe('init-error');
    expect(r.errorType).toBe('Runtime.ImportModuleError');
    expect(r.errorMessage).toBe("Unable to import module 'lambda_function': No module named 'requests'");
    // The payload is the text the client posted (to_json: ", " and ": " separators).
    expect(r.payload).toBe(`{"errorMessage": "Unable to import module 'lambda_function': No module named 'requests'", "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []}`);
    // The record is one event: the [ERROR] line and the (empty) traceback header.
    expect(r.logs).toContain("[ERROR] Runtime.ImportModuleError: Unable to import module 'lambda_function': No module named 'requests'\nTraceback (most recent call last):");
    const warning = r.logs.find((l) => l.startsWith('[WARNING]'));
    expect(warning).toMatch(/^\[WARNING\]\t2026-01-01T00:00:\d\d\.\d{3}Z\t\tLAMBDA_WARNING: Unhandled exception\. The most likely cause is an issue in the function code\./);
    expect(r.logs.some((l) => l.includes('INIT_REPORT') && l.includes('Error Type: Runtime.ImportModuleError'))).toBe(true);
  });

  it('zoneinfo, which imports on AWS but not in the simulator, says that the gap is the simulator\'s; a failing optional import elsewhere is untouched', async () => {
    const r = await oncePy(handler('from zoneinfo import ZoneInfo\n\ndef lambda_handler(event, context):\n    return 1\n'));
    expect(r.errorType).toBe('Runtime.ImportModuleError');
    expect(r.errorMessage).toBe(
      "Unable to import module 'lambda_function': zoneinfo cannot be imported in the Lambda Triage simulator (its datetime is the pure-Python one, on the virtual clock, and Pyodide has no pure-Python zoneinfo). This is a gap of the simulator, not an error in your code: on AWS, import zoneinfo works",
    );
    // Code that looks through sys.modules (inspect, pickle) meets a plain module there, and other imports are untouched.
    const ok = await oncePy(
      handler('import inspect, pickle, sys\ntry:\n    import ujson as json\nexcept ImportError as e:\n    MISSING = str(e)\n\ndef lambda_handler(event, context):\n    scanned = [hasattr(m, "__path__") for m in list(sys.modules.values()) if m is not None]\n    return [MISSING, inspect.getmodule(lambda_handler).__name__, len(pickle.dumps(lambda_handler)) > 0, len(scanned) > 10]\n'),
    );
    expect(JSON.parse(ok.payload!)).toEqual(["No module named 'ujson'", 'lambda_function', true, true]);
  });

  it('a module Lambda ships and the simulator lacks says the gap is the simulator\'s, on the runtimes that ship it only', async () => {
    // The durable execution SDK is in python3.13 and python3.14 (https://docs.aws.amazon.com/lambda/latest/dg/durable-supported-runtimes.html);
    // python-dateutil ships with boto3 on every Python runtime.
    const durable = handler('from aws_durable_execution_sdk_python import DurableContext, durable_execution\n\ndef lambda_handler(event, context):\n    return 1\n');
    const on313 = await oncePy(durable, {}, { runtime: 'python3.13' });
    expect(on313.errorType).toBe('Runtime.ImportModuleError');
    expect(on313.errorMessage).toMatch(/^Unable to import module 'lambda_function': aws_durable_execution_sdk_python: the durable execution SDK, which Lambda's python3\.13 runtime includes, is not simulated: .*This is a gap of the simulator, not an error in your code: on AWS, import aws_durable_execution_sdk_python works$/);
    // One python3.12 environment for the rest: each import's error, caught.
    const probe = [
      'def message(name):',
      '    try:',
      '        __import__(name)',
      '    except ImportError as e:',
      '        return str(e)',
      '',
      'def lambda_handler(event, context):',
      '    return [message("aws_durable_execution_sdk_python"), message("dateutil.parser"), message("pip._internal")]',
      '',
    ].join('\n');
    const on312 = await oncePy(handler(probe), {}, { runtime: 'python3.12' });
    const [durable312, dateutil, pip] = JSON.parse(on312.payload ?? '[]') as string[];
    expect(durable312).toBe("No module named 'aws_durable_execution_sdk_python'");
    expect(dateutil).toContain("dateutil: python-dateutil, which Lambda's python3.12 runtime ships with boto3, is not in the simulator's site-packages. This is a gap of the simulator");
    expect(pip).toContain("pip: pip, which Lambda's python3.12 runtime image includes, is not in the simulator. This is a gap of the simulator");
  });

  it('a handler file that does not exist: No module named <module>', async () => {
    const r = await oncePy(handler('def lambda_handler(event, context):\n    return 1\n'), {}, { handler: 'app.handler' });
    expect(r.errorType).toBe('Runtime.ImportModuleError');
    expect(r.errorMessage).toBe("Unable to import module 'app': No module named 'app'");
  });

  it('a missing function is Runtime.HandlerNotFound', async () => {
    const r = await oncePy(handler('def handler(event, context):\n    return 1\n'));
    expect(r.errorType).toBe('Runtime.HandlerNotFound');
    expect(r.errorMessage).toBe("Handler 'lambda_handler' missing on module 'lambda_function'");
  });

  it('a syntax error is Runtime.UserCodeSyntaxError with Python\'s message, file and line', async () => {
    const r = await oncePy(handler('import json\n\ndef lambda_handler(event, context)\n    return 1\n'));
    expect(r.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(r.errorMessage).toBe("Syntax error in module 'lambda_function': expected ':' (lambda_function.py, line 3)");
    expect(doc(r.payload)['stackTrace']).toEqual(['  File "/var/task/lambda_function.py" Line 3\n    def lambda_handler(event, context)\n']);
  });

  it('a handler string without a dot is Runtime.MalformedHandlerName', async () => {
    const r = await oncePy(handler('def lambda_handler(event, context):\n    return 1\n'), {}, { handler: 'lambda_function' });
    expect(r.errorType).toBe('Runtime.MalformedHandlerName');
    expect(r.errorMessage).toBe("Bad handler 'lambda_function': not enough values to unpack (expected 2, got 1)");
  });

  it('an exception in module code keeps the import frames, with Lambda\'s library path', async () => {
    const r = await oncePy(handler('import os\nTABLE = os.environ["TABLE_NAME"]\n\ndef lambda_handler(event, context):\n    return 1\n'));
    expect(r.errorType).toBe('KeyError');
    expect(r.errorMessage).toBe("'TABLE_NAME'");
    const trace = doc(r.payload)['stackTrace'] as string[];
    expect(trace[0]).toMatch(/^ {2}File "\/var\/lang\/lib\/python3\.13\/importlib\/__init__\.py", line \d+, in import_module\n/);
    // os is a frozen module in CPython 3.11+, on Lambda too.
    expect(trace.at(-1)).toMatch(/^ {2}File "<frozen os>", line \d+, in __getitem__\n$/);
    expect(trace.some((t) => t.startsWith('  File "/var/task/lambda_function.py", line 2, in <module>\n    TABLE = os.environ["TABLE_NAME"]'))).toBe(true);
  });

  it('packages in folders and several files import from /var/task', async () => {
    const r = await oncePy({
      'lambda_function.py': 'from app.util import greet\nimport helpers\n\ndef lambda_handler(event, context):\n    return greet(helpers.NAME)\n',
      'app/__init__.py': '',
      'app/util.py': 'def greet(n):\n    return "hello " + n\n',
      'helpers.py': 'NAME = "py"\n',
    });
    expect(r.outcome).toBe('success');
    expect(r.payload).toBe('"hello py"');
  });
});

describe('invoke errors (bootstrap.py handle_event_request)', () => {
  it('an exception: the error document as the client posts it, and one [ERROR] event with the traceback', async () => {
    const r = await oncePy(handler('import json\n\ndef lambda_handler(event, context):\n    body = json.loads(event["body"])\n    return body\n'));
    expect(r.outcome).toBe('function-error');
    // to_json: simplejson's ", " and ": " separators.
    expect(r.payload).toBe(
      `{"errorMessage": "'body'", "errorType": "KeyError", "requestId": "${r.requestId}", "stackTrace": ["  File \\"/var/task/lambda_function.py\\", line 4, in lambda_handler\\n    body = json.loads(event[\\"body\\"])\\n"]}`,
    );
    // Text format: indentation becomes no-break spaces, lines joined in one event.
    expect(errorEvent(r.logs)).toBe(
      "[ERROR] KeyError: 'body'\nTraceback (most recent call last):\n\u00a0\u00a0File \"/var/task/lambda_function.py\", line 4, in lambda_handler\n\u00a0\u00a0\u00a0\u00a0body = json.loads(event[\"body\"])",
    );
  });

  it('JSON log format: the error record as the client writes it', async () => {
    const r = await oncePy(handler('def lambda_handler(event, context):\n    raise ValueError("bad input")\n'), {}, { logFormat: 'JSON' });
    const line = r.logs.find((l) => l.includes('"log_level": "ERROR"'));
    expect(line).toBeDefined();
    const rec = JSON.parse(line ?? '{}') as Record<string, unknown>;
    expect(Object.keys(rec)).toEqual(['timestamp', 'log_level', 'errorMessage', 'errorType', 'requestId', 'stackTrace']);
    expect(rec['timestamp']).toMatch(/^2026-01-01T00:00:\d\dZ$/);
    expect(rec['errorType']).toBe('ValueError');
    expect(rec['errorMessage']).toBe('bad input');
  });

  it('sys.exit(0) in the handler ends the runtime: Runtime.ExitError', async () => {
    const r = await oncePy(handler('import sys\n\ndef lambda_handler(event, context):\n    sys.exit(0)\n'));
    expect(r.errorType).toBe('Runtime.ExitError');
    expect(r.errorMessage).toBe(`RequestId: ${r.requestId} Error: Runtime exited without providing a reason`);
  });

  it('sys.exit(3) ends the runtime with its exit status', async () => {
    const r = await oncePy(handler('import sys\n\ndef lambda_handler(event, context):\n    sys.exit(3)\n'));
    expect(r.errorType).toBe('Runtime.ExitError');
    expect(r.errorMessage).toBe(`RequestId: ${r.requestId} Error: Runtime exited with error: exit status 3`);
  });
});

describe('the marshaller (lambda_runtime_marshaller.py)', () => {
  it.each([
    ['a datetime', 'import datetime\n\ndef lambda_handler(event, context):\n    return {"at": datetime.datetime.now()}\n', 'datetime'],
    ['a set', 'def lambda_handler(event, context):\n    return {"tags": {"a"}}\n', 'set'],
    ['a bytearray', 'def lambda_handler(event, context):\n    return {"data": bytearray(b"x")}\n', 'bytearray'],
  ])('%s is Runtime.MarshalError with Python\'s TypeError text', async (_name, src, type) => {
    const r = await oncePy(handler(src));
    expect(r.outcome).toBe('function-error');
    expect(r.errorType).toBe('Runtime.MarshalError');
    expect(r.errorMessage).toBe(`Unable to marshal response: Object of type ${type} is not JSON serializable`);
    expect(doc(r.payload)['stackTrace']).toEqual([]);
    expect(r.causes).toEqual(['malformed-response']);
    expect(errorEvent(r.logs)).toBe(`[ERROR] Runtime.MarshalError: Unable to marshal response: Object of type ${type} is not JSON serializable\nTraceback (most recent call last):`);
  });

  it('bytes inside the result are written as UTF-8 text (simplejson); bytes that are not UTF-8 are Runtime.MarshalError', async () => {
    const ok = await oncePy(handler('def lambda_handler(event, context):\n    return {"data": "é".encode()}\n'));
    expect(ok.outcome).toBe('success');
    expect(ok.payload).toBe('{"data": "é"}');
    const bad = await oncePy(handler('def lambda_handler(event, context):\n    return {"data": b"\\xff"}\n'));
    expect(bad.errorType).toBe('Runtime.MarshalError');
    expect(bad.errorMessage).toBe("Unable to marshal response: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
  });

  it('an async def handler returns a coroutine, which the marshaller cannot encode (Lambda\'s Python handlers are synchronous)', async () => {
    const r = await oncePy(handler('async def lambda_handler(event, context):\n    return 1\n'));
    expect(r.errorType).toBe('Runtime.MarshalError');
    expect(r.errorMessage).toBe('Unable to marshal response: Object of type coroutine is not JSON serializable');
  });

  it('Decimal results are written as their text; a NaN Decimal as NaN; non-ASCII stays as is', async () => {
    const r = await oncePy(handler('from decimal import Decimal\n\ndef lambda_handler(event, context):\n    return {"price": Decimal("1.10"), "n": Decimal("3"), "big": Decimal("1E+2"), "x": Decimal("NaN"), "s": "café"}\n'));
    expect(r.outcome).toBe('success');
    expect(r.payload).toBe('{"price": 1.10, "n": 3, "big": 1E+2, "x": NaN, "s": "café"}');
  });

  it('bytes as the whole result are returned as they are (application/unknown)', async () => {
    const r = await oncePy(handler('def lambda_handler(event, context):\n    return b"raw text"\n'));
    expect(r.outcome).toBe('success');
    expect(r.payload).toBe('raw text');
  });

  it('user code calling json.dumps on a Decimal gets Python\'s own TypeError, an ordinary unhandled exception', async () => {
    const r = await oncePy(handler('import json\nfrom decimal import Decimal\n\ndef lambda_handler(event, context):\n    item = {"price": Decimal("9.99")}\n    return {"statusCode": 200, "body": json.dumps(item)}\n'));
    expect(r.errorType).toBe('TypeError');
    expect(r.errorMessage).toBe('Object of type Decimal is not JSON serializable');
    const trace = doc(r.payload)['stackTrace'] as string[];
    expect(trace[0]).toBe('  File "/var/task/lambda_function.py", line 6, in lambda_handler\n    return {"statusCode": 200, "body": json.dumps(item)}\n');
    expect(trace.at(-1)).toMatch(/^ {2}File "\/var\/lang\/lib\/python3\.13\/json\/encoder\.py", line \d+, in default\n/);
    expect(r.causes).toEqual(['unhandled-exception']);
  });
});

describe('logs (bootstrap.py _setup_logging, lambda_runtime_log_utils.py)', () => {
  it('print writes plain lines; logging below WARNING is dropped by the root logger\'s default level', async () => {
    const r = await oncePy(handler('import logging\n\ndef lambda_handler(event, context):\n    print("hello", 1)\n    logging.info("not shown")\n    logging.warning("careful")\n    return 1\n'));
    expect(r.logs).toContain('hello 1');
    expect(r.logs.some((l) => l.includes('not shown'))).toBe(false);
    const warning = r.logs.filter((l) => l.startsWith('[WARNING]'));
    expect(warning).toHaveLength(1);
    expect(warning[0]).toMatch(new RegExp(`^\\[WARNING\\]\\t2026-01-01T00:00:\\d\\d\\.\\d{3}Z\\t${r.requestId}\\tcareful$`));
  });

  it('logging.basicConfig(level=INFO) changes nothing: the root logger already has the runtime\'s handler', async () => {
    const r = await oncePy(handler('import logging\nlogging.basicConfig(level=logging.INFO)\n\ndef lambda_handler(event, context):\n    logging.info("quiet")\n    return 1\n'));
    expect(r.logs.some((l) => l.includes('quiet'))).toBe(false);
  });

  it('logger.setLevel(INFO) shows INFO records in the text format', async () => {
    const r = await oncePy(handler('import logging\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\n\ndef lambda_handler(event, context):\n    logger.info("got %s", "it")\n    return 1\n'));
    expect(r.logs.some((l) => new RegExp(`^\\[INFO\\]\\t2026-01-01T00:00:\\d\\d\\.\\d{3}Z\\t${r.requestId}\\tgot it$`).test(l))).toBe(true);
  });

  it('JSON format with AWS_LAMBDA_LOG_LEVEL: INFO records as JSON objects, DEBUG filtered', async () => {
    const r = await oncePy(
      handler('import logging\n\ndef lambda_handler(event, context):\n    logging.debug("hidden")\n    logging.info("shown", extra={"orderId": 7})\n    print("plain")\n    return 1\n'),
      {},
      { logFormat: 'JSON', applicationLogLevel: 'INFO' },
    );
    const rec = r.logs.map((l) => { try { return JSON.parse(l) as Record<string, unknown>; } catch { return null; } }).find((o) => o?.['message'] === 'shown');
    expect(rec).toEqual({ timestamp: expect.stringMatching(/^2026-01-01T00:00:\d\dZ$/), level: 'INFO', message: 'shown', logger: 'root', requestId: r.requestId, orderId: 7 });
    expect(r.logs.some((l) => l.includes('hidden'))).toBe(false);
    // print stays plain text (https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html).
    expect(r.logs).toContain('plain');
  });

  it('JSON format with no level configured: Lambda filters at INFO by default, so logger.info shows without setLevel', async () => {
    // "The default application log level for log filtering is INFO":
    // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html
    const r = await oncePy(
      handler('import logging, os\nlogger = logging.getLogger()\n\ndef lambda_handler(event, context):\n    logger.debug("hidden")\n    logger.info("shown")\n    return os.environ.get("AWS_LAMBDA_LOG_LEVEL")\n'),
      {},
      { logFormat: 'JSON' },
    );
    expect(r.payload).toBe('"INFO"');
    expect(r.logs.some((l) => l.includes('"message": "shown"') || l.includes('"message":"shown"'))).toBe(true);
    expect(r.logs.some((l) => l.includes('hidden'))).toBe(false);
  });
});

describe('environments, context and environment variables', () => {
  it('module code runs once per environment: warm invocations keep module state', async () => {
    const rs = await runPy(handler('COUNT = 0\nprint("init")\n\ndef lambda_handler(event, context):\n    global COUNT\n    COUNT += 1\n    return COUNT\n'), [{}, {}, {}]);
    expect(rs.map((r) => r.payload)).toEqual(['1', '2', '3']);
    expect(rs.map((r) => r.coldStart)).toEqual([true, false, false]);
    expect(rs[0]?.logs).toContain('init');
    expect(rs[1]?.logs).not.toContain('init');
  });

  it('a new execution environment is a fresh interpreter: module code runs again, nothing carries over', async () => {
    const { createSimulator } = await import('../../../src/engine/index.ts');
    const { createPythonExecutor } = await import('../../../src/engine/executor/python-executor.ts');
    const { freshPyodide, PY_CONFIG } = await import('./helpers.ts');
    const sim = createSimulator({ executor: createPythonExecutor({ loadPyodide: freshPyodide }) });
    const fn = sim.createFunction({ ...PY_CONFIG, runtime: 'python3.14' }, handler('import sys\nSEEN = []\n\ndef lambda_handler(event, context):\n    SEEN.append(1)\n    had = "leak" in sys.modules\n    sys.modules.setdefault("leak", object())\n    return [len(SEEN), had]\n'));
    try {
      const a = await fn.invoke({});
      const b = await fn.invoke({});
      fn.newEnvironment();
      const c = await fn.invoke({});
      expect([a.payload, b.payload, c.payload]).toEqual(['[1, false]', '[2, true]', '[1, false]']);
      expect(c.coldStart).toBe(true);
      expect(c.logs[0]).toMatch(/^INIT_START Runtime Version: python:3\.14\./);
    } finally {
      fn.dispose();
    }
  });

  it('context carries the function\'s identity and the remaining time on the virtual clock', async () => {
    const r = await oncePy(
      handler('import time\n\ndef lambda_handler(event, context):\n    time.sleep(1)\n    return {"name": context.function_name, "version": context.function_version, "arn": context.invoked_function_arn, "mem": context.memory_limit_in_mb, "id": context.aws_request_id, "group": context.log_group_name, "stream": context.log_stream_name, "left": context.get_remaining_time_in_millis()}\n'),
      {},
      { functionName: 'orders', timeoutSeconds: 3, memoryMB: 256 },
    );
    const v = doc(r.payload);
    expect(v['name']).toBe('orders');
    expect(v['version']).toBe('$LATEST');
    expect(v['arn']).toBe('arn:aws:lambda:us-east-1:123456789012:function:orders');
    expect(v['mem']).toBe('256');
    expect(v['id']).toBe(r.requestId);
    expect(v['group']).toBe('/aws/lambda/orders');
    expect(String(v['stream'])).toMatch(/^2026\/01\/01\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(v['left']).toBeGreaterThan(1900);
    expect(v['left']).toBeLessThanOrEqual(2000);
    // Whole milliseconds, as on Lambda (the deadline header is an integer).
    expect(Number.isInteger(v['left'])).toBe(true);
  });

  it('os.environ holds Lambda\'s variables for a Python runtime and the function\'s own', async () => {
    const r = await oncePy(
      handler('import os, sys\n\ndef lambda_handler(event, context):\n    return {k: os.environ.get(k) for k in ["AWS_EXECUTION_ENV", "LAMBDA_TASK_ROOT", "PYTHONPATH", "NODE_PATH", "STAGE", "_HANDLER"]} | {"path0": sys.path[0], "cwd": os.getcwd()}\n'),
      {},
      { runtime: 'python3.12', environment: { STAGE: 'prod' } },
    );
    expect(doc(r.payload)).toEqual({
      AWS_EXECUTION_ENV: 'AWS_Lambda_python3.12',
      LAMBDA_TASK_ROOT: '/var/task',
      PYTHONPATH: '/var/runtime',
      NODE_PATH: null,
      STAGE: 'prod',
      _HANDLER: 'lambda_function.lambda_handler',
      path0: '/var/task',
      cwd: '/var/task',
    });
  });
});
