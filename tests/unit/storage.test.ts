import { describe, expect, it } from 'vitest';
import { storageLevel } from '../../src/domain/storage';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('storageLevel', () => {
  it.each([
    [100 * MB, 10 * GB, 'ok'],
    [7.2 * GB, 10 * GB, 'warn'],
    [9.1 * GB, 10 * GB, 'critical'],
    [150 * MB, 200 * MB, 'warn'], // 75 % used
    [10 * MB, 105 * MB, 'warn'], // little used, but under 100 MB free on a small quota
    [undefined, 10 * GB, 'unknown'],
    [0, 0, 'unknown'],
  ] as const)('usage %s of %s is %s', (usage, quota, level) => {
    expect(storageLevel(usage, quota)).toBe(level);
  });
});
