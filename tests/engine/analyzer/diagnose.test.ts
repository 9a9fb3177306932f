import { describe, expect, it } from 'vitest';
import { ANSWER_THRESHOLD, classifyLine, classifyLines, diagnose, MAX_INPUT_CHARS, MAX_LINE_CHARS, type Signature } from '../../../src/engine/analyzer/index.ts';
import { loadSignatures } from './corpus.ts';

const signatures = loadSignatures();
const T = '\t';
const RID = '5f8e1c2a-9b3d-4e7f-a1c2-3d4e5f6a7b8c';

describe('classifyLine', () => {
  it.each([
    [`2026-01-12T09:14:03.120Z${T}${RID}${T}ERROR${T}Invoke Error ${T}{}`, 'lambda-log'],
    [`REPORT RequestId: ${RID}${T}Duration: 1.00 ms${T}`, 'lambda-log'],
    ['{"timestamp":"2026-01-12T00:00:00Z","level":"INFO","requestId":"x","message":"hi"}', 'lambda-log'],
    ['{"time":"x","type":"platform.report","record":{}}', 'lambda-log'],
    ['    "FunctionError": "Unhandled",', 'invoke-output'],
    ['{"errorType":"Error","errorMessage":"boom","trace":[]}', 'invoke-output'],
    [`(${RID}) Method completed with status: 502`, 'apigw-execution-log'],
    ['Mon Jan 12 12:30:00 UTC 2026 : Execution failed due to configuration error: Malformed Lambda proxy response', 'apigw-execution-log'],
    ['{"requestId":"x","status":"504","error.responseType":"INTEGRATION_TIMEOUT"}', 'apigw-access-log'],
    ['https 2026-01-12T10:01:02.345678Z app/x/1 1.2.3.4:1 - 0.000 0.051 -1 502 - 1 2 "GET / HTTP/1.1" "-" - - arn "-" "-" "-" 0 2026-01-12T10:01:02Z "forward" "-" "LambdaUnhandled"', 'alb-access-log'],
    ['{"message": "Endpoint request timed out"}', 'client-response'],
    ['< HTTP/2 504', 'client-response'],
    ['Internal Server Error', 'client-response'],
    ['Hello team', 'plain'],
  ])('%s → %s', (line, source) => {
    expect(classifyLine(line)).toBe(source);
  });
});

describe('diagnose: disambiguation', () => {
  it('a timeout with a network timeout in the same paste ranks downstream-failure first, timeout second', () => {
    const d = diagnose(
      [`2026-01-12T18:10:02.500Z${T}${RID}${T}WARN${T}retrying after Error: connect ETIMEDOUT 203.0.113.50:443`, `2026-01-12T18:10:05.012Z ${RID} Task timed out after 5.01 seconds`].join('\n'),
      signatures,
    );
    expect(d.causes.map((c) => c.cause).slice(0, 2)).toEqual(['downstream-failure', 'timeout']);
  });

  it('a timeout alone stays a timeout', () => {
    expect(diagnose(`2026-01-12T18:10:05.012Z ${RID} Task timed out after 5.01 seconds`, signatures).causes[0]?.cause).toBe('timeout');
  });

  it('an out-of-memory visible only in the REPORT line', () => {
    const d = diagnose(`REPORT RequestId: ${RID}${T}Duration: 6954.19 ms${T}Billed Duration: 6955 ms${T}Memory Size: 1024 MB${T}Max Memory Used: 1023 MB${T}Status: error${T}Error Type: Runtime.OutOfMemory`, signatures);
    expect(d.causes[0]?.cause).toBe('out-of-memory');
    const equal = diagnose(`REPORT RequestId: ${RID}${T}Duration: 900.00 ms${T}Billed Duration: 900 ms${T}Memory Size: 512 MB${T}Max Memory Used: 512 MB${T}`, signatures);
    expect(equal.causes[0]?.cause).toBe('out-of-memory');
    const below = diagnose(`REPORT RequestId: ${RID}${T}Duration: 900.00 ms${T}Billed Duration: 900 ms${T}Memory Size: 512 MB${T}Max Memory Used: 511 MB${T}`, signatures);
    expect(below.causes).toEqual([]);
  });

  it('a REST 502 where the function succeeded: malformed response, not an exception', () => {
    const d = diagnose(`(${RID}) Endpoint response body before transformations: {"statusCode":200,"body":{"ok":true}}\n(${RID}) Execution failed due to configuration error: Malformed Lambda proxy response\n(${RID}) Method completed with status: 502\n{"message": "Internal server error"}`, signatures);
    expect(d.causes[0]?.cause).toBe('malformed-response');
    expect(d.causes.map((c) => c.cause)).not.toContain('integration-config');
    expect(d.causes[0]?.evidence.map((e) => e.lineNumber)).toEqual([1, 2]);
  });

  it('"Endpoint request timed out" as the response is an integration timeout; inside the function log it is a downstream failure', () => {
    expect(diagnose('{"message": "Endpoint request timed out"}', signatures).causes[0]?.cause).toBe('integration-timeout');
    const inside = diagnose(`2026-01-12T18:20:00.000Z${T}${RID}${T}ERROR${T}Invoke Error ${T}{"errorType":"AxiosError","errorMessage":"Request failed with status code 504","data":{"message":"Endpoint request timed out"}}`, signatures);
    expect(inside.causes[0]?.cause).toBe('downstream-failure');
    expect(inside.causes.map((c) => c.cause)).not.toContain('integration-timeout');
  });

  it('evidence carries the line, its 1-based number, the signature and the source', () => {
    const d = diagnose(`hello\n\n2026-01-12T18:10:05.012Z ${RID} Task timed out after 5.01 seconds`, signatures);
    expect(d.causes[0]?.evidence[0]).toEqual({ line: `2026-01-12T18:10:05.012Z ${RID} Task timed out after 5.01 seconds`, lineNumber: 3, signature: 'task-timed-out', source: 'lambda-log' });
    expect(d.causes[0]?.explanation.length).toBeGreaterThan(20);
    expect(d.causes[0]?.next.length).toBeGreaterThan(0);
  });
});

describe('diagnose: unknown and limits', () => {
  it('an empty paste answers unknown with default next steps', () => {
    const d = diagnose('', signatures);
    expect(d.causes).toEqual([]);
    expect(d.unknown?.next.length).toBeGreaterThanOrEqual(3);
  });

  it('a generic body alone is a lead, not an answer, and its next steps come first', () => {
    const d = diagnose('{"message": "Internal server error"}', signatures);
    expect(d.causes).toEqual([]);
    expect(d.unknown?.leads[0]?.cause).toBe('unhandled-exception');
    expect(d.unknown?.leads[0]?.score).toBeLessThan(ANSWER_THRESHOLD);
    expect(d.unknown?.next[0]).toMatch(/502/);
  });

  it('cuts lines longer than 64 KiB before matching and input beyond the limit', () => {
    const long = `${'x'.repeat(MAX_LINE_CHARS)}Task timed out after 3.00 seconds`;
    expect(diagnose(long, signatures).causes).toEqual([]);
    const big = diagnose(`${'.'.repeat(MAX_INPUT_CHARS)}\nTask timed out after 3.00 seconds`, signatures);
    expect(big.stats.truncated).toBe(true);
    expect(big.causes).toEqual([]);
  });

  it('reads a paste of about 1 MB', () => {
    const filler = `2026-01-12T09:14:03.112Z${T}${RID}${T}INFO${T}processing item with a reasonably long log message body\n`;
    const text = filler.repeat(Math.ceil(1_000_000 / filler.length)) + `REPORT RequestId: ${RID}${T}Duration: 1.00 ms${T}Billed Duration: 1 ms${T}Memory Size: 128 MB${T}Max Memory Used: 128 MB${T}Status: error${T}Error Type: Runtime.OutOfMemory`;
    const d = diagnose(text, signatures);
    expect(d.causes[0]?.cause).toBe('out-of-memory');
    expect(d.causes[0]?.evidence[0]?.lineNumber).toBe(d.stats.lines);
  });
});

describe('diagnose: signature semantics', () => {
  const sig = (over: Partial<Signature>): Signature => ({ id: 's', cause: 'timeout', patterns: ['x'], weight: 5, source: ['lambda-log'], explanation: 'An explanation for tests.', next: ['n'], awsSource: 'test', ...over });

  it('suppresses halves the other cause; negates removes the other signature', () => {
    const a = sig({ id: 'a', cause: 'timeout', patterns: ['alpha'], weight: 8 });
    const b = sig({ id: 'b', cause: 'downstream-failure', patterns: ['beta'], weight: 6, suppresses: ['timeout'] });
    expect(diagnose('alpha\nbeta', [a, b]).causes.map((c) => [c.cause, c.score])).toEqual([
      ['downstream-failure', 6],
      ['timeout', 4],
    ]);
    const c = sig({ id: 'c', cause: 'downstream-failure', patterns: ['beta'], weight: 6, negates: ['a'] });
    expect(diagnose('alpha\nbeta', [a, c]).causes.map((f) => f.cause)).toEqual(['downstream-failure']);
  });

  it('extra signatures of a cause add a fifth of their weight; a signature counts once however many lines match', () => {
    const a = sig({ id: 'a', patterns: ['alpha'], weight: 8 });
    const b = sig({ id: 'b', patterns: ['beta'], weight: 5 });
    expect(diagnose('alpha\nalpha\nbeta', [a, b]).causes[0]?.score).toBe(9);
  });

  it('source filters lines; strictSource also skips unclassified lines', () => {
    const a = sig({ id: 'a', patterns: ['Endpoint request timed out'], source: ['client-response'], weight: 9 });
    expect(diagnose(`2026-01-12T18:20:00.000Z${T}${RID}${T}ERROR${T}Endpoint request timed out`, [a]).causes).toEqual([]);
    expect(diagnose('Endpoint request timed out', [a]).causes).toHaveLength(1);
    expect(diagnose('Endpoint request timed out', [{ ...a, strictSource: true }]).causes).toEqual([]);
  });

  it('a signature with an invalid pattern is skipped, not thrown', () => {
    expect(diagnose('alpha', [sig({ patterns: ['(', 'alpha'] })]).causes).toHaveLength(1);
  });
});

describe('classifyLines: documents that span lines', () => {
  it('a pretty-printed Step Functions failure is step-functions on every line, even cut short', () => {
    const lines = ['{', '  "error": "Lambda.AWSLambdaException",', '  "cause": "User: x is not authorized to perform: lambda:InvokeFunction"', '}'];
    expect(classifyLines(lines)).toEqual(['step-functions', 'step-functions', 'step-functions', 'step-functions']);
    const cut = ['{', '  "error": "TooManyRequestsException",', '  "cause": {', '    "errorType": "TooManyRequestsException",', '    "errorMessage": "Rate Exceeded."'];
    expect(classifyLines(cut)).toEqual(Array(cut.length).fill('step-functions'));
    expect(classifyLine('{"Error":"States.TaskFailed","Cause":"x"}')).toBe('step-functions');
  });

  it('keys of nested objects do not decide, and log-format lines keep their own kind', () => {
    const nested = ['{', '  "result": {', '    "error": "x",', '    "cause": "y"', '  }', '}'];
    expect(classifyLines(nested)).toEqual(Array(nested.length).fill('plain'));
    const mixed = ['{', `  "note": "2026-01-12T09:14:03.120Z${T}${RID}${T}ERROR${T}x",`, '  "errorType": "Error"', '}'];
    expect(classifyLines(mixed)).toEqual(['invoke-output', 'invoke-output', 'invoke-output', 'invoke-output']);
    const console = [`2026-01-12T09:14:03.120Z${T}${RID}${T}ERROR${T}Invoke Error ${T}{`, '  "errorType": "Error"', '}'];
    expect(classifyLines(console)[0]).toBe('lambda-log');
  });

  it('a pretty-printed error body with only "message" is what the caller received', () => {
    expect(classifyLines(['{', '  "message": "1 validation error detected"', '}'])).toEqual(['client-response', 'client-response', 'client-response']);
  });

  it('an IAM user refused lambda:InvokeFunction is the caller, not a function', () => {
    expect(classifyLine('An error occurred (AccessDeniedException) when calling the Invoke operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: lambda:InvokeFunction on resource: f')).toBe('client-response');
    expect(classifyLine('User: arn:aws:sts::123456789012:assumed-role/r/f is not authorized to perform: lambda:InvokeFunction on resource: g')).toBe('plain');
  });
});

describe('diagnose: who was refused lambda:InvokeFunction', () => {
  const denied = (principal: string) => `User: ${principal} is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:other`;

  it("a function's own role in its log is access-denied (its execution role may not call the other function)", () => {
    const d = diagnose(`AccessDeniedException: ${denied('arn:aws:sts::123456789012:assumed-role/orders-role/orders')}`, signatures);
    expect(d.causes[0]?.cause).toBe('access-denied');
    expect(d.causes.map((c) => c.cause)).not.toContain('invoke-permission');
    expect(d.causes[0]?.explanation).toMatch(/lambda:InvokeFunction/);
  });

  it("a Step Functions task, the Invoke API's error body and API Gateway are the front door: invoke-permission", () => {
    const sfn = diagnose(['{', '  "error": "Lambda.AWSLambdaException",', `  "cause": "${denied('arn:aws:sts::123456789012:assumed-role/sfn-role/abc')} because no identity-based policy allows the lambda:InvokeFunction action (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException)"`, '}'].join('\n'), signatures);
    expect(sfn.causes[0]?.cause).toBe('invoke-permission');
    expect(sfn.causes.map((c) => c.cause)).not.toContain('access-denied');
    expect(diagnose(`{"Message":"${denied('arn:aws:sts::123456789012:assumed-role/Cognito_unauth/CognitoIdentityCredentials')}"}`, signatures).causes[0]?.cause).toBe('invoke-permission');
    expect(diagnose(`An error occurred (AccessDeniedException) when calling the Invoke operation: ${denied('arn:aws:iam::123456789012:user/dev')}`, signatures).causes[0]?.cause).toBe('invoke-permission');
  });

  it('a function URL 403 explains that both lambda:InvokeFunctionUrl and lambda:InvokeFunction are needed', () => {
    const d = diagnose('{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}', signatures);
    expect(d.causes[0]?.cause).toBe('invoke-permission');
    expect(d.causes[0]?.explanation).toMatch(/lambda:InvokeFunctionUrl and lambda:InvokeFunction/);
    expect(d.causes[0]?.next.join(' ')).toMatch(/lambda:InvokeFunction\b/);
  });
});

describe('diagnose: generalised vocabulary', () => {
  // Field order of an ALB access-log entry, https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html
  const alb = (elb: string, reason: string) => `http 2026-01-12T10:01:02.345678Z app/my-alb/50dc6c495c0c9188 192.0.2.10:2817 - 0.000 0.001 0.000 ${elb} - 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/8.5.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 0 2026-01-12T10:01:02.300000Z "forward" "-" "${reason}"`;

  it.each([
    ['LambdaUnhandled', 'unhandled-exception'],
    ['LambdaInvalidResponse', 'malformed-response'],
    ['LambdaResponseTooLarge', 'payload-too-large'],
    ['LambdaAccessDenied', 'invoke-permission'],
    ['LambdaThrottling', 'throttling'],
  ])('an ALB entry with error_reason %s is %s', (reason, cause) => {
    expect(diagnose(alb('502', reason), signatures).causes[0]?.cause).toBe(cause);
  });

  it.each([
    ['LambdaENILimitReachedException', 'downstream-failure'],
    ['LambdaKMSAccessDeniedException', 'access-denied'],
    ['LambdaResourceNotFound', 'integration-config'],
    ['LambdaRequestTooLarge', 'payload-too-large'],
  ])('the documented ALB code %s is %s', (reason, cause) => {
    expect(diagnose(alb('502', reason), signatures).causes[0]?.cause).toBe(cause);
  });

  it.each([
    ['HTTP/2 413\n\nHTTP content length exceeded 10485760 bytes.'],
    ['HTTP/2 413\nx-amzn-errortype: BadRequestException\n\n{"message": "Request Too Long"}'],
    ['HTTP/1.1 413 Request Entity Too Large\nX-Cache: Error from cloudfront'],
  ])('a 413 answer is a payload over a limit: %s', (text) => {
    expect(diagnose(text, signatures).causes[0]?.cause).toBe('payload-too-large');
  });

  it('an ALB 502 without an error_reason is not an answer', () => {
    expect(diagnose(alb('502', '-'), signatures).causes).toEqual([]);
  });

  it.each([
    ['Error: connect ETIMEDOUT 10.0.1.5:5432', 'errno code'],
    ["ConnectionError('Error 110 connecting to 10.0.1.5:6379. Connection timed out.')", 'C library text'],
    ["HTTPSConnectionPool(host='sts.amazonaws.com', port=443): Read timed out. (read timeout=60)", 'client wording'],
    ['botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://dynamodb.us-east-1.amazonaws.com/"', 'client wording'],
    ['ENILimitReachedException: Lambda was not able to create an ENI in the VPC of the Lambda function', 'Invoke API VPC error'],
  ])('%s is a downstream failure (%s)', (line) => {
    expect(diagnose(line, signatures).causes[0]?.cause).toBe('downstream-failure');
  });

  it("the runtime's refused response post (413) is a payload over the limit; other codes are not", () => {
    expect(diagnose('LAMBDA_RUNTIME Failed to post handler success response. Http response code: 413.', signatures).causes[0]?.cause).toBe('payload-too-large');
    expect(diagnose('LAMBDA_RUNTIME Failed to post handler success response. Http response code: 403.', signatures).causes).toEqual([]);
  });

  it("V8's older and newer TypeError wordings are both invalid input; at module load they are an init failure", () => {
    expect(diagnose(`2019-10-30T10:48:01.922Z${T}${RID}${T}{"errorMessage":"Cannot read property '0' of undefined","errorType":"TypeError"}`, signatures).causes[0]?.cause).toBe('invalid-input');
    expect(diagnose(`2026-01-12T10:48:01.922Z${T}${RID}${T}ERROR${T}Invoke Error ${T}{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'id')"}`, signatures).causes[0]?.cause).toBe('invalid-input');
    const atLoad = [`2020-04-16T14:10:00.897Z${T}undefined${T}ERROR${T}Uncaught Exception ${T}`, '{', '    "errorType": "TypeError",', `    "errorMessage": "Cannot read property 'toLowerCase' of undefined"`, '}'].join('\n');
    expect(diagnose(atLoad, signatures).causes[0]?.cause).toBe('init-failure');
  });

  it('Runtime.ExitError without a reason stays unknown; with signal: killed it is out of memory', () => {
    const bare = diagnose('RequestId: d88fc138-1756-4e8f-b887-d44851c12b84 Error: Runtime exited with error: exit status 137\nRuntime.ExitError', signatures);
    expect(bare.causes).toEqual([]);
    expect(bare.unknown?.leads[0]?.cause).toBe('out-of-memory');
    expect(diagnose('Error: Runtime exited with error: signal: killed\nRuntime.ExitError', signatures).causes[0]?.cause).toBe('out-of-memory');
  });

  it('an unresolved function ARN in the integration is the front door misconfigured', () => {
    const d = diagnose(`{\n  "message": "1 validation error detected: Value 'arn:aws:lambda:us-east-1:123456789012:function:api:' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern"\n}`, signatures);
    expect(d.causes[0]?.cause).toBe('integration-config');
  });

  it('HTTP API access-log permission errors are invoke-permission', () => {
    expect(diagnose('"integrationError": "The IAM role configured on the integration or API Gateway doesn\'t have permissions to call the integration. Check the permissions and try again"', signatures).causes[0]?.cause).toBe('invoke-permission');
  });

  it('an undecidable Step Functions failure says to read the execution history and the function log first', () => {
    const d = diagnose('{\n  "error": "States.TaskFailed",\n  "cause": "An attempt was made to invoke the Lambda function. Step Functions cannot determine whether Lambda successfully received the call and executed the function."\n}', signatures);
    expect(d.causes).toEqual([]);
    expect(d.unknown?.next[0]).toMatch(/execution history/);
    expect(diagnose('{"message": "Internal server error"}', signatures).unknown?.next.join(' ')).not.toMatch(/execution history/);
  });

  it('undecidable pastes stay unknown: a bare 500 body, a States.TaskFailed without the function error, an EFS mount failure', () => {
    for (const text of [
      '{"message": "Internal server error"}',
      '{\n  "error": "States.TaskFailed",\n  "cause": "An attempt was made to invoke the Lambda function. Step Functions cannot determine whether Lambda successfully received the call and executed the function."\n}',
      'EFSMountFailureException: The function could not mount the EFS file system with access point arn:aws:elasticfilesystem:us-east-2:123456789012:access-point/fsap-015cxmplb72b405fd.',
      `REPORT RequestId: ${RID}${T}Duration: 1023.33 ms${T}Billed Duration: 1100 ms Memory Size: 3008 MB${T}Max Memory Used: 43 MB\nRequestId: ${RID} Error: Runtime exited with error: signal: segmentation fault (core dumped) Runtime.ExitError`,
    ]) {
      const d = diagnose(text, signatures);
      expect(d.causes, text).toEqual([]);
      expect(d.unknown?.next.length).toBeGreaterThan(0);
    }
  });
});
