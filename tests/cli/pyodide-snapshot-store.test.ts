/**
 * Pyodide's start-up snapshot kept on disk (src/cli/python-project.ts): the file store, the key, and a real
 * Pyodide restored in a second process from the snapshot the first one wrote.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadPyodideWithSnapshots } from '../../src/engine/python/pyodide-loader.ts';
import { decodeStoredSnapshot } from '../../src/engine/python/pyodide-loader.ts';
import { createFileSnapshotStore, createStoredSnapshotPyodideLoader, pyodideSnapshotDir, pyodideSnapshotKey } from '../../src/cli/python-project.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lt-pyodide-snapshot-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** `loadPyodide` that records which kind of load each call was. */
function recordingLoad(calls: string[]): LoadPyodideWithSnapshots {
  return (options) => {
    calls.push(options?._loadSnapshot ? 'restore' : options?._makeSnapshot ? 'start with snapshot' : 'start');
    return loadPyodide(options);
  };
}

describe('createFileSnapshotStore', () => {
  it('reads null before the first write, then the bytes written; leaves no temporary file', async () => {
    const dir = tempDir();
    const store = createFileSnapshotStore(join(dir, 'sub', 'a.snapshot'));
    expect(await store.read()).toBeNull();
    await store.write(new Uint8Array([1, 2, 3]));
    await store.write(new Uint8Array([4, 5, 6, 7]));
    expect(Array.from((await store.read())!)).toEqual([4, 5, 6, 7]);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['a.snapshot']);
  });

  it('in a folder it cannot create (a read-only install), writes nothing and throws nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'not a folder');
    const store = createFileSnapshotStore(join(dir, 'file', 'pyodide', 'a.snapshot'));
    await expect(store.write(new Uint8Array([1]))).resolves.toBeUndefined();
    expect(await store.read()).toBeNull();
  });

  it('deletes snapshots and unfinished writes older than an hour when it writes, and keeps recent ones', async () => {
    const dir = tempDir();
    const old = Date.now() / 1000 - 2 * 3600;
    for (const name of ['pyodide-old.snapshot', 'pyodide-old.snapshot.123-ab.tmp', 'pyodide-recent.snapshot', 'notes.txt']) writeFileSync(join(dir, name), 'x');
    utimesSync(join(dir, 'pyodide-old.snapshot'), old, old);
    utimesSync(join(dir, 'pyodide-old.snapshot.123-ab.tmp'), old, old);
    utimesSync(join(dir, 'notes.txt'), old, old);
    await createFileSnapshotStore(join(dir, 'pyodide-new.snapshot')).write(new Uint8Array([1]));
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'pyodide-new.snapshot', 'pyodide-recent.snapshot']);
  });
});

describe('pyodideSnapshotKey and pyodideSnapshotDir', () => {
  it('the key names the installed Pyodide version, the Node.js major version and the time zone', () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'node_modules/pyodide/package.json'), 'utf8')) as { version: string };
    const key = pyodideSnapshotKey();
    expect(key).toContain(`pyodide ${version}\n`);
    expect(key).toContain(`node ${process.versions.node.split('.')[0]}\n`);
    expect(key).toContain(`time zone ${Intl.DateTimeFormat().resolvedOptions().timeZone}\n`);
  });

  it('the folder is node_modules/.cache/lambda-triage/pyodide/ beside the installed pyodide package', () => {
    expect(pyodideSnapshotDir()).toBe(join(REPO, 'node_modules', '.cache', 'lambda-triage', 'pyodide'));
  });
});

describe('a stored snapshot in a second process', () => {
  it('the first loader starts Pyodide and writes the snapshot; another process restores from it (no start) and runs Python', async () => {
    const dir = tempDir();
    const calls: string[] = [];
    const first = await createStoredSnapshotPyodideLoader(recordingLoad(calls), { dir })();
    expect(first.runPython('6 * 7')).toBe(42);
    // SNAPSHOT_PREPARE_SOURCE ran before the snapshot; a plain start has not imported the module.
    expect(first.runPython("import sys\n'_pydatetime' in sys.modules")).toBe(true);
    expect((await loadPyodide()).runPython("import sys\n'_pydatetime' in sys.modules")).toBe(false);
    expect(calls).toEqual(['start with snapshot']);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(decodeStoredSnapshot(readFileSync(join(dir, files[0]!)), pyodideSnapshotKey())).not.toBeNull();

    const child = `
      import { loadPyodide } from 'pyodide';
      import { createStoredSnapshotPyodideLoader } from './src/cli/python-project.ts';
      const calls = [];
      const load = (o) => { calls.push(o?._loadSnapshot ? 'restore' : o?._makeSnapshot ? 'start with snapshot' : 'start'); return loadPyodide(o); };
      const py = await createStoredSnapshotPyodideLoader(load, { dir: ${JSON.stringify(dir)} })();
      const out = py.runPython("import json, re, sys\\njson.dumps({'sum': sum(range(10)), 'word': re.sub('[aeiou]', '', 'snapshot'), 'prepared': '_pydatetime' in sys.modules})");
      console.log(JSON.stringify({ calls, out }));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '--disable-warning=ExperimentalWarning', '-e', child], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toEqual({ calls: ['restore'], out: '{"sum": 45, "word": "snpsht", "prepared": true}' });
    // Restoring wrote nothing new.
    expect(readdirSync(dir)).toEqual(files);
  }, 90_000);
});
