// Figures of the Node runner (`--runner node`): wall time of a trivial invocation (cold and warm), of a
// 300 s timeout on the virtual clock, and of a 1 s runaway loop stopped by the runner's guard. Prints
// figures only. Run alone: `node scripts/bench-node-runner.mjs`; `npm run bench` runs it too.
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** Median of a list of numbers. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The figures: `{ name, value, unit }[]`. */
export async function benchNodeRunner() {
  const { createSimulator } = await import(`${repo}src/engine/index.ts`);
  const { createNodeExecutor } = await import(`${repo}src/cli/node-runner/node-executor.ts`);
  const out = [];
  const run = async (config, files, events) => {
    const fn = createSimulator({ executor: createNodeExecutor() }).createFunction(config, files);
    const times = [];
    const records = [];
    try {
      for (const e of events) {
        const t = performance.now();
        records.push(await fn.invoke(e));
        times.push(performance.now() - t);
      }
    } finally {
      fn.dispose();
    }
    return { times, records };
  };
  const trivial = { 'index.mjs': 'export const handler = async (e) => ({ ok: true, e });' };
  const cold = [];
  const warm = [];
  for (let i = 0; i < 5; i++) {
    const { times } = await run({}, trivial, [{}, {}, {}]);
    cold.push(times[0]);
    warm.push(median(times.slice(1)));
  }
  out.push({ name: 'trivial invocation, cold (new worker), median of 5', value: median(cold), unit: 'ms' });
  out.push({ name: 'trivial invocation, warm, median of 5', value: median(warm), unit: 'ms' });
  const sleepy = { 'index.mjs': 'export const handler = async () => { await new Promise((r) => setTimeout(r, 600_000)); };' };
  const t = await run({ timeoutSeconds: 300 }, sleepy, [{}]);
  out.push({ name: '300 s virtual timeout (cold), wall time', value: t.times[0], unit: 'ms' });
  out.push({ name: '  reported Duration', value: t.records[0].durationMs, unit: 'ms' });
  const loop = { 'index.mjs': 'export const handler = async () => { for (;;) {} };' };
  const l = await run({ timeoutSeconds: 1 }, loop, [{}]);
  out.push({ name: '1 s timeout of a busy loop (runaway guard), wall', value: l.times[0], unit: 'ms' });
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const { name, value, unit } of await benchNodeRunner()) {
    console.log(`${name.padEnd(52)} ${value.toLocaleString('en-US', { maximumFractionDigits: 1 }).padStart(10)} ${unit}`);
  }
  process.exit(0);
}
