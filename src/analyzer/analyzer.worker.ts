/**
 * Worker of the /analyze/ page: runs the log analyzer and the redaction off the main thread, so a paste
 * of megabytes never freezes the page. Signatures arrive once, in an `init` message.
 */
import { diagnose, redactDetailed, type Signature } from '../engine/analyzer/index.ts';
import type { AnalyzerRequest, AnalyzerResponse } from './protocol.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<AnalyzerRequest>) => void) | null;
  postMessage: (m: AnalyzerResponse) => void;
};
let signatures: Signature[] = [];

scope.onmessage = (e) => {
  const msg = e.data;
  try {
    if (msg.kind === 'init') signatures = msg.signatures;
    else if (msg.kind === 'diagnose') scope.postMessage({ id: msg.id, kind: 'diagnose', ok: true, result: diagnose(msg.text, signatures) });
    else if (msg.kind === 'redact') scope.postMessage({ id: msg.id, kind: 'redact', ok: true, result: redactDetailed(msg.text) });
  } catch (err) {
    scope.postMessage({ id: msg.id, kind: msg.kind, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
