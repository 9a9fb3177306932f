import { expect, type Page } from '@playwright/test';
import { createDefaultState, encodeShareHash, type PlaygroundState } from '../../../src/playground/state.ts';

/**
 * Wait for the playground's automatic first run to finish. In one column (a phone) that run starts only when
 * the results come into view, so they are scrolled to first, as a reader would.
 */
export async function waitForFirstResult(page: Page): Promise<void> {
  await page.locator('lt-playground[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  if (!(await page.evaluate(() => matchMedia('(min-width: 60rem)').matches))) {
    await page.locator('[data-pg="results"]').scrollIntoViewIfNeeded();
  }
  await expect(page.locator('lt-playground[data-first-result="true"]')).toBeAttached({ timeout: 30_000 });
}

/** Open the playground through a share link carrying `state` (over the defaults) and wait for the first run. */
export async function openShared(page: Page, state: Partial<PlaygroundState>): Promise<void> {
  const hash = await encodeShareHash({ ...createDefaultState(), ...state });
  await page.goto('about:blank');
  await page.goto(`/playground/#${hash}`);
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
