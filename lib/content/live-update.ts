import { z } from 'zod';

import { authorField, toAuthorList } from './author-field';
import { parseContentDate } from './dates';
import { FIELD_LIMITS, tooLong } from './field-limits';
import { getBodyFormat, stripArticleExtension } from './format/extensions';
import { getRenderCostProblem } from './limits';
import { frontMatterProblems, keyLine, type ParsedFile } from './parse';
import type { ArticleSource, ContentProblem, LiveUpdate } from './types';

/** Live updates are files in a folder named after their article's file: `<name>.live/`. */
export const LIVE_FOLDER_SUFFIX = '.live';

export type LiveUpdateResult =
  | { ok: true; update: LiveUpdate; warnings: ContentProblem[] }
  | { ok: false; problems: ContentProblem[] };

const liveUpdateSchema = z.looseObject({
  date: z.union([z.string(), z.number()], {
    error: (issue) =>
      issue.input === undefined
        ? 'date: 업데이트 시각이 없습니다 (필수 항목, 예: 2026-12-03 21:40)'
        : 'date: 날짜여야 합니다 (예: 2026-12-03 21:40)',
  })
    .transform(String)
    .pipe(z.string().max(FIELD_LIMITS.article.date, tooLong('date', FIELD_LIMITS.article.date))),
  title: z
    .string({ error: 'title: 글자여야 합니다' })
    .trim()
    .max(FIELD_LIMITS.article.title, tooLong('title', FIELD_LIMITS.article.title))
    .optional(),
  author: authorField.optional(),
  pinned: z.boolean({ error: 'pinned: true 또는 false여야 합니다' }).optional(),
});

/**
 * Reads one live update (`<article>.live/<id>.md`): a required `date`, optional `title`, `author`
 * and `pinned`, and a body rendered and sanitized like an article's.
 */
export function toLiveUpdate(parsed: ParsedFile, source: ArticleSource): LiveUpdateResult {
  const file = source.path;
  const lineOf = (key: string) => keyLine(parsed, key);
  const result = liveUpdateSchema.safeParse(parsed.data);
  if (!result.success) return { ok: false, problems: frontMatterProblems(parsed, file, result.error.issues) };
  const fm = result.data;
  const problems: ContentProblem[] = [];
  const date = parseContentDate(fm.date);
  if (!date.ok) problems.push({ file, line: lineOf('date') ?? 1, severity: 'error', message: `date: ${date.reason}` });
  const segments = file.split('/');
  const fileName = segments.pop() ?? file;
  const folder = segments.join('/');
  const format = getBodyFormat(fileName);
  const complexity = format ? getRenderCostProblem(parsed.body, format) : undefined;
  if (complexity) problems.push({ file, line: parsed.bodyLine, severity: 'error', message: complexity });
  if (!parsed.body.trim()) {
    problems.push({ file, line: parsed.bodyLine, severity: 'error', message: '업데이트 본문이 비어 있습니다' });
  }
  if (problems.length > 0 || !date.ok || !format) return { ok: false, problems };
  const authors = toAuthorList(fm.author);
  return {
    ok: true,
    warnings: [],
    update: {
      id: stripArticleExtension(fileName).normalize('NFC'),
      articleKey: folder.slice(0, -LIVE_FOLDER_SUFFIX.length),
      title: fm.title || undefined,
      date: date.date,
      authors,
      bylines: authors.map((name) => ({ name })),
      pinned: fm.pinned ?? false,
      format,
      body: parsed.body,
      bodyLine: parsed.bodyLine,
      source,
    },
  };
}

/** The key updates name their article by: the article file's path without its extension. */
export function liveArticleKey(path: string): string {
  return stripArticleExtension(path);
}
