import { Tokenizer, type TokenHandler } from 'parse5';

import type { BodyFormat } from './types';

/**
 * Markdown parsing (micromark) is quadratic in some inputs no real article contains: thousands of
 * emphasis delimiters in one paragraph, or hundreds of nested block quotes. 100 KB of `_*` blocks
 * the server for minutes. HTML (a body, or raw HTML inside Markdown) has its own: every paragraph
 * reopens the formatting elements still open (`<b>`, `<i>` …), so thousands of unclosed ones make
 * a tree of millions of nodes. These budgets are far above anything an editor writes (the model
 * article has 40 tags, none left open) and keep the worst case to a fraction of a second.
 */
export const RENDER_LIMITS = {
  /** `*` and `_` in one paragraph (text between blank lines). */
  delimitersPerParagraph: 1000,
  /** `*` and `_` in the whole text. */
  delimiters: 10_000,
  /** `[` (links and images) in the whole text. */
  brackets: 20_000,
  /** `|` (table cells) in the whole text. */
  pipes: 20_000,
  /** Block-quote markers (`>`) at the start of one line. */
  quoteDepth: 50,
  /** Leading spaces of one line (tabs count 4): lists nest by indentation. */
  indent: 200,
  /** HTML start tags in the whole text. */
  tags: 20_000,
  /** Formatting elements (`<b>`, `<i>`, `<a>`, `<font>` …) opened and not yet closed at one point. */
  openFormatting: 20,
} as const;

// The HTML standard's formatting elements: the parser reopens these in every new block.
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);

/** Why HTML (a body or raw HTML in Markdown) is too costly to parse, or undefined when it is fine. */
function getHtmlCostProblem(source: string): string | undefined {
  let tags = 0;
  let problem: string | undefined;
  const open = new Map<string, number>();
  let openTotal = 0;
  const ignore = () => {};
  // Stop at the first budget passed: a refused flood costs no more to check than the budget itself.
  const refuse = (message: string) => {
    problem = message;
    tokenizer.pause();
  };
  // The tokenizer alone is linear; the tree builder is what turns these counts into time.
  const handler: TokenHandler = {
    onStartTag(token) {
      if (problem) return;
      tags += 1;
      if (tags > RENDER_LIMITS.tags) return refuse(`HTML 태그가 너무 많습니다 (${RENDER_LIMITS.tags}개 한도)`);
      if (token.selfClosing || !FORMATTING.has(token.tagName)) return;
      open.set(token.tagName, (open.get(token.tagName) ?? 0) + 1);
      openTotal += 1;
      if (openTotal > RENDER_LIMITS.openFormatting) {
        refuse(`닫지 않은 서식 태그(<b> <i> <a> 등)가 너무 많습니다 (${RENDER_LIMITS.openFormatting}개 한도)`);
      }
    },
    onEndTag(token) {
      const count = open.get(token.tagName);
      if (!count) return;
      open.set(token.tagName, count - 1);
      openTotal -= 1;
    },
    onComment: ignore,
    onDoctype: ignore,
    onEof: ignore,
    onCharacter: ignore,
    onNullCharacter: ignore,
    onWhitespaceCharacter: ignore,
  };
  const tokenizer = new Tokenizer({}, handler);
  tokenizer.write(source, true);
  return problem;
}

/** Why Markdown text is too complex to parse, or undefined when it is fine. */
function getMarkdownCostProblem(body: string): string | undefined {
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
        if (indent > RENDER_LIMITS.indent) return `줄의 들여쓰기가 너무 깊습니다 (${RENDER_LIMITS.indent}칸 한도)`;
        continue;
      }
      if (ch === 62 /* > */) {
        quotes += 1;
        if (quotes > RENDER_LIMITS.quoteDepth) return `인용(>)이 너무 깊게 겹쳐 있습니다 (${RENDER_LIMITS.quoteDepth}단계 한도)`;
        continue;
      }
      lineStart = false;
    }
    if (ch !== 13 /* \r */) blankLine = false;
    if (ch === 42 /* * */ || ch === 95 /* _ */) {
      delimiters += 1;
      paragraphDelimiters += 1;
      if (paragraphDelimiters > RENDER_LIMITS.delimitersPerParagraph) {
        return `한 문단에 강조 기호(* _)가 너무 많습니다 (${RENDER_LIMITS.delimitersPerParagraph}개 한도)`;
      }
      if (delimiters > RENDER_LIMITS.delimiters) return `강조 기호(* _)가 너무 많습니다 (${RENDER_LIMITS.delimiters}개 한도)`;
    } else if (ch === 91 /* [ */) {
      brackets += 1;
      if (brackets > RENDER_LIMITS.brackets) return `대괄호([)가 너무 많습니다 (${RENDER_LIMITS.brackets}개 한도)`;
    } else if (ch === 124 /* | */) {
      pipes += 1;
      if (pipes > RENDER_LIMITS.pipes) return `표 칸 구분(|)이 너무 많습니다 (${RENDER_LIMITS.pipes}개 한도)`;
    }
  }
  return undefined;
}

/**
 * Why text that will be rendered (a body, a page, a live update, `feature_text`) would cost too
 * much to render, or undefined when it is within the budgets. The one place those budgets are applied.
 */
export function getRenderCostProblem(source: string, format: BodyFormat): string | undefined {
  return (format === 'markdown' ? getMarkdownCostProblem(source) : undefined) ?? getHtmlCostProblem(source);
}
