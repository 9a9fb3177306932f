/**
 * The order Vitest starts test files in. Vitest runs the files it has timed before longest first, and files it has
 * never timed (every file on a fresh clone, as in CI) largest first, as a guess at their length. The scenario shards
 * (tests/engine/scenarios/all-scenarios-<n>.test.ts) are three-line files that run every scenario, among the longest
 * files of the suite: by size they started last and kept one worker busy for ten seconds after the other had
 * finished. Without timings, they start first.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Test files whose size says nothing of their length. */
const LONG_DESPITE_SIZE = /[\\/]tests[\\/]engine[\\/]scenarios[\\/]all-scenarios-\d+\.test\.ts$/;

export default class LongFilesFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const untimed = (spec: TestSpecification) => !this.ctx.cache.getTestSpecificationResult(spec) && LONG_DESPITE_SIZE.test(spec.moduleId);
    return [...sorted.filter(untimed), ...sorted.filter((spec) => !untimed(spec))];
  }
}
