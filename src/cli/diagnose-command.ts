/**
 * `lambda-triage diagnose [FILE|-] [--json]`: read log text (a file, or stdin with `-`), run the log
 * analyzer with the signatures in content/signatures.yaml, and print the likely causes best first.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { diagnose, type Diagnosis } from '../engine/analyzer/index.ts';
import { parseSignaturesYaml } from '../schemas/signature.ts';
import type { Io } from './invoke-command.ts';

/** Usage of the diagnose command. */
export const DIAGNOSE_USAGE = `Usage: lambda-triage diagnose [FILE|-] [--json]

Reads CloudWatch lines (text or JSON format), Invoke output, console test output, API Gateway execution
or access logs, ALB access-log entries, Step Functions task errors or a client's error response (from FILE,
or stdin when FILE is - or missing) and prints the likely causes. When nothing is decisive it answers
unknown and says what to collect next.

Options:
  --json        Print { "causes": [ { "cause", "score", "evidence": [ { "line", "signature" } ] } ] }
  -h, --help    Show this help
`;

/** Where the signatures live, relative to this file. */
const SIGNATURES_URL = new URL('../../content/signatures.yaml', import.meta.url);

/** I/O for diagnose: the CLI's Io plus a stdin reader (injected by tests). */
export interface DiagnoseIo extends Io {
  readStdin?: () => Promise<string>;
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The JSON document `--json` prints. */
export function toJsonReport(d: Diagnosis) {
  return {
    causes: d.causes.map((c) => ({
      cause: c.cause,
      score: c.score,
      confidence: c.confidence,
      explanation: c.explanation,
      next: c.next,
      evidence: c.evidence.map((e) => ({ line: e.line, lineNumber: e.lineNumber, signature: e.signature, source: e.source })),
    })),
    ...(d.unknown ? { unknown: { next: d.unknown.next, leads: d.unknown.leads.map((l) => ({ cause: l.cause, score: l.score })) } } : {}),
    stats: d.stats,
  };
}

/** Human-readable report. */
export function formatReport(d: Diagnosis): string {
  const out: string[] = [];
  if (d.stats.truncated) out.push('Note: the input was longer than the analyzer reads; only its beginning was analysed.', '');
  if (d.causes.length === 0) {
    out.push('No decisive evidence found (unknown).');
    if (d.unknown?.leads.length) out.push(`Weak leads: ${d.unknown.leads.map((l) => `${l.cause} (${l.score})`).join(', ')}`);
    out.push('', 'Collect next:');
    for (const n of d.unknown?.next ?? []) out.push(`  - ${n}`);
    return out.join('\n');
  }
  d.causes.forEach((c, i) => {
    out.push(`${i + 1}. ${c.cause}  score ${c.score} (${c.confidence} confidence)`);
    out.push(`   ${c.explanation}`);
    out.push('   Evidence:');
    for (const e of c.evidence) {
      const line = e.line.length > 160 ? `${e.line.slice(0, 160)}…` : e.line;
      out.push(`     line ${e.lineNumber} [${e.signature}]: ${line.replace(/\t/g, ' ')}`);
    }
    out.push('   Next:');
    for (const n of c.next) out.push(`     - ${n}`);
    out.push(`   Guide: /guides/${c.cause}/   Tree: /tree/${c.cause}/`, '');
  });
  return out.join('\n').trimEnd();
}

/** Run `diagnose` with its arguments (after the command name). Exit 0 after an analysis, 2 on bad usage or input. */
export async function runDiagnose(argv: string[], io: DiagnoseIo): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    }));
  } catch (e) {
    const { describeParseArgsError } = await import('./args.ts');
    io.err(`lambda-triage: ${describeParseArgsError(e, 'diagnose')}`);
    return 2;
  }
  if (values.help) {
    io.out(DIAGNOSE_USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    io.err(`lambda-triage: diagnose takes one file, got "${positionals[1]}" as well`);
    return 2;
  }
  const file = positionals[0] ?? '-';
  let text: string;
  try {
    text = file === '-' ? await (io.readStdin ?? readAllStdin)() : await readFile(file, 'utf8');
  } catch (e) {
    io.err(`lambda-triage: cannot read ${file === '-' ? 'stdin' : file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return 2;
  }
  const signatures = parseSignaturesYaml(await readFile(SIGNATURES_URL, 'utf8'));
  if (!signatures.ok) {
    io.err(`lambda-triage: ${signatures.error}`);
    return 2;
  }
  const result = diagnose(text, signatures.value);
  io.out(values.json ? JSON.stringify(toJsonReport(result), null, 2) : formatReport(result));
  return 0;
}
