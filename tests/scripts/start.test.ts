/**
 * `npm start` as a person runs it: it ends with what to open first and how to change the port, and
 * stopping it by its process id (what a terminal, a supervisor or `kill <pid>` does) stops the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../e2e/support/port.ts';

const root = resolve(import.meta.dirname, '../..');

/** A tiny built site, so the test neither builds nor touches dist/. */
function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lt-start-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Lambda Triage</title><h1>Lambda Triage</h1>');
  writeFileSync(join(dir, '404.html'), '<!doctype html><title>Page not found</title>');
  writeFileSync(join(dir, '_headers'), '/*\n  X-Content-Type-Options: nosniff\n');
  return dir;
}

/** Resolves with stdout once `pattern` appears in it (or rejects when the process ends first). */
function waitFor(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((done, fail) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (pattern.test(out)) done(out);
    });
    child.on('exit', (code) => fail(new Error(`exited ${code} before ${pattern}: ${out}`)));
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

describe('npm start', () => {
  it('says what to open first and how to change the port; SIGTERM to npm\'s pid stops the server', async () => {
    const port = await findFreePort();
    const env = { ...process.env, PORT: String(port), LAMBDA_TRIAGE_DIST: fakeDist(), PATH: `${join(root, 'node_modules/.bin')}:${process.env['PATH']}` };
    const npm = spawn('npm', ['start', '--silent', '--', '--no-build'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = await waitFor(npm, /Stop: Ctrl\+C/);
    expect(out).toContain(`Lambda Triage is ready at http://localhost:${port}/`);
    expect(out).toContain(`http://localhost:${port}/onboarding/`);
    expect(out).toContain(`http://localhost:${port}/tree/`);
    expect(out).toContain(`http://localhost:${port}/playground/`);
    expect(out).toContain('PORT=8080 npm start');
    expect(await listening(port)).toBe(true);

    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    // The host's configuration file is not a page.
    expect((await fetch(`http://127.0.0.1:${port}/_headers`)).status).toBe(404);

    const exited = new Promise((done) => npm.on('exit', done));
    npm.kill('SIGTERM'); // the pid of `npm start`, not of the node process it runs
    await exited;
    // The server the run started is gone with it.
    let stillUp = true;
    for (let i = 0; i < 50 && stillUp; i++) {
      stillUp = await listening(port);
      if (stillUp) await new Promise((r) => setTimeout(r, 100));
    }
    expect(stillUp).toBe(false);
  }, 60_000);

  it('a port in use gets one line that says how to pick another', async () => {
    const port = await findFreePort();
    const blocker = (await import('node:net')).createServer().listen(port, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const child = spawn(process.execPath, [join(root, 'scripts/start.mjs'), '--no-build'], { cwd: root, env: { ...process.env, PORT: String(port), LAMBDA_TRIAGE_DIST: fakeDist() } });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const code = await new Promise((done) => child.on('exit', done));
      expect(code).toBe(1);
      expect(err.trim()).toBe(`Port ${port} is in use: stop the other server, or start on another port with PORT=8080 npm start.`);
    } finally {
      blocker.close();
    }
  }, 30_000);
});
