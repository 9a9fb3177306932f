import { describe, expect, it } from 'vitest';
import { redact, redactDetailed } from '../../../src/engine/analyzer/index.ts';

describe('redact', () => {
  it('masks request ids consistently, case-insensitively', () => {
    const a = '5f8e1c2a-9b3d-4e7f-a1c2-3d4e5f6a7b8c';
    const b = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
    expect(redact(`START RequestId: ${a}\nEND RequestId: ${a.toUpperCase()}\nother ${b}`)).toBe('START RequestId: <request-id-1>\nEND RequestId: <request-id-1>\nother <request-id-2>');
  });

  it('masks account ids alone and inside ARNs with the same mask, keeping service and resource type', () => {
    expect(redact('account 123456789012 arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST')).toBe(
      'account <account-1> arn:aws:lambda:us-east-1:<account-1>:function:<name-1>:$LATEST',
    );
    expect(redact('arn:aws:sts::123456789012:assumed-role/orders-role/orders and arn:aws:dynamodb:us-east-1:210987654321:table/Orders')).toBe(
      'arn:aws:sts::<account-1>:assumed-role/<name-1>/<name-2> and arn:aws:dynamodb:us-east-1:<account-2>:table/<name-3>',
    );
    expect(redact('"arn:aws:s3:::reports-bucket/summary.csv"')).toBe('"arn:aws:s3:::<name-1>/<name-2>"');
  });

  it('masks IPv4 and IPv6 addresses but not timestamps, durations or versions', () => {
    expect(redact('client 203.0.113.7:41822 and 2001:db8::8a2e:370:7334 and fe80::1')).toBe('client <ip-1>:41822 and <ip-2> and <ip-3>');
    const keep = '2026-01-12T10:45:12.017Z Duration: 6954.19 ms at 10:45:12 HTTP/1.1 Mozilla/5.0 nodejs:22.v41';
    expect(redact(keep)).toBe(keep);
  });

  it('masks access key ids, secrets, session tokens, Bearer tokens and JWTs', () => {
    const text = [
      'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_session_token=IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH',
      'temporary ASIAY34FZKBOKMUTVV7A',
      'Authorization: Bearer abcdefghijklmnop.qrs',
      'id_token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ].join('\n');
    const r = redactDetailed(text);
    expect(r.text).toBe(
      [
        'aws_access_key_id = <access-key-1>',
        'aws_secret_access_key = <secret-1>',
        'aws_session_token=<token-1>',
        'temporary <access-key-2>',
        'Authorization: Bearer <token-2>',
        'id_token <jwt-1>',
      ].join('\n'),
    );
    expect(r.counts).toMatchObject({ 'access-key': 2, secret: 1, token: 2, jwt: 1 });
    expect(r.text).not.toMatch(/AKIA|wJalr|eyJ|abcdefgh/);
  });

  it('a Bearer JWT is masked once, as a JWT', () => {
    expect(redact('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig_value')).toBe('Authorization: Bearer <jwt-1>');
  });

  it('masks X-Ray trace ids and leaves ordinary text alone', () => {
    expect(redact('Root=1-65a1b2c3-1234567890abcdef01234567')).toBe('Root=<trace-id-1>');
    const plain = 'Task timed out after 3.00 seconds; Memory Size: 128 MB; error code 1234567890123';
    expect(redact(plain)).toBe(plain);
  });
});
