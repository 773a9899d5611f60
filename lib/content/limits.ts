import { Tokenizer, type TokenHandler } from 'parse5';

import type { BodyFormat } from './types';

/**
 * Markdown parsing (micromark) is quadratic in some inputs no real article contains: thousands of
 * emphasis or strikethrough delimiters, backticks or `<` in one paragraph, or hundreds of nested
 * block quotes. 100 KB of `_*` blocks the server for minutes, 64 KB of `~a` for ten seconds. And
 * every construct is a node that costs tens of microseconds through remark, rehype and the
 * sanitizer, so their sum has a budget too (bench/worst-body.mjs renders the worst accepted text).
 * HTML (a body, or raw HTML inside Markdown) has its own: every paragraph reopens the formatting
 * elements still open (`<b>`, `<i>` …), so thousands of unclosed ones make a tree of millions of
 * nodes. These budgets are far above anything an editor writes (the model article has 40 tags,
 * none left open) and keep the worst case well under the render time budget.
 */
export const RENDER_LIMITS = {
  /** Runs of `*`, `_` and `~` in one paragraph (text between blank lines); `**` is one run. */
  delimitersPerParagraph: 1000,
  /** Runs of backticks (code spans) in one paragraph. */
  backticksPerParagraph: 1000,
  /** `<` (raw HTML, comments, autolinks) in one paragraph. */
  anglesPerParagraph: 1000,
  /**
   * Everything that makes nodes, in the whole text: runs of the marks above, `[` `]` (links), `|`
   * (table cells), `&` (character references) and non-blank lines. At ~150 µs a node on a busy two-core
   * machine, the worst accepted text renders in about 1.5 s, a third of the render time budget.
   */
  constructs: 10_000,
  /** Block-quote markers (`>`) at the start of one line. */
  quoteDepth: 50,
  /** Leading spaces of one line (tabs count 4): lists nest by indentation. */
  indent: 200,
  /** HTML start tags and comments in the whole text. */
  tags: 20_000,
  /** Formatting elements (`<b>`, `<i>`, `<a>`, `<font>` …) opened and not yet closed at one point. */
  openFormatting: 20,
  /**
   * Texts longer than this get only linear checks where content is loaded (the main thread); the
   * HTML tokenizer's check (30–80 ms a megabyte) runs in the render worker before each render.
   */
  mainThreadHtmlCheck: 128 * 1024,
  /** Characters of rendered HTML: the page, its payload and the page cache carry it all. */
  renderedChars: 1024 * 1024,
} as const;

// The HTML standard's formatting elements: the parser reopens these in every new block.
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);

/**
 * Whether `source` has at most `most` `<`. Every start tag and comment begins with one, so a text
 * with no more than RENDER_LIMITS.openFormatting of them is within both HTML budgets unread by the
 * tokenizer: most Markdown bodies have none (a first start's read threads spent ~45 µs a file on it).
 */
function hasFewAngles(source: string, most: number): boolean {
  let count = 0;
  for (let at = source.indexOf('<'); at >= 0; at = source.indexOf('<', at + 1)) {
    if ((count += 1) > most) return false;
  }
  return true;
}

/** Why HTML (a body or raw HTML in Markdown) is too costly to parse, or undefined when it is fine. */
function getHtmlCostProblem(source: string): string | undefined {
  if (hasFewAngles(source, Math.min(RENDER_LIMITS.openFormatting, RENDER_LIMITS.tags))) return undefined;
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
    // Comments are nodes too (and sanitized away): a flood of them is a flood of work.
    onComment() {
      if (problem) return;
      tags += 1;
      if (tags > RENDER_LIMITS.tags) refuse(`HTML 태그가 너무 많습니다 (${RENDER_LIMITS.tags}개 한도)`);
    },
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

interface Mark {
  /** The mark's name with its subject particle, as the message shows it. */
  subject: string;
  perParagraph: number;
}

const EMPHASIS: Mark = {
  subject: '강조·취소선 기호(* _ ~)가',
  perParagraph: RENDER_LIMITS.delimitersPerParagraph,
};
// Characters that open a construct micromark resolves against the others in its paragraph (the
// quadratic cases), each with a budget a paragraph. Marks sharing one object share one count.
const MARKS = new Map<number, Mark>([
  [42 /* * */, EMPHASIS],
  [95 /* _ */, EMPHASIS],
  [126 /* ~ */, EMPHASIS],
  [96 /* ` */, { subject: '코드 기호(`)가', perParagraph: RENDER_LIMITS.backticksPerParagraph }],
  [60 /* < */, { subject: '꺾쇠(<)가', perParagraph: RENDER_LIMITS.anglesPerParagraph }],
]);
// Characters that make nodes: the marks, `[` `]` (links), `|` (table cells), `&` (references).
const CONSTRUCTS = new Set([...MARKS.keys(), 91 /* [ */, 93 /* ] */, 124 /* | */, 38 /* & */]);
const TOO_MANY_CONSTRUCTS = `마크다운 구성 요소(강조, 코드, 링크, 표 칸, 태그, 문자 참조, 줄)가 너무 많습니다 (${RENDER_LIMITS.constructs}개 한도)`;

/**
 * Whether the character at `i` ends a line as Markdown parsers read it: a line feed, or a carriage
 * return not followed by one (a file saved with old Mac line ends has only those).
 */
const isLineEnd = (text: string, i: number) => {
  const ch = text.charCodeAt(i);
  return ch === 10 /* \n */ || (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10);
};

/** Why Markdown text is too complex to parse, or undefined when it is fine. One linear pass. */
function getMarkdownCostProblem(body: string): string | undefined {
  const paragraph = new Map<Mark, number>();
  let constructs = 0;
  let lineStart = true;
  let blankLine = true;
  let indent = 0;
  let quotes = 0;
  for (let i = 0; i < body.length; i += 1) {
    const ch = body.charCodeAt(i);
    if (isLineEnd(body, i)) {
      if (blankLine) paragraph.clear();
      else if ((constructs += 1) > RENDER_LIMITS.constructs) return TOO_MANY_CONSTRUCTS;
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
    // A run of one mark (`**`, a code fence's backticks) is one construct to the parser.
    if (!CONSTRUCTS.has(ch) || body.charCodeAt(i - 1) === ch) continue;
    if ((constructs += 1) > RENDER_LIMITS.constructs) return TOO_MANY_CONSTRUCTS;
    const mark = MARKS.get(ch);
    if (!mark) continue;
    const inParagraph = (paragraph.get(mark) ?? 0) + 1;
    paragraph.set(mark, inParagraph);
    if (inParagraph > mark.perParagraph) return `한 문단에 ${mark.subject} 너무 많습니다 (${mark.perParagraph}개 한도)`;
  }
  return undefined;
}

/**
 * A linear upper bound on HTML's start tags and comments (`<` before a letter or `!`), for texts
 * too long for the tokenizer on the main thread: it overcounts only `<x` inside comments,
 * attribute values and scripts, which no real article has twenty thousand of.
 */
function getTagCountProblem(source: string): string | undefined {
  let tags = 0;
  for (let at = source.indexOf('<'); at >= 0; at = source.indexOf('<', at + 1)) {
    const next = source.charCodeAt(at + 1);
    const lower = next | 0x20;
    if ((lower >= 97 /* a */ && lower <= 122) /* z */ || next === 33 /* ! */) {
      tags += 1;
      if (tags > RENDER_LIMITS.tags) return `HTML 태그가 너무 많습니다 (${RENDER_LIMITS.tags}개 한도)`;
    }
  }
  return undefined;
}

/**
 * Why text that will be rendered (a body, a page, a live update, `feature_text`) would cost too
 * much to render, or undefined when it is within the budgets. The one place those budgets are
 * applied. Where content is loaded (`'load'`, on the server's main thread) the checks are linear
 * and cheap at any length; long texts get the HTML tokenizer's check in the render worker, before
 * every render (`'render'`), where a problem is a render error naming the file.
 */
export function getRenderCostProblem(
  source: string,
  format: BodyFormat,
  where: 'load' | 'render' = 'load',
): string | undefined {
  const markdown = format === 'markdown' ? getMarkdownCostProblem(source) : undefined;
  if (markdown) return markdown;
  if (where === 'load' && source.length > RENDER_LIMITS.mainThreadHtmlCheck) return getTagCountProblem(source);
  return getHtmlCostProblem(source);
}

/**
 * Whether text is cheap enough to parse on the server's main thread (the search index reads short
 * bodies there): at most `constructs` lines, marks, tags and references, ~100 µs each at worst.
 */
export function isQuickToParse(source: string, constructs: number): boolean {
  let count = 0;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source.charCodeAt(i);
    if ((!isLineEnd(source, i) && !CONSTRUCTS.has(ch)) || source.charCodeAt(i - 1) === ch) continue;
    count += 1;
    if (count > constructs) return false;
  }
  return true;
}
