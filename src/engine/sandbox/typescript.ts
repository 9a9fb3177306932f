/**
 * TypeScript in the function's files: `.ts`, `.mts` and `.cts` sources have their types stripped by
 * sucrase (https://github.com/alangpierce/sucrase, `transforms: ['typescript']`, ES syntax kept as it is)
 * before the usual preparation (`user-source.ts`). The result stands for the JavaScript a build step
 * (tsc, esbuild, CDK's NodejsFunction) would put in the deployment package; AWS Lambda itself runs
 * only JavaScript (https://docs.aws.amazon.com/lambda/latest/dg/lambda-typescript.html).
 *
 * Why sucrase: it only strips (no type checking, no down-levelling), keeps every line where it was, and is
 * small enough for the Web Worker. Measured: sucrase 3.35 bundled alone with esbuild 0.28 (`--bundle
 * --minify --platform=browser`) is 206 KB (47.5 KB gzipped) added to the worker bundle; stripping 1 MB of
 * TypeScript took 1.4-1.6 s warm with its source map on a 2-core machine at load average 17 (other test runs),
 * so far less on an idle one; `scripts/bench-engine.ts` prints the figure for the machine it runs on.
 *
 * Lines never move; columns do (removed annotations), so sucrase's token-level source map gives the
 * way back: stack frames and error positions name the line and column the user wrote in
 * `/var/task/app.ts`. What does not work: `declare`-only constructs are dropped as tsc drops them,
 * decorators are refused (sucrase needs a separate transform for them), and `import x = require()` in an
 * ES module gives `const x = require(…)`, which fails there as it would after `tsc` with ES output.
 */
import { transform } from 'sucrase';
import { prepareUserSource, type PreparedSource, type SourceKind } from './user-source.ts';

/** Stripped JavaScript with its column maps, or the syntax error sucrase found. */
export type StrippedSource =
  | {
      ok: true;
      /** The JavaScript (same line count as the TypeScript). */
      code: string;
      /** 1-based column in the JavaScript → column in the TypeScript on the same 1-based line. */
      toSource(line: number, column: number): number;
      /** 1-based column in the TypeScript → column in the JavaScript on the same line. */
      toGenerated(line: number, column: number): number;
    }
  | { ok: false; message: string; line: number; column: number };

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decode one source-map `mappings` line into [generatedColumn, sourceColumn] pairs (0-based). */
function decodeLine(text: string, state: { src: number; line: number; col: number }): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  let gen = 0;
  for (const seg of text.split(',')) {
    if (seg === '') continue;
    const vals: number[] = [];
    let value = 0;
    let shift = 0;
    for (const ch of seg) {
      const digit = VLQ.indexOf(ch);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        vals.push(value & 1 ? -(value >> 1) : value >> 1);
        value = 0;
        shift = 0;
      }
    }
    gen += vals[0] ?? 0;
    if (vals.length >= 4) {
      state.src += vals[1]!;
      state.line += vals[2]!;
      state.col += vals[3]!;
      out.push([gen, state.line, state.col]);
    }
  }
  return out;
}

/** Map `column` through sorted anchor pairs (from → to), keeping the offset inside the anchor's token. */
function through(pairs: Array<[number, number]>, column: number, limit: Array<[number, number]>): number {
  const c = column - 1;
  let lo = -1;
  for (let i = 0; i < pairs.length && pairs[i]![0] <= c; i++) lo = i;
  if (lo < 0) return column;
  const [from, to] = pairs[lo]!;
  let out = to + (c - from);
  // do not run past the next anchor's target (text removed between two tokens)
  const next = limit.find(([f]) => f > to);
  if (next && out >= next[0]) out = next[0] - 1 < to ? to : next[0] - 1;
  return out + 1;
}

/** Strip the types of a TypeScript source. `path` names the file in sucrase's messages. */
export function stripTypeScript(source: string, path: string): StrippedSource {
  let result: { code: string; sourceMap?: { mappings: string } };
  try {
    result = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      filePath: path,
      sourceMapOptions: { compiledFilename: path.replace(/\.(m|c)?ts$/, '.$1js') },
    }) as { code: string; sourceMap?: { mappings: string } };
  } catch (e) {
    const loc = (e as { loc?: { line?: unknown; column?: unknown } }).loc;
    const raw = e instanceof Error ? e.message : String(e);
    const message = raw.replace(/^Error transforming [^:]*: /, '').replace(/ \(\d+:\d+\)$/, '');
    return {
      ok: false,
      message,
      line: typeof loc?.line === 'number' ? loc.line : 1,
      column: typeof loc?.column === 'number' ? loc.column + 1 : 1,
    };
  }
  // Per line: generated → source anchors and the reverse, both sorted.
  const forward = new Map<number, Array<[number, number]>>();
  const backward = new Map<number, Array<[number, number]>>();
  const state = { src: 0, line: 0, col: 0 };
  (result.sourceMap?.mappings ?? '').split(';').forEach((text, genLine) => {
    const segs = decodeLine(text, state).filter(([, srcLine]) => srcLine === genLine);
    if (segs.length === 0) return;
    forward.set(genLine + 1, segs.map(([g, , s]) => [g, s] as [number, number]).sort((a, b) => a[0] - b[0]));
    backward.set(genLine + 1, segs.map(([g, , s]) => [s, g] as [number, number]).sort((a, b) => a[0] - b[0]));
  });
  // sucrase's map goes wrong after a template literal with a substitution: every later segment keeps one source
  // column (measured with sucrase 3.35: `${JSON.stringify(e)}` on line 2 maps all of line 3 to column 57). So the map is
  // the last resort: a line sucrase left as it was maps to itself, and a line it only shortened (annotations removed)
  // maps character by character (alignLine).
  const sourceLines = source.split('\n');
  const generatedLines = result.code.split('\n');
  const aligned = new Map<number, number[] | null>();
  const alignment = (line: number): number[] | null => {
    if (!aligned.has(line)) aligned.set(line, alignLine(generatedLines[line - 1] ?? '', sourceLines[line - 1] ?? ''));
    return aligned.get(line) ?? null;
  };
  return {
    ok: true,
    code: result.code,
    toSource: (line, column) => {
      const a = alignment(line);
      if (!a) return through(forward.get(line) ?? [], column, backward.get(line) ?? []);
      if (column - 1 < a.length) return (a[column - 1] as number) + 1;
      // past the end of the line: keep the distance from its end
      return column + ((sourceLines[line - 1] ?? '').length - (generatedLines[line - 1] ?? '').length);
    },
    toGenerated: (line, column) => {
      const a = alignment(line);
      if (!a) return through(backward.get(line) ?? [], column, forward.get(line) ?? []);
      const i = a.findIndex((src) => src >= column - 1);
      return i < 0 ? column - ((sourceLines[line - 1] ?? '').length - (generatedLines[line - 1] ?? '').length) : i + 1;
    },
  };
}

/**
 * Where each character of a stripped line comes from in the TypeScript line (0-based source columns), when the
 * stripped line is the TypeScript line with parts removed (types, `as T`, `!`, type parameters); null when it is not
 * (sucrase inserted text: parameter properties, enums). Matching is leftmost: the first source character equal to
 * the next stripped one. A line left unchanged maps to itself.
 */
function alignLine(generated: string, source: string): number[] | null {
  const map: number[] = [];
  let s = 0;
  for (let g = 0; g < generated.length; g++) {
    while (s < source.length && source[s] !== generated[g]) s++;
    if (s >= source.length) return null;
    map.push(s++);
  }
  return map;
}

/** A prepared TypeScript file: also maps columns of the stripped JavaScript (await sites) to the TypeScript. */
export interface TypeScriptPreparedSource extends PreparedSource {
  /** 1-based column in the stripped JavaScript → column in the TypeScript on the same line. */
  sourceColumn(line: number, column: number): number;
}

/**
 * Prepare a TypeScript file for QuickJS: strip the types, prepare the JavaScript as any user file, and
 * map every position back to the TypeScript. A syntax error becomes code that throws a `SyntaxError`
 * naming the file, line and column, which the runtime reports as `Runtime.UserCodeSyntaxError` (as it
 * does for JavaScript). The message layout is ILLUSTRATIVE: on AWS the build step reports it, not Lambda.
 */
export function prepareTypeScriptSource(source: string, kind: SourceKind, path: string): TypeScriptPreparedSource {
  const stripped = stripTypeScript(source, path);
  if (!stripped.ok) {
    const text = `${stripped.message} (${path}:${stripped.line}:${stripped.column})`;
    const thrower = `throw new SyntaxError(${JSON.stringify(text)});`;
    return { ...prepareUserSource(thrower, kind, path), sourceColumn: (_line, column) => column };
  }
  const inner = prepareUserSource(stripped.code, kind, path);
  return {
    code: inner.code,
    transformed: inner.transformed,
    frame(line, column, top) {
      const f = inner.frame(line, column, top);
      if (f.synthetic) return f;
      return { ...f, column: stripped.toSource(f.line, f.column), rawColumn: stripped.toSource(f.line, f.rawColumn) };
    },
    generatedColumn: (line, column) => inner.generatedColumn(line, stripped.toGenerated(line, column)),
    original: (text) => inner.original(text),
    // Positions recorded by the transform itself (await sites) are in the JavaScript already.
    functionAtPosition: (line, column) => inner.functionAtPosition(line, column),
    sourceColumn: (line, column) => stripped.toSource(line, column),
    locate: (text) => inner.locate(text),
    v8Column: (line, column, k, name) => inner.v8Column(line, column, k, name),
  };
}
