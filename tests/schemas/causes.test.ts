import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { causeSchema } from '../../src/schemas/cause.ts';
import { CAUSE_IDS, FRONT_DOORS } from '../../src/engine/vocabulary.ts';

const causes: unknown[] = parse(readFileSync(new URL('../../content/causes.yaml', import.meta.url), 'utf8'));

describe('content/causes.yaml', () => {
  it('defines exactly the cause ids the engine knows, in the same order', () => {
    expect(causes.map((c) => (c as { id: string }).id)).toEqual([...CAUSE_IDS]);
  });

  it.each(causes.map((c) => [(c as { id: string }).id, c]))('%s matches the schema', (_id, cause) => {
    const result = causeSchema.safeParse(cause);
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });

  it('gives a status (or a reason for none) for every front door of every cause', () => {
    for (const cause of causes.map((c) => causeSchema.parse(c))) {
      for (const door of FRONT_DOORS) {
        const entry = cause.typicalStatus[door];
        if (entry.status === null) expect(entry.note, `${cause.id} ${door}`).toBeTruthy();
      }
    }
  });
});

describe('cause schema messages', () => {
  const valid = causeSchema.parse(causes[0]);
  const issuesOf = (value: unknown) => {
    const result = causeSchema.safeParse(value);
    return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };

  it('names the field and the valid choices for a wrong bucket', () => {
    expect(issuesOf({ ...valid, bucket: 'network' })).toEqual([
      { path: 'bucket', message: expect.stringContaining('bucket must be one of "function", "runtime", "integration"') },
    ]);
  });

  it('says which ids exist when the id is unknown', () => {
    const [issue] = issuesOf({ ...valid, id: 'cold-start' });
    expect(issue?.path).toBe('id');
    expect(issue?.message).toContain('"cold-start" is not a cause id');
    expect(issue?.message).toContain('"unhandled-exception"');
  });

  it('asks for every front door in typicalStatus', () => {
    const { alb: _alb, ...withoutAlb } = valid.typicalStatus;
    const [issue] = issuesOf({ ...valid, typicalStatus: withoutAlb });
    expect(issue?.path).toBe('typicalStatus.alb');
  });

  it('rejects a summary that does not fit on one line', () => {
    const [issue] = issuesOf({ ...valid, summary: 'x'.repeat(201) });
    expect(issue).toEqual({ path: 'summary', message: 'summary must fit on one line (200 characters at most).' });
  });
});
