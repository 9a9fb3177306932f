import { describe, expect, it } from 'vitest';
import { once } from '../helpers.ts';

// Node 22.23 output, captured with `node` on files of the same content: ModuleJob.run adds the hint only
// while the ES module graph evaluates (lib/internal/modules/esm/module_job.js).
const TYPE_MODULE_HINT =
  "\nThis file is being treated as an ES module because it has a '.js' file extension and '/var/task/package.json' contains \"type\": \"module\". To treat it as a CommonJS script, rename it to use the '.cjs' file extension.";

describe('CommonJS globals in an ES module keep Node\'s hint', () => {
  it('module in a .mjs file at init: "in ES module scope"', async () => {
    const r = await once({ 'index.mjs': 'module.exports = 1; export const handler = async () => 1;' });
    expect([r.outcome, r.errorType, r.errorMessage]).toEqual(['init-error', 'ReferenceError', 'module is not defined in ES module scope']);
    const trace = (r.result as { trace: string[] }).trace;
    expect(trace[0]).toBe('ReferenceError: module is not defined in ES module scope');
  });

  it('require at init: "you can use import instead"', async () => {
    const r = await once({ 'index.mjs': 'const fs = require("fs"); export const handler = async () => 1;' });
    expect(r.errorMessage).toBe('require is not defined in ES module scope, you can use import instead');
  });

  it('a .js file of a "type": "module" package adds why it is an ES module', async () => {
    const r = await once({ 'index.js': 'exports.handler = async () => 1;', 'package.json': '{"type":"module"}' });
    expect(r.errorMessage).toBe(`exports is not defined in ES module scope${TYPE_MODULE_HINT}`);
  });

  it('the same error inside a later handler call keeps the plain message', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => module.id;' });
    expect([r.outcome, r.errorMessage]).toEqual(['function-error', 'module is not defined']);
  });
});
