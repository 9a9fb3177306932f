// Vitest global setup: the unit tests' temporary files go to one folder for the run, removed when it ends. Test
// files and the code they run (the Node runner, the CLI in child processes) make folders in the system's temporary
// folder; a worker that Vitest stops never runs its exit handlers, so without this each run left about 120 behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-triage-tests-'));
  const previous = process.env['TMPDIR'];
  // os.tmpdir() reads TMPDIR on every call, in this process and in the workers and children it starts.
  process.env['TMPDIR'] = dir;
  return () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
