import matter from 'gray-matter';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';

import { stripControlCharacters } from '@/lib/text/characters';

/** A problem found in a content file, located as precisely as the parser allows. */
export interface ContentProblem {
  file: string;
  line?: number;
  column?: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface ParsedFile {
  data: Record<string, unknown>;
  /** 1-based line of each top-level front-matter key, for precise messages. */
  keyLines: Map<string, number>;
  body: string;
  bodyLine: number;
}

/** The line of a top-level front-matter key, when the key is a string the file has. */
export function keyLine(parsed: ParsedFile, key: PropertyKey | undefined): number | undefined {
  return typeof key === 'string' ? parsed.keyLines.get(key) : undefined;
}

/** A schema's complaints about front matter, each at the line of the key it names (else line 1). */
export function frontMatterProblems(
  parsed: ParsedFile,
  file: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): ContentProblem[] {
  return issues.map((issue) => ({
    file,
    line: keyLine(parsed, issue.path[0]) ?? 1,
    severity: 'error' as const,
    message: issue.message,
  }));
}

export type ParseResult =
  | { ok: true; value: ParsedFile }
  | { ok: false; problem: Omit<ContentProblem, 'file' | 'severity'> };

class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

function refuseLanguage(language: string) {
  return () => {
    throw new FrontMatterError(
      `front matter는 YAML만 허용됩니다 ("---${language}"는 읽지 않습니다)`,
      1,
      1,
    );
  };
}

/** Editors read Korean: the YAML library's error codes, said plainly. */
const YAML_ERRORS: Record<string, string> = {
  BAD_INDENT: '들여쓰기가 맞지 않거나 괄호가 닫히지 않았습니다',
  TAB_AS_INDENT: '들여쓰기에 탭을 쓸 수 없습니다 (빈칸을 쓰세요)',
  MISSING_CHAR: '괄호나 따옴표가 닫히지 않았습니다',
  BLOCK_IN_FLOW: '괄호나 따옴표가 닫히지 않았습니다',
  DUPLICATE_KEY: '같은 항목이 두 번 있습니다',
  MULTILINE_IMPLICIT_KEY: '"이름: 값" 형식이 아닌 줄이 있습니다 (값에 콜론이 있으면 따옴표로 감싸세요)',
  UNEXPECTED_TOKEN: '값에 쓸 수 없는 글자가 있습니다 (콜론, #, 따옴표가 든 값은 따옴표로 감싸세요)',
  BAD_SCALAR_START: '값이 쓸 수 없는 글자로 시작합니다 (따옴표로 감싸세요)',
  TAG_RESOLVE_FAILED: '허용되지 않는 YAML 태그입니다 (!!로 시작하는 표기)',
  BAD_ALIAS: '별칭(*, &)을 잘못 썼습니다',
  ALIAS_PROPS: '별칭(*, &)을 잘못 썼습니다',
  MULTIPLE_DOCS: 'front matter 안에 ---가 또 있습니다',
  BAD_DQ_ESCAPE: '큰따옴표 안의 \\ 표기가 잘못되었습니다',
};

/** Every string in a parsed YAML value, with control characters removed. */
function withoutControlCharacters(value: unknown): unknown {
  if (typeof value === 'string') return stripControlCharacters(value);
  if (Array.isArray(value)) return value.map(withoutControlCharacters);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [stripControlCharacters(key), withoutControlCharacters(child)]),
    );
  }
  return value;
}

/**
 * YAML 1.2 core schema: only maps, lists, strings, numbers, booleans and null. Dates stay strings
 * so that our own rules (Korea time when no zone is given) decide what they mean.
 */
function parseYaml(source: string): { data: Record<string, unknown>; keyLines: Map<string, number> } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, {
    schema: 'core',
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const first = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    const reason = YAML_ERRORS[first.code] ?? 'YAML 문법이 맞지 않습니다';
    throw new FrontMatterError(`front matter YAML 오류: ${reason} (${first.code})`, pos.line, pos.col);
  }
  const keyLines = new Map<string, number>();
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new FrontMatterError('front matter는 "이름: 값" 형식의 항목이어야 합니다', 2, 1);
  }
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      if (isScalar(item.key) && item.key.range) {
        keyLines.set(String(item.key.value), lineCounter.linePos(item.key.range[0]).line);
      }
    }
  }
  // YAML escapes ("\v", "\uD800") can spell control characters the file itself does not hold.
  const data: unknown = withoutControlCharacters(doc.toJS({ maxAliasCount: 50 }));
  return { data: (data ?? {}) as Record<string, unknown>, keyLines };
}

/**
 * Splits a file into YAML front matter and body. Any other front-matter language is refused:
 * gray-matter would otherwise evaluate `---js` blocks as code.
 */
export function parseFrontMatter(text: string): ParseResult {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!normalized.startsWith('---')) {
    return {
      ok: false,
      problem: { line: 1, column: 1, message: '파일이 front matter(---로 시작하는 머리말)로 시작하지 않습니다' },
    };
  }
  // gray-matter would read an unclosed block (a save cut short) as all front matter, no body.
  if (!/\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.test(normalized.slice(3))) {
    return {
      ok: false,
      problem: { line: 1, column: 1, message: 'front matter가 ---로 닫히지 않았습니다' },
    };
  }
  let keyLines = new Map<string, number>();
  try {
    const file = matter(normalized, {
      language: 'yaml',
      engines: {
        yaml: (source: string) => {
          const parsed = parseYaml(source);
          keyLines = parsed.keyLines;
          return parsed.data;
        },
        json: refuseLanguage('json'),
        js: refuseLanguage('js'),
        javascript: refuseLanguage('javascript'),
        coffee: refuseLanguage('coffee'),
        cson: refuseLanguage('cson'),
        toml: refuseLanguage('toml'),
      },
    });
    const matterText = typeof file.matter === 'string' ? file.matter : '';
    return {
      ok: true,
      value: {
        data: file.data,
        keyLines,
        body: file.content,
        bodyLine: matterText.split('\n').length + 2,
      },
    };
  } catch (error) {
    if (error instanceof FrontMatterError) {
      return { ok: false, problem: { line: error.line, column: error.column, message: error.message } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { line: 1, message: `front matter를 읽을 수 없습니다: ${message}` } };
  }
}
