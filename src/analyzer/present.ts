/**
 * Plain functions that turn what `diagnose()` returns into what the /analyze/ page shows: evidence and
 * next steps without repeats, a confidence in words instead of a score, and, for a timeout, the last
 * line the function logged before Lambda stopped it. No DOM here, so tests run them directly.
 */
import type { CauseFinding, Evidence } from '../engine/analyzer/index.ts';

/** A finding as the page shows it. */
export interface PresentedFinding {
  finding: CauseFinding;
  /** Evidence with one entry per pasted line (a line several signatures matched is listed once). */
  evidence: Evidence[];
  /** Next steps not already listed for this cause or a cause above it. */
  next: string[];
  /** The confidence in words, with how many lines support it. */
  strength: string;
}

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').replace(/[.\s]+$/, '').toLowerCase();

/**
 * Removes repeats: the same pasted line listed twice under one cause, and a next step already listed
 * under the same cause or a cause ranked above it. Keeps the engine's order.
 */
export function presentFindings(findings: readonly CauseFinding[]): PresentedFinding[] {
  const shownSteps = new Set<string>();
  return findings.map((finding) => {
    const lines = new Set<number>();
    const evidence = finding.evidence.filter((e) => {
      if (lines.has(e.lineNumber)) return false;
      lines.add(e.lineNumber);
      return true;
    });
    const next: string[] = [];
    for (const step of finding.next) {
      const key = normalise(step);
      if (shownSteps.has(key)) continue;
      shownSteps.add(key);
      next.push(step);
    }
    return { finding, evidence, next, strength: describeStrength(finding.confidence, evidence.length) };
  });
}

/** "Strong evidence: 2 lines of your paste point to this cause." */
export function describeStrength(confidence: CauseFinding['confidence'], lines: number): string {
  const words = confidence === 'high' ? 'Strong evidence' : confidence === 'medium' ? 'Some evidence' : 'Weak evidence';
  return `${words}: ${lines} line${lines === 1 ? '' : 's'} of your paste ${lines === 1 ? 'points' : 'point'} to this cause.`;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
// Lines the Lambda platform writes, not the function: START/END/REPORT and the INIT_/EXTENSION/RESTORE
// phase lines (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html), and in
// JSON log format the "platform.*" events (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html).
const PLATFORM_TEXT = /^(?:\S+\s+)?(?:START|END|REPORT|INIT_START|INIT_REPORT|INIT_RUNTIME_DONE|EXTENSION|TELEMETRY|RESTORE_START|RESTORE_REPORT)\b/;
const PLATFORM_JSON = /"type"\s*:\s*"platform\./;
const TIMEOUT_LINE = /Task timed out after|Sandbox\.Timedout|Status: timeout\b|"status"\s*:\s*"timeout"/;
const START_LINE = /\bSTART RequestId:|"type"\s*:\s*"platform\.start"/;

/** The last line the function itself logged before a timeout, as found by {@link findLastLogBeforeTimeout}. */
export interface LastLogLine {
  /** 1-based line number in the paste. */
  lineNumber: number;
  /** The message part of the line (without the timestamp, request id and level prefix). */
  message: string;
}

/** The message of a function log line: the `message` of a JSON line, or the text after "time, request id, level". */
export function logMessage(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value = JSON.parse(trimmed) as Record<string, unknown>;
      const message = value['message'] ?? value['msg'];
      if (typeof message === 'string') return message;
      if (message !== undefined) return JSON.stringify(message);
    } catch {
      // not JSON after all: fall through
    }
  }
  // The Node.js runtime's text format: timestamp, request id, level, message, separated by tabs
  // (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html).
  const text = trimmed.match(/^\S+\s+[0-9a-f-]{36}\s+(?:INFO|WARN|ERROR|DEBUG|TRACE|FATAL)\s+(.*)$/is);
  return (text?.[1] ?? trimmed).trim();
}

/**
 * Walks back from the first timeout line of the paste (`lines` is the paste split in lines, numbers are
 * 1-based) to the last line the function logged in the same invocation: platform lines are skipped,
 * lines of another request id are skipped, and the invocation's START line ends the search. Returns null
 * when there is no timeout line or the function logged nothing before it.
 */
export function findLastLogBeforeTimeout(lines: readonly string[], timeoutLineNumber?: number): LastLogLine | null {
  const at = timeoutLineNumber ?? lines.findIndex((l) => TIMEOUT_LINE.test(l)) + 1;
  if (at < 1 || at > lines.length) return null;
  const requestId = lines[at - 1]!.match(UUID)?.[0]?.toLowerCase();
  for (let n = at - 1; n >= 1; n--) {
    const line = lines[n - 1]!;
    if (!line.trim()) continue;
    const id = line.match(UUID)?.[0]?.toLowerCase();
    if (START_LINE.test(line)) {
      if (!requestId || !id || id === requestId) return null;
      continue;
    }
    if (requestId && id && id !== requestId) continue;
    if (PLATFORM_TEXT.test(line) || PLATFORM_JSON.test(line) || TIMEOUT_LINE.test(line)) continue;
    const message = logMessage(line);
    if (message) return { lineNumber: n, message };
  }
  return null;
}
