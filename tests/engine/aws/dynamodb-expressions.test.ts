import { describe, expect, it } from 'vitest';
import { applyUpdate, evaluateCondition, marshallItem, type AttributeMap, type AttributeValue } from '../../../src/engine/aws/dynamodb.ts';

const item = marshallItem({ id: 'o1', total: 25, status: 'open', tags: ['a', 'b'], address: { city: 'Oslo', zip: '0150' }, note: 'rush order' });
const values: Record<string, AttributeValue> = { ':t': { N: '20' }, ':lo': { N: '10' }, ':hi': { N: '30' }, ':o': { S: 'open' }, ':p': { S: 'paid' }, ':c': { S: 'Oslo' }, ':r': { S: 'rush' }, ':S': { S: 'S' }, ':two': { N: '2' } };
const ctx = { names: { '#s': 'status', '#a': 'address' }, values };
const check = (expr: string, it: AttributeMap | undefined = item) => evaluateCondition(expr, it, ctx, 'FilterExpression');

describe('condition and filter expressions', () => {
  it.each([
    ['total > :t', true],
    ['total < :t', false],
    ['total >= :t AND #s = :o', true],
    ['total BETWEEN :lo AND :hi', true],
    ['#s IN (:p, :o)', true],
    ['#s IN (:p)', false],
    ['NOT #s = :p', true],
    ['#s = :p OR (total > :t AND contains(note, :r))', true],
    ['#a.city = :c', true],
    ['tags[1] = :o', false],
    ['size(tags) = :two', true],
    ['attribute_type(#s, :S)', true],
    ['contains(tags, :o)', false],
    ['begins_with(note, :r) AND attribute_exists(#a.zip) AND attribute_not_exists(missing)', true],
    ['total <> :t', true],
    ['missing <> :t', true],
    ['missing = :t', false],
    ['#s > :t', false], // different types never compare
  ])('%s → %s', (expr, want) => {
    const r = check(expr);
    expect(r).toEqual({ ok: true, value: want });
  });

  it('syntax errors and undefined placeholders are ValidationExceptions', () => {
    const bad = check('total >');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ name: 'ValidationException', httpStatusCode: 400 });
    const undef = check('#nope = :o');
    if (undef.ok) throw new Error('expected an error');
    expect(undef.error.message).toContain('An expression attribute name used in the document path is not defined; attribute name: #nope');
    const undefValue = check('total = :nope');
    if (undefValue.ok) throw new Error('expected an error');
    expect(undefValue.error.message).toContain('attribute value: :nope');
    expect(check('total = :t extra').ok).toBe(false);
  });

  it('no item: attribute_not_exists holds, comparisons fail', () => {
    // (evaluateCondition directly: a default parameter would turn `undefined` back into the item)
    expect(evaluateCondition('attribute_not_exists(id)', undefined, ctx, 'ConditionExpression')).toEqual({ ok: true, value: true });
    expect(evaluateCondition('total > :t', undefined, ctx, 'ConditionExpression')).toEqual({ ok: true, value: false });
  });
});

describe('update expressions', () => {
  it('SET with list_append and if_not_exists, ADD to a number and a set, DELETE from a set, REMOVE', () => {
    const base = marshallItem({ id: 'x', n: 1, list: ['a'], gone: true });
    base['colors'] = { SS: ['red', 'blue'] };
    const uctx = { names: {}, values: { ':one': { N: '1' }, ':more': { L: [{ S: 'b' }] }, ':zero': { N: '0' }, ':green': { SS: ['green'] }, ':red': { SS: ['red'] } } as Record<string, AttributeValue> };
    const r = applyUpdate('SET list = list_append(list, :more), hits = if_not_exists(hits, :zero) + :one ADD n :one, colors :green, visits :one DELETE colors :red REMOVE gone', base, uctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toEqual({ id: { S: 'x' }, n: { N: '2' }, list: { L: [{ S: 'a' }, { S: 'b' }] }, hits: { N: '1' }, colors: { SS: ['blue', 'green'] }, visits: { N: '1' } });
    const wrong = applyUpdate('ADD id :one', base, uctx);
    expect(wrong.ok).toBe(false);
  });
});

describe('update expressions on nested paths', () => {
  it('SET and REMOVE on map members and list elements; list_append(if_not_exists(…)); a missing parent is a ValidationException', () => {
    const base = marshallItem({ id: 'x', attrs: { color: 'red', size: 1 }, tags: ['a', 'b', 'c'] });
    const uctx = { names: { '#a': 'attrs', '#c': 'color' }, values: { ':blue': { S: 'blue' }, ':one': { N: '1' }, ':z': { S: 'z' }, ':new': { L: [{ S: 'n' }] }, ':empty': { L: [] } } as Record<string, AttributeValue> };
    const r = applyUpdate('SET #a.#c = :blue, attrs.size = attrs.size + :one, tags[1] = :z, log = list_append(if_not_exists(log, :empty), :new) REMOVE tags[0]', base, uctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toEqual(marshallItem({ id: 'x', attrs: { color: 'blue', size: 2 }, tags: ['z', 'c'], log: ['n'] }));
    const bad = applyUpdate('SET missing.child = :z', base, uctx);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ name: 'ValidationException', message: 'The document path provided in the update expression is invalid for update' });
  });
});

describe('projection expressions', () => {
  it('keeps nested members inside their maps and picked list elements in order; missing paths are left out', async () => {
    const { projectItem } = await import('../../../src/engine/aws/dynamodb.ts');
    const it = marshallItem({ id: 'x', info: { title: 'T', year: 2020, plot: 'p' }, tags: ['a', 'b', 'c'], n: 1 });
    const r = projectItem(it, 'id, #i.title, tags[2], tags[0], nope.deep', { '#i': 'info' });
    expect(r).toEqual({ ok: true, value: marshallItem({ id: 'x', info: { title: 'T' }, tags: ['a', 'c'] }) });
    expect(projectItem(it, 'id, #undefined', {}).ok).toBe(false);
  });
});
