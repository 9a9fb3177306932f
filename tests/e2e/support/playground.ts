import { expect, type Page } from '@playwright/test';
import { createDefaultState, encodeShareHash, type PlaygroundState } from '../../../src/playground/state.ts';

/**
 * Wait for the playground's automatic first run to finish. In one column (a phone) that run starts only when
 * the results come into view, so they are scrolled to first, as a reader would.
 */
export async function waitForFirstResult(page: Page): Promise<void> {
  await attached(page, 'lt-playground[data-ready="true"]');
  if (!(await page.evaluate(() => matchMedia('(min-width: 60rem)').matches))) {
    await page.locator('[data-pg="results"]').scrollIntoViewIfNeeded();
  }
  await attached(page, 'lt-playground[data-first-result="true"]');
}

/** Waits up to 30 s, checking at every animation frame (see {@link settledText}), until `selector` matches an element. */
async function attached(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => document.querySelector(sel) !== null, selector, { timeout: 30_000 }).catch(() => undefined);
  await expect(page.locator(selector)).toBeAttached({ timeout: 1_000 });
}

/**
 * Waits, checking at every animation frame, until the text of the first element matching `selector` matches
 * `pattern` (a substring or a regular expression). Playwright's own waits re-check every 500 ms once the first
 * 270 ms have passed, so a result that arrives in between was seen a quarter of a second late on average. Returns
 * quietly on timeout: the caller's `expect` then fails with Playwright's full message.
 */
export async function settledText(page: Page, selector: string, pattern: string | RegExp, timeout = 30_000): Promise<void> {
  const p = typeof pattern === 'string' ? { s: pattern, r: '', f: '' } : { s: '', r: pattern.source, f: pattern.flags };
  await page
    .waitForFunction(
      ([sel, q]) => {
        const text = (document.querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ');
        return q.r ? new RegExp(q.r, q.f).test(text) : text.includes(q.s);
      },
      [selector, p] as const,
      { timeout },
    )
    .catch(() => undefined);
}

/** The playground's address for a share link carrying `state` (over the defaults). */
export async function sharePath(state: Partial<PlaygroundState>): Promise<string> {
  return `/playground/#${await encodeShareHash({ ...createDefaultState(), ...state })}`;
}

/** Open the playground through a share link carrying `state` (over the defaults) and wait for the first run. */
export async function openShared(page: Page, state: Partial<PlaygroundState>): Promise<void> {
  await page.goto('about:blank');
  await page.goto(await sharePath(state));
  await waitForFirstResult(page);
}

/**
 * Replace the handler code through Monaco (loaded on first interaction), as a person would. Code is
 * one line: typed text goes through Monaco's auto-closing of brackets, which a newline would defeat.
 */
export async function setCode(page: Page, code: string): Promise<void> {
  await setEditorText(page, 'Handler', code);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText(code.split('\n')[0]!.trim().slice(0, 20));
}

/** Replace the text of one editor tab (Handler, Request, …) through Monaco, as a person would. */
export async function setEditorText(page: Page, tab: string, text: string): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
  await page.locator('[data-pg="code-area"]').click();
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toBeVisible({ timeout: 20_000 });
  await lines.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(text);
}
