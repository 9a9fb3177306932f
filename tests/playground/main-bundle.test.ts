import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The playground page's own script must stay small: the simulator (QuickJS sandbox, acorn, sucrase, the
// simulated AWS SDK, the Python bootstrap) belongs to the engine worker, which the page starts on demand.
// One import of the scenarios index once pulled all of it into the page's main bundle (≈ 520 KB minified),
// costing Lighthouse's mobile run about half a second of main-thread work.

/** Inputs of the bundle's entry chunk (dynamic imports become chunks of their own and are not counted). */
async function entryInputs(): Promise<{ inputs: string[]; bytes: number; text: string }> {
  const result = await build({
    entryPoints: ['src/playground/playground.ts'],
    bundle: true,
    format: 'esm',
    minify: true,
    splitting: true,
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // Vite-only imports (workers, raw text, asset URLs) and Monaco are outside this question.
    external: ['monaco-editor', 'monaco-editor/*', '*.css', '*?raw', '*?url', '*&url', '*?worker', '*&worker', 'astro:*'],
  });
  const entry = Object.values(result.metafile.outputs).find((o) => o.entryPoint === 'src/playground/playground.ts');
  if (!entry) throw new Error('esbuild produced no entry chunk for the playground');
  const file = result.outputFiles.find((f) => f.path.endsWith(`/${Object.keys(result.metafile.outputs).find((k) => result.metafile.outputs[k] === entry)}`));
  return { inputs: Object.keys(entry.inputs), bytes: entry.bytes, text: file?.text ?? '' };
}

describe('the playground page script', () => {
  it('does not bundle the engine worker\'s code (sandbox, executors, SDK, Python, acorn, sucrase)', async () => {
    const { inputs } = await entryInputs();
    const workerOnly = inputs.filter((path) =>
      /^src\/engine\/(sandbox|executor|python|aws|lambda\/simulated-function|index\.ts)|node_modules\/(acorn|sucrase|quickjs-emscripten|@jitl)\//.test(path),
    );
    expect(workerOnly).toEqual([]);
  }, 60_000);

  it('stays under 200 KB minified before compression', async () => {
    const { bytes } = await entryInputs();
    expect(bytes).toBeLessThan(200 * 1024);
  }, 60_000);

  // The first Intl call (toLocaleString, Intl.NumberFormat…) builds ICU's formatter on the main thread: 155 ms
  // under Lighthouse's 4× throttling, which the page paid when it showed its first result. format.ts groups
  // digits by hand instead.
  it('makes no Intl or toLocale* call', async () => {
    const { text } = await entryInputs();
    expect(text.length).toBeGreaterThan(10_000);
    expect(text.match(/\btoLocale\w*String\b|\bIntl\./g) ?? []).toEqual([]);
  }, 60_000);
});
