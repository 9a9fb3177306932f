/**
 * Messages between the /analyze/ page and its worker. Every request carries an id; the answer echoes it.
 */
import type { Diagnosis, Redaction, Signature } from '../engine/analyzer/index.ts';

/** Page → worker. */
export type AnalyzerRequest =
  | { id: number; kind: 'init'; signatures: Signature[] }
  | { id: number; kind: 'diagnose'; text: string }
  | { id: number; kind: 'redact'; text: string };

/** Worker → page. */
export type AnalyzerResponse =
  | { id: number; kind: 'diagnose'; ok: true; result: Diagnosis }
  | { id: number; kind: 'redact'; ok: true; result: Redaction }
  | { id: number; kind: 'diagnose' | 'redact' | 'init'; ok: false; error: string };
