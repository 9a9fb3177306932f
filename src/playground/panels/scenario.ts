/**
 * The scenario panel above the editor (`/playground/?scenario=<id>`): the incident report, links to the
 * guide and the tree outcome, the hint ladder, "Check my fix" with each check and the smallest failing
 * case, "Show solution" with a line diff against the learner's code, and the explanation once solved.
 * Everything the learner or the scenario wrote goes into text nodes (see dom.ts), never HTML.
 */
import type { CheckFailureCase, ScenarioResult } from '../../engine/scenarios/types.ts';
import { FRONT_DOOR_LABELS } from '../../engine/vocabulary.ts';
import { h, replaceChildren, type Child } from '../dom.ts';
import { describeCaseRequest, diffStats, excerpt, type DiffRow, type PlaygroundScenario, type ScenarioListEntry } from '../scenario.ts';

/** What the panel asks the playground to do. */
export interface ScenarioPanelActions {
  /** Run the checks on the learner's current code. */
  check: () => void;
  /** The learner's current handler code (for the diff). */
  currentCode: () => string;
  /** Replace the learner's code with the solution (the panel has asked for confirmation). */
  useSolution: () => void;
  /** Put back the code the learner had before "Use the solution". */
  undoSolution: () => void;
  /** The number of hints shown changed (to keep it across reloads). */
  hintsChanged: (shown: number) => void;
  /** Ask the learner to confirm, in the page's own dialog; resolves true when they confirm. */
  confirm: (question: { title: string; text: string; confirmLabel: string; cancelLabel: string }) => Promise<boolean>;
}

/** The mounted panel. */
export interface ScenarioPanel {
  /** "Check my fix" is running (or not). */
  setChecking: (checking: boolean, message?: string) => void;
  /** Show the checks' result. `solved` is true when it passed. */
  showResult: (result: ScenarioResult) => void;
  /** Show an error that kept the checks from running. */
  showError: (message: string) => void;
  /** The next scenario on the path (known once the list has loaded). */
  setNext: (next: ScenarioListEntry | null) => void;
  /** Show "Undo" after the solution replaced the code. */
  setUndoAvailable: (available: boolean) => void;
  /** Mark the scenario solved (from the progress store or a passing check). */
  showSolved: () => void;
}

/**
 * Render text with `code` spans and blank-line paragraphs as elements (no HTML parsing: backticks
 * become `<code>` text nodes, everything else stays text).
 */
export function richParagraphs(text: string): HTMLElement[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((para) => {
      const parts: Child[] = para
        .replace(/\s*\n\s*/g, ' ')
        .split(/(`[^`]+`)/)
        .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 2 ? h('code', {}, part.slice(1, -1)) : part));
      return h('p', {}, ...parts);
    });
}

function failureBlock(c: CheckFailureCase): HTMLElement {
  const req = describeCaseRequest(c.request);
  const rows: Child[] = [
    h('dt', {}, 'Request'),
    h('dd', {}, h('code', {}, req.line), req.body !== null ? h('span', { class: 'pg-sc-body' }, ' body ', h('code', {}, req.body)) : null),
    h('dt', {}, 'The caller received'),
    h('dd', {}, h('strong', { 'data-sc': 'failure-status' }, `${c.response.status}`), c.response.body ? h('span', {}, ' ', h('code', {}, excerpt(c.response.body))) : ' (empty body)'),
    h('dt', {}, 'Decisive log line'),
    h('dd', { 'data-sc': 'decisive-log' }, c.decisiveLogLine ? h('code', {}, c.decisiveLogLine) : 'No log line explains it: compare the response with what the check expects.'),
  ];
  if (c.finding) rows.push(h('dt', {}, 'Diagnosis'), h('dd', {}, c.finding));
  rows.push(h('dt', {}, 'Why it failed'), h('dd', {}, c.detail));
  return h(
    'div',
    { class: 'pg-sc-failure', 'data-sc': 'smallest-failure' },
    h('h4', {}, `Smallest failing case: ${c.name} (${FRONT_DOOR_LABELS[c.frontDoor] ?? c.frontDoor})`),
    h('dl', {}, ...rows),
  );
}

function diffView(rows: readonly DiffRow[]): HTMLElement {
  const stats = diffStats(rows);
  const lines = rows.map((r) => {
    const mark = r.kind === 'add' ? '+' : r.kind === 'remove' ? '-' : ' ';
    return h('span', { class: `pg-sc-diff-line pg-sc-diff-${r.kind}` }, h('span', { class: 'pg-sc-diff-mark', 'aria-hidden': 'true' }, mark), h('span', { class: 'pg-sr-only' }, r.kind === 'add' ? 'added: ' : r.kind === 'remove' ? 'removed: ' : ''), r.text || ' ', '\n');
  });
  return h(
    'div',
    {},
    h('p', {}, stats.added === 0 && stats.removed === 0 ? 'Your code is the same as the solution.' : `From your code to the solution: ${stats.removed} line${stats.removed === 1 ? '' : 's'} removed (−), ${stats.added} added (+).`),
    h('pre', { class: 'pg-sc-diff', tabindex: '0', role: 'region', 'aria-label': 'Line diff from your code to the solution', 'data-sc': 'diff' }, ...lines),
  );
}

/** Mount the scenario panel into `host`. */
export function createScenarioPanel(
  host: HTMLElement,
  scenario: PlaygroundScenario,
  options: { hintsShown: number; solved: boolean; lineDiff: (before: string, after: string) => DiffRow[] },
  actions: ScenarioPanelActions,
): ScenarioPanel {
  let hintsShown = Math.max(0, Math.min(options.hintsShown, scenario.hints.length));
  let next: ScenarioListEntry | null = null;

  const hintList = h('ol', { class: 'pg-sc-hints', 'data-sc': 'hints' });
  const hintButton = h('button', { type: 'button', class: 'pg-button', 'data-sc': 'hint' });
  const hintStatus = h('p', { class: 'pg-sr-only', role: 'status', 'aria-live': 'polite' });
  const checkButton = h('button', { type: 'button', class: 'pg-button pg-button-primary', 'data-sc': 'check' }, 'Check my fix');
  const solutionButton = h('button', { type: 'button', class: 'pg-button', 'data-sc': 'show-solution', 'aria-expanded': 'false', 'aria-controls': 'pg-sc-solution' }, 'Show solution');
  const checkStatus = h('p', { class: 'pg-progress', role: 'status' });
  const resultBox = h('div', { class: 'pg-sc-result', 'data-sc': 'result', 'aria-live': 'polite' });
  const solutionBox = h('div', { id: 'pg-sc-solution', class: 'pg-sc-solution', hidden: true });
  const useButton = h('button', { type: 'button', class: 'pg-button', 'data-sc': 'use-solution' }, 'Use the solution');
  const undoButton = h('button', { type: 'button', class: 'pg-button pg-button-quiet', 'data-sc': 'undo-solution', hidden: true }, 'Undo: restore my code');
  const solvedBox = h('div', { class: 'pg-sc-solved', 'data-sc': 'solved', hidden: true, tabindex: '-1' });

  function renderHints(): void {
    replaceChildren(hintList, ...scenario.hints.slice(0, hintsShown).map((text, i) => h('li', {}, h('span', { class: 'pg-sr-only' }, `Hint ${i + 1}: `), ...richParagraphs(text).flatMap((p) => [...p.childNodes]))));
    hintList.hidden = hintsShown === 0;
    const total = scenario.hints.length;
    if (hintsShown >= total) {
      hintButton.textContent = `All ${total} hints shown`;
      hintButton.disabled = true;
    } else {
      hintButton.textContent = hintsShown === 0 ? `Show a hint (1 of ${total})` : `Next hint (${hintsShown + 1} of ${total})`;
      hintButton.disabled = false;
    }
  }
  hintButton.addEventListener('click', () => {
    if (hintsShown >= scenario.hints.length) return;
    hintsShown += 1;
    renderHints();
    hintStatus.textContent = `Hint ${hintsShown} of ${scenario.hints.length}: ${scenario.hints[hintsShown - 1] ?? ''}`;
    actions.hintsChanged(hintsShown);
    // Keep focus on a control: the button stays focusable until the last hint, then the list takes it.
    if (hintButton.disabled) {
      hintList.tabIndex = -1;
      hintList.focus();
    }
  });

  checkButton.addEventListener('click', () => actions.check());

  solutionButton.addEventListener('click', async () => {
    if (!solutionBox.hidden) {
      solutionBox.hidden = true;
      solutionButton.setAttribute('aria-expanded', 'false');
      solutionButton.textContent = 'Show solution';
      return;
    }
    const show = await actions.confirm({
      title: 'Show the solution?',
      text: 'You can keep working on your own fix afterwards; nothing is replaced unless you choose "Use the solution".',
      confirmLabel: 'Show solution',
      cancelLabel: 'Not yet',
    });
    if (!show) return solutionButton.focus();
    replaceChildren(
      solutionBox,
      h('h3', {}, 'Solution'),
      diffView(options.lineDiff(actions.currentCode(), scenario.solution)),
      scenario.config ? h('p', { class: 'pg-note' }, `The solution also changes ${scenario.config.name}; "Use the solution" replaces both.`) : null,
      h('div', { class: 'pg-sc-actions' }, useButton, undoButton),
    );
    solutionBox.hidden = false;
    solutionButton.setAttribute('aria-expanded', 'true');
    solutionButton.textContent = 'Hide solution';
  });

  useButton.addEventListener('click', async () => {
    const use = await actions.confirm({ title: 'Use the solution?', text: 'It replaces your code. Your version is kept: "Undo" brings it back.', confirmLabel: 'Use the solution', cancelLabel: 'Keep my code' });
    if (!use) return useButton.focus();
    actions.useSolution();
  });
  undoButton.addEventListener('click', () => actions.undoSolution());

  function renderSolved(): void {
    replaceChildren(
      solvedBox,
      h('h3', {}, 'Solved'),
      h('p', {}, 'Your fix passes every check, on the shown request and on the hidden variations.'),
      h('h4', {}, 'What happened'),
      ...richParagraphs(scenario.explanation),
      scenario.sources.length ? h('p', { class: 'pg-note' }, 'Sources: ', ...scenario.sources.flatMap((s, i) => [i ? ', ' : '', h('a', { href: s, rel: 'noopener', class: 'pg-sc-source' }, s)])) : null,
      h(
        'p',
        { class: 'pg-sc-next' },
        next ? h('a', { href: `/playground/?scenario=${encodeURIComponent(next.id)}`, 'data-sc': 'next' }, `Next scenario: ${next.title}`) : h('a', { href: '/onboarding/' }, 'Back to the onboarding path'),
      ),
    );
    solvedBox.hidden = false;
  }

  const headingId = 'pg-sc-title';
  const section = h(
    'section',
    { class: 'pg-scenario', 'aria-labelledby': headingId, 'data-sc': 'panel' },
    h('p', { class: 'pg-sc-kicker' }, 'Scenario'),
    h('h2', { id: headingId }, scenario.title),
    h('div', { class: 'pg-sc-brief', 'data-sc': 'brief' }, h('h3', {}, 'Incident report'), ...richParagraphs(scenario.brief)),
    h(
      'p',
      { class: 'pg-sc-links' },
      h('a', { href: scenario.guide }, 'Read the guide'),
      h('a', { href: `/tree/${encodeURIComponent(scenario.treeOutcome)}/` }, 'See the tree outcome'),
      h('a', { href: '/onboarding/' }, 'All scenarios'),
    ),
    h('div', { class: 'pg-sc-hint-box' }, h('h3', {}, 'Hints'), hintList, hintButton, hintStatus),
    h('div', { class: 'pg-sc-actions' }, checkButton, solutionButton),
    checkStatus,
    resultBox,
    solutionBox,
    solvedBox,
  );
  replaceChildren(host, section);
  host.hidden = false;
  renderHints();
  if (options.solved) {
    renderSolved();
  }

  return {
    setChecking(checking, message = '') {
      checkButton.disabled = checking;
      checkButton.setAttribute('aria-disabled', String(checking));
      checkStatus.textContent = checking ? message || 'Checking your fix…' : message;
      resultBox.setAttribute('aria-busy', String(checking));
    },
    showResult(result) {
      checkStatus.textContent = '';
      if (result.submissionError) {
        replaceChildren(resultBox, h('p', { class: 'pg-error', 'data-sc': 'verdict' }, `Not checked: ${result.submissionError}`));
        return;
      }
      const failed = result.checks.filter((c) => !c.passed).length;
      const verdict = result.passed
        ? h('p', { class: 'pg-ok', 'data-sc': 'verdict' }, `Solved: all ${result.checks.length} checks pass.`)
        : h('p', { class: 'pg-error', 'data-sc': 'verdict' }, `Not fixed yet: ${failed} of ${result.checks.length} checks fail.`);
      const list = h(
        'ul',
        { class: 'pg-sc-checks', 'data-sc': 'checks' },
        ...result.checks.map((c) =>
          h(
            'li',
            { class: c.passed ? 'pg-sc-pass' : 'pg-sc-fail', 'data-passed': String(c.passed) },
            h('span', { class: 'pg-sc-mark', 'aria-hidden': 'true' }, c.passed ? '✓' : '✗'),
            h('strong', {}, c.passed ? 'Passed' : 'Failed'),
            `: ${c.description}`,
            h('span', { class: 'pg-note' }, ` (${c.casesChecked} case${c.casesChecked === 1 ? '' : 's'})`),
          ),
        ),
      );
      replaceChildren(resultBox, verdict, list, result.smallestFailure ? failureBlock(result.smallestFailure) : null);
      if (result.passed) {
        renderSolved();
        solvedBox.focus();
      }
    },
    showError(message) {
      checkStatus.textContent = '';
      replaceChildren(resultBox, h('p', { class: 'pg-error', 'data-sc': 'verdict' }, `Not checked: ${message}`));
    },
    setNext(entry) {
      next = entry;
      if (!solvedBox.hidden) renderSolved();
    },
    setUndoAvailable(available) {
      undoButton.hidden = !available;
    },
    showSolved: renderSolved,
  };
}
