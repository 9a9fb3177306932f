/**
 * The in-process harness of the simulated boto3 tests: Pyodide with src/engine/python/boto3-source.ts on its path
 * and a `_lambda_triage_host` module registered the way the Python executor registers its own (call →
 * world.services, wait_ms → a virtual clock, hang → records the label and stops). Call {@link boto3Harness} at
 * the top of a test file: it loads Pyodide once for the file (beforeAll).
 */
import type { PyodideInterface } from 'pyodide';
import { beforeAll } from 'vitest';
import { createAwsWorld, type AwsWorld } from '../../../src/engine/aws/world.ts';
import { BOTO3_FILES } from '../../../src/engine/python/boto3-source.ts';
import { freshPyodide } from './helpers.ts';

const SITE = '/lt-site-packages';

class HostHang extends Error {}

/** The world, clock and hang labels the registered host module talks to (set by `useWorld`). */
export interface HarnessHost {
  world: AwsWorld | null;
  nowMs: number;
  waits: number[];
  hangs: string[];
}

export interface Boto3Harness {
  host: HarnessHost;
  /** A new simulated world for the next test, with fresh boto3/botocore modules (no default session carried over). */
  useWorld(options: Parameters<typeof createAwsWorld>[0]): AwsWorld;
  /** Runs Python source and returns the value of its last expression converted to JS. */
  run(source: string): unknown;
}

/** A state with one resource per simulated service, as most boto3 tests start from. */
export const STATE = {
  s3: { buckets: { receipts: { 'r1.json': '{"total": 12}' } } },
  dynamodb: { tables: { Orders: { keySchema: { pk: 'id', sk: 'at' }, items: [{ id: 'o1', at: 1, total: 12.5 }, { id: 'o1', at: 2, total: 3 }] } } },
  secretsmanager: { secrets: { 'prod/db': '{"password":"pw"}' } },
  ssm: { parameters: { '/app/url': 'https://example.com' } },
  sqs: { queues: { jobs: [] } },
  sns: { topics: { alerts: [] } },
};

export function boto3Harness(): Boto3Harness {
  let py: PyodideInterface | null = null;
  const host: HarnessHost = { world: null, nowMs: 0, waits: [], hangs: [] };
  const pyodide = (): PyodideInterface => {
    if (!py) throw new Error('Pyodide is not loaded yet: call boto3Harness() at the top of the test file.');
    return py;
  };

  beforeAll(async () => {
    // The executor's loader: restored from the start-up snapshot on disk instead of a full start.
    const loaded = (await freshPyodide()) as unknown as PyodideInterface;
    for (const [path, source] of Object.entries(BOTO3_FILES)) {
      const full = `${SITE}/${path}`;
      loaded.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
      loaded.FS.writeFile(full, source);
    }
    loaded.registerJsModule('_lambda_triage_host', {
      call(name: string, payloadJson: string): string {
        if (!host.world) throw new Error('no world');
        return JSON.stringify(host.world.services(name, JSON.parse(payloadJson), { nowMs: host.nowMs, requestId: 'req-1' }));
      },
      wait_ms(ms: number): void {
        host.waits.push(ms);
        host.nowMs += ms;
      },
      hang(label: string): never {
        host.hangs.push(label);
        throw new HostHang(`hang: ${label}`);
      },
    });
    loaded.runPython(`import sys, os\nsys.path.insert(0, '${SITE}')\nos.environ['AWS_REGION'] = 'us-east-1'`);
    py = loaded;
  }, 120_000);

  return {
    host,
    useWorld(options) {
      host.world = createAwsWorld({ functionName: 'orders', ...options });
      host.nowMs = 0;
      host.waits = [];
      host.hangs = [];
      pyodide().runPython(`import sys\nfor m in [m for m in sys.modules if m == 'boto3' or m.startswith(('boto3.', 'botocore'))]:\n    del sys.modules[m]`);
      return host.world;
    },
    run(source) {
      const v = pyodide().runPython(source) as unknown;
      if (v && typeof v === 'object' && 'toJs' in v) {
        const js = (v as { toJs: (o: object) => unknown }).toJs({ dict_converter: Object.fromEntries });
        (v as { destroy?: () => void }).destroy?.();
        return js;
      }
      return v;
    },
  };
}
