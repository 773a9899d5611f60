import { describe, expect, it } from 'vitest';

import { pageWindow } from './pagination';

describe('pagination links', () => {
  it('links the first, the last and two either side of the current page, with gaps', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(2, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageWindow(1, 60)).toEqual([1, 2, 3, undefined, 60]);
    expect(pageWindow(30, 60)).toEqual([1, undefined, 28, 29, 30, 31, 32, undefined, 60]);
    expect(pageWindow(60, 60)).toEqual([1, undefined, 58, 59, 60]);
    expect(pageWindow(4, 60)).toEqual([1, 2, 3, 4, 5, 6, undefined, 60]);
  });
});
