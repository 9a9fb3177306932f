/** Small formatters shared by the panels. Pure. */

/**
 * A whole number with commas between thousands ("12,345"). Written out rather than toLocaleString('en-US'):
 * the first Intl call builds the number formatter, about 40 ms on a phone-class CPU (155 ms under Lighthouse's
 * 4× throttling), and the playground's first result paid it on the main thread.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const [whole = '0', fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Bytes as "1,234 bytes", "12.3 KB" or "6.00 MB" (binary units, as Lambda's limits are stated). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}

/** Milliseconds as "12.34 ms" or "3.00 s". */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(2)} ms`;
}

/** Reason phrases for the statuses the front doors send. */
export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Pretty-print a body when it is JSON; otherwise return it unchanged. */
export function prettyBody(body: string): string {
  const trimmed = body.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return body;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return body;
  }
}

/** The level of a CloudWatch line, for colouring: platform lines, console levels, or plain. */
export function logLevel(line: string): 'platform' | 'error' | 'warn' | 'info' | 'debug' | 'plain' {
  if (/^(START|END|REPORT|INIT_START|INIT_REPORT|INIT_RUNTIME_DONE|EXTENSION|RESTORE)\b/.test(line)) return 'platform';
  if (/^\{"time":"[^"]*","type":"platform\./.test(line)) return 'platform';
  const text = /^\S+\t\S+\t(ERROR|WARN|INFO|DEBUG|TRACE|FATAL)\t/.exec(line)?.[1];
  const json = /"level":"(ERROR|WARN|INFO|DEBUG|TRACE|FATAL)"/.exec(line)?.[1];
  const level = text ?? json;
  if (level === 'ERROR' || level === 'FATAL') return 'error';
  if (level === 'WARN') return 'warn';
  if (level === 'INFO') return 'info';
  if (level === 'DEBUG' || level === 'TRACE') return 'debug';
  if (/Task timed out after|Runtime exited|Error: Runtime/.test(line)) return 'error';
  return 'plain';
}
