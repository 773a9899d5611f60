import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';

import type { ContentProblem } from '../types';

import { withoutControlCharactersDeep } from './control-characters';

/** Where the YAML came from, as a message names it: an article's front matter, or a whole `.yml` file. */
export type YamlContext = 'front matter' | 'file';

/** A YAML map as content reads it: plain data, and the line of each top-level key and its value. */
export interface YamlMap {
  data: Record<string, unknown>;
  /** 1-based line of each top-level key. */
  keyLines: Map<string, number>;
  /** 1-based line where each top-level key's value starts (the item under `links:`, say). */
  valueLines: Map<string, number>;
  /** 1-based line of the entry at a nested path (`['verification', 'naver']`: its key; a list item: the item). */
  lineAt(path: readonly PropertyKey[]): number | undefined;
}

/** Why YAML could not be read, at the line and column of the first mistake. */
export interface YamlProblem {
  line?: number;
  column?: number;
  message: string;
}

export type YamlResult = { ok: true; value: YamlMap } | { ok: false; problem: YamlProblem };

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

/** How many times an alias may be expanded: enough for real files, too few for a "billion laughs". */
const MAX_ALIAS_COUNT = 50;
/**
 * The longest front matter read (characters): an article's has ~15 keys in a few hundred bytes,
 * the seed's 600. Past this it is refused before YAML runs: 1 MB of front matter (a list of
 * 500,000 items) took 4–6 s and 634 MiB to parse.
 */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;

/**
 * The first key that repeats one before it in the same map, checked with a set: the YAML
 * library's own check compares each key with every key before it, so 100,000 distinct keys (1 MB)
 * took 87 s.
 */
function firstDuplicateKey(doc: Document): { offset: number } | undefined {
  let found: { offset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const item of map.items) {
        const key = isScalar(item.key) ? item.key.value : item.key;
        if (seen.has(key)) {
          found = { offset: (isScalar(item.key) ? item.key.range?.[0] : undefined) ?? 0 };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Reads the YAML of any content file (an article's front matter, `_site.yml`, `_reporters/*.yml`)
 * with one rule set: YAML 1.2 core schema (maps, lists, strings, numbers, booleans, null; dates
 * stay strings so that our own rules decide what they mean), no duplicate keys, no tags, aliases
 * capped, control characters dropped from every string, and a map at the top. A mistake is one
 * Korean message at its line and column, said the same way for every kind of file.
 */
export function readYaml(source: string, context: YamlContext): YamlResult {
  const prefix = context === 'front matter' ? 'front matter ' : '';
  if (context === 'front matter' && source.length > MAX_FRONT_MATTER_CHARS) {
    return {
      ok: false,
      problem: {
        line: 1,
        message: `front matter가 너무 깁니다: ${source.length.toLocaleString('en-US')}자 (한도 ${MAX_FRONT_MATTER_CHARS.toLocaleString('en-US')}자; 긴 글은 본문에 쓰세요)`,
      },
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { schema: 'core', lineCounter, uniqueKeys: false, prettyErrors: false });
  const first = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    const reason = YAML_ERRORS[first.code] ?? 'YAML 문법이 맞지 않습니다';
    return { ok: false, problem: { line: pos.line, column: pos.col, message: `${prefix}YAML 오류: ${reason} (${first.code})` } };
  }
  const duplicate = firstDuplicateKey(doc);
  if (duplicate) {
    const pos = lineCounter.linePos(duplicate.offset);
    return {
      ok: false,
      problem: { line: pos.line, column: pos.col, message: `${prefix}YAML 오류: ${YAML_ERRORS.DUPLICATE_KEY} (DUPLICATE_KEY)` },
    };
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    const subject = context === 'front matter' ? 'front matter는' : '이 파일은';
    // Front matter starts on the line after the opening ---.
    const line = context === 'front matter' ? 2 : 1;
    return { ok: false, problem: { line, column: 1, message: `${subject} "이름: 값" 형식의 항목이어야 합니다` } };
  }
  const keyLines = new Map<string, number>();
  const valueLines = new Map<string, number>();
  for (const item of isMap(doc.contents) ? doc.contents.items : []) {
    if (!isScalar(item.key) || !item.key.range) continue;
    const key = String(item.key.value);
    keyLines.set(key, lineCounter.linePos(item.key.range[0]).line);
    const value = item.value;
    const valueStart = value && typeof value === 'object' && 'range' in value ? value.range?.[0] : undefined;
    if (valueStart !== undefined) valueLines.set(key, lineCounter.linePos(valueStart).line);
  }
  let data: unknown;
  try {
    data = withoutControlCharactersDeep(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
  } catch (error) {
    // The only failure left is an alias expanded past MAX_ALIAS_COUNT.
    const message = error instanceof Error ? error.message : String(error);
    const subject = context === 'front matter' ? 'front matter를' : '이 파일을';
    return { ok: false, problem: { line: 1, message: `${subject} 읽을 수 없습니다: ${message}` } };
  }
  const lineAt = (path: readonly PropertyKey[]): number | undefined => {
    const last = path.at(-1);
    const parent: unknown = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    let node: unknown;
    if (isMap(parent)) node = parent.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(last))?.key;
    else if (isSeq(parent) && typeof last === 'number') node = parent.items[last];
    const start = isNode(node) ? node.range?.[0] : undefined;
    return start === undefined ? undefined : lineCounter.linePos(start).line;
  };
  return { ok: true, value: { data: (data ?? {}) as Record<string, unknown>, keyLines, valueLines, lineAt } };
}

/** A schema's complaint: what it says, and the path of the value it is about. */
export interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** A schema's complaints as errors of `file`, each at the line `lines` gives its top-level key, else line 1. */
export function problemsAtLines(file: string, lines: ReadonlyMap<string, number>, issues: readonly SchemaIssue[]): ContentProblem[] {
  return issues.map((issue) => ({
    file,
    line: (typeof issue.path[0] === 'string' ? lines.get(issue.path[0]) : undefined) ?? 1,
    severity: 'error' as const,
    message: issue.message,
  }));
}

/** A YAML file's (`_site.yml`, `_reporters/`, `_series/`) complaints, at the line of each value. */
export function yamlFileProblems(file: string, map: YamlMap, issues: readonly SchemaIssue[]): ContentProblem[] {
  return problemsAtLines(file, map.valueLines, issues);
}
