import { z } from 'zod';

import { toSiteUrl } from '@/lib/site';

import { FIELD_LIMITS, tooLong, tooMany } from './field-limits';
import { readYaml, yamlFileProblems } from './format/yaml';
import { toImageRef } from './image-ref';
import { ARTICLE_KINDS, needsLabel, toArticleKind, type ArticleKind } from './kinds';
import { toSiteVerification } from './site-verification';
import type { ArticleSource, ContentProblem, SiteIdentity } from './types';

export type SiteIdentityResult =
  | { ok: true; site: SiteIdentity; warnings: ContentProblem[] }
  | { ok: false; problems: ContentProblem[] };

const LIMIT = FIELD_LIMITS.site;

const text = (field: string, limit: number = LIMIT.other) =>
  z
    .union([z.string(), z.number()], { error: `${field}: 글자여야 합니다` })
    .transform((v) => String(v).trim())
    .pipe(z.string().max(limit, tooLong(field, limit)));

/** A named person with a way to reach them: a name alone, or `name` and `contact`. */
const officer = (field: string) =>
  z.union([text(field), z.object({ name: text(`${field}.name`), contact: text(`${field}.contact`).optional() })], {
    error: `${field}: 이름, 또는 name과 contact가 있는 항목이어야 합니다`,
  });

const EDITOR_MESSAGE = 'editor: 이름, 또는 "- name: …, area: …"(책임 분야) 항목의 목록이어야 합니다';

/** `editor:` one name (as before), or several 편집인, each a name or `{ name, area }` (책임 분야). */
const editorField = z.union(
  [
    text('editor'),
    z
      .array(z.union([text('editor'), z.object({ name: text('editor의 name'), area: text('editor의 area').optional() })]), {
        error: EDITOR_MESSAGE,
      })
      .max(LIMIT.editors, tooMany('editor', LIMIT.editors)),
  ],
  { error: EDITOR_MESSAGE },
);

const LABELS_MESSAGE = `labels: "사설: 사설", "광고/협찬: 광고"처럼 기사 종류(${ARTICLE_KINDS.join(', ')})마다 보일 글자여야 합니다`;

/** `labels:` the words shown for each kind; a kind the site does not know is named back. */
const labelsField = z
  .record(z.string(), z.union([z.string(), z.number()], { error: LABELS_MESSAGE }), { error: LABELS_MESSAGE })
  .transform((raw, ctx) => {
    const labels: Partial<Record<ArticleKind, string>> = {};
    for (const [key, value] of Object.entries(raw)) {
      const kind = toArticleKind(key);
      const label = String(value).trim();
      if (!kind) ctx.addIssue({ code: 'custom', message: `labels: "${key.slice(0, LIMIT.label)}"는 기사 종류가 아닙니다 (${ARTICLE_KINDS.join(', ')})` });
      else if (label.length > LIMIT.label) ctx.addIssue({ code: 'custom', message: tooLong(`labels의 ${kind}`, LIMIT.label) });
      // Opinion and advertising must stay told apart from news: their label may be changed, not removed.
      else if (!label && needsLabel(kind)) ctx.addIssue({ code: 'custom', message: `labels의 ${kind}: 비워 둘 수 없습니다 (독자가 기사와 구별할 수 있어야 합니다)` });
      else if (label) labels[kind] = label;
    }
    return labels;
  });

const URL_MESSAGE = 'url: 경로 없는 http(s) 주소여야 합니다 (예: https://news.example.com)';

const siteSchema = z.looseObject({
  name: text('name', LIMIT.name).optional(),
  description: text('description', LIMIT.description).optional(),
  // Every absolute link is resolved against it: only an http(s) URL can be that base.
  url: z
    .string({ error: URL_MESSAGE })
    .max(LIMIT.url, tooLong('url', LIMIT.url))
    .transform((value, ctx) => {
      const url = toSiteUrl(value);
      if (!url) ctx.addIssue({ code: 'custom', message: URL_MESSAGE });
      return url ?? z.NEVER;
    })
    .optional(),
  registration_number: text('registration_number').optional(),
  registration_date: text('registration_date').optional(),
  publisher: text('publisher').optional(),
  editor: editorField.optional(),
  youth_protection_officer: officer('youth_protection_officer').optional(),
  arrangement_officer: officer('arrangement_officer').optional(),
  labels: labelsField.optional(),
  address: text('address').optional(),
  phone: text('phone').optional(),
  email: text('email').optional(),
  tips: text('tips').optional(),
  copyright: text('copyright').optional(),
  logo: text('logo', LIMIT.url).optional(),
  ai_training: z.enum(['allow', 'disallow'], { error: 'ai_training: allow 또는 disallow여야 합니다' }).optional(),
});

/** The fields an internet newspaper must show (신문 등의 진흥에 관한 법률 제21조, 청소년보호법), with their Korean names. */
export const REQUIRED_SITE_FIELDS: [keyof z.infer<typeof siteSchema>, string][] = [
  ['name', '제호'],
  ['registration_number', '등록번호'],
  ['registration_date', '등록일'],
  ['publisher', '발행인'],
  ['editor', '편집인'],
  ['address', '발행소 주소'],
  ['phone', '전화번호'],
  ['youth_protection_officer', '청소년보호책임자'],
];

/** Reads `_site.yml`: YAML only (core schema), validated; a missing legal field is a warning naming it. */
export function toSiteIdentity(source: string, file: ArticleSource): SiteIdentityResult {
  const read = readYaml(source, 'file');
  if (!read.ok) return { ok: false, problems: [{ file: file.path, severity: 'error', ...read.problem }] };
  const lineOf = (key: string) => read.value.valueLines.get(key);
  // Read on its own: a wrong token is an error at its line, and the rest of the file still counts.
  const { verification: raw, ...rest } = read.value.data;
  const result = siteSchema.safeParse(rest);
  if (!result.success) {
    return { ok: false, problems: yamlFileProblems(file.path, read.value, result.error.issues) };
  }
  const fm = result.data;
  const logo = fm.logo ? toImageRef(fm.logo, file.path, lineOf('logo')) : undefined;
  if (logo && !logo.ok) {
    return { ok: false, problems: [{ file: file.path, line: lineOf('logo') ?? 1, severity: 'error', message: `logo: ${logo.message}` }] };
  }
  const toOfficer = (value: typeof fm.youth_protection_officer) =>
    value === undefined
      ? undefined
      : typeof value === 'string'
        ? { name: value }
        : { name: value.name, contact: value.contact || undefined };
  const editors = (fm.editor === undefined ? [] : Array.isArray(fm.editor) ? fm.editor : [fm.editor])
    .map((entry) => (typeof entry === 'string' ? { name: entry } : { name: entry.name, ...(entry.area ? { area: entry.area } : {}) }))
    .filter((entry) => entry.name);
  const warnings: ContentProblem[] = REQUIRED_SITE_FIELDS.filter(([key]) => (key === 'editor' ? editors.length === 0 : !fm[key])).map(([key, label]) => ({
    file: file.path,
    line: 1,
    severity: 'warning',
    message: `${label}(${key})이 없습니다: 인터넷신문은 모든 페이지에 밝혀야 합니다`,
  }));
  const verification = toSiteVerification(raw, file, read.value.lineAt);
  return {
    ok: true,
    warnings: [...verification.problems, ...warnings],
    site: {
      name: fm.name || undefined,
      description: fm.description || undefined,
      url: fm.url,
      registrationNumber: fm.registration_number || undefined,
      registrationDate: fm.registration_date || undefined,
      publisher: fm.publisher || undefined,
      editor: editors.map((e) => e.name).join(', ') || undefined,
      editors,
      youthProtectionOfficer: toOfficer(fm.youth_protection_officer),
      arrangementOfficer: toOfficer(fm.arrangement_officer),
      labels: fm.labels ?? {},
      address: fm.address || undefined,
      phone: fm.phone || undefined,
      email: fm.email || undefined,
      tips: fm.tips || undefined,
      copyright: fm.copyright || undefined,
      logo: logo?.ref,
      aiTraining: fm.ai_training ?? 'allow',
      verification: verification.verification,
      source: file,
    },
  };
}
