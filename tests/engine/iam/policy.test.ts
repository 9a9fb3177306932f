import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/engine/iam/index.ts';

const err = (doc: unknown): string => {
  const r = parsePolicy(doc);
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('parsePolicy', () => {
  it('accepts Statement as an object or an array, strings or arrays of strings, JSON text', () => {
    const a = parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } });
    const b = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Deny', Action: ['s3:*'], NotResource: ['arn:aws:s3:::b/*'] }] }));
    expect(a.ok && a.value.statements[0]).toMatchObject({ effect: 'Allow', action: ['s3:GetObject'], resource: ['arn:aws:s3:::b/*'] });
    expect(b.ok && b.value.statements[0]).toMatchObject({ sid: 'A', effect: 'Deny', notResource: ['arn:aws:s3:::b/*'] });
  });
  it('a missing Version defaults to 2008-10-17 (IAM default)', () => {
    const r = parsePolicy({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } });
    expect(r.ok && r.value.version).toBe('2008-10-17');
  });
  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['bad version', { Version: '2020-01-01', Statement: [] }, /"Version" must be "2012-10-17"/],
    ['no statement', { Version: '2012-10-17' }, /no "Statement"/],
    ['missing Effect', { Version: '2012-10-17', Statement: [{ Action: '*', Resource: '*' }] }, /Statement\[0\] has no "Effect"/],
    ['lower-case effect', { Version: '2012-10-17', Statement: { Effect: 'allow', Action: '*', Resource: '*' } }, /exactly "Allow" or "Deny"/],
    ['no Action', { Version: '2012-10-17', Statement: { Effect: 'Allow', Resource: '*' } }, /no "Action"/],
    ['Action and NotAction', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' } }, /both "Action" and "NotAction"/],
    ['no Resource', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*' } }, /no "Resource"/],
    ['bad action', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'GetObject', Resource: '*' } }, /not "service:Action"/],
    ['bad resource', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: 'my-bucket' } }, /not an ARN/],
    ['principal', { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' } }, /remove "Principal"/],
    ['typo', { Version: '2012-10-17', Statement: { effect: 'Allow', Action: '*', Resource: '*' } }, /did you mean "Effect"/],
    ['unknown top key', { Version: '2012-10-17', Statements: [] }, /Unknown policy element "Statements"/],
    ['empty action list', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: [], Resource: '*' } }, /empty array/],
  ])('%s', (_name, doc, re) => {
    expect(err(doc)).toMatch(re);
  });
});
