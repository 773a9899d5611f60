// The queries the search benches ask: the attack set (pathological queries, ten variants of each
// kind, each one the server has not seen) shared by bench/search-attack.mjs and bench/archive.mjs.

// Syllables and words that are everywhere in the generated archive (and in Korean news).
export const SYLLABLES = [...'관중정의한기국서대반우발전지교현엔삼소네'];
export const COMMON = ['관련', '정책', '서울시', '국회', '중요성', '검토', '발표', '추진', '예산안', '기준금리'];

/** Ten variants of each kind, each a query the server has not seen (search caches by query). */
export function attackQuery(kind, i) {
  const pick = (list, k) => list[(i * 7 + k * 3) % list.length];
  switch (kind) {
    case '50 copies of one syllable':
      return Array(50).fill(SYLLABLES[i % SYLLABLES.length]).join(' ');
    case '50 one-syllable words':
      return Array.from({ length: 50 }, (_, k) => SYLLABLES[(i + k) % SYLLABLES.length]).join(' ');
    case 'two words in every article':
      return `${pick(COMMON, 0)} ${pick(COMMON, 1)}`;
    case 'four common words':
      return [0, 1, 2, 3].map((k) => COMMON[(i + k) % COMMON.length]).join(' ');
    case 'twelve common words':
      return Array.from({ length: 12 }, (_, k) => COMMON[(i + k * 3) % COMMON.length]).join(' ');
    case '100 letters, no spaces':
      return [...COMMON.slice(i), ...COMMON.slice(0, i)].join('').repeat(8).slice(0, 100);
    case 'Latin letters':
      return 'abcdefghijklmnopqrstuvwxyz'.split('').slice(i, i + 16).join(' ');
    default:
      throw new Error(kind);
  }
}
export const attackKinds = [
  '50 copies of one syllable',
  '50 one-syllable words',
  'two words in every article',
  'four common words',
  'twelve common words',
  '100 letters, no spaces',
  'Latin letters',
];

