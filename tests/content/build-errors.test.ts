// A content file with a mistake must fail the build with a message that names the file, the field
// and what to do. These tests break a copy of the content and run `astro sync` on it.
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

const repo = new URL('../../', import.meta.url).pathname;
const copies: string[] = [];

/** Copies the site's sources to a temp folder, applies `edit`, runs `astro sync`, returns its output. */
function syncWith(edit: (dir: string) => void): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lt-content-'));
  copies.push(dir);
  for (const item of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'content', 'public']) {
    cpSync(join(repo, item), join(dir, item), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  edit(dir);
  // Astro's own script on this Node (process.execPath), not through its `#!/usr/bin/env node` line, which
  // would pick whatever Node is first on PATH (an older system Node fails before the content is read).
  const result = spawnSync(process.execPath, [join(repo, 'node_modules/astro/bin/astro.mjs'), 'sync'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('content mistakes fail the build with a useful message', () => {
  it('a wrong bucket in causes.yaml names the file, the entry, the field and the valid values', () => {
    const { status, output } = syncWith((dir) => {
      const file = join(dir, 'content/causes.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('bucket: runtime', 'bucket: runtim'));
    });
    expect(status).not.toBe(0);
    expect(output).toContain('causes.yaml');
    expect(output).toContain('timeout');
    expect(output).toContain('bucket must be one of "function", "runtime", "integration"');
  }, 60_000);

  it('an unknown cause id in a guide names the guide and lists the valid ids', () => {
    const { status, output } = syncWith((dir) => {
      const file = join(dir, 'content/docs/guides/how-a-lambda-500-happens.mdx');
      writeFileSync(file, readFileSync(file, 'utf8').replace('causes: []', 'causes: [timeouts]'));
    });
    expect(status).not.toBe(0);
    expect(output).toContain('how-a-lambda-500-happens');
    expect(output).toContain('"timeouts" is not a cause id');
    expect(output).toContain('"timeout"');
  }, 60_000);
});
