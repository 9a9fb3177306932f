/**
 * Virtual time, the watchdog and the memory cap of the Python executor, and hostile programs: each ends as
 * a reported outcome within its limits, and nothing reaches the host.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatorLimitError } from '../../../src/engine/lambda/limits.ts';
import { handler, oncePy, runPy } from './helpers.ts';

const doc = (payload: string): Record<string, unknown> => JSON.parse(payload) as Record<string, unknown>;

describe('virtual time', () => {
  it('time.sleep(400) at a 300 s timeout is "Task timed out after 300.00 seconds" within seconds of wall time', async () => {
    const started = Date.now();
    const r = await oncePy(handler('import time\n\ndef lambda_handler(event, context):\n    time.sleep(400)\n    return "late"\n'), {}, { timeoutSeconds: 300 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.outcome).toBe('timeout');
    expect(r.errorMessage).toBe(`RequestId: ${r.requestId} Error: Task timed out after 300.00 seconds`);
    expect(r.durationMs).toBeGreaterThanOrEqual(300_000);
    expect(r.pending).toContain('time.sleep(400) still sleeping');
    expect(r.logs.some((l) => l.includes('Task timed out after 300.00 seconds'))).toBe(true);
  });

  it('a timeout resets the environment: the next invocation is a cold start', async () => {
    const rs = await runPy(handler('import time\n\ndef lambda_handler(event, context):\n    if event.get("slow"):\n        time.sleep(10)\n    return 1\n'), [{ slow: true }, {}]);
    expect(rs.map((r) => r.outcome)).toEqual(['timeout', 'success']);
    expect(rs[1]?.coldStart).toBe(true);
  });

  it('time.time, time.monotonic, time.perf_counter and datetime.now read the virtual clock', async () => {
    const r = await oncePy(
      handler(
        'import time, datetime\n\ndef lambda_handler(event, context):\n    t0, m0, p0 = time.time(), time.monotonic(), time.perf_counter()\n    time.sleep(2.5)\n' +
          '    return {"dt": time.time() - t0, "dm": time.monotonic() - m0, "dp": time.perf_counter() - p0, "now": datetime.datetime.now().year, "utc": datetime.datetime.utcnow().month, "today": str(datetime.date.today())}\n',
      ),
    );
    const v = doc(r.payload);
    for (const k of ['dt', 'dm', 'dp']) {
      expect(v[k]).toBeGreaterThanOrEqual(2.5);
      expect(v[k]).toBeLessThan(2.6);
    }
    expect(v['now']).toBe(2026);
    expect(v['utc']).toBe(1);
    expect(v['today']).toBe('2026-01-01');
    expect(r.durationMs).toBeGreaterThanOrEqual(2500);
  });

  it('datetime from the module the start-up snapshot preloaded (SNAPSHOT_PREPARE_SOURCE) still reads the virtual clock', async () => {
    const r = await oncePy(
      handler(
        'import datetime, sys, time\n\ndef lambda_handler(event, context):\n    time.sleep(61)\n' +
          '    return {"module": type(datetime.datetime.now()).__module__, "preloaded": "_pydatetime" in sys.modules, "at": datetime.datetime.now(datetime.timezone.utc).isoformat()}\n',
      ),
      {},
      { timeoutSeconds: 90 },
    );
    const v = doc(r.payload);
    expect(v['preloaded']).toBe(true);
    expect(v['module']).toBe('datetime');
    // 61 s of virtual sleep after the simulation epoch, not the host's date.
    expect(String(v['at'])).toMatch(/^2026-01-01T00:01:0\d/);
  });

  it('asyncio.run with asyncio.sleep and gather runs on the virtual clock', async () => {
    const r = await oncePy(
      handler(
        'import asyncio, time\n\nasync def work(n):\n    await asyncio.sleep(n)\n    return n\n\nasync def main():\n    return await asyncio.gather(work(1), work(2))\n\n' +
          'def lambda_handler(event, context):\n    t0 = time.monotonic()\n    out = asyncio.run(main())\n    return {"out": out, "took": round(time.monotonic() - t0, 1)}\n',
      ),
    );
    expect(doc(r.payload)).toEqual({ out: [1, 2], took: 2 });
  });

  it('an asyncio.sleep past the deadline is a timeout', async () => {
    const r = await oncePy(handler('import asyncio\n\ndef lambda_handler(event, context):\n    asyncio.run(asyncio.sleep(60))\n    return 1\n'), {}, { timeoutSeconds: 5 });
    expect(r.outcome).toBe('timeout');
    expect(r.errorMessage).toContain('Task timed out after 5.00 seconds');
  });

  it('a sleep in module code past the 10 s init limit is an init timeout, retried in the invoke', async () => {
    const r = await oncePy(handler('import time\ntime.sleep(12)\n\ndef lambda_handler(event, context):\n    return 1\n'), {}, { timeoutSeconds: 3 });
    expect(r.logs.some((l) => /INIT_REPORT Init Duration: 10\d{3}\.\d+ ms\tPhase: init\tStatus: timeout/.test(l))).toBe(true);
    expect(r.outcome).toBe('timeout');
  });
});

describe('the watchdog', () => {
  it('while True: pass ends as a timeout', async () => {
    const started = Date.now();
    const r = await oncePy(handler('def lambda_handler(event, context):\n    while True:\n        pass\n'), {}, { timeoutSeconds: 3 });
    expect(r.outcome).toBe('timeout');
    expect(r.errorMessage).toContain('Task timed out after 3.00 seconds');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('a loop that catches every exception, KeyboardInterrupt included, still ends as a timeout', async () => {
    const r = await oncePy(handler('def lambda_handler(event, context):\n    n = 0\n    while n >= 0:\n        try:\n            n += 1\n        except BaseException:\n            pass\n'), {}, { timeoutSeconds: 2 });
    expect(r.outcome).toBe('timeout');
  });

  it('CPU work costs virtual time: a long loop takes longer at 128 MB than at 1,769 MB', async () => {
    const src = handler('def lambda_handler(event, context):\n    s = 0\n    for i in range(300000):\n        s += i\n    return s\n');
    const small = await oncePy(src, {}, { memoryMB: 128 });
    const big = await oncePy(src, {}, { memoryMB: 1769 });
    expect(small.payload).toBe(String((300000 * 299999) / 2));
    expect(small.durationMs).toBeGreaterThan(big.durationMs * 5);
  });
});

describe('memory', () => {
  it('[0] * 10**9 (4 GB of pointers) is Runtime.OutOfMemory at 128 MB', async () => {
    const r = await oncePy(handler('def lambda_handler(event, context):\n    x = [0] * 10**9\n    return len(x)\n'));
    expect(r.outcome).toBe('out-of-memory');
    expect(r.errorType).toBe('Runtime.OutOfMemory');
    expect(r.errorMessage).toBe(`RequestId: ${r.requestId} Error: Runtime exited with error: signal: killed`);
    expect(r.maxMemoryUsedMB).toBe(128);
  });

  it("b'x' * 10**10 (10 GB) is Runtime.OutOfMemory", async () => {
    const r = await oncePy(handler("def lambda_handler(event, context):\n    return len(b'x' * 10**10)\n"));
    expect(r.errorType).toBe('Runtime.OutOfMemory');
  });

  it('growing past the function\'s memory size is Runtime.OutOfMemory even when the code catches MemoryError', async () => {
    const r = await oncePy(
      handler('def lambda_handler(event, context):\n    keep = []\n    try:\n        while True:\n            keep.append(bytearray(1024 * 1024))\n    except MemoryError:\n        return "survived"\n'),
      {},
      { memoryMB: 128, timeoutSeconds: 60 },
    );
    expect(r.outcome).toBe('out-of-memory');
  });

  it('a program that stays under its memory size reports Max Memory Used between the baseline and the size', async () => {
    const r = await oncePy(handler('BUF = bytearray(20 * 1024 * 1024)\n\ndef lambda_handler(event, context):\n    return len(BUF)\n'), {}, { memoryMB: 256 });
    expect(r.outcome).toBe('success');
    expect(r.maxMemoryUsedMB).toBeGreaterThanOrEqual(60);
    expect(r.maxMemoryUsedMB).toBeLessThan(256);
  });

  it('past the real-memory budget but under the memory size: SimulatorLimitError, no invented outcome', async () => {
    const run = oncePy(
      handler('def lambda_handler(event, context):\n    keep = []\n    while True:\n        keep.append(bytearray(1024 * 1024))\n'),
      {},
      { memoryMB: 4096, timeoutSeconds: 60 },
      {},
      { realMemoryBudgetBytes: 32 * 1024 * 1024 },
    );
    await expect(run).rejects.toBeInstanceOf(SimulatorLimitError);
    await expect(run).rejects.toMatchObject({ code: 'LT-SIM-MEMORY-BUDGET', message: expect.stringContaining('simulated Python memory') });
  });

  it('deep recursion is Python\'s RecursionError, an ordinary exception', async () => {
    const r = await oncePy(handler('def f(n):\n    return f(n + 1)\n\ndef lambda_handler(event, context):\n    return f(0)\n'));
    expect(r.errorType).toBe('RecursionError');
    expect(r.errorMessage).toBe('maximum recursion depth exceeded');
  });
});

describe('hostile programs reach nothing on the host', () => {
  it('os.system runs no host command (Pyodide in Node would run it through child_process)', async () => {
    const marker = join(tmpdir(), `lt-py-system-${process.pid}-${Date.now()}`);
    const r = await oncePy(handler(`import os\n\ndef lambda_handler(event, context):\n    return os.system("touch ${marker}")\n`));
    expect(r.errorType).toBe('OSError');
    expect(r.errorMessage).toContain('The simulator runs no processes');
    expect(existsSync(marker)).toBe(false);
  });

  it('posix.system through a fresh builtin module still cannot start a process: child_process refuses while Python runs', async () => {
    const marker = join(tmpdir(), `lt-py-posix-${process.pid}-${Date.now()}`);
    const r = await oncePy(handler(`import sys\n\ndef lambda_handler(event, context):\n    m = sys.modules["posix"]\n    return getattr(type(m), "__dict__", {}) and os_system_anyway()\n\ndef os_system_anyway():\n    import importlib.machinery as im\n    spec = im.BuiltinImporter.find_spec("posix")\n    fresh = im.BuiltinImporter.create_module(spec)\n    return fresh.system("touch ${marker}")\n`));
    expect(r.outcome).not.toBe('success');
    expect(existsSync(marker)).toBe(false);
  });

  it('import js (Pyodide\'s bridge to JavaScript) is not available to the function\'s code', async () => {
    const r = await oncePy(handler('import js\n\ndef lambda_handler(event, context):\n    return 1\n'));
    expect(r.errorType).toBe('Runtime.ImportModuleError');
    expect(r.errorMessage).toBe("Unable to import module 'lambda_function': No module named 'js'");
  });

  it('subprocess.run: no processes', async () => {
    const r = await oncePy(handler('import subprocess\n\ndef lambda_handler(event, context):\n    return subprocess.run(["ls"]).returncode\n'));
    expect(r.outcome).toBe('function-error');
  });

  it('socket.create_connection: no network (Emscripten would open a WebSocket to the address)', async () => {
    const r = await oncePy(handler('import socket\n\ndef lambda_handler(event, context):\n    socket.create_connection(("127.0.0.1", 9), timeout=2)\n    return 1\n'));
    expect(r.outcome).toBe('function-error');
    expect(r.errorType).toMatch(/Error$/);
  });

  it('input() meets end of file instead of waiting for the host\'s terminal', async () => {
    const r = await oncePy(handler('def lambda_handler(event, context):\n    return input("name? ")\n'));
    expect(r.errorType).toBe('EOFError');
  });

  it('the host file system is not there: /etc/passwd of the machine is not readable', async () => {
    const r = await oncePy(handler('def lambda_handler(event, context):\n    return open("/etc/passwd").read()\n'));
    expect(r.payload).not.toMatch(/root:x:0:0/);
  });

  it('import boto3 fails as a missing package when the simulated SDK is not installed', async () => {
    const r = await oncePy(handler('import boto3\n\ndef lambda_handler(event, context):\n    return 1\n'), {}, {}, {}, { sitePackages: {} });
    expect(r.errorType).toBe('Runtime.ImportModuleError');
    expect(r.errorMessage).toBe("Unable to import module 'lambda_function': No module named 'boto3'");
  });
});

describe('init-phase limits', () => {
  it('a runaway loop in module code is an init timeout, then the retried init times out under the function timeout', async () => {
    const r = await oncePy(handler('while True:\n    pass\n\ndef lambda_handler(event, context):\n    return 1\n'), {}, { timeoutSeconds: 3 });
    expect(r.logs.some((l) => /INIT_REPORT Init Duration: \d+\.\d+ ms\tPhase: init\tStatus: timeout/.test(l))).toBe(true);
    expect(r.outcome).toBe('timeout');
    expect(r.errorMessage).toContain('Task timed out after 3.00 seconds');
  });

  it('a module-level allocation past the memory size is Runtime.OutOfMemory during init', async () => {
    const r = await oncePy(handler('BIG = bytearray(200 * 1024 * 1024)\n\ndef lambda_handler(event, context):\n    return 1\n'), {}, { memoryMB: 128 });
    expect(r.outcome).toBe('out-of-memory');
    expect(r.errorType).toBe('Runtime.OutOfMemory');
    expect(r.logs.some((l) => l.includes('Error Type: Runtime.OutOfMemory'))).toBe(true);
  });
});

describe('real-memory limits of the simulator', () => {
  it('more live Python environments than allowed stop the run with SimulatorLimitError; disposed ones free their place', async () => {
    const { createSimulator } = await import('../../../src/engine/index.ts');
    const { createPythonExecutor } = await import('../../../src/engine/executor/python-executor.ts');
    const { freshPyodide, PY_CONFIG } = await import('./helpers.ts');
    const sim = createSimulator({ executor: createPythonExecutor({ loadPyodide: freshPyodide, maxLiveEnvironments: 1, sitePackages: {} }) });
    const files = handler('def lambda_handler(event, context):\n    return 1\n');
    const a = sim.createFunction({ ...PY_CONFIG, functionName: 'a' }, files);
    const b = sim.createFunction({ ...PY_CONFIG, functionName: 'b' }, files);
    try {
      expect((await a.invoke({})).outcome).toBe('success');
      await expect(b.invoke({})).rejects.toMatchObject({ code: 'LT-SIM-MEMORY-BUDGET', message: expect.stringContaining('more than 1 Python execution environments') });
      a.dispose();
      expect((await b.invoke({})).outcome).toBe('success');
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});

describe('a crashed interpreter', () => {
  it('recursion past a raised limit crashes the interpreter: a reported outcome, and the next request gets a new environment', async () => {
    const rs = await runPy(
      handler('import sys\nsys.setrecursionlimit(10**7)\n\ndef f(n):\n    return f(n + 1) + 1\n\ndef lambda_handler(event, context):\n    if event.get("deep"):\n        return f(0)\n    return "ok"\n'),
      [{ deep: true }, {}],
    );
    expect(['out-of-memory', 'function-error']).toContain(rs[0]?.outcome);
    expect(rs[0]?.logs.length).toBeLessThan(1000);
    expect(rs[1]?.outcome).toBe('success');
    expect(rs[1]?.coldStart).toBe(true);
  });
});
