import { MAX_QUERY_TERMS } from './limits';

const HANGUL = /^[\uac00-\ud7a3]+$/;

/**
 * Korean particles and endings that follow a noun (네이버는, 네이버의, 서울에서). Stripped from
 * query words only: index words keep them, and prefix matching finds 네이버 in 네이버는.
 */
const PARTICLES = [
  '에서는',
  '으로는',
  '에게서',
  '이라는',
  '에서',
  '에게',
  '으로',
  '까지',
  '부터',
  '처럼',
  '보다',
  '이나',
  '이랑',
  '라는',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '의',
  '에',
  '로',
  '와',
  '과',
  '도',
  '만',
  '나',
  '랑',
].sort((a, b) => b.length - a.length);

/** One code point that is a letter or a digit (\p{L}, \p{N}): what words are made of. */
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;
/** What each UTF-16 unit is, learned the first time it is met: 0 unknown, 1 in a word, 2 between words. */
const unitClass = new Uint8Array(0x10000);

function isWordUnit(code: number): boolean {
  let known = unitClass[code]!;
  if (known === 0) {
    // A lone surrogate is no code point the pattern can call a letter.
    known = code < 0xd800 || code > 0xdfff ? (WORD_CHARACTER.test(String.fromCharCode(code)) ? 1 : 2) : 2;
    unitClass[code] = known;
  }
  return known === 1;
}

/**
 * Splits text into lower-case words: Hangul, Latin, digits and any other letters (runs of
 * \p{L} and \p{N}, as `split(/[^\p{L}\p{N}]+/u)` gives them). Scanned unit by unit with each
 * unit's class remembered: the regular expression took 60 µs of a 4 KB body, most of a body's words.
 */
export function toWords(text: string): string[] {
  const folded = text.normalize('NFC').toLowerCase();
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < folded.length; i += 1) {
    const code = folded.charCodeAt(i);
    let inWord: boolean;
    let end = i;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < folded.length) {
      const low = folded.charCodeAt(i + 1);
      inWord = low >= 0xdc00 && low <= 0xdfff && WORD_CHARACTER.test(folded.slice(i, i + 2));
      if (inWord) end = i + 1;
    } else inWord = isWordUnit(code);
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(folded.slice(start, i));
      start = -1;
    }
    i = end;
  }
  if (start >= 0) words.push(folded.slice(start));
  return words;
}

/**
 * Index words for a field. In short fields (title, summary, tags, categories) each Hangul word
 * also yields its suffixes, so that 언어모델 finds the compound 거대언어모델.
 */
export function tokenizeForIndex(text: string, field?: string): string[] {
  const words = toWords(text);
  if (field === 'body') return words;
  const out: string[] = [];
  for (const word of words) {
    out.push(word);
    if (HANGUL.test(word) && word.length >= 3 && word.length <= 12) {
      for (let i = 1; i <= word.length - 2; i += 1) out.push(word.slice(i));
    }
  }
  return out;
}

/** Query words, with a trailing particle removed where a stem of two or more syllables remains. */
export function tokenizeQuery(query: string): string[] {
  return toWords(query).map((word) => {
    if (!HANGUL.test(word)) return word;
    const particle = PARTICLES.find((p) => word.endsWith(p) && word.length - p.length >= 2);
    return particle ? word.slice(0, -particle.length) : word;
  });
}

/**
 * A query reduced to what it can ask: its distinct terms, at most MAX_QUERY_TERMS of them. Fifty
 * copies of one syllable ask what one does, and cost what one does.
 */
export function toQueryTerms(query: string): string[] {
  return [...new Set(tokenizeQuery(query).filter((w) => w.length > 0))].slice(0, MAX_QUERY_TERMS);
}
