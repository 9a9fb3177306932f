/**
 * Masks what should not be shared from a paste: account ids, request ids (UUIDs), X-Ray trace ids,
 * IPv4/IPv6 addresses, ARNs (service and resource type kept; account and names masked), AWS access key
 * ids, secret access keys, session tokens, Bearer tokens and JWTs. The same value always gets the same
 * mask within one call (`<request-id-1>` everywhere that id appears), so the text still reads as a story.
 */

/** Kinds of masked values, in the order the masks are numbered. */
export type RedactionKind =
  | 'account'
  | 'request-id'
  | 'trace-id'
  | 'ip'
  | 'name'
  | 'access-key'
  | 'secret'
  | 'token'
  | 'jwt';

/** Result of {@link redactDetailed}. */
export interface Redaction {
  text: string;
  /** How many distinct values of each kind were masked. */
  counts: Partial<Record<RedactionKind, number>>;
}

// Access key ids: 20 characters, AKIA (long-term) or ASIA (temporary credentials).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
const ACCESS_KEY = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
const SECRET_ASSIGN =
  /\b(aws_secret_access_key|AWS_SECRET_ACCESS_KEY|SecretAccessKey|secretAccessKey|secret_access_key)("?\s*[=:]\s*"?)([A-Za-z0-9/+=]{16,})/g;
const TOKEN_ASSIGN =
  /\b(aws_session_token|AWS_SESSION_TOKEN|SessionToken|sessionToken|aws_security_token|X-Amz-Security-Token)("?\s*[=:]\s*"?)([A-Za-z0-9/+=%]{16,})/g;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer\s+)([A-Za-z0-9._~+/=-]{8,})/g;
// ARN: arn:partition:service:region:account:resource (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html)
const ARN = /\barn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|)?:([^\s"'`,;)\]}]+)/g;
const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
const TRACE_ID = /\b1-[0-9a-f]{8}-[0-9a-f]{24}\b/g;
const ACCOUNT = /(?<![\w-])\d{12}(?![\w-])/g;
const IPV4 = /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.]*\d)/g;
const IPV6_CANDIDATE = /(?<![\w:.<>-])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:<>])/g;
/** Resource parts kept as they are: versions and aliases Lambda itself defines. */
const KEEP_NAME = /^(?:\$LATEST|\d+|\*)$/;

function isIpv6(s: string): boolean {
  const doubles = s.split('::').length - 1;
  if (doubles > 1) return false;
  const groups = s.split(':');
  const filled = groups.filter((g) => g !== '');
  if (filled.length > 8 || filled.some((g) => g.length > 4)) return false;
  if (doubles === 0) return groups.length === 8 && filled.length === 8;
  // Compressed: needs at least one hex letter or a short form like ::1, and not a time like 10::30.
  return filled.length >= 1 && (filled.length >= 2 || /[a-f]/i.test(s) || s === '::1' || s.startsWith('::'));
}

/** Mask secrets and identifiers in `text`, returning the masked text and what was masked. */
export function redactDetailed(text: string): Redaction {
  const maps = new Map<RedactionKind, Map<string, string>>();
  const mask = (kind: RedactionKind, value: string): string => {
    let m = maps.get(kind);
    if (!m) {
      m = new Map();
      maps.set(kind, m);
    }
    let out = m.get(value);
    if (!out) {
      out = `<${kind}-${m.size + 1}>`;
      m.set(value, out);
    }
    return out;
  };

  let t = text;
  t = t.replace(SECRET_ASSIGN, (_all, key: string, sep: string, value: string) => `${key}${sep}${mask('secret', value)}`);
  t = t.replace(TOKEN_ASSIGN, (_all, key: string, sep: string, value: string) => `${key}${sep}${mask('token', value)}`);
  t = t.replace(JWT, (v) => mask('jwt', v));
  t = t.replace(BEARER, (_all, prefix: string, value: string) => (value.startsWith('<') ? _all : `${prefix}${mask('token', value)}`));
  t = t.replace(ACCESS_KEY, (v) => mask('access-key', v));
  t = t.replace(ARN, (_all, partition: string, service: string, region: string, account: string | undefined, resource: string) => {
    const acct = account && /^\d{12}$/.test(account) ? mask('account', account) : (account ?? '');
    return `arn:${partition}:${service}:${region}:${acct}:${maskResource(service, resource, (n) => mask('name', n))}`;
  });
  t = t.replace(UUID, (v) => mask('request-id', v.toLowerCase()));
  t = t.replace(TRACE_ID, (v) => mask('trace-id', v));
  t = t.replace(ACCOUNT, (v) => mask('account', v));
  t = t.replace(IPV4, (v) => mask('ip', v));
  t = t.replace(IPV6_CANDIDATE, (v) => (isIpv6(v) ? mask('ip', v.toLowerCase()) : v));

  const counts: Partial<Record<RedactionKind, number>> = {};
  for (const [kind, m] of maps) counts[kind] = m.size;
  return { text: t, counts };
}

/** Mask secrets and identifiers in `text` (see {@link redactDetailed}). */
export function redact(text: string): string {
  return redactDetailed(text).text;
}

/**
 * Keep an ARN resource's type and mask its names: `function:orders` → `function:<name-1>`,
 * `assumed-role/Role/fn` → `assumed-role/<name-1>/<name-2>`. S3 ARNs have no type: everything is a name.
 */
function maskResource(service: string, resource: string, maskName: (n: string) => string): string {
  const parts = resource.split(/([/:])/);
  const hasType = service !== 's3' && parts.length > 1 && /^[a-z][a-z0-9-]*$/i.test(parts[0] ?? '');
  return parts
    .map((p, i) => {
      if (p === '/' || p === ':' || p === '') return p;
      if (i === 0 && hasType) return p;
      if (KEEP_NAME.test(p)) return p;
      return maskName(p);
    })
    .join('');
}
