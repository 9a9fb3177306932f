/**
 * The package as a user installs it: `npm pack` (which runs "prepare": the API build into lib/), then
 * `npm install` of the tarball into a throwaway project that has no TypeScript, and plain `.mjs` files that
 * `import { invoke } from 'lambda-triage'` under Node 22: the sandbox (QuickJS's wasm file found from the
 * installed package) and the Node runner (its worker bundled beside the API). The declarations are checked
 * by compiling a TypeScript consumer against the installed package.
 *
 * Slow but needed (a pack, an install and a build: about a minute on 2 CPUs); the install reads the npm
 * cache first and the registry only for what the cache lacks.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.join(import.meta.dirname, '..', '..');
/** The project's Node 22 (the system Node may be older). */
const NODE22 = path.join(REPO, 'node_modules', '.bin', 'node');
/** PATH with the project's Node 22 first, so npm and its scripts run on it. */
const ENV = { ...process.env, PATH: `${path.join(REPO, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_update_notifier: 'false' };

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env: ENV, encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

describe('the packed package, installed into a project without TypeScript', () => {
  it('plain .mjs imports invoke from lambda-triage and runs both runners; the types compile', { timeout: 480_000 }, () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'lt-pack-'));
    // "prepare" (the CLI bundle and the API build) may print before npm's JSON.
    const packOut = run('npm', ['pack', '--json', '--pack-destination', tmp], REPO).stdout;
    const packed = JSON.parse(packOut.slice(packOut.search(/^\[/m))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['lib/api.mjs', 'lib/worker-runtime.mjs', 'lib/types/api.d.ts', 'package.json']));
    expect(files.some((f) => f.startsWith('node_modules/') || f.startsWith('tests/'))).toBe(false);

    const project = path.join(tmp, 'consumer');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    run('npm', ['install', path.join(tmp, packed[0]!.filename), '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], project);
    expect(existsSync(path.join(project, 'node_modules', 'lambda-triage', 'lib', 'api.mjs'))).toBe(true);
    // No TypeScript and no esbuild: the installed package runs from its JavaScript alone.
    expect(readdirSync(path.join(project, 'node_modules')).filter((n) => n === 'typescript' || n === 'esbuild' || n === 'tsx')).toEqual([]);

    writeFileSync(path.join(project, 'handler.mjs'), 'let n = 0;\nexport const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ n: ++n, path: event.path ?? null }) });\nexport const broken = async () => ({ statusCode: 200, body: { not: "a string" } });\n');
    writeFileSync(path.join(project, 'typed-handler.ts'), 'interface Out { total: number }\nexport const handler = async (): Promise<Out> => ({ total: 2 as number });\n');
    writeFileSync(
      path.join(project, 'use.mjs'),
      [
        "import { invoke, FRONT_DOORS } from 'lambda-triage';",
        "const request = { method: 'GET', path: '/orders' };",
        "const sandbox = await invoke({ file: 'handler.mjs', runner: 'sandbox', frontDoor: 'apigw-rest', request, times: 2 });",
        "const node = await invoke({ file: 'handler.mjs', runner: 'node', frontDoor: 'http-api-v2', request });",
        "const broken = await invoke({ file: 'handler.mjs', handler: 'handler.broken', runner: 'sandbox', frontDoor: 'apigw-rest', request });",
        // A TypeScript handler in the sandbox: sucrase, loaded on first use, resolves from the installed package.
        "const typed = await invoke({ file: 'typed-handler.ts', runner: 'sandbox' });",
        'console.log(JSON.stringify({ doors: FRONT_DOORS, sandbox: [sandbox.response.statusCode, sandbox.response.body, sandbox.coldStart], node: [node.response.statusCode, node.response.body, node.outcome], broken: broken.response.statusCode, typed: typed.result }));',
      ].join('\n'),
    );
    const out = run(NODE22, ['use.mjs'], project).stdout.trim().split('\n').pop()!;
    const got = JSON.parse(out) as { doors: string[]; sandbox: [number, string, boolean]; node: [number, string, string]; broken: number; typed: unknown };
    expect(got.typed).toEqual({ total: 2 });
    expect(got.doors).toContain('apigw-rest');
    expect(got.sandbox).toEqual([200, '{"n":2,"path":"/orders"}', false]);
    expect(got.node[0]).toBe(200);
    expect(JSON.parse(got.node[1])).toEqual({ n: 1, path: null }); // HTTP API payload 2.0 has rawPath, not path
    expect(got.node[2]).toBe('success');
    // A body that is an object: API Gateway's 502 for a malformed proxy response.
    expect(got.broken).toBe(502);

    // The shipped declarations: a strict TypeScript consumer compiles against the installed package.
    writeFileSync(
      path.join(project, 'typed.mts'),
      [
        "import { invoke, type InvokeOptions, type InvocationResult } from 'lambda-triage';",
        "const options: InvokeOptions = { file: 'handler.mjs', frontDoor: 'function-url', request: { method: 'POST', path: '/', body: '{}' } };",
        'const r: InvocationResult = await invoke(options);',
        'const status: number = r.response.statusCode;',
        'export { status };',
      ].join('\n'),
    );
    // A wrong use beside it, so the check can fail. One compiler run for both files (tsc's start is most of its cost
    // here): the right file must have no diagnostic, the wrong one both of its refusals.
    writeFileSync(path.join(project, 'wrong.mts'), "import { invoke } from 'lambda-triage';\nawait invoke({ file: 1, frontDoor: 'nope' });\n");
    const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    const checked = spawnSync(NODE22, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', '--typeRoots', path.join(REPO, 'node_modules', '@types'), 'typed.mts', 'wrong.mts'], { cwd: project, encoding: 'utf8' });
    expect(checked.status).not.toBe(0);
    expect(checked.stderr).toBe('');
    // tsc prints `file(line,col): error TSnnnn: …` for each diagnostic, then indented detail lines.
    const diagnostics = checked.stdout.split('\n').filter((line) => /^\S+\(\d+,\d+\): error TS/.test(line));
    expect(diagnostics.filter((line) => !line.startsWith('wrong.mts('))).toEqual([]);
    expect(diagnostics.length).toBeGreaterThanOrEqual(2);
    expect(checked.stdout).toContain("Type '\"nope\"' is not assignable");
    expect(checked.stdout).toContain("Type 'number' is not assignable to type 'string'");
  });
});
