/**
 * How other pages hand text to /analyze/ (the playground's "Analyze these logs" button):
 * 1. `/analyze/?from=playground` after writing the text to localStorage key PENDING_KEY, or
 * 2. `/analyze/#logs=<base64url(deflate-raw(UTF-8 text))>` for a shareable link.
 * Either way the page fills the paste area and analyses at once.
 */

/** localStorage key the page keeps the paste under, so nothing is lost on reload. */
export const TEXT_KEY = 'lambda-triage:analyze:text';
/** localStorage key another page writes text to before opening `/analyze/?from=playground`. */
export const PENDING_KEY = 'lambda-triage:analyze:pending';

function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Build the `#logs=` fragment for `text` (for links to /analyze/). */
export async function encodeLogsFragment(text: string): Promise<string> {
  return `#logs=${toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')))}`;
}

/** Read the text handed over in the URL or in PENDING_KEY, or null. Throws a friendly Error on a broken link. */
export async function readHandoff(location: Location, storage: Storage): Promise<string | null> {
  const hash = /^#logs=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (hash?.[1]) {
    try {
      return new TextDecoder().decode(await pipe(fromBase64Url(hash[1]), new DecompressionStream('deflate-raw')));
    } catch {
      throw new Error('The link to this page carries logs that could not be read (the #logs= part is damaged).');
    }
  }
  if (new URLSearchParams(location.search).get('from') === 'playground') {
    const text = storage.getItem(PENDING_KEY);
    storage.removeItem(PENDING_KEY);
    return text;
  }
  return null;
}
