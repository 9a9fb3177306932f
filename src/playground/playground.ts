/**
 * The playground layer: the `<lt-playground>` custom element wires the editor sandbox, the engine
 * worker client and the panels together. It owns the state (autosaved on every edit) and turns
 * button presses into worker requests. The page's markup is server-rendered (PlaygroundPage.astro);
 * this code enhances it.
 */
import { formatCount } from './format.ts';
import { ALL_RUNTIMES, FRONT_DOOR_LABELS, FRONT_DOORS, isFrontDoor } from '../engine/vocabulary.ts';
import { EngineClient, PYTHON_WATCHDOG_MS, type ClientOutcome, type OutgoingRequest, type WorkerLike } from '../worker/client.ts';
import type { AwsInput, FrontDoorOptions, RunView } from '../worker/protocol.ts';
import { h, must, replaceChildren } from './dom.ts';
import { createDialog } from './dialog.ts';
import { createTextareaEditor, prefersPlainEditor, type BuiltinDocId, type CodeEditor, type DocId, type EditorEvents, type EditorLanguage } from './editor.ts';
import { asyncInvokeResponse } from './invocation-type.ts';
import { jsonErrorPosition } from './json-position.ts';
import { createDiagnosisPanel } from './panels/diagnosis.ts';
import { createLogsPanel } from './panels/logs.ts';
import { createMetricsPanel } from './panels/metrics.ts';
import { createResponsePanel } from './panels/response.ts';
import { createTimelinePanel } from './panels/timeline.ts';
import { createPanelSchedule } from './panels/schedule.ts';
import type { CauseLinks, Panel, PanelData } from './panels/types.ts';
import { HANDLER_SAMPLES, PYTHON_STARTER_CODE, REQUEST_SAMPLES, STARTER_CODE } from './samples.ts';
import {
  createDefaultState,
  DEFAULT_SCENARIO_ID,
  encodeShareHash,
  HANDLER_FILES,
  handlerFileFor,
  isTypeScriptFile,
  isPythonFile,
  isPythonRuntimeId,
  LOG_LEVEL_CHOICES,
  runtimeForLanguage,
  switchRuntime,
  MAX_EXTRA_FILES,
  parseFileName,
  MAX_LOAD_REQUESTS,
  isShareHash,
  parseFunctionInput,
  parseJsonText,
  parseRequestInput,
  parseShareHash,
  parseStoredState,
  serialiseState,
  storageKey,
  type PlaygroundState,
} from './state.ts';
import { summariseRun } from './summary.ts';
import { createScenarioMode, type ScenarioMode } from './scenario-mode.ts';
import { parseScenarioParam } from './scenario.ts';
import { withBase } from '../utils/paths.ts';

type TabId = BuiltinDocId | 'config' | 'concurrency';
type RunKind = 'run' | 'again' | 'fresh' | 'compare' | 'load';
type ResultTab = 'response' | 'diagnosis' | 'logs' | 'timeline' | 'metrics';

const DOCS: Record<BuiltinDocId, { label: string; language: 'javascript' | 'json'; stateKey: 'code' | 'request' | 'policy' | 'awsState' | 'faults' | 'scenarioConfig' }> = {
  handler: { label: 'Handler code', language: 'javascript', stateKey: 'code' },
  request: { label: 'Request (JSON)', language: 'json', stateKey: 'request' },
  policy: { label: 'Execution-role policy (JSON)', language: 'json', stateKey: 'policy' },
  awsState: { label: 'Seeded AWS state (JSON)', language: 'json', stateKey: 'awsState' },
  faults: { label: 'Downstream faults (JSON)', language: 'json', stateKey: 'faults' },
  scenarioConfig: { label: 'Scenario config file (JSON)', language: 'json', stateKey: 'scenarioConfig' },
};

const AUTOSAVE_DELAY_MS = 250;

function isDocId(tab: string): tab is BuiltinDocId {
  return tab in DOCS;
}

/** Wide enough for editor and results side by side (the CSS breakpoint of .pg-layout). */
const SIDE_BY_SIDE_QUERY = '(min-width: 60rem)';

/** The editor language of a function file, by its extension. */
function languageOfFile(name: string): EditorLanguage {
  if (name.endsWith('.json')) return 'json';
  if (isPythonFile(name)) return 'python';
  return isTypeScriptFile(name) ? 'typescript' : 'javascript';
}

const fileDoc = (name: string): DocId => `file:${name}`;
const isFileDoc = (doc: DocId): doc is `file:${string}` => doc.startsWith('file:');

function readLinks(root: HTMLElement): CauseLinks {
  try {
    const raw: unknown = JSON.parse(root.dataset['links'] ?? '{}');
    return typeof raw === 'object' && raw !== null ? (raw as CauseLinks) : {};
  } catch {
    return {};
  }
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** A running playground; `dispose` stops the worker and listeners. */
export interface PlaygroundApp {
  dispose: () => void;
}

/** Enhance the server-rendered playground markup inside `root`. */
export function createPlayground(root: HTMLElement): PlaygroundApp {
  // Scenario mode: `?scenario=<id>` keeps the learner's work under that scenario's own key.
  const scenarioParam = parseScenarioParam(location.search);
  const scenarioId = scenarioParam?.ok ? scenarioParam.value : root.dataset['scenario'] || DEFAULT_SCENARIO_ID;
  const hasAws = root.dataset['hasAws'] === 'true';
  const hasLoad = root.dataset['hasLoad'] === 'true';
  const links = readLinks(root);
  const storage = safeStorage();
  let key = storageKey(scenarioId);
  const cleanups: (() => void)[] = [];

  // ── Elements ───────────────────────────────────────────────────────────────────────────────
  const notice = must(root, '[data-pg="notice"]');
  const summaryEl = must(root, '[data-pg="summary"]');
  const progressEl = must(root, '[data-pg="progress"]');
  const textarea = must<HTMLTextAreaElement>(root, '[data-pg="textarea"]');
  const codeLabel = must(root, '[data-pg="code-label"]');
  const codeNote = must(root, '[data-pg="code-note"]');
  const validation = must(root, '[data-pg="validation"]');
  const editorHost = must(root, '[data-pg="editor-host"]');
  const editorStatus = must(root, '[data-pg="editor-status"]');
  const codePanel = must(root, '#pg-panel-code');
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"][data-tab]')];
  const visibleTabs = () => tabs.filter((t) => !t.hidden);
  const buttons = {
    run: must<HTMLButtonElement>(root, '[data-action="run"]'),
    again: must<HTMLButtonElement>(root, '[data-action="again"]'),
    fresh: must<HTMLButtonElement>(root, '[data-action="fresh"]'),
    compare: must<HTMLButtonElement>(root, '[data-action="compare"]'),
    load: must<HTMLButtonElement>(root, '[data-action="load"]'),
    share: must<HTMLButtonElement>(root, '[data-action="share"]'),
    reset: must<HTMLButtonElement>(root, '[data-action="reset"]'),
  };
  const shareBox = must(root, '[data-pg="share-box"]');
  const shareInput = must<HTMLInputElement>(root, '[data-pg="share-url"]');
  const form = must<HTMLFormElement>(root, '[data-pg="config-form"]');
  const settingsForm = must<HTMLFormElement>(root, '[data-pg="settings-form"]');
  const settingsNote = must(root, '[data-pg="settings-note"]');
  const staticCode = must(root, '[data-pg="static-code"]');
  // The first paint's highlighted starter code, one block per language (Playground.astro).
  const staticBlocks = [...staticCode.querySelectorAll<HTMLElement>('[data-static-lang]')];
  const filesBar = must(root, '[data-pg="files"]');
  const fileList = must(root, '[data-pg="file-list"]');
  const fileButtons = {
    add: must<HTMLButtonElement>(root, '[data-action="add-file"]'),
    rename: must<HTMLButtonElement>(root, '[data-action="rename-file"]'),
    remove: must<HTMLButtonElement>(root, '[data-action="delete-file"]'),
  };
  const resultsEl = must(root, '[data-pg="results"]');
  const summaryBox = must(root, '[data-pg="summary-box"]');
  const staleEl = must(root, '[data-pg="stale"]');
  const resultTabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"][data-result-tab]')];
  const dialog = createDialog(root);
  const sampleSelect = must<HTMLSelectElement>(root, '[data-pg="sample"]');
  const field = <T extends HTMLElement>(name: string) => must<T>(root, `[name="${name}"]`);
  const concurrencyForm = must(root, '[data-pg="concurrency-form"]');

  // ── State ──────────────────────────────────────────────────────────────────────────────────
  let state: PlaygroundState = createDefaultState();
  const restored = parseStoredState(storage?.getItem(key) ?? null);
  if (restored?.ok) state = restored.value.state;
  else if (restored && !restored.ok) showNotice(`${restored.error} The starting code is shown instead; nothing was overwritten until you edit.`, 'warn');

  // Scenario mode, once the scenario has loaded (see startScenario).
  let scenario: ScenarioMode | null = null;

  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  function saveNow(): void {
    if (saveTimer !== null) clearTimeout(saveTimer);
    saveTimer = null;
    try {
      storage?.setItem(key, serialiseState(state));
    } catch {
      showNotice('Your browser refused to save (storage full or disabled). Use Share to keep a copy of your work.', 'warn');
    }
  }
  function scheduleSave(): void {
    if (saveTimer !== null) clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, AUTOSAVE_DELAY_MS);
  }
  const onPageHide = () => saveNow();
  window.addEventListener('pagehide', onPageHide);
  cleanups.push(() => window.removeEventListener('pagehide', onPageHide));

  function showNotice(message: string, tone: 'info' | 'warn', action?: { label: string; run: () => void }): void {
    const button = action ? h('button', { type: 'button', class: 'pg-button pg-button-small' }, action.label) : null;
    button?.addEventListener('click', () => {
      action?.run();
      replaceChildren(notice);
    });
    const dismiss = h('button', { type: 'button', class: 'pg-button pg-button-small pg-button-quiet', 'aria-label': 'Dismiss message' }, 'Dismiss');
    dismiss.addEventListener('click', () => replaceChildren(notice));
    replaceChildren(notice, h('div', { class: `pg-notice pg-notice-${tone}` }, h('p', {}, message), button, dismiss));
  }

  // ── Editor ─────────────────────────────────────────────────────────────────────────────────
  let activeTab: TabId = 'handler';
  let lastDoc: BuiltinDocId = 'handler';
  /** Which file the Handler tab shows: the handler itself or one of the extra files. */
  let activeFile: DocId = 'handler';

  function docText(doc: DocId): string {
    if (isFileDoc(doc)) return state.extraFiles.find((f) => fileDoc(f.name) === doc)?.text ?? '';
    return state[DOCS[doc].stateKey];
  }
  function docLanguage(doc: DocId): EditorLanguage {
    if (doc === 'handler') return languageOfFile(state.fileName);
    if (isFileDoc(doc)) return languageOfFile(doc.slice('file:'.length));
    return DOCS[doc].language;
  }
  function docPath(doc: DocId): string | undefined {
    if (doc === 'handler') return state.fileName;
    if (isFileDoc(doc)) return doc.slice('file:'.length);
    return undefined;
  }
  function showDoc(doc: DocId): void {
    editor.show(doc, docText(doc), docLanguage(doc), docPath(doc));
  }

  const events: EditorEvents = {
    onChange(doc, text) {
      if (isFileDoc(doc)) {
        state = { ...state, extraFiles: state.extraFiles.map((f) => (fileDoc(f.name) === doc ? { ...f, text } : f)) };
      } else {
        state = { ...state, [DOCS[doc].stateKey]: text };
        validateDoc(doc);
        if (doc === 'scenarioConfig') syncFileSettings();
      }
      if (doc === 'handler') dismissStaticCode();
      scheduleSave();
    },
    onRun: () => void run('run', true),
  };
  let editor: CodeEditor = createTextareaEditor(textarea, events);

  // First paint: the starter code, highlighted at build time. It gives way to the text box (or
  // Monaco) as soon as the code on screen would differ from it, or on the first interaction.
  let staticShown = true;
  function dismissStaticCode(): void {
    if (!staticShown) return;
    staticShown = false;
    staticCode.hidden = true;
    staticCode.tabIndex = -1;
    if (editor.kind === 'textarea') textarea.hidden = false;
  }
  function staticFits(doc: DocId): boolean {
    if (doc !== 'handler') return false;
    const fits = (state.code === STARTER_CODE && state.fileName === 'index.mjs') || (state.code === PYTHON_STARTER_CODE && isPythonFile(state.fileName));
    // The block of the handler's language is the one shown.
    if (fits) for (const block of staticBlocks) block.hidden = block.dataset['staticLang'] !== (isPythonFile(state.fileName) ? 'python' : 'javascript');
    return fits;
  }

  function validateDoc(doc: DocId): void {
    if (doc === 'handler' || isFileDoc(doc)) {
      replaceChildren(validation);
      return;
    }
    const text = state[DOCS[doc].stateKey];
    const parsed = doc === 'request' ? parseRequestInput(text, state.requestMode) : parseJsonText(text, DOCS[doc].label.replace(' (JSON)', ''));
    if (parsed.ok) {
      editor.setProblems(doc, []);
      replaceChildren(validation, h('span', { class: 'pg-ok' }, doc === 'request' ? (state.requestMode === 'http' ? 'Valid HTTP request.' : 'Valid JSON event.') : 'Valid JSON.'));
    } else {
      const at = jsonErrorPosition(text, parsed.error);
      editor.setProblems(doc, [{ line: at?.line ?? 1, column: at?.column ?? 1, message: parsed.error }]);
      replaceChildren(validation, h('span', { class: 'pg-error' }, at ? `Line ${at.line}, column ${at.column}: ${parsed.error}` : parsed.error));
    }
  }

  function docNote(doc: DocId): string {
    if (isFileDoc(doc)) {
      const name = doc.slice('file:'.length);
      return name === 'package.json'
        ? 'package.json of the function: "type": "module" makes .js files ES modules, as Node.js decides.'
        : `File ${name}: import it from the handler as ./${name}.`;
    }
    if (doc === 'handler' && isPythonFile(state.fileName)) {
      return `File ${state.fileName}, handler ${state.fileName.replace(/\.py$/, '')}.${state.handlerExport} (Python: module.function). boto3 is included as on Lambda; other packages (requests) are not. Python runs in your browser with Pyodide, downloaded on the first run.`;
    }
    if (doc === 'handler') {
      const ts = isTypeScriptFile(state.fileName);
      return `File ${state.fileName}, handler ${state.fileName.replace(/\.(mjs|cjs|js|mts|cts|ts)$/, '')}.${state.handlerExport}. ${
        ts ? 'TypeScript: types from @types/aws-lambda (import type { Handler } from "aws-lambda"); the simulator strips the types before it runs the file.' : 'Use JSDoc types from aws-lambda for completions.'
      }`;
    }
    if (doc === 'request') {
      return state.requestMode === 'http'
        ? `An HTTP request { method, path, route, query, headers, cookies, body }: each front door builds its own event from it (${FRONT_DOOR_LABELS[state.frontDoor]} now). "route": "GET /orders/{id}" fills pathParameters on API Gateway; a path off the route gets the gateway's own 403 (REST) or 404 (HTTP API).`
        : 'A raw event, sent to the function exactly as written.';
    }
    if (doc === 'scenarioConfig') return scenario?.configNote() ?? '';
    if (!hasAws) return 'Saved and shared with your work, but not used yet: the simulated AWS services (Engine III) are not in this build, so runs ignore this tab.';
    if (doc === 'policy') return 'The execution role\'s policy (one document or a list): every simulated AWS call is checked against it, and a denied call fails with AccessDeniedException.';
    if (doc === 'awsState') return 'What the account holds at the start of each new environment: s3.buckets, dynamodb.tables (keySchema, items), sqs.queues, sns.topics, secretsmanager.secrets, ssm.parameters, http hosts, lambda.functions (Invoke stubs), events.buses, bedrock.models (reply, latencyMs, access).';
    return 'Faults for downstream calls, e.g. { "rules": [{ "service": "dynamodb", "latencyMs": 5000 }, { "service": "s3", "error": "throttling", "errorRate": 0.5 }, { "service": "secretsmanager", "hang": true }] }.';
  }

  // ── Files (the Handler tab) ────────────────────────────────────────────────────────────────
  function renderFiles(): void {
    if (activeFile !== 'handler' && !state.extraFiles.some((f) => fileDoc(f.name) === activeFile)) activeFile = 'handler';
    const items = [{ doc: 'handler' as DocId, name: state.fileName }, ...state.extraFiles.map((f) => ({ doc: fileDoc(f.name), name: f.name }))];
    replaceChildren(
      fileList,
      ...items.map((item) => {
        const button = h('button', { type: 'button', class: 'pg-file', 'data-file': item.doc, 'aria-pressed': String(item.doc === activeFile) }, item.name);
        button.addEventListener('click', () => selectFile(item.doc));
        return h('li', {}, button);
      }),
    );
    fileButtons.rename.hidden = activeFile === 'handler';
    fileButtons.remove.hidden = activeFile === 'handler';
    fileButtons.add.disabled = state.extraFiles.length >= MAX_EXTRA_FILES;
    const name = docPath(activeFile) ?? '';
    fileButtons.rename.setAttribute('aria-label', `Rename ${name}`);
    fileButtons.remove.setAttribute('aria-label', `Delete ${name}`);
  }
  function selectFile(doc: DocId): void {
    activeFile = doc;
    renderFiles();
    showTab('handler');
  }
  const takenNames = (except?: string) => [state.fileName, ...state.extraFiles.map((f) => f.name)].filter((n) => n !== except);
  fileButtons.add.addEventListener('click', async () => {
    const answer = await dialog.ask({
      title: 'Add a file',
      text: 'A module the handler imports (./lib.mjs), a TypeScript file, a JSON file or a package.json. Files are saved and shared with your work.',
      confirmLabel: 'Add file',
      cancelLabel: 'Cancel',
      input: { label: 'File name', value: state.extraFiles.some((f) => f.name === 'lib.mjs') ? '' : 'lib.mjs', check: (v) => { const r = parseFileName(v, takenNames()); return r.ok ? null : r.error; } },
    });
    if (!answer.confirmed) return fileButtons.add.focus();
    const name = parseFileName(answer.value, takenNames());
    if (!name.ok) return;
    const text = name.value === 'package.json' ? '{\n  "type": "module"\n}\n' : name.value.endsWith('.json') ? '{}\n' : `// ${name.value}: import it from the handler as ./${name.value}\nexport const greet = (name) => \`Hello, \${name}\`;\n`;
    state = { ...state, extraFiles: [...state.extraFiles, { name: name.value, text }] };
    scheduleSave();
    selectFile(fileDoc(name.value));
    editor.focus();
  });
  fileButtons.rename.addEventListener('click', async () => {
    if (!isFileDoc(activeFile)) return;
    const old = activeFile.slice('file:'.length);
    const answer = await dialog.ask({
      title: `Rename ${old}`,
      text: 'Imports of this file in your other files are not changed for you.',
      confirmLabel: 'Rename',
      cancelLabel: 'Cancel',
      input: { label: 'New file name', value: old, check: (v) => { const r = parseFileName(v, takenNames(old)); return r.ok ? null : r.error; } },
    });
    if (!answer.confirmed) return fileButtons.rename.focus();
    const name = parseFileName(answer.value, takenNames(old));
    if (!name.ok || name.value === old) return fileButtons.rename.focus();
    editor.drop(activeFile);
    state = { ...state, extraFiles: state.extraFiles.map((f) => (f.name === old ? { ...f, name: name.value } : f)) };
    scheduleSave();
    selectFile(fileDoc(name.value));
    fileButtons.rename.focus();
  });
  fileButtons.remove.addEventListener('click', async () => {
    if (!isFileDoc(activeFile)) return;
    const name = activeFile.slice('file:'.length);
    const answer = await dialog.ask({ title: `Delete ${name}?`, text: `${name} and its text will be removed from the function.`, confirmLabel: 'Delete', cancelLabel: 'Keep it' });
    if (!answer.confirmed) return fileButtons.remove.focus();
    editor.drop(activeFile);
    state = { ...state, extraFiles: state.extraFiles.filter((f) => f.name !== name) };
    scheduleSave();
    selectFile('handler');
    fileList.querySelector<HTMLButtonElement>('button')?.focus();
  });

  function showTab(tab: TabId, focusTab = false): void {
    activeTab = tab;
    for (const t of tabs) {
      const selected = t.dataset['tab'] === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      if (selected && focusTab) t.focus();
    }
    for (const panel of root.querySelectorAll<HTMLElement>('#pg-panel-code, #pg-panel-config, #pg-panel-concurrency')) {
      const forTab = panel.dataset['panel'];
      panel.hidden = !(forTab === tab || (forTab === 'code' && isDocId(tab)));
    }
    if (isDocId(tab)) {
      lastDoc = tab;
      const doc: DocId = tab === 'handler' ? activeFile : tab;
      const tabEl = tabs.find((t) => t.dataset['tab'] === tab);
      if (tabEl) codePanel.setAttribute('aria-labelledby', tabEl.id);
      filesBar.hidden = tab !== 'handler';
      codeLabel.textContent = isFileDoc(doc) ? `File ${doc.slice('file:'.length)}` : tab === 'scenarioConfig' ? (scenario?.configLabel() ?? DOCS[tab].label) : DOCS[tab].label;
      codeNote.textContent = docNote(doc);
      must(root, '[data-pg="samples"]').hidden = doc !== 'request' && doc !== 'handler';
      fillSamples(tab);
      if (staticShown && !staticFits(doc)) dismissStaticCode();
      showDoc(doc);
      validateDoc(doc);
    }
  }

  tabs.forEach((t) => {
    t.addEventListener('click', () => showTab(t.dataset['tab'] as TabId));
    t.addEventListener('keydown', (e) => {
      // Why computed here: the scenario's config-file tab appears only in scenario mode.
      const shown = visibleTabs();
      const i = shown.indexOf(t);
      const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? shown.length - 1 : null;
      if (next === null) return;
      e.preventDefault();
      const target = shown[(next + shown.length) % shown.length];
      if (target) showTab(target.dataset['tab'] as TabId, true);
    });
  });

  // Monaco on first interaction with the code area (never on touch-first devices, which keep the text box).
  let monacoRequested = false;
  function upgradeEditor(): void {
    if (monacoRequested) return;
    monacoRequested = true;
    const hadFocus = document.activeElement === textarea || document.activeElement === staticCode;
    if (prefersPlainEditor()) {
      dismissStaticCode();
      if (hadFocus) textarea.focus();
      return;
    }
    editorStatus.textContent = 'Loading the code editor…';
    performance.mark('lt-playground-monaco-requested');
    const doc: DocId = lastDoc === 'handler' ? activeFile : lastDoc;
    import('./monaco.ts')
      .then(({ createMonacoEditor }) => {
        // Monaco measures its host when it is created: create it in a shown host (all in this task, so no
        // frame shows both editors) rather than sizing it later from its resize observer.
        editorHost.hidden = false;
        let monacoEditor: ReturnType<typeof createMonacoEditor>;
        try {
          monacoEditor = createMonacoEditor(editorHost, events, { doc, text: docText(doc), language: docLanguage(doc), ...(docPath(doc) ? { path: docPath(doc) } : {}) });
        } catch (error) {
          editorHost.hidden = true;
          throw error;
        }
        editor.dispose();
        editor = monacoEditor;
        staticShown = false;
        staticCode.hidden = true;
        staticCode.tabIndex = -1;
        textarea.hidden = true;
        textarea.tabIndex = -1;
        root.dataset['editor'] = 'monaco';
        editorStatus.textContent = '';
        performance.mark('lt-playground-monaco-ready');
        showTab(isDocId(activeTab) ? activeTab : lastDoc);
        const focusNow = document.activeElement;
        if (hadFocus || focusNow === textarea || focusNow === staticCode || focusNow === document.body) editor.focus();
      })
      .catch(() => {
        dismissStaticCode();
        editorStatus.textContent = 'The code editor could not load; this plain text box works the same (Ctrl+Enter runs).';
        root.dataset['editor'] = 'textarea';
      });
  }
  const codeArea = must(root, '[data-pg="code-area"]');
  for (const type of ['pointerdown', 'focusin', 'keydown'] as const) {
    codeArea.addEventListener(type, upgradeEditor, { once: true });
  }

  // ── Configuration form ─────────────────────────────────────────────────────────────────────
  const frontDoorSelect = field<HTMLSelectElement>('frontDoor');
  const settingsError = must(root, '[data-pg="settings-error"]');
  /** Fields whose text is not a valid value now: a Run refuses while there are any (it never runs an older value silently). */
  let configProblems: string[] = [];
  function fillForm(): void {
    configProblems = [];
    replaceChildren(settingsError);
    for (const el of root.querySelectorAll('[aria-invalid="true"]')) if (el.closest('form')) el.setAttribute('aria-invalid', 'false');
    frontDoorSelect.value = state.frontDoor;
    syncLanguageFields();
    field<HTMLSelectElement>('requestMode').value = state.requestMode;
    field<HTMLSelectElement>('runtime').value = state.runtime;
    field<HTMLSelectElement>('fileName').value = state.fileName;
    field<HTMLInputElement>('handlerExport').value = state.handlerExport;
    field<HTMLInputElement>('timeoutSeconds').value = String(state.timeoutSeconds);
    field<HTMLInputElement>('memoryMB').value = String(state.memoryMB);
    field<HTMLTextAreaElement>('environment').value = state.environment;
    field<HTMLSelectElement>('invocationType').value = state.invocationType;
    field<HTMLSelectElement>('logFormat').value = state.logFormat;
    field<HTMLSelectElement>('applicationLogLevel').value = state.applicationLogLevel;
    field<HTMLInputElement>('reservedConcurrency').value = state.reservedConcurrency === null ? '' : String(state.reservedConcurrency);
    field<HTMLInputElement>('loadRequests').value = String(state.loadRequests);
    field<HTMLInputElement>('loadRatePerSecond').value = String(state.loadRatePerSecond);
    field<HTMLSelectElement>('loadModel').value = state.loadModel;
    field<HTMLInputElement>('loadClients').value = String(state.loadClients);
    syncInvocationType();
    syncLogLevel();
    syncLoadModel();
    syncFileSettings();
    renderFiles();
    fillSamples();
  }
  /** The language select and the handler-file choices follow the handler's language (Python offers one file name). */
  function syncLanguageFields(): void {
    const python = isPythonFile(state.fileName);
    field<HTMLSelectElement>('language').value = python ? 'python' : isTypeScriptFile(state.fileName) ? 'typescript' : 'javascript';
    for (const option of field<HTMLSelectElement>('fileName').options) {
      const fits = isPythonFile(option.value) === python;
      option.disabled = !fits;
      option.hidden = !fits;
    }
    field<HTMLSelectElement>('fileName').value = state.fileName;
  }
  /**
   * Scenario mode with a function-config file: that file is the one source of truth for the timeout,
   * memory and reserved concurrency it sets. Their fields show its values, read-only, and say where
   * they are set; runs and load runs use the same values.
   */
  function syncFileSettings(): void {
    const file = scenario?.fileSettings() ?? null;
    const controlled: string[] = [];
    const show = (name: 'timeoutSeconds' | 'memoryMB' | 'reservedConcurrency', value: number | null | undefined, own: number | null) => {
      const el = field<HTMLInputElement>(name);
      const fromFile = value !== undefined && file !== null;
      el.disabled = fromFile;
      if (fromFile) {
        el.value = value === null ? '' : String(value);
        el.setAttribute('aria-invalid', 'false');
        el.setAttribute('aria-describedby', 'pg-settings-note');
        controlled.push(name === 'timeoutSeconds' ? 'timeout' : name === 'memoryMB' ? 'memory' : 'reserved concurrency');
      } else if (el.hasAttribute('aria-describedby')) {
        el.removeAttribute('aria-describedby');
        el.value = own === null ? '' : String(own);
      }
    };
    show('timeoutSeconds', file?.timeoutSeconds, state.timeoutSeconds);
    show('memoryMB', file?.memoryMB, state.memoryMB);
    show('reservedConcurrency', file?.reservedConcurrency, state.reservedConcurrency);
    settingsNote.id = 'pg-settings-note';
    settingsNote.hidden = controlled.length === 0;
    settingsNote.textContent = controlled.length ? `The ${controlled.join(', ')} ${controlled.length === 1 ? 'is' : 'are'} set in ${scenario?.scenario.config?.name ?? 'the config file'} (the "${scenario?.scenario.config?.name ?? 'Config file'}" tab): edit it there.` : '';
  }
  function syncLogLevel(): void {
    field<HTMLSelectElement>('applicationLogLevel').disabled = state.logFormat !== 'JSON';
    must(root, '[data-pg="log-level-note"]').textContent =
      state.logFormat === 'JSON'
        ? 'Console output below this level is dropped, as the runtime does with AWS_LAMBDA_LOG_LEVEL.'
        : 'Lambda filters log levels only with the JSON log format.';
  }
  function syncLoadModel(): void {
    must(root, '[data-pg="load-rate"]').hidden = state.loadModel !== 'rate';
    must(root, '[data-pg="load-clients"]').hidden = state.loadModel !== 'clients';
  }
  function syncInvocationType(): void {
    const select = field<HTMLSelectElement>('invocationType');
    select.disabled = state.frontDoor !== 'invoke';
    must(root, '[data-pg="invocation-note"]').textContent =
      state.frontDoor === 'invoke' ? 'Event answers 202 at once; the function still runs and logs.' : 'Only the direct Invoke API lets the caller choose; HTTP front doors invoke synchronously.';
  }
  function fillSamples(tab: TabId = activeTab): void {
    const options =
      tab === 'handler'
        ? HANDLER_SAMPLES.filter((s) => hasAws || !s.aws).map((s) => h('option', { value: `handler:${s.id}` }, s.label))
        : REQUEST_SAMPLES.filter((s) => s.frontDoors.length === 0 || s.frontDoors.includes(state.frontDoor)).map((s) => h('option', { value: `request:${s.id}` }, s.label));
    replaceChildren(sampleSelect, h('option', { value: '' }, tab === 'handler' ? 'Load a handler…' : 'Load a request…'), ...options);
  }
  form.addEventListener('submit', (e) => e.preventDefault());
  settingsForm.addEventListener('submit', (e) => e.preventDefault());
  const onConfigInput = (e: Event) => {
    const target = e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const problems: string[] = [];
    const intField = (name: string, min: number, max: number, label: string): number | null => {
      const el = field<HTMLInputElement>(name);
      const n = Number(el.value);
      const ok = el.value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
      el.setAttribute('aria-invalid', String(!ok));
      if (!ok) problems.push(`${label} must be a whole number from ${min} to ${max}.`);
      return ok ? n : null;
    };
    const next: PlaygroundState = { ...state };
    const fd = frontDoorSelect.value;
    if (isFrontDoor(fd)) next.frontDoor = fd;
    const mode = field<HTMLSelectElement>('requestMode').value;
    next.requestMode = mode === 'event' ? 'event' : 'http';
    const runtime = field<HTMLSelectElement>('runtime').value;
    const language = field<HTMLSelectElement>('language').value;
    // Node.js ⇄ Python (by runtime or language): the handler, its files and runtime swap with the other language's.
    let switched: PlaygroundState | null = null;
    if (target.name === 'runtime' && (ALL_RUNTIMES as readonly string[]).includes(runtime)) switched = switchRuntime(state, runtime as PlaygroundState['runtime']);
    if (target.name === 'language') switched = switchRuntime(state, runtimeForLanguage(state, language === 'python'));
    if (switched) {
      next.runtime = switched.runtime;
      next.code = switched.code;
      next.fileName = switched.fileName;
      next.handlerExport = switched.handlerExport;
      next.extraFiles = switched.extraFiles;
      next.stashed = switched.stashed;
      field<HTMLInputElement>('handlerExport').value = next.handlerExport;
    }
    const file = field<HTMLSelectElement>('fileName').value;
    if (!switched && (HANDLER_FILES as readonly string[]).includes(file) && isPythonFile(file) === isPythonFile(next.fileName)) next.fileName = file as PlaygroundState['fileName'];
    if (target.name === 'language' && language !== 'python' && !isPythonFile(next.fileName)) next.fileName = handlerFileFor(next.fileName, language === 'typescript' ? 'typescript' : 'javascript');
    if (next.extraFiles.some((f) => f.name === next.fileName)) {
      problems.push(`An extra file is already called ${next.fileName}; rename it before using that name for the handler.`);
      next.fileName = state.fileName;
    }
    const exportName = field<HTMLInputElement>('handlerExport').value.trim();
    const exportOk = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(exportName);
    field<HTMLInputElement>('handlerExport').setAttribute('aria-invalid', String(!exportOk));
    if (exportOk) next.handlerExport = exportName;
    else problems.push(isPythonFile(next.fileName) ? 'The handler function must be a Python name such as lambda_handler.' : 'The handler export must be a JavaScript name such as handler.');
    const fileSettings = scenario?.fileSettings() ?? null;
    if (fileSettings?.timeoutSeconds === undefined) next.timeoutSeconds = intField('timeoutSeconds', 1, 900, 'Timeout') ?? state.timeoutSeconds;
    if (fileSettings?.memoryMB === undefined) next.memoryMB = intField('memoryMB', 128, 10240, 'Memory') ?? state.memoryMB;
    next.environment = field<HTMLTextAreaElement>('environment').value;
    next.invocationType = field<HTMLSelectElement>('invocationType').value === 'Event' ? 'Event' : 'RequestResponse';
    next.logFormat = field<HTMLSelectElement>('logFormat').value === 'JSON' ? 'JSON' : 'Text';
    const level = field<HTMLSelectElement>('applicationLogLevel').value;
    if ((LOG_LEVEL_CHOICES as readonly string[]).includes(level)) next.applicationLogLevel = level as PlaygroundState['applicationLogLevel'];
    const reserved = field<HTMLInputElement>('reservedConcurrency').value.trim();
    if (fileSettings?.reservedConcurrency === undefined) {
      next.reservedConcurrency = reserved === '' ? null : (intField('reservedConcurrency', 0, 10000, 'Reserved concurrency') ?? state.reservedConcurrency);
    }
    next.loadRequests = intField('loadRequests', 1, MAX_LOAD_REQUESTS, 'Requests') ?? state.loadRequests;
    next.loadRatePerSecond = intField('loadRatePerSecond', 1, 10000, 'Rate') ?? state.loadRatePerSecond;
    next.loadModel = field<HTMLSelectElement>('loadModel').value === 'clients' ? 'clients' : 'rate';
    next.loadClients = intField('loadClients', 1, 1000, 'Concurrent callers') ?? state.loadClients;
    const frontDoorChanged = next.frontDoor !== state.frontDoor;
    const fileChanged = next.fileName !== state.fileName || next.code !== state.code;
    state = next;
    const env = parseFunctionInput(state);
    if (!env.ok) problems.push(env.error);
    configProblems = problems;
    replaceChildren(settingsError, ...problems.map((p) => h('p', { class: 'pg-error' }, p)));
    if (fileChanged) {
      // The handler's file name (and so its language) changed: the editor model follows it.
      syncLanguageFields();
      field<HTMLSelectElement>('runtime').value = state.runtime;
      editor.drop('handler');
      for (const f of [...(switched?.stashed?.extraFiles ?? [])]) editor.drop(fileDoc(f.name));
      activeFile = 'handler';
      renderFiles();
      if (staticShown && !staticFits('handler')) dismissStaticCode();
      if (switched) fillSamples();
      if (activeTab === 'handler') showTab('handler');
    }
    if (frontDoorChanged || target.name === 'frontDoor') {
      syncInvocationType();
      fillSamples();
    }
    syncLogLevel();
    syncLoadModel();
    scheduleSave();
  };
  form.addEventListener('input', onConfigInput);
  settingsForm.addEventListener('input', onConfigInput);
  concurrencyForm.addEventListener('input', onConfigInput);
  /** Would replacing the handler lose the user's own edits (not the starter, a sample or the scenario's code)? */
  function codeIsEdited(code: string = state.code): boolean {
    if (code === STARTER_CODE || code === PYTHON_STARTER_CODE || HANDLER_SAMPLES.some((s) => s.code === code)) return false;
    return !(scenario && (code === scenario.initialState().code || code === scenario.scenario.solution));
  }
  sampleSelect.addEventListener('change', async () => {
    const [kind, id] = sampleSelect.value.split(':');
    sampleSelect.value = '';
    if (kind === 'handler') {
      const sample = HANDLER_SAMPLES.find((s) => s.id === id);
      if (!sample) return;
      const samplePython = sample.language === 'python';
      // A sample of the other language replaces that language's stashed code (the shown code is kept in the stash).
      const otherLanguage = samplePython !== isPythonFile(state.fileName);
      const replaced = otherLanguage ? (state.stashed?.code ?? STARTER_CODE) : state.code;
      if (codeIsEdited(replaced)) {
        const answer = await dialog.ask({
          title: 'Replace your code?',
          text: `Loading "${sample.label}" replaces the handler code you wrote. Share or copy it first if you want to keep it.`,
          confirmLabel: 'Replace my code',
          cancelLabel: 'Keep my code',
        });
        if (!answer.confirmed) return sampleSelect.focus();
      }
      const targetFile = samplePython ? 'lambda_function.py' : 'index.mjs';
      const fileChanged = state.fileName !== targetFile;
      if (otherLanguage) state = switchRuntime(state, runtimeForLanguage(state, samplePython));
      state = { ...state, code: sample.code, fileName: targetFile, handlerExport: samplePython ? 'lambda_handler' : 'handler' };
      if (fileChanged) editor.drop('handler');
      fillForm();
      activeFile = 'handler';
      renderFiles();
      editor.setText('handler', sample.code);
      showTab('handler');
      sampleSelect.focus();
    } else {
      const sample = REQUEST_SAMPLES.find((s) => s.id === id);
      if (!sample) return;
      state = { ...state, request: sample.text, requestMode: sample.mode };
      field<HTMLSelectElement>('requestMode').value = sample.mode;
      editor.setText('request', sample.text);
      showTab('request');
      sampleSelect.focus();
    }
    scheduleSave();
  });

  // ── Panels ─────────────────────────────────────────────────────────────────────────────────
  const panelByTab: Record<ResultTab, Panel> = {
    response: createResponsePanel(must(root, '[data-pg="response"]')),
    diagnosis: createDiagnosisPanel(must(root, '[data-pg="diagnosis"]'), links),
    logs: createLogsPanel(must(root, '[data-pg="logs"]')),
    timeline: createTimelinePanel(must(root, '[data-pg="timeline"]')),
    metrics: createMetricsPanel(must(root, '[data-pg="metrics"]'), hasLoad),
  };
  const panels = Object.values(panelByTab);
  const data: PanelData = { run: null, compare: null, load: null, config: null, summary: '', invocationType: 'RequestResponse' };
  const resultsBox = must(root, '[data-pg="results"]');
  let shownResultTab: ResultTab = 'response';
  // The open tab is drawn at once, the hidden ones in later tasks (panels/schedule.ts); the results stay
  // aria-busy until every panel shows the new result.
  const panelSchedule = createPanelSchedule(panelByTab, data, {
    onBusy: (busy) => resultsBox.setAttribute('aria-busy', String(busy || root.hasAttribute('data-busy'))),
  });
  const render = (): void => panelSchedule.render(shownResultTab);
  cleanups.push(() => panelSchedule.dispose());

  // Results in tabs (Response, Diagnosis, Logs, Timeline, Metrics) instead of one long column.
  function showResultTab(tab: ResultTab, focusTab = false): void {
    shownResultTab = tab;
    panelSchedule.flush(tab);
    for (const t of resultTabs) {
      const selected = t.dataset['resultTab'] === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      if (selected && focusTab) t.focus();
    }
    for (const panel of root.querySelectorAll<HTMLElement>('[data-result-panel]')) panel.hidden = panel.dataset['resultPanel'] !== tab;
  }
  resultTabs.forEach((t) => {
    t.addEventListener('click', () => showResultTab(t.dataset['resultTab'] as ResultTab));
    t.addEventListener('keydown', (e) => {
      const i = resultTabs.indexOf(t);
      const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? resultTabs.length - 1 : null;
      if (next === null) return;
      e.preventDefault();
      const target = resultTabs[(next + resultTabs.length) % resultTabs.length];
      if (target) showResultTab(target.dataset['resultTab'] as ResultTab, true);
    });
  });

  /** A refused run leaves the previous result on screen: say so, visibly, until a run succeeds. */
  function markStale(stale: boolean): void {
    resultsEl.dataset['stale'] = String(stale && data.summary !== '');
    staleEl.hidden = !(stale && data.summary !== '');
  }

  /** On a narrow screen the results are below the editor: bring the new result into view. */
  function revealResult(): void {
    if (typeof matchMedia === 'function' && matchMedia(SIDE_BY_SIDE_QUERY).matches) return;
    const top = summaryBox.getBoundingClientRect().top;
    if (top >= 0 && top < window.innerHeight * 0.5) return;
    summaryBox.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }

  // ── Running ────────────────────────────────────────────────────────────────────────────────
  const client = new EngineClient({
    // Why the cast: WorkerLike types its handlers with the narrow event shape the client reads ({ data },
    // { message }); a real Worker passes MessageEvent/ErrorEvent, which have those fields.
    createWorker: () => new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'lambda-triage-engine' }) as unknown as WorkerLike,
  });
  cleanups.push(() => client.dispose());
  let firstResultMarked = false;

  function setBusy(busy: boolean, message = ''): void {
    root.toggleAttribute('data-busy', busy);
    resultsBox.setAttribute('aria-busy', String(busy || panelSchedule.drawing()));
    progressEl.textContent = message;
  }

  function awsInput(): AwsInput | undefined | string {
    if (!hasAws) return undefined;
    const policy = parseJsonText(state.policy, 'The policy');
    if (!policy.ok) return policy.error;
    const aws = parseJsonText(state.awsState, 'The AWS state');
    if (!aws.ok) return aws.error;
    const faults = parseJsonText(state.faults, 'The faults');
    if (!faults.ok) return faults.error;
    return { policy: policy.value, state: aws.value, faults: faults.value };
  }

  let revealNext = false;
  function fail(message: string, tab?: TabId): void {
    summaryEl.textContent = message;
    summaryEl.dataset['tone'] = 'error';
    markStale(true);
    if (tab) showTab(tab);
    if (revealNext) revealResult();
    revealNext = false;
  }

  /** Whether any run has started (the automatic first run waits for the results on a phone; see resultsWanted). */
  let anyRunStarted = false;

  /** Run; `byUser` runs (a button, Ctrl+Enter) bring the result into view on a phone. */
  async function run(kind: RunKind, byUser = false): Promise<void> {
    anyRunStarted = true;
    saveNow();
    revealNext = byUser;
    if (configProblems.length > 0) return fail(`Not run: ${configProblems.join(' ')}`);
    const fn = parseFunctionInput(state);
    if (!fn.ok) return fail(`Not run: ${fn.error}`, 'config');
    const input = parseRequestInput(state.request, state.requestMode);
    if (!input.ok) return fail(`Not run: ${input.error}`, 'request');
    let aws = awsInput();
    if (typeof aws === 'string') return fail(`Not run: ${aws}`);
    // Reserved concurrency 0 throttles every synchronous invocation: Invoke answers 429
    // TooManyRequestsException, Reason ReservedFunctionConcurrentInvocationLimitExceeded.
    // Sources: https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html and
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
    let reservedConcurrency = state.reservedConcurrency;
    let fdOptions: FrontDoorOptions = {};
    if (scenario) {
      // Scenario mode: support files, the function name and the config file, as "Check my fix" runs them.
      const adjusted = scenario.adjustRun(fn.value, input.value, aws);
      if (!adjusted.ok) return fail(`Not run: ${adjusted.error}`, 'scenarioConfig');
      fn.value.files = adjusted.value.files;
      fn.value.config = adjusted.value.config;
      aws = adjusted.value.aws;
      fdOptions = { ...adjusted.value.options };
      // The scenario's function-config file, when it sets reserved concurrency, is the one source of truth.
      if (adjusted.value.reservedConcurrency !== undefined) reservedConcurrency = adjusted.value.reservedConcurrency;
    }
    if (reservedConcurrency === 0) fdOptions.throttled = true;
    const options = Object.keys(fdOptions).length > 0 ? { options: fdOptions } : {};
    const common = { ...(aws ? { aws } : {}), ...options };
    let request: OutgoingRequest;
    if (kind === 'compare') {
      if (input.value.kind !== 'http') return fail('Compare needs an HTTP request: set the request kind to "HTTP request" in More settings (a raw event only fits one front door).', 'config');
      request = { type: 'compare', fn: fn.value, request: input.value.request, ...common };
    } else if (kind === 'load') {
      if (!hasLoad) return fail('Load runs need the load simulator (Engine III), which is not in this build yet.');
      request = {
        type: 'load-run',
        fn: fn.value,
        frontDoor: state.frontDoor,
        input: input.value,
        load: { requests: state.loadRequests, model: state.loadModel, ratePerSecond: state.loadRatePerSecond, clients: state.loadClients, reservedConcurrency },
        ...(aws ? { aws } : {}),
      };
    } else {
      if (kind === 'fresh') {
        const reset = await client.send({ type: 'reset-environment', fn: fn.value });
        if (!reset.ok && reset.reason === 'superseded') return;
      }
      request = { type: 'run', fn: fn.value, frontDoor: state.frontDoor, input: input.value, ...common };
    }
    setBusy(true, kind === 'compare' ? 'Comparing the front doors…' : kind === 'load' ? 'Running the load test…' : 'Running…');
    const outcome = await client.send(
      request,
      (message) => {
        progressEl.textContent = message;
      },
      // A load run reports no progress while it runs; allow the engine's budget for each request. A Python
      // environment's start is long synchronous work (PYTHON_WATCHDOG_MS).
      kind === 'load' ? { watchdogMs: 10_000 + state.loadRequests * 100 } : isPythonRuntimeId(state.runtime) ? { watchdogMs: PYTHON_WATCHDOG_MS } : {},
    );
    handleOutcome(outcome, kind);
  }

  function handleOutcome(outcome: ClientOutcome, kind: RunKind): void {
    if (!outcome.ok && outcome.reason === 'superseded') return;
    setBusy(false);
    if (!outcome.ok) {
      fail(outcome.message);
      return;
    }
    const payload = outcome.payload;
    if (payload.kind === 'run') {
      const view: RunView = state.frontDoor === 'invoke' && state.invocationType === 'Event' ? { ...payload.run, response: asyncInvokeResponse(payload.run.response) } : payload.run;
      data.run = view;
      data.config = payload.functionConfig;
      data.invocationType = state.frontDoor === 'invoke' ? state.invocationType : 'RequestResponse';
      if (kind !== 'again') data.compare = null;
      showResult(summariseRun({ ...view, invocationType: data.invocationType }), view);
      if (kind !== 'load' && userRan) scenario?.runFinished(view.response.statusCode);
    } else if (payload.kind === 'compare') {
      data.compare = payload.runs;
      data.config = payload.functionConfig;
      const current = payload.runs.find((r) => r.frontDoor === state.frontDoor) ?? payload.runs[0] ?? null;
      if (current) {
        data.run = current;
        data.invocationType = 'RequestResponse';
        const statuses = payload.runs.map((r) => `${r.response.statusCode}`).join(', ');
        showResult(`${summariseRun(current)} Across the ${payload.runs.length} front doors the statuses were ${statuses}.`, current);
      }
    } else if (payload.kind === 'load-run') {
      data.load = payload.load;
      data.config = payload.functionConfig;
      const t = payload.load.totals;
      showResult(`Load run finished: ${t.requests} requests gave ${t.invocations} invocations, ${t.errors} errors and ${t.throttles} throttles, with at most ${t.maxConcurrentExecutions} running at once.`, null);
      showResultTab('metrics');
    }
    buttons.again.disabled = false;
    buttons.fresh.disabled = false;
  }

  function showResult(sentence: string, view: RunView | null): void {
    data.summary = sentence;
    summaryEl.textContent = sentence;
    const status = view?.response.statusCode ?? 200;
    summaryEl.dataset['tone'] = view === null ? 'info' : view.findings.some((f) => f.severity !== 'warning') || status >= 400 ? 'error' : 'ok';
    render();
    markStale(false);
    if (revealNext) revealResult();
    revealNext = false;
    if (!firstResultMarked) {
      firstResultMarked = true;
      performance.mark('lt-playground-first-result');
      root.dataset['firstResult'] = 'true';
    }
  }

  // The automatic first run does not count as the learner reproducing a scenario.
  let userRan = false;
  for (const b of [buttons.run, buttons.again, buttons.fresh]) b.addEventListener('click', () => (userRan = true), { capture: true });
  buttons.run.addEventListener('click', () => void run('run', true));
  buttons.again.addEventListener('click', () => void run('again', true));
  buttons.fresh.addEventListener('click', () => void run('fresh', true));
  buttons.compare.addEventListener('click', () => void run('compare', true));
  buttons.load.addEventListener('click', () => void run('load', true));
  if (!hasLoad) {
    buttons.load.disabled = true;
    buttons.load.title = 'Load runs need the load simulator (Engine III), not in this build yet.';
  }

  // ── Share and reset ────────────────────────────────────────────────────────────────────────
  buttons.share.addEventListener('click', () => {
    saveNow();
    void encodeShareHash(state).then(async (hash) => {
      const url = `${location.origin}${location.pathname}#${hash}`;
      shareInput.value = url;
      shareBox.hidden = false;
      let copied = false;
      try {
        await navigator.clipboard.writeText(url);
        copied = true;
      } catch {
        copied = false;
      }
      must(root, '[data-pg="share-status"]').textContent = copied
        ? `Link copied (${formatCount(url.length)} characters). It holds your code, request, configuration, policy, state and faults.`
        : `Link ready (${formatCount(url.length)} characters): copy it from the box.`;
      shareInput.select();
    });
  });

  function applyState(next: PlaygroundState): void {
    // The files may have other names now: forget every file document, then show the new ones.
    editor.drop('handler');
    for (const f of state.extraFiles) editor.drop(fileDoc(f.name));
    state = next;
    for (const doc of Object.keys(DOCS) as BuiltinDocId[]) editor.setText(doc, state[DOCS[doc].stateKey]);
    activeFile = 'handler';
    fillForm();
    showTab(activeTab);
  }

  buttons.reset.addEventListener('click', async () => {
    const initial = scenario ? scenario.initialState() : createDefaultState();
    if (serialiseState(state) !== serialiseState(initial)) {
      const answer = await dialog.ask({
        title: scenario ? 'Reset this scenario?' : 'Reset the playground?',
        text: scenario
          ? 'The scenario goes back to the broken handler it started with. Your current code, files, request and settings will be replaced.'
          : 'The playground goes back to the starting code. Your current code, files, request and settings will be replaced.',
        confirmLabel: 'Reset',
        cancelLabel: 'Keep my work',
      });
      if (!answer.confirmed) return buttons.reset.focus();
    }
    applyState(initial);
    saveNow();
    showNotice('The playground was reset to the starting code.', 'info');
    buttons.reset.focus();
  });

  // ── Start ──────────────────────────────────────────────────────────────────────────────────
  const frontDoorOptions = FRONT_DOORS.map((d) => h('option', { value: d }, FRONT_DOOR_LABELS[d]));
  replaceChildren(frontDoorSelect, ...frontDoorOptions);
  fillForm();
  showTab('handler');
  buttons.again.disabled = true;
  buttons.fresh.disabled = true;
  root.dataset['ready'] = 'true';

  // ── Scenario mode ──────────────────────────────────────────────────────────────────────────
  const hadSavedWork = restored?.ok === true;

  async function startScenario(): Promise<void> {
    if (!scenarioParam) return;
    const fallBackToScratch = (message: string) => {
      key = storageKey(DEFAULT_SCENARIO_ID);
      const scratch = parseStoredState(storage?.getItem(key) ?? null);
      applyState(scratch?.ok ? scratch.value.state : createDefaultState());
      showNotice(message, 'warn', { label: 'Go to the onboarding scenarios', run: () => location.assign(withBase('/onboarding/')) });
    };
    if (!scenarioParam.ok) return fallBackToScratch(`${scenarioParam.error} This is the scratch playground; pick a scenario on the onboarding page (/onboarding/).`);
    const mode = await createScenarioMode({
      id: scenarioParam.value,
      host: must(root, '[data-pg="scenario"]'),
      storage,
      client,
      getState: () => state,
      applyState: (next) => {
        applyState(next);
        saveNow();
      },
      showTab: (tab) => showTab(tab),
      configTab: must<HTMLButtonElement>(root, '[data-tab="scenarioConfig"]'),
      hadSavedWork,
      saveNow,
      // "Check my fix" judged the code on screen: run it too, so the main result is not the old one.
      afterCheck: () => void run('run'),
      confirm: async (question) => (await dialog.ask(question)).confirmed,
    });
    if (!mode.ok) return fallBackToScratch(mode.error);
    scenario = mode.value;
    root.dataset['scenario'] = scenarioParam.value;
    syncFileSettings();
    showTab(activeTab);
  }

  async function start(): Promise<void> {
    await startScenario();
    if (isShareHash(location.hash)) {
      const shared = await parseShareHash(location.hash);
      history.replaceState(null, '', `${location.pathname}${location.search}`);
      if (shared.ok) {
        const previous = storage?.getItem(key) ?? null;
        const backupKey = `${key}:before-share`;
        if (previous !== null) {
          try {
            storage?.setItem(backupKey, previous);
          } catch {
            // Storage full: the notice below still offers nothing to restore.
          }
        }
        applyState(shared.value.state);
        saveNow();
        const dropped = shared.value.dropped.length ? ` Some fields were unreadable and use defaults: ${shared.value.dropped.join(', ')}.` : '';
        showNotice(
          `Opened a shared playground.${dropped}${previous !== null ? ' Your previous work was kept.' : ''}`,
          'info',
          previous !== null
            ? {
                label: 'Restore my previous work',
                run: () => {
                  const back = parseStoredState(storage?.getItem(backupKey) ?? null);
                  if (back?.ok) {
                    applyState(back.value.state);
                    saveNow();
                  }
                },
              }
            : undefined,
        );
      } else {
        showNotice(shared.error, 'warn');
      }
    }
    await resultsWanted();
    // A run the learner started meanwhile (Run, Ctrl+Enter, Compare…) already answered: no second one.
    if (!anyRunStarted) await run('run');
  }

  /**
   * When the automatic first run should start. Side by side (wide screens) the results are in view: at once.
   * In one column (phones) they sit below the editor, so the first run waits until they come within half a
   * screen of the viewport, or the learner presses Run: until then the phone spends neither the engine's
   * download (≈ 0.5 MB gzipped: worker and QuickJS) nor its CPU on a result nobody sees.
   */
  function resultsWanted(): Promise<void> {
    if (typeof IntersectionObserver !== 'function' || typeof matchMedia !== 'function' || matchMedia(SIDE_BY_SIDE_QUERY).matches) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const observer = new IntersectionObserver(
        (entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          observer.disconnect();
          resolve();
        },
        { rootMargin: '0px 0px 50% 0px' },
      );
      observer.observe(resultsBox);
      cleanups.push(() => observer.disconnect());
      if (!firstResultMarked && root.dataset['busy'] === undefined) {
        summaryEl.textContent = 'The first run starts when the results come into view, or press Run.';
        resultsBox.setAttribute('aria-busy', 'false');
      }
    });
  }
  void start();

  return {
    dispose() {
      saveNow();
      for (const c of cleanups) c();
      for (const p of panels) p.unmount();
      editor.dispose();
    },
  };
}

/** The `<lt-playground>` element: mounts the playground on connect, disposes it on disconnect. */
export class PlaygroundElement extends HTMLElement {
  #app: PlaygroundApp | null = null;

  connectedCallback(): void {
    this.#app ??= createPlayground(this);
  }

  disconnectedCallback(): void {
    this.#app?.dispose();
    this.#app = null;
  }
}

/** Register `<lt-playground>` once. */
export function definePlayground(): void {
  if (!customElements.get('lt-playground')) customElements.define('lt-playground', PlaygroundElement);
}
