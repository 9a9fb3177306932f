/** The self-hosted Pyodide files: which are copied, where they land under the base, and what the dev server maps. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPyodideFiles, pyodideFileForUrl, pyodidePackageDir } from '../../src/integrations/pyodide.ts';
import { isPyodideBuildPath, PYODIDE_BROWSER_FILES, PYODIDE_VERSION, pyodideIndexPath } from '../../src/worker/pyodide-files.ts';

describe('self-hosted Pyodide', () => {
  it('lives under the base, in a folder named after the installed version', () => {
    const installed = JSON.parse(readFileSync(join(pyodidePackageDir(), 'package.json'), 'utf8')) as { version: string };
    expect(PYODIDE_VERSION).toBe(installed.version);
    expect(pyodideIndexPath('/')).toBe(`/pyodide/${PYODIDE_VERSION}/`);
    expect(pyodideIndexPath('/lambda-triage/', '1.2.3')).toBe('/lambda-triage/pyodide/1.2.3/');
    expect(pyodideIndexPath('/docs')).toBe(`/docs/pyodide/${PYODIDE_VERSION}/`);
  });

  it('copies exactly the browser files into the build, and they are the bulk of the package', () => {
    const out = mkdtempSync(join(tmpdir(), 'lt-pyodide-'));
    const bytes = copyPyodideFiles(pyodidePackageDir(), out);
    const dir = join(out, 'pyodide', PYODIDE_VERSION);
    expect(readdirSync(dir).sort()).toEqual([...PYODIDE_BROWSER_FILES].sort());
    const wasm = statSync(join(dir, 'pyodide.asm.wasm')).size;
    expect(wasm).toBeGreaterThan(5_000_000);
    expect(bytes).toBeGreaterThan(wasm + 2_000_000);
    expect(bytes).toBeLessThan(20 * 1024 * 1024);
  });

  it('names the missing file when the package lacks one', () => {
    const empty = mkdtempSync(join(tmpdir(), 'lt-pyodide-empty-'));
    expect(() => copyPyodideFiles(empty, mkdtempSync(join(tmpdir(), 'lt-out-')))).toThrow(/node_modules\/pyodide has no pyodide\.mjs/);
  });

  it('maps dev-server URLs under the base to package files, and nothing else', () => {
    expect(pyodideFileForUrl(`/lambda-triage/pyodide/${PYODIDE_VERSION}/pyodide.asm.wasm`, '/lambda-triage/')).toBe('pyodide.asm.wasm');
    expect(pyodideFileForUrl(`/pyodide/${PYODIDE_VERSION}/python_stdlib.zip?x=1`, '/')).toBe('python_stdlib.zip');
    expect(pyodideFileForUrl(`/pyodide/${PYODIDE_VERSION}/package.json`, '/')).toBeNull();
    expect(pyodideFileForUrl(`/pyodide/${PYODIDE_VERSION}/../../etc/passwd`, '/')).toBeNull();
    expect(pyodideFileForUrl(`/pyodide/0.0.1/pyodide.mjs`, '/')).toBeNull();
    expect(pyodideFileForUrl(`/pyodide/${PYODIDE_VERSION}/pyodide.mjs`, '/lambda-triage/')).toBeNull();
  });

  it('tells the offline worker which built paths are Pyodide (left out of the precache)', () => {
    expect(isPyodideBuildPath(`pyodide/${PYODIDE_VERSION}/pyodide.asm.wasm`)).toBe(true);
    expect(isPyodideBuildPath('_astro/engine.worker.js')).toBe(false);
    expect(isPyodideBuildPath('guides/pyodide/index.html')).toBe(false);
  });
});
