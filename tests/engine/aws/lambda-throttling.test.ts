/**
 * The `throttling` fault preset on Lambda answers as Lambda's Invoke does: TooManyRequestsException, HTTP 429,
 * "Rate Exceeded." with a Reason (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html, Errors).
 */
import { describe, expect, it } from 'vitest';
import { presetError } from '../../../src/engine/aws/errors.ts';
import { runOnce } from './world-helpers.ts';

describe('Lambda throttling preset', () => {
  it('presetError gives TooManyRequestsException 429 with Reason and Type', () => {
    expect(presetError('throttling', 'lambda', 'lambda.us-east-1.amazonaws.com')).toEqual({
      name: 'TooManyRequestsException',
      message: 'Rate Exceeded.',
      $fault: 'client',
      httpStatusCode: 429,
      Reason: 'ConcurrentInvocationLimitExceeded',
      Type: 'User',
    });
  });

  it('the JS SDK surfaces it as TooManyRequestsException with $metadata 429 and Reason, retried as a throttle', async () => {
    const { record, world } = await runOnce(`
import { LambdaClient, InvokeCommand, TooManyRequestsException } from '@aws-sdk/client-lambda';
const lambda = new LambdaClient({});
export const handler = async () => {
  try {
    await lambda.send(new InvokeCommand({ FunctionName: 'other' }));
    return { ok: true };
  } catch (e) {
    return { ok: false, name: e.name, message: e.message, status: e.$metadata.httpStatusCode, reason: e.Reason, type: e.Type, modeled: e instanceof TooManyRequestsException, attempts: e.$metadata.attempts };
  }
};`, { faults: { rules: [{ service: 'lambda', error: 'throttling' }] } });
    expect(record.result).toEqual({ ok: false, name: 'TooManyRequestsException', message: 'Rate Exceeded.', status: 429, reason: 'ConcurrentInvocationLimitExceeded', type: 'User', modeled: true, attempts: 3 });
    expect(world.calls()).toHaveLength(3);
  });
});
