import type { Page } from '@playwright/test';

/** Collects console errors, page errors and requests to other hosts while a page is used. */
export function watchPage(page: Page, baseURL: string) {
  const consoleErrors: string[] = [];
  const externalRequests: string[] = [];
  const allowedHost = new URL(baseURL).host;
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.host !== allowedHost) externalRequests.push(req.url());
  });
  return { consoleErrors, externalRequests };
}

/**
 * Waits until Expressive Code has made every overflowing code block a focusable region. Its script does that
 * from a ResizeObserver after a 250 ms debounce and an idle callback, so an axe scan started at 'load' (or even
 * at network idle) on a busy machine can see a scrollable block without keyboard access that a reader would
 * not. If the script stops doing it, the wait times out and the calling test fails.
 */
export async function codeBlocksSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('.expressive-code pre')].every(
      (pre) => pre.scrollWidth <= pre.clientWidth || pre.getAttribute('tabindex') === '0',
    ),
  );
}
