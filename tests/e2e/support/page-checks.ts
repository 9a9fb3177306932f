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
