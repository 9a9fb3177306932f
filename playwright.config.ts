import { availableParallelism } from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable } from './tests/e2e/support/browser.ts';
import { resolveE2ePort } from './tests/e2e/support/port.ts';

// A free port per run (or E2E_PORT), never a fixed one: a server someone else left on a fixed port would
// otherwise be tested instead of this build. The runner writes the port to E2E_PORT for its workers.
const port = await resolveE2ePort();
/** The specs whose tests share a browser context per worker (Pyodide's snapshot in Cache Storage). */
const PYTHON_SPECS = /playground-(hostile-)?python\.spec\.ts$/;
const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  // One worker per CPU, at least two (a 2-CPU machine runs two). The browser's renderer does the work of
  // each test, so more workers than CPUs only made every test slower (E2E_WORKERS overrides).
  workers: Number(process.env['E2E_WORKERS'] ?? Math.max(2, availableParallelism())),
  forbidOnly: !!process.env['CI'],
  retries: 0,
  reporter: [['list'], ['./tests/e2e/support/slowest-reporter.ts']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'off',
    // The site's offline service worker precaches the whole build (≈ 21 MB) on first visit: only the specs
    // that test it (offline.spec.ts, hosting-base.spec.ts) allow it, so no other test pays for that download.
    serviceWorkers: 'block',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      // Flags that let Chromium run as root on a locked-down machine with no outside network.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        // How V8 compiles, not what runs: each test opens a fresh page that lives for seconds, so optimising
        // compiles in the background were mostly wasted CPU. WebAssembly (QuickJS, Pyodide) by the baseline
        // compiler (Liftoff) only: on playground.spec.ts + playground-python.spec.ts (27 tests, two workers,
        // `perf stat -e task-clock` of the whole run) 188 CPU-seconds became 141, one Python page 13.3 became 7.8.
        // JavaScript no further than the baseline compiler (Sparkplug, --max-opt=1): the axe scans of 22 guides
        // took 85 CPU-seconds with TurboFan and Maglev, 66-69 without; the playground specs stayed at 141-150.
        '--js-flags=--liftoff-only --max-opt=1',
      ],
    },
  },
  // Two projects of the same browser, so that the Python specs start first. Their tests share one context per worker
  // (tests/e2e/support/python-context.ts), so Playwright gives them workers of their own and, in one project, ran
  // them after everything else: the run ended with about 9 s of one worker alone on the longest of them.
  projects: [
    { name: 'chromium-python', testMatch: PYTHON_SPECS, use: { ...devices['Desktop Chrome'], channel: undefined } },
    { name: 'chromium', testIgnore: PYTHON_SPECS, use: { ...devices['Desktop Chrome'], channel: undefined } },
  ],
  webServer: {
    // The built site, served as a static host would serve it (npm run test:e2e builds first).
    command: `node scripts/serve.mjs`,
    env: { PORT: String(port) },
    url: `http://localhost:${port}/`,
    // Only ever test the server this run started (a server already on the port makes the run fail).
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
