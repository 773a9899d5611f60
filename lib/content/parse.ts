import matter from 'gray-matter';

import { problemsAtLines, readYaml, type SchemaIssue } from './format/yaml';
import type { ContentProblem } from './types';

export type { ContentProblem } from './types';

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
export function frontMatterProblems(parsed: ParsedFile, file: string, issues: readonly SchemaIssue[]): ContentProblem[] {
  return problemsAtLines(file, parsed.keyLines, issues);
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
          const read = readYaml(source, 'front matter');
          if (!read.ok) throw new FrontMatterError(read.problem.message, read.problem.line, read.problem.column);
          keyLines = read.value.keyLines;
          return read.value.data;
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
