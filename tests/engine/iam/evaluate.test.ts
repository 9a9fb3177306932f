import { describe, expect, it } from 'vitest';
import { evaluatePolicies, parsePolicy, wildcardMatch, type Policy } from '../../../src/engine/iam/index.ts';

function policy(doc: unknown): Policy {
  const r = parsePolicy(doc);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
const decide = (docs: unknown[], action: string, resource: string, context?: Record<string, string>) =>
  evaluatePolicies(docs.map(policy), context ? { action, resource, context } : { action, resource }).decision;

describe('wildcardMatch', () => {
  it.each([
    ['s3:Get*', 's3:GetObject', true, true],
    ['S3:getobject', 's3:GetObject', true, true],
    ['S3:getobject', 's3:GetObject', false, false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c.json', false, true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false, false],
    ['arn:aws:s3:::bucket?', 'arn:aws:s3:::bucket1', false, true],
    ['arn:aws:s3:::bucket?', 'arn:aws:s3:::bucket12', false, false],
    ['*', 'anything', false, true],
    ['arn:aws:dynamodb:*:*:table/Orders', 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders', false, true],
    ['arn:aws:dynamodb:*:*:table/Orders', 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/byUser', false, false],
  ])('%s vs %s (ignoreCase %s) → %s', (p, v, ic, want) => {
    expect(wildcardMatch(p, v, ic)).toBe(want);
  });
});

describe('evaluatePolicies', () => {
  const table = 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders';
  const allowGet = { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: table }] };

  it('no policies at all: implicit deny', () => {
    expect(decide([], 'dynamodb:GetItem', table)).toBe('implicit-deny');
  });
  it('an allow for the action and resource allows, naming the statement', () => {
    const ev = evaluatePolicies([policy(allowGet)], { action: 'dynamodb:GetItem', resource: table });
    expect(ev).toMatchObject({ decision: 'allow', matchedStatement: { policy: 0, statement: 0, sid: 'Read' } });
  });
  it('actions match case-insensitively, resources case-sensitively', () => {
    expect(decide([allowGet], 'DynamoDB:getitem', table)).toBe('allow');
    expect(decide([allowGet], 'dynamodb:GetItem', table.replace('Orders', 'orders'))).toBe('implicit-deny');
  });
  it('another action on the same resource is implicitly denied', () => {
    expect(decide([allowGet], 'dynamodb:PutItem', table)).toBe('implicit-deny');
  });
  it('an explicit deny wins over an allow, in any policy and any order', () => {
    const deny = { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' } };
    expect(decide([allowGet, deny], 'dynamodb:GetItem', table)).toBe('explicit-deny');
    expect(decide([deny, allowGet], 'dynamodb:GetItem', table)).toBe('explicit-deny');
  });
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
  // "Allow NotAction iam:* Resource *" allows everything except IAM actions.
  it('NotAction with Allow: everything except the listed actions', () => {
    const p = { Version: '2012-10-17', Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } };
    expect(decide([p], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('allow');
    expect(decide([p], 'iam:CreateUser', 'arn:aws:iam::111122223333:user/x')).toBe('implicit-deny');
  });
  // Same page: "Deny NotAction iam:* Resource *" denies every action that is not IAM, even if allowed elsewhere.
  it('NotAction with Deny: denies every other action even when allowed elsewhere', () => {
    const deny = { Version: '2012-10-17', Statement: { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' } };
    const allowAll = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
    expect(decide([allowAll, deny], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('explicit-deny');
    expect(decide([allowAll, deny], 'iam:ListUsers', '*')).toBe('allow');
  });
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
  it('NotResource: applies to every resource except the listed ones', () => {
    const p = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret-bucket/*' } };
    expect(decide([p], 's3:GetObject', 'arn:aws:s3:::public/k')).toBe('allow');
    expect(decide([p], 's3:GetObject', 'arn:aws:s3:::secret-bucket/k')).toBe('implicit-deny');
  });
  it('bucket ARN and object ARN are different resources (ListBucket vs GetObject)', () => {
    const p = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::b/*' } };
    expect(decide([p], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('allow');
    expect(decide([p], 's3:ListBucket', 'arn:aws:s3:::b')).toBe('implicit-deny');
  });
  it('conditions: StringEquals on aws:RequestedRegion; missing keys fail positive operators and satisfy negated ones', () => {
    const p = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } } };
    expect(decide([p], 's3:GetObject', 'arn:aws:s3:::b/k', { 'aws:RequestedRegion': 'eu-west-1' })).toBe('allow');
    expect(decide([p], 's3:GetObject', 'arn:aws:s3:::b/k', { 'aws:RequestedRegion': 'us-east-1' })).toBe('implicit-deny');
    expect(decide([p], 's3:GetObject', 'arn:aws:s3:::b/k', {})).toBe('implicit-deny');
    const neg = { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } } };
    expect(decide([neg], 's3:GetObject', 'arn:aws:s3:::b/k', {})).toBe('explicit-deny');
  });
  it('an unsupported condition operator makes the statement not match, with a note', () => {
    const p = policy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } } });
    const ev = evaluatePolicies([p], { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' });
    expect(ev.decision).toBe('implicit-deny');
    expect(ev.notes[0]).toMatch(/IpAddress.*does not evaluate/);
  });
});
