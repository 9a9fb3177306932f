import { describe, expect, it } from 'vitest';
import { headerLines } from '../../../src/playground/panels/response.ts';
import { mapFunctionUrlResponse } from '../../../src/engine/integrations/front-doors.ts';
import { ctx, returned } from '../../engine/integrations/record-factory.ts';

describe('Response panel header lines', () => {
  it('a 2.0 response with several cookies shows one set-cookie line per cookie, not one joined line', () => {
    const out = mapFunctionUrlResponse(returned({ statusCode: 200, cookies: ['a=1; Path=/', 'b=2; HttpOnly'], headers: { 'x-one': 'v' }, body: 'ok' }), ctx());
    const lines = headerLines(out.response);
    expect(lines.filter(([k]) => k === 'set-cookie')).toEqual([
      ['set-cookie', 'a=1; Path=/'],
      ['set-cookie', 'b=2; HttpOnly'],
    ]);
    expect(lines).toContainEqual(['x-one', 'v']);
    expect(lines.some(([, v]) => v === 'a=1; Path=/, b=2; HttpOnly')).toBe(false);
  });

  it('headers sent once are listed as they are', () => {
    expect(headerLines({ headers: { 'content-type': 'text/plain' } })).toEqual([['content-type', 'text/plain']]);
  });
});
