/**
 * The editor sandbox (the bottom layer): one text editor that shows one document at a time. It is a
 * plain labelled textarea until Monaco loads (on first interaction, never on touch screens), and it
 * stays a textarea when Monaco cannot load. The rest of the playground does not know which it is.
 */

/** The fixed documents of the playground. */
export type BuiltinDocId = 'handler' | 'request' | 'policy' | 'awsState' | 'faults' | 'scenarioConfig';
/** Documents the editor can show: the fixed ones and the function's extra files (`file:lib.mjs`). */
export type DocId = BuiltinDocId | `file:${string}`;
/** Languages the editor knows. */
export type EditorLanguage = 'javascript' | 'typescript' | 'json' | 'python';

/** A position-anchored problem to mark in the editor. */
export interface EditorProblem {
  line: number;
  column: number;
  message: string;
}

/** What the playground needs from an editor. */
export interface CodeEditor {
  readonly kind: 'textarea' | 'monaco';
  /**
   * Show `doc` with `text` (used the first time the doc is shown, or to replace its text). `path` is the
   * file name the document stands for (so Monaco resolves imports between files and picks TypeScript).
   */
  show: (doc: DocId, text: string, language: EditorLanguage, path?: string | undefined) => void;
  /** Forget a document (a deleted or renamed file, or a handler whose file name changed). */
  drop: (doc: DocId) => void;
  /** Replace the text of a document (e.g. after Reset or loading a sample), shown or not. */
  setText: (doc: DocId, text: string) => void;
  /** Mark problems found by our own parsers (JSON boxes); Monaco adds its own syntax errors. */
  setProblems: (doc: DocId, problems: readonly EditorProblem[]) => void;
  focus: () => void;
  /** True when the editor (or a widget inside it) has focus. */
  hasFocus: () => boolean;
  dispose: () => void;
}

/** Callbacks from an editor to the playground. */
export interface EditorEvents {
  onChange: (doc: DocId, text: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun: () => void;
}

/** The textarea editor: the first editor on every device and the fallback when Monaco fails. */
export function createTextareaEditor(textarea: HTMLTextAreaElement, events: EditorEvents): CodeEditor {
  const texts = new Map<DocId, string>();
  let current: DocId = 'handler';
  const onInput = () => {
    texts.set(current, textarea.value);
    events.onChange(current, textarea.value);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      events.onRun();
    }
  };
  textarea.addEventListener('input', onInput);
  textarea.addEventListener('keydown', onKey);
  return {
    kind: 'textarea',
    show(doc, text) {
      current = doc;
      if (!texts.has(doc)) texts.set(doc, text);
      textarea.value = texts.get(doc) ?? text;
      textarea.dataset['doc'] = doc;
    },
    setText(doc, text) {
      texts.set(doc, text);
      if (doc === current) textarea.value = text;
    },
    drop(doc) {
      texts.delete(doc);
    },
    setProblems(doc, problems) {
      if (doc !== current) return;
      textarea.setAttribute('aria-invalid', problems.length > 0 ? 'true' : 'false');
    },
    focus: () => textarea.focus(),
    hasFocus: () => document.activeElement === textarea,
    dispose() {
      textarea.removeEventListener('input', onInput);
      textarea.removeEventListener('keydown', onKey);
    },
  };
}

/** Is this a touch-first device, where Monaco is a poor fit? */
export function prefersPlainEditor(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches && !matchMedia('(pointer: fine)').matches;
}
