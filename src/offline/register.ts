/**
 * Registers the offline service worker from every page of a build (injected by src/integrations/offline.ts,
 * never in `astro dev`) and tells the reader when a new version is ready.
 *
 * Why a notice rather than a silent switch: an open page loads parts of itself later (the playground's
 * Monaco workers, the engine worker, Pagefind's index chunks), and activating a new build's worker deletes
 * the old build's files from the cache, so a page switched under the reader could ask for files its build
 * no longer has. The new worker therefore waits (the browser's default, https://web.dev/articles/service-worker-lifecycle)
 * and takes over by itself once every tab of the site is closed; until then the notice offers a reload, which
 * activates it now and reloads this page onto the new build.
 */
import { SKIP_WAITING } from './messages.ts';
import { SERVICE_WORKER_FILE } from './precache-manifest.ts';

/** The notice's element id (one notice per page). */
export const UPDATE_NOTICE_ID = 'lt-update-notice';

/**
 * Registers `<base>sw.js` with the scope `base` once the page has loaded and then gone idle, so neither the
 * registration nor the precache it starts (the whole build, ≈ 21 MB) competes with the page's own start-up:
 * on the playground that is the engine worker's first run, and registering at 'load' put a 90–125 ms task in
 * the middle of it under Lighthouse's mobile throttling. The idle wait is capped at a few seconds.
 */
export function registerOfflineWorker(base: string): void {
  if (!('serviceWorker' in navigator)) return;
  const whenIdle = (run: () => void) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 4000 });
    else setTimeout(run, 1000);
  };
  const start = () => {
    navigator.serviceWorker
      // updateViaCache 'none': every update check asks the server for sw.js, whatever its cache headers.
      .register(`${base}${SERVICE_WORKER_FILE}`, { scope: base, updateViaCache: 'none' })
      .then(watchForUpdates)
      .catch((error: unknown) => console.warn('Lambda Triage: the offline copy could not be set up:', error));
  };
  if (document.readyState === 'complete') whenIdle(start);
  else window.addEventListener('load', () => whenIdle(start), { once: true });
}

/** Shows the notice when a new build's worker is waiting, now or once one finishes installing. */
function watchForUpdates(registration: ServiceWorkerRegistration): void {
  // Without a controller this is the first visit: the worker that installs is the first one, not an update.
  const hadController = navigator.serviceWorker.controller !== null;
  if (registration.waiting && hadController) showUpdateNotice(registration.waiting, 'ready');
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) showUpdateNotice(installing, 'ready');
    });
  });
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!hadController || reloading) return;
    if (document.getElementById(UPDATE_NOTICE_ID)?.dataset['requested'] === 'true') {
      reloading = true;
      window.location.reload();
    } else {
      // Another tab activated the new build: this page's later loads may miss files of its own build.
      showUpdateNotice(null, 'switched');
    }
  });
}

/** The notice: `ready` offers to activate `waiting`; `switched` says another tab already did. */
function showUpdateNotice(waiting: ServiceWorker | null, kind: 'ready' | 'switched'): void {
  document.getElementById(UPDATE_NOTICE_ID)?.remove();
  const notice = document.createElement('div');
  notice.id = UPDATE_NOTICE_ID;
  notice.setAttribute('role', 'status');
  Object.assign(notice.style, {
    position: 'fixed',
    insetBlockEnd: '1rem',
    insetInlineEnd: '1rem',
    zIndex: '1000',
    maxInlineSize: 'min(24rem, calc(100vw - 2rem))',
    padding: '0.75rem 1rem',
    display: 'flex',
    flexWrap: 'wrap',
    gap: '0.5rem',
    alignItems: 'center',
    background: 'var(--sl-color-bg-nav, #fff)',
    color: 'var(--sl-color-white, #000)',
    border: '1px solid var(--sl-color-gray-5, #888)',
    borderRadius: '0.5rem',
    boxShadow: 'var(--sl-shadow-md, 0 2px 8px rgb(0 0 0 / 0.3))',
  });
  const text = document.createElement('p');
  text.style.margin = '0';
  text.textContent =
    kind === 'ready'
      ? 'A new version of Lambda Triage is ready.'
      : 'Lambda Triage was updated in another tab: reload this page to use the new version.';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = 'Reload';
  reload.addEventListener('click', () => {
    if (waiting && waiting.state !== 'redundant') {
      notice.dataset['requested'] = 'true';
      waiting.postMessage({ type: SKIP_WAITING });
    } else {
      window.location.reload();
    }
  });
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = 'Later';
  dismiss.addEventListener('click', () => notice.remove());
  // The site's own button look (Starlight's primary and secondary link buttons), not the browser's grey default.
  styleButton(reload, true);
  styleButton(dismiss, false);
  notice.append(text, reload, dismiss);
  document.body.append(notice);
}

/** Gives a notice button the site's look: `primary` filled with the accent colour, otherwise outlined. */
function styleButton(button: HTMLButtonElement, primary: boolean): void {
  Object.assign(button.style, {
    font: 'inherit',
    fontSize: 'var(--sl-text-sm, 0.875rem)',
    lineHeight: '1.1',
    minBlockSize: '2.25rem',
    padding: '0.5rem 1rem',
    borderRadius: '999rem',
    cursor: 'pointer',
    border: `1px solid ${primary ? 'var(--sl-color-text-accent, #4f46e5)' : 'var(--sl-color-gray-4, #888)'}`,
    background: primary ? 'var(--sl-color-text-accent, #4f46e5)' : 'transparent',
    color: primary ? 'var(--sl-color-black, #fff)' : 'var(--sl-color-white, #000)',
  });
}
