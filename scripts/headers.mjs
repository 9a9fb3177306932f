// HTTP headers the site should be served with. The local server sends them; README shows how to set
// the same on a static host.
/** @type {Record<string, string>} */
export const siteHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};
