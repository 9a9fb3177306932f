import type { Page } from '@playwright/test';
import { expect, test } from './support/python-context.ts';
import { sharePath } from './support/playground.ts';

// The hostile-code suite's Python half, through the playground: every program ends as a reported outcome
// within its limit, the page stays responsive, nothing reaches the host or the network, and the next run works.

interface HostileProgram {
  name: string;
  code: string;
  /** What the summary line may say. */
  outcome: RegExp;
  /** Text the logs must not contain (proof that nothing ran on the host). */
  never?: RegExp;
}

const handler = (body: string) => `def lambda_handler(event, context):\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n`;

const PROGRAMS: HostileProgram[] = [
  { name: 'syntax error', code: 'def lambda_handler(event, context)\n    return 1\n', outcome: /failed to start \(Runtime\.UserCodeSyntaxError: Syntax error in module 'lambda_function': .*line 1\)/ },
  { name: 'infinite loop', code: handler('while True:\n    pass'), outcome: /Task timed out after 3\.00 seconds/ },
  // C code (one builtin call) never reaches CPython's eval loop, so only the page's watchdog can stop it: in a
  // handler, once its environment has started, after 8 s (engine-host.ts PYTHON_HANDLER_WATCHDOG_MS).
  { name: 'C-level runaway', code: handler('return sum(range(10**11))'), outcome: /The engine did not answer for 8 seconds, so it was stopped and restarted/ },
  { name: 'huge string', code: handler("return len('x' * 10**10)"), outcome: /ran out of memory/ },
  { name: 'huge list', code: handler('return len([0] * 10**9)'), outcome: /ran out of memory/ },
  { name: 'deep recursion', code: 'def f(n):\n    return f(n + 1)\n\ndef lambda_handler(event, context):\n    return f(0)\n', outcome: /failed with RecursionError: maximum recursion depth exceeded/ },
  { name: 'os.system', code: "import os\n\ndef lambda_handler(event, context):\n    return {'status': os.system('id')}\n", outcome: /failed with OSError: .*os\.system\('id'\) did not run/, never: /uid=\d+/ },
  {
    name: 'socket connect',
    code: "import socket\n\ndef lambda_handler(event, context):\n    s = socket.create_connection(('example.com', 80), timeout=2)\n    s.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n')\n    return s.recv(100).decode()\n",
    outcome: /failed with OSError: \[Errno 40\] Network unreachable/,
  },
];

const PY = { runtime: 'python3.13' as const, fileName: 'lambda_function.py' as const, handlerExport: 'lambda_handler', frontDoor: 'invoke' as const };

/** A second, harmless handler in the same module: the next run on the same page switches to it. */
const CLEAN_HANDLER = "\n\ndef clean_handler(event, context):\n    return {'statusCode': 200, 'body': 'fine'}\n";

async function open(page: Page, code: string): Promise<void> {
  const path = await sharePath({ ...PY, code });
  await page.goto('about:blank');
  await page.goto(path);
}

test.describe.configure({ mode: 'parallel' });

for (const program of PROGRAMS) {
  test(`hostile Python: ${program.name}`, async ({ page, baseURL }) => {
    test.setTimeout(150_000);
    const outside: string[] = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(baseURL!) && !url.startsWith('data:') && !url.startsWith('blob:') && url !== 'about:blank') outside.push(url);
    });
    page.on('websocket', (ws) => outside.push(ws.url()));
    await open(page, program.name === 'syntax error' ? program.code : program.code + CLEAN_HANDLER);
    const summary = page.locator('[data-pg="summary"]');
    // The watchdog's 8 s plus Pyodide's first load bound every outcome.
    await expect(summary).toHaveText(program.outcome, { timeout: 90_000 });
    // The page answers at once: the main thread is free and the controls still work.
    await page.getByRole('tab', { name: 'More settings' }).click();
    await expect(page.getByRole('tab', { name: 'More settings' })).toHaveAttribute('aria-selected', 'true');
    if (program.never) await expect(page.locator('#pg-rpanel-logs')).not.toContainText(program.never);
    expect(outside).toEqual([]);
    // Nothing leaks into the next run on the same page: switched to the module's harmless handler (a new
    // environment in the same engine, or in a new one after a watchdog stop), it succeeds. A module that does not
    // compile has no second handler to switch to: a new page then (Python restored from the stored snapshot).
    if (program.name === 'syntax error') {
      await open(page, handler("return {'statusCode': 200, 'body': 'fine'}"));
    } else {
      await page.getByLabel('Handler export').fill('clean_handler');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
    }
    await expect(summary).toContainText('returned in', { timeout: 90_000 });
    await expect(page.locator('#pg-rpanel-logs')).not.toContainText(/uid=\d+/);
  });
}

test('the guide and tree pages, and a Node.js playground run, fetch no Pyodide file', async ({ page }) => {
  test.setTimeout(90_000);
  const pyodide: string[] = [];
  page.on('request', (r) => {
    if (/pyodide/i.test(r.url())) pyodide.push(r.url());
  });
  for (const path of ['/guides/api-gateway/', '/tree/', '/']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  await page.goto('/playground/');
  await expect(page.locator('lt-playground[data-first-result="true"]')).toBeAttached({ timeout: 30_000 });
  await expect(page.locator('[data-pg="summary"]')).toContainText('answered 200');
  await page.waitForLoadState('networkidle');
  expect(pyodide).toEqual([]);
});
