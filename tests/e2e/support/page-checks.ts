import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

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

/**
 * An axe scan of the page (of `include` only, when given). Two settings make it cost about half as much CPU
 * without changing what it finds (measured on 8 guides in one run: 16.7-20.1 s with AxeBuilder's defaults,
 * 8.9-13.0 s in legacy mode, 7.0 s legacy with violations only; the same 263 results each time):
 * - legacy mode runs axe once, in the page, instead of once per frame and then again in a new blank page that
 *   joins the frames' results. That second page exists for cross-origin iframes, which no page of this site
 *   has; the scan fails if one ever appears, so the shortcut cannot hide one. (@axe-core/playwright's README
 *   calls legacy mode a last resort because of exactly those frames; the check above is what makes it safe here.)
 * - `resultTypes: ['violations']`: axe still runs every rule on every node, but describes in full only the
 *   nodes that fail (the passes, which nobody reads here, are the bulk of its output).
 */
export async function axeViolations(page: Page, include?: string) {
  const origin = new URL(page.url()).origin;
  const foreign = page.frames().map((f) => f.url()).filter((u) => /^https?:/.test(u) && new URL(u).origin !== origin);
  if (foreign.length > 0) throw new Error(`cross-origin frames need AxeBuilder's default mode: ${foreign.join(', ')}`);
  let builder = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
  if (include) builder = builder.include(include);
  return (await builder.analyze()).violations;
}
