import { describe, expect, it } from 'vitest';

import { IN_TEXT, IN_TITLE, MAX_PREFIX_EXPANSION, SearchEngine } from './engine';
import { rankPositions } from './matches';

describe('SearchEngine', () => {
  it('says where each document holds a word, and finds words by prefix', () => {
    const engine = new SearchEngine();
    engine.add('a', ['소버린'], ['네이버']);
    engine.add('b', ['네이버는'], ['소버린']);
    expect(engine.match('소버린', false)).toEqual(
      new Map([
        ['a', IN_TITLE],
        ['b', IN_TEXT],
      ]),
    );
    expect(engine.match('네이버', true)).toEqual(
      new Map([
        ['a', IN_TEXT],
        ['b', IN_TITLE],
      ]),
    );
    expect(engine.match('네이버', false)).toEqual(new Map([['a', IN_TEXT]]));
  });

  it('forgets a discarded document and the words only it held', () => {
    const engine = new SearchEngine();
    engine.add('a', ['하나'], ['공통']);
    engine.add('b', ['둘'], ['공통']);
    engine.discard('a');
    expect(engine.has('a')).toBe(false);
    expect(engine.match('하나', true).size).toBe(0);
    expect([...engine.match('공통', false).keys()]).toEqual(['b']);
  });

  it('does not expand a prefix that begins more words than the cap: it asks the word itself', () => {
    const engine = new SearchEngine();
    engine.add('exact', [], ['가']);
    for (let i = 0; i <= MAX_PREFIX_EXPANSION; i += 1) engine.add(`d${i}`, [], [`가${i}`]);
    expect([...engine.match('가', true).keys()]).toEqual(['exact']);
  });
});

describe('rankPositions', () => {
  it('keeps what every term matches, title matches first, newest (lowest position) first', () => {
    const a = { all: Int32Array.from([0, 1, 2, 5]), title: Int32Array.from([5]) };
    const b = { all: Int32Array.from([1, 2, 5, 7]), title: Int32Array.from([2]) };
    expect(rankPositions([a, b])).toEqual([
      { position: 2, inTitle: true },
      { position: 5, inTitle: true },
      { position: 1, inTitle: false },
    ]);
    expect(rankPositions([])).toEqual([]);
  });
});
