import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

import { stripControlCharacters } from '@/lib/text/characters';

import type { ContentProblem } from './parse';
import { toArticleSlug } from './schema';
import type { ArticleSource, Reporter } from './types';

export type ReporterResult =
  | { ok: true; reporter: Reporter; warnings: ContentProblem[] }
  | { ok: false; problems: ContentProblem[] };

const text = (field: string) =>
  z.string({ error: `${field}: 글자여야 합니다` }).transform((v) => stripControlCharacters(v).trim());

const reporterSchema = z.looseObject({
  name: z
    .string({ error: 'name: 기자 이름이 있어야 합니다 (필수 항목)' })
    .transform((v) => stripControlCharacters(v).trim())
    .pipe(z.string().min(1, 'name: 기자 이름이 비어 있습니다')),
  role: text('role').optional(),
  desk: text('desk').optional(),
  email: z.email({ error: 'email: 전자우편 주소여야 합니다' }).optional(),
  email_public: z.boolean({ error: 'email_public: true 또는 false여야 합니다' }).optional(),
  photo: text('photo').optional(),
  bio: text('bio').optional(),
  links: z.array(z.url({ error: 'links: http(s) 주소의 목록이어야 합니다' }), { error: 'links: 주소의 목록이어야 합니다' }).optional(),
});

/** Reads `_reporters/<id>.yml`: the id is the file name; `name` is required. */
export function toReporter(source: string, file: ArticleSource): ReporterResult {
  const fileName = file.path.split('/').pop() ?? file.path;
  const id = toArticleSlug(fileName.replace(/\.ya?ml$/i, ''));
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { schema: 'core', lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    return { ok: false, problems: [{ file: file.path, line: pos.line, column: pos.col, severity: 'error', message: `YAML 오류: ${first.code}` }] };
  }
  if (!id) {
    return { ok: false, problems: [{ file: file.path, line: 1, severity: 'error', message: '파일 이름을 기자 주소(id)로 쓸 수 없습니다' }] };
  }
  const result = reporterSchema.safeParse(doc.toJS({ maxAliasCount: 50 }) ?? {});
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => {
        const node = typeof issue.path[0] === 'string' ? doc.getIn([issue.path[0]], true) : undefined;
        const offset = node && typeof node === 'object' && 'range' in node ? (node.range as [number, number])[0] : undefined;
        return {
          file: file.path,
          line: offset === undefined ? 1 : lineCounter.linePos(offset).line,
          severity: 'error' as const,
          message: issue.message,
        };
      }),
    };
  }
  const fm = result.data;
  return {
    ok: true,
    warnings: [],
    reporter: {
      id,
      name: fm.name,
      role: fm.role || '기자',
      desk: fm.desk || undefined,
      email: fm.email,
      emailPublic: fm.email_public ?? true,
      photo: fm.photo || undefined,
      bio: fm.bio || undefined,
      links: fm.links ?? [],
      source: file,
    },
  };
}
