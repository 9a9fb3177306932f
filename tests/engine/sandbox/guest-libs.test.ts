import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { GUEST_LIBS, buildGuestLibs } from '../../../scripts/build-guest-libs.mjs';

type Lib = { file: string; pkg: string };

describe('bundled guest libraries (scripts/build-guest-libs.mjs)', () => {
  it('the committed generated files are what the script builds from the installed packages (run `node scripts/build-guest-libs.mjs` when this fails)', async () => {
    const built = (await buildGuestLibs()) as Record<string, string>;
    for (const lib of GUEST_LIBS as Lib[]) {
      const committed = readFileSync(new URL(`../../../src/engine/sandbox/builtins/generated/${lib.file}`, import.meta.url), 'utf8');
      expect(committed, lib.file).toBe(built[lib.file]);
    }
  }, 60_000);

  it('each generated file names its package and the installed version', () => {
    for (const lib of GUEST_LIBS as Lib[]) {
      const version = (JSON.parse(readFileSync(new URL(`../../../node_modules/${lib.pkg}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
      const head = readFileSync(new URL(`../../../src/engine/sandbox/builtins/generated/${lib.file}`, import.meta.url), 'utf8').split('\n')[0];
      expect(head).toContain(`${lib.pkg} ${version}`);
    }
  });
});
