// In-house metrics buffer (read-only in this scenario): flushes every 10 seconds in the background.
const buffer = [];
let flusher = null;

export function record(name, value) {
  buffer.push({ name, value });
  flusher ??= setInterval(() => {
    if (buffer.length > 0) console.log(`metrics: flushed ${buffer.splice(0).length} points`);
  }, 10_000);
}
