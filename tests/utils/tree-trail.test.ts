import { describe, expect, it } from 'vitest';
import { chooseTrail, parseStoredTrail, recordTrail, trailNodeIds } from '../../src/utils/tree-trail.ts';

const steps = [
  { id: 'start', label: 'Where do you see the error?', answer: 'API Gateway' },
  { id: 'apigw-status', label: 'Which status?', answer: '502 Bad Gateway' },
  { id: 'rest-502-clean', label: 'Did the invocation fail?', answer: 'No' },
];

describe('chooseTrail', () => {
  it('shows the answers the reader gave to reach this node', () => {
    const stored = recordTrail(recordTrail(null, 'apigw-status', steps.slice(0, 1)), 'malformed-response', steps);
    expect(chooseTrail('malformed-response', stored)).toEqual(steps);
    // Back on an earlier node (the browser's Back button), its own answers are still there.
    expect(chooseTrail('apigw-status', stored)).toEqual(steps.slice(0, 1));
    expect(trailNodeIds(steps, 'malformed-response')).toEqual(['start', 'apigw-status', 'rest-502-clean', 'malformed-response']);
  });

  it('invents nothing for a page opened directly', () => {
    expect(chooseTrail('malformed-response', null)).toBeNull();
    expect(chooseTrail('alb-502', recordTrail(null, 'malformed-response', steps))).toBeNull();
    expect(chooseTrail('malformed-response', recordTrail(null, 'malformed-response', []))).toBeNull();
  });

  it('the start node never has a trail', () => {
    expect(chooseTrail('start', recordTrail(null, 'start', steps))).toEqual([]);
  });
});

describe('parseStoredTrail', () => {
  it('reads what recordTrail stores and drops malformed entries', () => {
    const text = JSON.stringify({ trails: { a: steps, b: [{ id: 1 }], c: 'x' } });
    expect(parseStoredTrail(text)?.trails).toEqual({ a: steps });
    expect(parseStoredTrail(JSON.stringify(recordTrail(null, 'x', steps)))?.trails['x']).toEqual(steps);
  });

  it.each(['', 'not json', '[]', '{"trails":[]}', '{"at":"x","steps":[]}', 'null'])('treats %j as no trails', (text) => {
    expect(parseStoredTrail(text)).toBeNull();
  });

  it('a stored "__proto__" key does not reach the prototype', () => {
    const parsed = parseStoredTrail('{"trails":{"__proto__":[{"id":"a","label":"b","answer":"c"}]}}');
    expect(({} as Record<string, unknown>)['id']).toBeUndefined();
    expect(chooseTrail('toString', parsed)).toBeNull();
  });
});
