/**
 * Types of the log analyzer. The signatures are data (content/signatures.yaml, validated by
 * src/schemas/signature.ts); the engine only needs this plain shape, so it runs in Node and in a Worker.
 */
import type { CauseId } from '../vocabulary.ts';

/**
 * Where a pasted line comes from.
 * - `lambda-log`: the function's CloudWatch log (console lines, START/END/REPORT, platform.* JSON).
 * - `invoke-output`: the Invoke API answer (`aws lambda invoke` output or the payload file).
 * - `apigw-execution-log`: an API Gateway REST execution log line.
 * - `apigw-access-log`: an API Gateway access log entry (JSON).
 * - `alb-access-log`: an Application Load Balancer access log entry.
 * - `client-response`: what the caller received (status line, headers, body).
 * - `step-functions`: a Step Functions task failure (`error` and `cause`, or `Error` and `Cause`). For a
 *   Lambda task the cause is the function's own error payload, so a signature written for `invoke-output`
 *   is also tried on these lines; the error names Step Functions adds (Lambda.AWSLambdaException,
 *   States.TaskFailed, …) are described at
 *   https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
export const SIGNATURE_SOURCES = [
  'lambda-log',
  'invoke-output',
  'apigw-execution-log',
  'apigw-access-log',
  'alb-access-log',
  'client-response',
  'step-functions',
] as const;

/** One signature source. */
export type SignatureSource = (typeof SIGNATURE_SOURCES)[number];

/** The source of a pasted line as the analyzer classified it (`plain` when it cannot tell). */
export type LineSource = SignatureSource | 'plain';

/** A log signature as the engine uses it (the parsed form of one entry of content/signatures.yaml). */
export interface Signature {
  id: string;
  cause: CauseId;
  patterns: readonly string[];
  flags?: string;
  weight: number;
  source: SignatureSource | readonly SignatureSource[];
  explanation: string;
  next: readonly string[];
  awsSource: string;
  examples?: readonly string[];
  negates?: readonly string[];
  strictSource?: boolean;
  suppresses?: readonly CauseId[];
  unverified?: boolean;
}

/** A line of the paste that matched a signature. */
export interface Evidence {
  /** The line as pasted (cut to MAX_EVIDENCE_CHARS). */
  line: string;
  /** 1-based line number in the paste. */
  lineNumber: number;
  /** Id of the signature that matched. */
  signature: string;
  /** What kind of line the analyzer took it for. */
  source: LineSource;
}

/** One likely cause, with the lines that point to it. */
export interface CauseFinding {
  cause: CauseId;
  /** Points: the strongest signature's weight plus a fifth of the others' (after suppression). */
  score: number;
  /** `high` from 8 points, `medium` from the answer threshold, `low` below it (listed only as a runner-up). */
  confidence: 'high' | 'medium' | 'low';
  evidence: Evidence[];
  /** The strongest signature's explanation. */
  explanation: string;
  /** What to collect or check next (from the matched signatures, strongest first). */
  next: string[];
}

/** The answer of {@link diagnose}. */
export interface Diagnosis {
  /** Likely causes, best first; empty when nothing decisive was found. */
  causes: CauseFinding[];
  /** Present when no cause reached the threshold: what to collect next. */
  unknown?: {
    next: string[];
    /** Causes with some evidence, too weak to be an answer (for example a generic 502 body). */
    leads: CauseFinding[];
  };
  /** Lines read, and whether the input was cut to MAX_INPUT_CHARS. */
  stats: { lines: number; truncated: boolean; sources: Partial<Record<LineSource, number>> };
}
