/**
 * The log analyzer: signatures (data) in, ranked causes out. Runs in Node (CLI, tests) and in a Worker.
 */
export { diagnose, splitLines, ANSWER_THRESHOLD, DEFAULT_NEXT, NEXT_BY_SOURCE, MAX_INPUT_CHARS, MAX_LINE_CHARS } from './diagnose.ts';
export { classifyLine, classifyLines } from './classify.ts';
export { redact, redactDetailed, type Redaction, type RedactionKind } from './redact.ts';
export { checkPatternSafety, type PatternIssue } from './regex-safety.ts';
export * from './types.ts';
