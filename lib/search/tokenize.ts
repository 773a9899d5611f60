import { MAX_QUERY_TERMS } from './limits';

const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;
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

/** Splits text into lower-case words: Hangul, Latin, digits and any other letters. */
export function toWords(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(WORD_SEPARATOR)
    .filter((word) => word.length > 0);
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
