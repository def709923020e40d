// Photos are scaled so the long side is at most 1600 px, never enlarged, the shape kept.
import { describe, expect, it } from 'vitest';
import { fitWithin, PHOTO_MAX_EDGE_PX } from '../../../src/lib/photo';

describe('fitWithin', () => {
  it.each([
    [4032, 3024, { width: 1600, height: 1200 }],
    [3024, 4032, { width: 1200, height: 1600 }],
    [1600, 900, { width: 1600, height: 900 }],
    [320, 240, { width: 320, height: 240 }],
    [10000, 10, { width: 1600, height: 2 }],
    [20000, 1, { width: 1600, height: 1 }],
  ])('%i × %i → %o', (width, height, expected) => {
    expect(fitWithin(width, height)).toEqual(expected);
    expect(Math.max(expected.width, expected.height)).toBeLessThanOrEqual(PHOTO_MAX_EDGE_PX);
  });
});
