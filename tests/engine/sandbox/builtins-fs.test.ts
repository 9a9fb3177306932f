import { mkdtempSync, rmSync, writeFileSync as hostWrite, mkdirSync as hostMkdir, readFileSync as hostRead, unlinkSync as hostUnlink, readdirSync as hostReaddir, statSync as hostStat } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFunctionConfig } from '../../../src/engine/lambda/function-config.ts';
import { createTmpFs } from '../../../src/engine/sandbox/builtins/tmp-fs.ts';
import { run } from '../helpers.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
/** The message Node's own fs gives for `op` on a real directory (paths swapped back to /tmp). */
function nodeMessage(root: string, op: () => unknown): string {
  try {
    op();
    return 'no error';
  } catch (e) {
    return (e as Error).message.split(root).join('/tmp');
  }
}

describe('the /tmp store (tmp-fs.ts)', () => {
  it('errors match what Node 22 reports for the same operations on a real directory', () => {
    const root = mkdtempSync(join(tmpdir(), 'lt-tmpfs-'));
    try {
      hostWrite(join(root, 'f'), 'x');
      hostMkdir(join(root, 'd'));
      const fs = createTmpFs(1024);
      fs.run('write', '/tmp/f', null, bytes('x'), 0);
      fs.run('mkdir', '/tmp/d', null, null, 0);
      const ours = (op: string, path: string, arg: Record<string, unknown> | null = null) => {
        const r = fs.run(op, path, arg, op === 'write' ? bytes('x') : null, 0);
        if (r.ok) return 'no error';
        const e = r.error;
        return `${e.code}: ${e.description}, ${e.syscall}${e.path === undefined ? '' : ` '${e.path}'`}`;
      };
      expect(ours('read', '/tmp/nope')).toBe(nodeMessage(root, () => hostRead(join(root, 'nope'))));
      expect(ours('read', '/tmp/d')).toBe(nodeMessage(root, () => hostRead(join(root, 'd'))));
      expect(ours('write', '/tmp/a/b')).toBe(nodeMessage(root, () => hostWrite(join(root, 'a/b'), 'x')));
      expect(ours('write', '/tmp/d')).toBe(nodeMessage(root, () => hostWrite(join(root, 'd'), 'x')));
      expect(ours('write', '/tmp/f/x')).toBe(nodeMessage(root, () => hostWrite(join(root, 'f/x'), 'x')));
      expect(ours('mkdir', '/tmp/d')).toBe(nodeMessage(root, () => hostMkdir(join(root, 'd'))));
      expect(ours('mkdir', '/tmp/a/b')).toBe(nodeMessage(root, () => hostMkdir(join(root, 'a/b'))));
      expect(ours('mkdir', '/tmp/f/x', { recursive: true })).toBe(nodeMessage(root, () => hostMkdir(join(root, 'f/x'), { recursive: true })));
      expect(ours('readdir', '/tmp/nope')).toBe(nodeMessage(root, () => hostReaddir(join(root, 'nope'))));
      expect(ours('readdir', '/tmp/f')).toBe(nodeMessage(root, () => hostReaddir(join(root, 'f'))));
      expect(ours('unlink', '/tmp/nope')).toBe(nodeMessage(root, () => hostUnlink(join(root, 'nope'))));
      expect(ours('unlink', '/tmp/d')).toBe(nodeMessage(root, () => hostUnlink(join(root, 'd'))));
      expect(ours('stat', '/tmp/nope')).toBe(nodeMessage(root, () => hostStat(join(root, 'nope'))));
      expect(ours('rm', '/tmp/nope')).toBe(nodeMessage(root, () => rmSync(join(root, 'nope'))));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('counts bytes against its capacity: a write that does not fit fills the space left and fails with ENOSPC (errno -28, syscall write)', () => {
    const fs = createTmpFs(10);
    expect(fs.run('write', '/tmp/a', null, bytes('123456'), 0)).toEqual({ ok: true });
    const r = fs.run('write', '/tmp/b', { append: true }, bytes('abcdef'), 0);
    expect(r).toEqual({ ok: false, error: { code: 'ENOSPC', errno: -28, syscall: 'write', description: 'no space left on device' } });
    expect(fs.usedBytes()).toBe(10);
    // rewriting a file frees its old bytes first; deleting gives the space back
    expect(fs.run('write', '/tmp/a', null, bytes('123456'), 0).ok).toBe(true);
    expect(fs.run('unlink', '/tmp/b', null, null, 0).ok).toBe(true);
    expect(fs.usedBytes()).toBe(6);
    expect(fs.run('write', '/tmp/a', { append: true }, bytes('7890'), 0).ok).toBe(true);
    const read = fs.run('read', '/tmp/a', null, null, 0);
    expect(read.ok && new TextDecoder().decode(read.data)).toBe('1234567890');
  });
});

describe('fs in the sandbox: an in-memory /tmp', () => {
  const HANDLER = [
    "const fs = require('node:fs');",
    "const fsp = require('node:fs/promises');",
    'exports.handler = async (event) => {',
    "  const seen = fs.existsSync('/tmp/state.json') ? JSON.parse(fs.readFileSync('/tmp/state.json', 'utf8')) : null;",
    "  fs.mkdirSync('/tmp/cache/a', { recursive: true });",
    "  fs.writeFileSync('/tmp/state.json', JSON.stringify({ n: (seen ? seen.n : 0) + 1 }));",
    "  fs.appendFileSync('/tmp/cache/log.txt', 'line ' + event.i + '\\n');",
    "  await fsp.writeFile('/tmp/cache/a/bin', Buffer.from([0, 255, 128]));",
    "  const bin = await fsp.readFile('/tmp/cache/a/bin');",
    "  const st = fs.statSync('/tmp/cache/log.txt');",
    '  return { seen, list: fs.readdirSync("/tmp").sort(), cache: fs.readdirSync("/tmp/cache", { withFileTypes: true }).map((d) => d.name + (d.isDirectory() ? "/" : "")),',
    "    log: fs.readFileSync('/tmp/cache/log.txt', 'utf8'), bin: Array.from(bin), size: st.size, isFile: st.isFile(), dir: fs.statSync('/tmp/cache').isDirectory() };",
    '};',
  ].join('\n');

  it('files survive warm invocations and are gone after a cold start', async () => {
    const warm = await run({ 'index.js': HANDLER }, [{ i: 1 }, { i: 2 }]);
    expect(warm.map((r) => r.errorMessage)).toEqual([null, null]);
    const [first, second] = warm.map((r) => r.result as Record<string, unknown>);
    expect(first!['seen']).toBeNull();
    expect(second!['seen']).toEqual({ n: 1 });
    expect(second!['log']).toBe('line 1\nline 2\n');
    expect(second).toMatchObject({ list: ['cache', 'state.json'], cache: ['a/', 'log.txt'], bin: [0, 255, 128], size: 14, isFile: true, dir: true });
    expect(warm[1]!.coldStart).toBe(false);
    const cold = await run({ 'index.js': HANDLER }, [{ i: 3 }]);
    expect((cold[0]!.result as Record<string, unknown>)['seen']).toBeNull();
  });

  it("Node's errors (message, errno, code, syscall, path) through the sync, callback and promise forms; rmSync", async () => {
    const r = await run({
      'index.js': [
        "const fs = require('fs');",
        'const t = (f) => { try { f(); return "no error"; } catch (e) { return [e.message, e.errno, e.code, e.syscall, e.path]; } };',
        'exports.handler = async () => {',
        "  const cb = await new Promise((res) => fs.readFile('/tmp/missing', (err) => res([err.message, err.code])));",
        "  const pr = await fs.promises.stat('/tmp/missing').catch((e) => [e.message, e.code]);",
        "  fs.mkdirSync('/tmp/d'); fs.writeFileSync('/tmp/d/f', 'x');",
        "  const rmDir = t(() => fs.rmSync('/tmp/d'));",
        "  fs.rmSync('/tmp/d', { recursive: true }); fs.rmSync('/tmp/none', { force: true });",
        "  return { cb, pr, rmDir, gone: fs.existsSync('/tmp/d'), read: t(() => fs.readFileSync('/tmp/missing')), mkdir: t(() => fs.mkdirSync('/tmp')),",
        "    quiet: fs.statSync('/tmp/missing', { throwIfNoEntry: false }) };",
        '};',
      ].join('\n'),
    });
    expect(r[0]!.errorMessage).toBeNull();
    expect(r[0]!.result).toEqual({
      cb: ["ENOENT: no such file or directory, open '/tmp/missing'", 'ENOENT'],
      pr: ["ENOENT: no such file or directory, stat '/tmp/missing'", 'ENOENT'],
      rmDir: ['Path is a directory: rm returned EISDIR (is a directory) /tmp/d', 21, 'ERR_FS_EISDIR', 'rm', '/tmp/d'],
      gone: false,
      read: ["ENOENT: no such file or directory, open '/tmp/missing'", -2, 'ENOENT', 'open', '/tmp/missing'],
      mkdir: ["EEXIST: file already exists, mkdir '/tmp'", -17, 'EEXIST', 'mkdir', '/tmp'],
    });
  });

  it("reads the function's own files under /var/task; other paths keep the simulator's not-available error", async () => {
    const r = await run({
      'index.js': [
        "const fs = require('fs'); const path = require('path');",
        'exports.handler = async () => {',
        '  const errs = [];',
        "  for (const f of [() => fs.readFileSync('/etc/passwd'), () => fs.writeFileSync('/var/task/x', 'y'), () => fs.writeFileSync('relative.txt', 'y')]) { try { f(); } catch (e) { errs.push(e.message); } }",
        "  return { own: fs.readFileSync(path.join(__dirname, 'data/config.json'), 'utf8'), list: fs.readdirSync('/var/task').sort(), exists: fs.existsSync('/etc/passwd'), errs };",
        '};',
      ].join('\n'),
      'data/config.json': '{"stage":"prod"}',
    });
    expect(r[0]!.result).toEqual({
      own: '{"stage":"prod"}',
      list: ['data', 'index.js'],
      exists: false,
      errs: [
        'fs.readFileSync() is not available in the Lambda Triage simulator (no network, no file system, no host access).',
        'fs.writeFileSync() is not available in the Lambda Triage simulator (no network, no file system, no host access).',
        'fs.writeFileSync() is not available in the Lambda Triage simulator (no network, no file system, no host access).',
      ],
    });
  });

  it('a full /tmp (512 MB, the default) fails the next write with ENOSPC: no space left on device, write', async () => {
    const r = await run(
      {
        'index.js': [
          "const fs = require('fs');",
          'exports.handler = async () => {',
          '  const chunk = Buffer.alloc(8 * 1024 * 1024, 1);',
          "  for (let i = 0; i < 64; i++) fs.writeFileSync('/tmp/f' + i, chunk);",
          "  try { fs.writeFileSync('/tmp/one-more', 'x'); return 'no error'; } catch (e) { return [e.message, e.errno, e.code, e.syscall, 'path' in e, fs.statSync('/tmp/one-more').size]; }",
          '};',
        ].join('\n'),
      },
      [{}],
      { memoryMB: 1024 },
    );
    expect(r[0]!.result).toEqual(['ENOSPC: no space left on device, write', -28, 'ENOSPC', 'write', false, 0]);
  }, 60_000);
});

describe('ephemeralStorageMB in the function configuration', () => {
  it('defaults to 512 and accepts whole MB from 512 to 10,240', () => {
    const d = parseFunctionConfig({});
    expect(d.ok && d.config.ephemeralStorageMB).toBe(512);
    expect(parseFunctionConfig({ ephemeralStorageMB: 10_240 }).ok).toBe(true);
    for (const bad of [511, 10_241, 1024.5]) {
      const r = parseFunctionConfig({ ephemeralStorageMB: bad });
      expect(r.ok ? 'accepted' : r.error).toBe(`Ephemeral storage (/tmp) must be a whole number of MB from 512 to 10240; got ${bad}.`);
    }
  });
});
