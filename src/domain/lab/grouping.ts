import type { LabTest } from './catalogue';
import { containerRank, type Container, type Sample } from './containers';

export interface SpecimenGroup {
  container: Container;
  sample: Sample;
  /** Test codes in the order they were ordered. */
  tests: string[];
}

/**
 * One container per kind of container and sample: tests that share them share a tube, so a
 * patient is not bled once per test. Tests marked `separate` (timed sugars, blood cultures, blood
 * gas) always get a container of their own. Deterministic: containers in the order of draw, then
 * in the order their first test was ordered, so the same order gives the same specimens.
 */
export function groupSpecimens(tests: readonly LabTest[]): SpecimenGroup[] {
  const groups: SpecimenGroup[] = [];
  const shared = new Map<string, SpecimenGroup>();
  for (const test of tests) {
    if (test.separate) {
      groups.push({ container: test.container, sample: test.sample, tests: [test.code] });
      continue;
    }
    const key = `${test.container}/${test.sample}`;
    const existing = shared.get(key);
    if (existing) {
      if (!existing.tests.includes(test.code)) existing.tests.push(test.code);
      continue;
    }
    const group = { container: test.container, sample: test.sample, tests: [test.code] };
    shared.set(key, group);
    groups.push(group);
  }
  const firstSeen = new Map(groups.map((g, i) => [g, i]));
  return groups.sort((a, b) => containerRank(a.container) - containerRank(b.container) || firstSeen.get(a)! - firstSeen.get(b)!);
}
