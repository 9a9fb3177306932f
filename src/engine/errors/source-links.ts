/**
 * Source citations a user can follow. Older parts of the engine cite facts by short keys of the team's
 * notes (`D15`, `KC1`, `LS-APIGW`, `CURL-2025`, `facts §5`); {@link citeSources} turns such a citation
 * into the public addresses behind the keys before it reaches a finding, the CLI or the playground.
 * Every key and its address is listed in docs/sources.md.
 */

/** Public address of each short source key (docs/sources.md, "Source keys"). */
export const SOURCE_KEY_URLS: Readonly<Record<string, string>> = {
  D1: 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html',
  D2: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format',
  D3: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response',
  D4: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html',
  D5: 'https://repost.aws/knowledge-center/api-gateway-status-codes-http-api',
  D6: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-response-payload',
  D7: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-throttling',
  D8: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html',
  D9: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html',
  D10: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html#error-reason-codes',
  D11: 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html',
  D12: 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html',
  D13: 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html',
  D14: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
  D15: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
  D16: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html',
  D17: 'https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/',
  D18: 'https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb',
  D19: 'https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/',
  D20: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
  KC1: 'https://repost.aws/knowledge-center/malformed-502-api-gateway',
  KC2: 'https://repost.aws/knowledge-center/api-gateway-rest-api-lambda-integrations',
  'LS-LAMBDA': 'https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json',
  'LS-COMMON': 'https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda_common.snapshot.json',
  'LS-APIGW': 'https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json',
  'RUNTIME-SRC': 'https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/tree/da5777a',
};

/** The one key without a public address: real curl captures of a REST API whose repository was not recorded. */
const UNPUBLISHED_CAPTURE = 'a real REST API curl capture (2025-05-20)';

const PAREN_KEY = /\s*\((D\d{1,2}|KC\d)(?:,\s*([^)]*))?\)/g;
const BARE_KEY = /(?<![\w/.#-])(D\d{1,2}|KC\d|LS-LAMBDA|LS-COMMON|LS-APIGW|RUNTIME-SRC)(?![\w-])/g;
const FACTS_REF = /\s*\(?(?:aws-)?facts §\d+(?:\s*,\s*[^)]*)?\)?:?\s*/g;

/**
 * Rewrites a citation so that it holds public addresses only: `(D15)` after its own address is dropped,
 * otherwise a key becomes its address (once per citation), `facts §N` is dropped and `CURL-2025` is described.
 * Text that is already an address or a description is kept.
 */
export function citeSources(source: string): string {
  const seen = new Set<string>(source.match(/https?:\/\/\S+?(?=[;,)\s]|$)/g) ?? []);
  let text = source.replace(PAREN_KEY, (_m, key: string, extra: string | undefined) => {
    const url = SOURCE_KEY_URLS[key];
    const note = extra ? extra.trim() : '';
    if (url === undefined || seen.has(url)) return note ? ` (${note})` : '';
    seen.add(url);
    return ` (${url}${note ? `, ${note}` : ''})`;
  });
  text = text.replace(FACTS_REF, ' ');
  text = text.replace(/CURL-2025/g, UNPUBLISHED_CAPTURE);
  text = text.replace(BARE_KEY, (key: string) => {
    const url = SOURCE_KEY_URLS[key];
    if (url === undefined) return key;
    if (seen.has(url)) return '';
    seen.add(url);
    return url;
  });
  return text
    .replace(/\s*;\s*(?=;|$)/g, '')
    .replace(/^\s*;\s*/, '')
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([;,)])/g, '$1')
    .replace(/\(\s*\)/g, '')
    .trim();
}

/** True when `source` still cites a short key of the team's notes instead of a public address. */
export function hasInternalSourceKey(source: string): boolean {
  return /(?<![\w/.#-])(D\d{1,2}|KC\d|LS-[A-Z]+|RUNTIME-SRC|CURL-\d{4})(?![\w-])|facts §|aws-facts/.test(source);
}
