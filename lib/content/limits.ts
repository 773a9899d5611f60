import type { BodyFormat } from './types';

/**
 * Markdown parsing (micromark) is quadratic in some inputs no real article contains: thousands of
 * emphasis delimiters in one paragraph, or hundreds of nested block quotes. 100 KB of `_*` blocks
 * the server for minutes. These budgets are far above anything an editor writes and keep the
 * worst case to a fraction of a second.
 */
export const BODY_LIMITS = {
  /** `*` and `_` in one paragraph (text between blank lines). */
  delimitersPerParagraph: 1000,
  /** `*` and `_` in the whole body. */
  delimiters: 10_000,
  /** `[` (links and images) in the whole body. */
  brackets: 20_000,
  /** `|` (table cells) in the whole body. */
  pipes: 20_000,
  /** Block-quote markers (`>`) at the start of one line. */
  quoteDepth: 50,
  /** Leading spaces of one line (tabs count 4): lists nest by indentation. */
  indent: 200,
} as const;

/** Why a Markdown body is too complex to render safely, or undefined when it is fine. */
export function getBodyComplexityProblem(body: string, format: BodyFormat): string | undefined {
  if (format !== 'markdown') return undefined;
  let delimiters = 0;
  let paragraphDelimiters = 0;
  let brackets = 0;
  let pipes = 0;
  let lineStart = true;
  let blankLine = true;
  let indent = 0;
  let quotes = 0;
  for (let i = 0; i < body.length; i += 1) {
    const ch = body.charCodeAt(i);
    if (ch === 10 /* \n */) {
      if (blankLine) paragraphDelimiters = 0;
      lineStart = true;
      blankLine = true;
      indent = 0;
      quotes = 0;
      continue;
    }
    if (lineStart) {
      if (ch === 32 /* space */ || ch === 9 /* tab */) {
        indent += ch === 9 ? 4 : 1;
        if (indent > BODY_LIMITS.indent) return `본문 줄의 들여쓰기가 너무 깊습니다 (${BODY_LIMITS.indent}칸 한도)`;
        continue;
      }
      if (ch === 62 /* > */) {
        quotes += 1;
        if (quotes > BODY_LIMITS.quoteDepth) return `인용(>)이 너무 깊게 겹쳐 있습니다 (${BODY_LIMITS.quoteDepth}단계 한도)`;
        continue;
      }
      lineStart = false;
    }
    if (ch !== 13 /* \r */) blankLine = false;
    if (ch === 42 /* * */ || ch === 95 /* _ */) {
      delimiters += 1;
      paragraphDelimiters += 1;
      if (paragraphDelimiters > BODY_LIMITS.delimitersPerParagraph) {
        return `한 문단에 강조 기호(* _)가 너무 많습니다 (${BODY_LIMITS.delimitersPerParagraph}개 한도)`;
      }
      if (delimiters > BODY_LIMITS.delimiters) return `강조 기호(* _)가 너무 많습니다 (${BODY_LIMITS.delimiters}개 한도)`;
    } else if (ch === 91 /* [ */) {
      brackets += 1;
      if (brackets > BODY_LIMITS.brackets) return `대괄호([)가 너무 많습니다 (${BODY_LIMITS.brackets}개 한도)`;
    } else if (ch === 124 /* | */) {
      pipes += 1;
      if (pipes > BODY_LIMITS.pipes) return `표 칸 구분(|)이 너무 많습니다 (${BODY_LIMITS.pipes}개 한도)`;
    }
  }
  return undefined;
}
