/** Where a JSON.parse error points, as a line and column (1-based). Pure. */

/** Find the line and column of a JSON syntax error from the engine's message, or null. */
export function jsonErrorPosition(text: string, message: string): { line: number; column: number } | null {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (pos) {
    const offset = Math.min(Number(pos[1]), text.length);
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
  }
  if (/Unexpected end of JSON input/.test(message)) {
    const lines = text.split('\n');
    return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
  }
  return null;
}
