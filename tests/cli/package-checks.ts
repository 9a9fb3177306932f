/**
 * The handler-package fixtures (tests/cli/fixtures/packages/) and the runs whose expected answer is the same in
 * both suites that load them through the project loader: tests/cli/packages.test.ts and
 * tests/engine/sandbox/builtins-real-packages.test.ts.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { runProject } from './project-helpers.ts';

const FIXTURES = join(process.cwd(), 'tests/cli/fixtures/packages');

/** The path of `file` in the package fixture `name`. */
export const fixture = (name: string, file = 'index.mjs'): string => join(FIXTURES, name, file);

/** One record of an SQS event as Lambda delivers it. */
const SQS_RECORD = {
  messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
  receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
  body: 'hello',
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1545082649183', SenderId: 'AIDAIENQZJOLO23YVJ4VO', ApproximateFirstReceiveTimestamp: '1545082649185' },
  messageAttributes: {},
  md5OfBody: '5d41402abc4b2a76b9719d911017c592',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:orders',
  awsRegion: 'us-east-1',
};

type Run = Awaited<ReturnType<typeof runProject>>;

/** Per fixture: run it, expect the answer Node gives, and return the run. */
const NODE_ANSWERS = {
  uuid: async () => {
    const run = await runProject(fixture('uuid'));
    const [r] = run.records;
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ valid: true, version: 4 });
    return run;
  },
  zod: async () => {
    const run = await runProject(fixture('zod'), [{ id: 'x', qty: 1.5 }, { id: '0b0e4f6c-54bb-4c8e-9b43-2a2a3f5f2a11', qty: 2 }]);
    const [bad, good] = run.records;
    expect(bad!.result).toEqual({ ok: false, issues: ['id: invalid_format', 'qty: invalid_type'] });
    expect(good!.result).toEqual({ ok: true, qty: 2 });
    return run;
  },
  'middy-json-body-parser': async () => {
    const run = await runProject(fixture('middy-json-body-parser'), [{ headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' }]);
    const [r] = run.records;
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ a: 1 });
    return run;
  },
  'middy-error-handler': async () => {
    const run = await runProject(fixture('middy-error-handler'));
    const [r] = run.records;
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toMatchObject({ statusCode: 404, body: 'Order not found' });
    return run;
  },
  'powertools-parameters': async () => {
    const run = await runProject(fixture('powertools-parameters'), [{}], { state: { ssm: { parameters: { '/app/table': 'orders' } } } });
    const [r] = run.records;
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ value: 'orders' });
    return run;
  },
  'powertools-batch': async () => {
    const event = { Records: [{ ...SQS_RECORD, messageId: '1', body: 'ok' }, { ...SQS_RECORD, messageId: '2', body: 'bad' }] };
    const run = await runProject(fixture('powertools-batch'), [event]);
    const [r] = run.records;
    expect(r!.errorMessage).toBeNull();
    expect(r!.result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    return run;
  },
  'powertools-parser': async () => {
    const run = await runProject(fixture('powertools-parser'), [{ Records: [SQS_RECORD] }, { Records: [] }]);
    const [ok, empty] = run.records;
    expect(ok!.errorMessage).toBeNull();
    expect(ok!.result).toEqual(['hello']);
    expect(empty!.errorType).toBe('ZodError');
    return run;
  },
} satisfies Record<string, () => Promise<Run>>;

/** A fixture whose answer both suites expect to be Node's. */
export type WorkingPackage = keyof typeof NODE_ANSWERS;

/** Runs the fixture `name` in the sandbox and expects the answer Node gives; returns the run for further checks. */
export function expectNodeAnswer(name: WorkingPackage): Promise<Run> {
  return NODE_ANSWERS[name]();
}
