import { z } from 'zod';

import { cappedList, FIELD_LIMITS, tooLong } from './field-limits';
import { stripYamlExtension } from './format/extensions';
import { readYaml, yamlFileProblems } from './format/yaml';
import { toImageRef } from './image-ref';
import { toArticleSlug } from './slugs';
import type { ArticleSource, ContentProblem, Reporter, ReporterLink } from './types';

export type ReporterResult =
  | { ok: true; reporter: Reporter; warnings: ContentProblem[] }
  | { ok: false; problems: ContentProblem[] };

const LIMIT = FIELD_LIMITS.reporter;

const text = (field: string, limit: number) =>
  z
    .string({ error: `${field}: 글자여야 합니다` })
    .trim()
    .pipe(z.string().max(limit, tooLong(field, limit)));

const LINK_MESSAGE = 'links: http(s) 주소나 mailto:전자우편 주소의 목록이어야 합니다';

/**
 * A profile link as shown: an http(s) page labelled by its host, or `mailto:` with one e-mail
 * address labelled by the address; undefined for anything else (`javascript:`, `ftp:`, a path).
 */
export function toReporterLink(value: string): ReporterLink | undefined {
  const trimmed = value.trim();
  if (/^mailto:/i.test(trimmed)) {
    const address = trimmed.slice('mailto:'.length);
    return z.email().safeParse(address).success ? { href: `mailto:${address}`, label: address } : undefined;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return undefined;
  return { href: url.href, label: url.host };
}

const reporterSchema = z.looseObject({
  name: z
    .string({ error: 'name: 기자 이름이 있어야 합니다 (필수 항목)' })
    .trim()
    .pipe(z.string().min(1, 'name: 기자 이름이 비어 있습니다').max(LIMIT.name, tooLong('name', LIMIT.name))),
  role: text('role', LIMIT.role).optional(),
  desk: text('desk', LIMIT.desk).optional(),
  email: z.email({ error: 'email: 전자우편 주소여야 합니다' }).max(LIMIT.email, tooLong('email', LIMIT.email)).optional(),
  email_public: z.boolean({ error: 'email_public: true 또는 false여야 합니다' }).optional(),
  photo: text('photo', LIMIT.photo).optional(),
  bio: text('bio', LIMIT.bio).optional(),
  links: z
    .array(z.string({ error: LINK_MESSAGE }), { error: 'links: 주소의 목록이어야 합니다' })
    .pipe(cappedList('links', LIMIT.link, LIMIT.links))
    .transform((links, ctx) =>
      links.map((link) => {
        const parsed = toReporterLink(link);
        if (!parsed) ctx.addIssue({ code: 'custom', message: `${LINK_MESSAGE}: "${link}"` });
        return parsed ?? z.NEVER;
      }),
    )
    .optional(),
});

/** Reads `_reporters/<id>.yml`: the id is the file name; `name` is required. */
export function toReporter(source: string, file: ArticleSource): ReporterResult {
  const fileName = file.path.split('/').pop() ?? file.path;
  const id = toArticleSlug(stripYamlExtension(fileName));
  const read = readYaml(source, 'file');
  if (!read.ok) return { ok: false, problems: [{ file: file.path, severity: 'error', ...read.problem }] };
  if (!id) {
    return { ok: false, problems: [{ file: file.path, line: 1, severity: 'error', message: '파일 이름을 기자 주소(id)로 쓸 수 없습니다' }] };
  }
  const lineOf = (key: string) => read.value.valueLines.get(key);
  const result = reporterSchema.safeParse(read.value.data);
  if (!result.success) {
    return { ok: false, problems: yamlFileProblems(file.path, read.value, result.error.issues) };
  }
  const fm = result.data;
  const photoLine = () => lineOf('photo') ?? 1;
  const photo = fm.photo ? toImageRef(fm.photo, file.path, photoLine()) : undefined;
  if (photo && !photo.ok) {
    return { ok: false, problems: [{ file: file.path, line: photoLine(), severity: 'error', message: `photo: ${photo.message}` }] };
  }
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
      photo: photo?.ref,
      bio: fm.bio || undefined,
      links: fm.links ?? [],
      source: file,
    },
  };
}
