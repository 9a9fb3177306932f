/**
 * The playground's own modal dialog (a `<dialog>` opened with `showModal()`): the browser traps focus
 * in it, Escape cancels, and focus returns to where it was. It replaces `window.confirm` and
 * `window.prompt`, which block the page, cannot be styled and are easy to dismiss by accident.
 */
import { must } from './dom.ts';

/** What to ask. */
export interface DialogRequest {
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  /** Ask for a line of text too (e.g. a file name); `check` returns a sentence when the value is refused. */
  input?: { label: string; value: string; check: (value: string) => string | null };
}

/** The answer: confirmed or not, and the text typed (trimmed) when there was an input. */
export interface DialogAnswer {
  confirmed: boolean;
  value: string;
}

/** A mounted dialog. */
export interface PlaygroundDialog {
  ask: (request: DialogRequest) => Promise<DialogAnswer>;
  /** Is a question open now? */
  isOpen: () => boolean;
}

/** Wire the server-rendered `<dialog data-pg="dialog">` inside `root`. */
export function createDialog(root: HTMLElement): PlaygroundDialog {
  const dialog = must<HTMLDialogElement>(root, '[data-pg="dialog"]');
  const form = must<HTMLFormElement>(dialog, 'form');
  const title = must(dialog, '[data-pg="dialog-title"]');
  const text = must(dialog, '[data-pg="dialog-text"]');
  const field = must(dialog, '[data-pg="dialog-field"]');
  const label = must(dialog, '[data-pg="dialog-label"]');
  const input = must<HTMLInputElement>(dialog, '[data-pg="dialog-input"]');
  const error = must(dialog, '[data-pg="dialog-error"]');
  const confirm = must<HTMLButtonElement>(dialog, '[data-pg="dialog-confirm"]');
  const cancel = must<HTMLButtonElement>(dialog, '[data-pg="dialog-cancel"]');
  let current: DialogRequest | null = null;
  let settle: ((answer: DialogAnswer) => void) | null = null;

  form.addEventListener('submit', (e) => {
    const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value !== 'confirm' || !current?.input) return;
    const problem = current.input.check(input.value);
    if (problem === null) return;
    e.preventDefault();
    error.textContent = problem;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  });
  /** Answer the open question (if any) from how the dialog was closed. */
  const settlePending = (): void => {
    const done = settle;
    settle = null;
    current = null;
    done?.({ confirmed: dialog.returnValue === 'confirm', value: input.value.trim() });
  };
  // The browser fires `close` in a later task. A question asked in between (a quick second choice) has settled the
  // previous one already and opened the dialog again: that late event is not an answer to it.
  dialog.addEventListener('close', () => {
    if (!dialog.open) settlePending();
  });

  return {
    isOpen: () => dialog.open,
    ask(request) {
      if (dialog.open) dialog.close('cancel');
      settlePending();
      current = request;
      title.textContent = request.title;
      text.textContent = request.text;
      confirm.textContent = request.confirmLabel;
      cancel.textContent = request.cancelLabel;
      field.hidden = !request.input;
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      if (request.input) {
        label.textContent = request.input.label;
        input.value = request.input.value;
      }
      dialog.returnValue = '';
      return new Promise<DialogAnswer>((resolve) => {
        settle = resolve;
        dialog.showModal();
        // The safe choice has focus first for questions; the text box for inputs.
        if (request.input) {
          input.focus();
          input.select();
        } else {
          cancel.focus();
        }
      });
    },
  };
}
