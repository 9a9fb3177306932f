/**
 * The offline service worker, bundled by src/integrations/offline.ts after `astro build` into `<base>sw.js`
 * with the build's precache manifest. It never runs in `astro dev` (the page script only registers it in a
 * build).
 *
 * - Install: Workbox precaches every file of the build (pages, CSS, JS, the engine worker, the QuickJS wasm,
 *   Monaco, Pagefind's index, the scenario JSON); the worker installs only when every file arrived.
 * - Fetch: a precached URL is answered from the cache (query strings ignored: every page is a static file,
 *   `/playground/?scenario=…` is `/playground/index.html`, and Pagefind adds `?ts=…` to its entry file);
 *   anything else goes to the network, and a page that cannot be reached offline gets the site's 404 page.
 * - Update: a new deployment's worker installs beside the old one and waits, so an open page keeps the files
 *   of its own build; the page offers a reload (src/offline/register.ts), which sends {@link SKIP_WAITING}.
 *   On activation Workbox deletes every cached file the new manifest does not list (old builds' assets).
 */
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { isSkipWaitingMessage, isVersionMessage, VERSION } from './messages.ts';

/** Replaced at build (esbuild `define`): the precache manifest, the build id and the base path. */
declare const __LT_PRECACHE_MANIFEST__: PrecacheEntry[];
declare const __LT_BUILD_ID__: string;
declare const __LT_BASE__: string;

/** The parts of the service worker global scope used here (the DOM lib has no ServiceWorkerGlobalScope). */
interface WorkerScope {
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}
const scope = self as unknown as WorkerScope;

// Caches written by older Workbox releases (a different cache layout) are removed on activation.
cleanupOutdatedCaches();
precacheAndRoute(__LT_PRECACHE_MANIFEST__, { ignoreURLParametersMatching: [/.*/], directoryIndex: 'index.html', cleanURLs: true });

// A page that is not precached (a mistyped URL): the network, else the site's own 404 page from the cache.
registerRoute(
  new NavigationRoute(async ({ request }) => {
    try {
      return await fetch(request);
    } catch {
      const page = await matchPrecache(`${__LT_BASE__}404.html`);
      return page ? new Response(page.body, { status: 404, statusText: 'Not Found', headers: page.headers }) : Response.error();
    }
  }),
);

scope.addEventListener('message', (event) => {
  if (isSkipWaitingMessage(event.data)) void scope.skipWaiting();
  else if (isVersionMessage(event.data)) event.ports[0]?.postMessage({ type: VERSION, buildId: __LT_BUILD_ID__ });
});
