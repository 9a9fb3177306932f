/**
 * The streamed part of `lambda-triage invoke` with `--invoke-mode RESPONSE_STREAM`, `--response-transfer-mode
 * STREAM` or `--invoke-with-response-stream`: the report entry's `stream` object (`--json`) and the lines
 * printed after the caller's response. Pure functions: no I/O.
 */
import type { StreamingRun, StreamEnd } from '../engine/streaming/streaming-front-door.ts';
import type { CliInvocationReport } from './report.ts';

/** What the caller received through a streaming front door, as the CLI reports it. */
export interface StreamReport {
  /** The AWS setting that made the front door stream. */
  mode: 'RESPONSE_STREAM' | 'STREAM' | 'InvokeWithResponseStream';
  chunks: { offsetMs: number; bytes: number; text: string }[];
  totalBytes: number;
  timeToFirstByteMs: number | null;
  streamEnd: StreamEnd;
  /** InvokeWithResponseStream only. */
  invokeComplete: { ErrorCode?: string; ErrorDetails?: string } | null;
}

/** A report entry of `invoke`, with the stream when the front door streamed. */
export type StreamingCliReport = CliInvocationReport & { stream?: StreamReport };

/** The `stream` object of a streaming run. */
export function createStreamReport(run: StreamingRun): StreamReport {
  const mode = run.frontDoor === 'function-url' ? 'RESPONSE_STREAM' : run.frontDoor === 'apigw-rest' ? 'STREAM' : 'InvokeWithResponseStream';
  return {
    mode,
    chunks: run.chunks.map((c) => ({ offsetMs: c.offsetMs, bytes: c.bytes, text: c.text })),
    totalBytes: run.chunks.reduce((n, c) => n + c.bytes, 0),
    timeToFirstByteMs: run.timeToFirstByteMs,
    streamEnd: run.streamEnd,
    invokeComplete: run.invokeComplete,
  };
}

const END_WORDS: Record<StreamEnd, string> = {
  complete: 'complete: the function ended the stream',
  'cut-by-error': 'cut off: the function failed after the first bytes (the caller kept the status it had already received)',
  'cut-by-timeout': 'cut off: the invocation timed out before the stream ended',
  'cut-by-limit': 'cut off at the 200 MB streaming limit',
  'cut-by-idle-timeout': "cut off: the REST API's idle timeout passed without a byte",
  'not-streamed': 'nothing streamed: the front door answered in one piece',
};

/** Longest chunk text shown per line. */
const MAX_CHUNK_TEXT = 120;

/** The lines printed after the caller's response: each chunk with its virtual time, then how the stream ended. */
export function formatStream(stream: StreamReport): string[] {
  const lines: string[] = [];
  const first = stream.timeToFirstByteMs === null ? 'no body bytes' : `first byte at ${stream.timeToFirstByteMs.toFixed(1)} ms`;
  lines.push(`Streamed (${stream.mode}): ${stream.chunks.length} chunk${stream.chunks.length === 1 ? '' : 's'}, ${stream.totalBytes} bytes, ${first}`);
  for (const c of stream.chunks) {
    const text = JSON.stringify(c.text.length > MAX_CHUNK_TEXT ? `${c.text.slice(0, MAX_CHUNK_TEXT)}…` : c.text);
    lines.push(`  +${c.offsetMs.toFixed(1)} ms  ${c.bytes} B  ${text}`);
  }
  if (stream.invokeComplete) lines.push(`  InvokeComplete ${JSON.stringify(stream.invokeComplete)}`);
  lines.push(`Stream: ${END_WORDS[stream.streamEnd]}`);
  return lines;
}
