/** Types for scripts/run-corpus.mjs (imported by tests/corpus/corpus.test.ts). */

/** What a case expects on AWS; only the fields present are compared. */
export interface CaseExpected {
  outcome: string;
  errorType?: string | null;
  errorMessage?: string;
  statusCode?: number;
  body?: string;
  result?: unknown;
  resultIncludes?: unknown;
}

/** A case folder read from disk; `problems` lists what is wrong with its manifest. */
export interface LoadedCase {
  dir: string;
  id: string;
  manifest: { id: string; source: { repo: string; licence: string; copyright: string; commit: string; url: string }; expected: CaseExpected; input: { frontDoor?: string }; tags: string[] } | null;
  problems: string[];
}

/** What the simulator gave, reduced to the comparable fields. */
export interface CaseGot {
  outcome: string;
  errorType: string | null;
  errorMessage: string | null;
  result?: unknown;
  statusCode?: number;
  body?: string;
}

/** One CLI run of a case. */
export interface CaseRun {
  id: string;
  form: 'project' | 'file';
  argv: string[];
  exitCode: number | string;
  stderr: string;
  got: CaseGot;
}

/** Result of {@link compareCase}. */
export interface Comparison {
  match: boolean;
  mismatches: string[];
}

/** Runs the CLI with these arguments. */
export type CliExec = (argv: string[]) => Promise<{ code: number | string; stdout: string; stderr: string }>;

export const ROOT: string;
export const CASES_DIR: string;
export const KNOWN_GAPS_FILE: string;
export const CASE_WALL_LIMIT_MS: number;
export function checkCaseManifest(c: unknown, folder: string): string[];
export function loadCases(casesDir?: string): LoadedCase[];
export function loadKnownGaps(file?: string): { id: string; reason: string }[];
export function runCase(c: LoadedCase, options?: { runner?: string; exec?: CliExec; forms?: { file?: boolean } }): Promise<CaseRun>;
export function compareCase(expected: CaseExpected, got: CaseGot): Comparison;
export function runCases(
  cases: LoadedCase[],
  options?: { runner?: string; jobs?: number; exec?: CliExec; onResult?: (c: LoadedCase, entry: { run: CaseRun; comparison: Comparison }) => void },
): Promise<Map<string, { run: CaseRun; comparison: Comparison }>>;
export function summarise(r: CaseExpected | CaseGot): string;
