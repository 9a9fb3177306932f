import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.ts';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'lt-cli-url-'));
writeFileSync(join(dir, 'index.mjs'), 'export const handler = async () => ({ statusCode: 200, body: "ok" });');

function run(extra: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  return main(['invoke', join(dir, 'index.mjs'), '--json', ...extra], { out: (s) => out.push(s), err: (s) => err.push(s) }).then((code) => ({ code, out, err }));
}

describe('--url-permissions', () => {
  it('parses the list and checks the front door', () => {
    const p = parseCliArgs(['invoke', 'h.mjs', '--integration', 'function-url', '--url-permissions', 'InvokeFunctionUrl']);
    expect(p.ok && 'args' in p && p.args.urlPermissions).toEqual(['InvokeFunctionUrl']);
    const none = parseCliArgs(['invoke', 'h.mjs', '--integration', 'function-url']);
    expect(none.ok && 'args' in none && none.args.urlPermissions).toBeUndefined();
    const wrongDoor = parseCliArgs(['invoke', 'h.mjs', '--integration', 'alb', '--url-permissions', 'InvokeFunction']);
    expect(!wrongDoor.ok && wrongDoor.error).toMatch(/applies to the function URL/);
    const bad = parseCliArgs(['invoke', 'h.mjs', '--integration', 'function-url', '--url-permissions', 'Invoke']);
    expect(!bad.ok && bad.error).toMatch(/unknown function URL permission "Invoke"/);
  });

  it('a function URL with only InvokeFunctionUrl answers 403 without invoking; with both it answers 200', async () => {
    const only = await run(['--integration', 'function-url', '--url-permissions', 'InvokeFunctionUrl']);
    const onlyReport = JSON.parse(only.out.join('\n')) as { invocations: Array<{ response: { statusCode: number; body: string }; findings: Array<{ code: string }> }> };
    expect(onlyReport.invocations[0]?.response.statusCode).toBe(403);
    expect(onlyReport.invocations[0]?.response.body).toContain('Forbidden. For troubleshooting Function URL authorization issues');
    expect(onlyReport.invocations[0]?.findings.map((f) => f.code)).toContain('LT-NO-INVOKE-PERMISSION');
    const both = await run(['--integration', 'function-url', '--url-permissions', 'InvokeFunctionUrl,InvokeFunction']);
    const bothReport = JSON.parse(both.out.join('\n')) as { invocations: Array<{ response: { statusCode: number } }> };
    expect(bothReport.invocations[0]?.response.statusCode).toBe(200);
  });
});
