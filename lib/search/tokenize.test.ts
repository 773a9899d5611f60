import { describe, expect, it } from 'vitest';

import { seededRandom } from '@/lib/seeded-random.mjs';

import { toWords } from './tokenize';

/** The words by their definition: runs of letters and digits, NFC, lower case. */
const byPattern = (text: string) =>
  text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);

describe('toWords', () => {
  it('splits Korean text into its words, lower case and composed', () => {
    expect(toWords('네이버는 "AI 반도체"를 2026년에… 出荷')).toEqual(['네이버는', 'ai', '반도체', '를', '2026년에', '出荷']);
    // Decomposed jamo compose (NFC); a combining accent joins its letter.
    expect(toWords('\u1112\u1161\u11ab글 Cafe\u0301')).toEqual(['한글', 'café']);
    // Letters beyond the BMP are letters (mathematical capitals have no lower case); a lone surrogate separates.
    expect(toWords('𝐀𝐁 𠀀자 a\ud800b')).toEqual(['𝐀𝐁', '𠀀자', 'a', 'b']);
    expect(toWords(' \u200b—… ')).toEqual([]);
  });

  it('gives the pattern\'s words for any text, scripts, marks, surrogates and all', () => {
    const random = seededRandom(21);
    const common = [0x41, 0x7a, 0x30, 0x20, 0x2e, 0xac00, 0xd7a3, 0x1100, 0x11a8, 0x301, 0xe9, 0x130, 0x3b1, 0x5d0, 0x627,
      0x660, 0x4e00, 0x3042, 0x2026, 0x201c, 0xd835, 0xdc00, 0xdfff, 0xfeff, 0x200b, 0xa0, 0x2160, 0xbc, 0x1e9e, 0x212a];
    const texts: string[] = [];
    for (let n = 0; n < 20_000; n += 1) {
      let text = '';
      for (let i = Math.floor(random() * 12); i > 0; i -= 1) {
        text += random() < 0.5
          ? String.fromCharCode(common[Math.floor(random() * common.length)]!)
          : String.fromCodePoint(Math.floor(random() * 0x30000));
      }
      texts.push(text);
    }
    const differing = texts.filter((text) => JSON.stringify(toWords(text)) !== JSON.stringify(byPattern(text)));
    expect(differing).toEqual([]);
  });
});
