/**
 * Monaco, loaded on demand (this module is only reached through a dynamic import on the playground).
 * Tree-shaken entry points per the toolchain notes; JavaScript with TypeScript-powered IntelliSense
 * (the `@types/aws-lambda` declarations and a hand-written .d.ts for the simulated SDK modules) and
 * JSON with its own validation.
 */
import * as monaco from 'monaco-editor/editor';
// The tree-shaken core has no editor features; add the ones a code playground needs.
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import { javascriptDefaults, ModuleKind, ModuleResolutionKind, ScriptTarget, typescriptDefaults } from 'monaco-editor/languages/features/typescript/register';
import 'monaco-editor/languages/features/json/register';
// Python handlers: Monaco's Monarch highlighting for Python (no language service, no worker).
import 'monaco-editor/languages/definitions/python/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import simulatedSdkTypes from './simulated-sdk.d.ts?raw';
import type { CodeEditor, DocId, EditorEvents, EditorLanguage } from './editor.ts';

// Every .d.ts of @types/aws-lambda, as text, under its real path so its relative imports resolve.
const awsLambdaTypes = import.meta.glob<string>('/node_modules/@types/aws-lambda/**/*.d.ts', { query: '?raw', import: 'default', eager: true });

/** Monaco asks this for its workers; it must be a global (Monaco's own contract, not ours). */
function installWorkers(): void {
  const env = globalThis as unknown as { MonacoEnvironment?: { getWorker: (id: string, label: string) => Worker } };
  env.MonacoEnvironment ??= {
    getWorker(_id, label) {
      if (label === 'typescript' || label === 'javascript') return new TsWorker();
      if (label === 'json') return new JsonWorker();
      return new EditorWorker();
    },
  };
}

let configured = false;
function configureLanguages(): void {
  if (configured) return;
  configured = true;
  const jsOptions = {
    target: ScriptTarget.ES2020,
    module: ModuleKind.ESNext,
    moduleResolution: ModuleResolutionKind.NodeJs,
    allowJs: true,
    checkJs: false,
    allowNonTsExtensions: true,
    lib: ['es2022'],
    types: [],
  };
  javascriptDefaults.setCompilerOptions(jsOptions);
  // Why: TypeScript files import siblings by their .mjs/.ts names as Node does; nothing is emitted here.
  typescriptDefaults.setCompilerOptions({ ...jsOptions, allowImportingTsExtensions: true, noEmit: true, esModuleInterop: true, strict: true });
  // JavaScript: syntax errors are marked, type errors are not (plain JavaScript stays quiet).
  javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
  // TypeScript: type errors too, against @types/aws-lambda; they never stop a run (the engine strips types).
  typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  for (const defaults of [javascriptDefaults, typescriptDefaults]) {
    for (const [path, text] of Object.entries(awsLambdaTypes)) defaults.addExtraLib(text, `file://${path}`);
    defaults.addExtraLib(simulatedSdkTypes, 'file:///node_modules/@types/lambda-triage-simulated-sdk/index.d.ts');
  }
}

function themeName(): string {
  return document.documentElement.dataset['theme'] === 'dark' ? 'vs-dark' : 'vs';
}

/** Create a Monaco editor in `host`; `initial` is the document to show first. */
export function createMonacoEditor(host: HTMLElement, events: EditorEvents, initial: { doc: DocId; text: string; language: EditorLanguage; path?: string | undefined }): CodeEditor {
  installWorkers();
  configureLanguages();
  const models = new Map<DocId, monaco.editor.ITextModel>();
  let current: DocId = initial.doc;
  // Why: setValue on a model fires change events; we must not echo programmatic changes back as edits.
  let silent = false;

  // Function files live under /playground/ by their own names (imports between them resolve); the JSON boxes under /inputs/.
  const fileOf = (doc: DocId, language: EditorLanguage, path?: string) =>
    monaco.Uri.parse(path ? `file:///playground/${path}` : `file:///inputs/${doc}.${language === 'json' ? 'json' : language === 'typescript' ? 'ts' : 'mjs'}`);
  const modelFor = (doc: DocId, text: string, language: EditorLanguage, path?: string) => {
    let model = models.get(doc);
    if (!model) {
      model = monaco.editor.createModel(text, language, fileOf(doc, language, path));
      // PEP 8 indents Python by four spaces; the JavaScript and JSON boxes keep two.
      if (language === 'python') model.updateOptions({ tabSize: 4, indentSize: 4 });
      models.set(doc, model);
    }
    return model;
  };

  const editor = monaco.editor.create(host, {
    model: modelFor(initial.doc, initial.text, initial.language, initial.path),
    theme: themeName(),
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    scrollBeyondLastLine: false,
    tabSize: 2,
    ariaLabel: 'Code editor. Press Control+M to toggle whether Tab moves focus, or Escape then Tab to leave.',
    accessibilitySupport: 'auto',
    renderLineHighlight: 'line',
    fixedOverflowWidgets: true,
  });

  const changes = editor.onDidChangeModelContent(() => {
    if (silent) return;
    const model = editor.getModel();
    if (model) events.onChange(current, model.getValue());
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => events.onRun());

  // Escape, then Tab, leaves the editor (Control+M is Monaco's own toggle for the same thing).
  let escapeArmed = false;
  const keys = editor.onKeyDown((e) => {
    if (e.keyCode === monaco.KeyCode.Escape) {
      if (!editor.getOption(monaco.editor.EditorOption.tabFocusMode)) {
        escapeArmed = true;
        editor.updateOptions({ tabFocusMode: true });
      }
      return;
    }
    if (escapeArmed && e.keyCode !== monaco.KeyCode.Tab) {
      escapeArmed = false;
      editor.updateOptions({ tabFocusMode: false });
    }
  });
  const blur = editor.onDidBlurEditorText(() => {
    if (escapeArmed) {
      escapeArmed = false;
      editor.updateOptions({ tabFocusMode: false });
    }
  });

  const themeObserver = new MutationObserver(() => monaco.editor.setTheme(themeName()));
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  return {
    kind: 'monaco',
    show(doc, text, language, path) {
      current = doc;
      const model = modelFor(doc, text, language, path);
      if (editor.getModel() !== model) editor.setModel(model);
    },
    drop(doc) {
      const model = models.get(doc);
      if (!model) return;
      models.delete(doc);
      if (editor.getModel() === model) editor.setModel(null);
      model.dispose();
    },
    setText(doc, text) {
      const model = models.get(doc);
      if (!model || model.getValue() === text) return;
      silent = true;
      try {
        model.setValue(text);
      } finally {
        silent = false;
      }
    },
    setProblems(doc, problems) {
      const model = models.get(doc);
      if (!model) return;
      monaco.editor.setModelMarkers(
        model,
        'lambda-triage',
        problems.map((p) => ({
          severity: monaco.MarkerSeverity.Error,
          message: p.message,
          startLineNumber: p.line,
          startColumn: p.column,
          endLineNumber: p.line,
          endColumn: p.column + 1,
        })),
      );
    },
    focus: () => editor.focus(),
    hasFocus: () => editor.hasWidgetFocus(),
    dispose() {
      changes.dispose();
      keys.dispose();
      blur.dispose();
      themeObserver.disconnect();
      editor.dispose();
      for (const m of models.values()) m.dispose();
    },
  };
}
