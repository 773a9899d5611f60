import { z } from 'zod';

import { FIELD_LIMITS, tooLong } from './field-limits';
import { stripYamlExtension } from './format/extensions';
import { readYaml, yamlFileProblems } from './format/yaml';
import { toSeriesId } from './series-id';
import type { ArticleSource, ContentProblem, Series } from './types';

export type SeriesResult =
  | { ok: true; series: Series; warnings: ContentProblem[] }
  | { ok: false; problems: ContentProblem[] };

const LIMIT = FIELD_LIMITS.series;

const seriesSchema = z.looseObject({
  name: z
    .string({ error: 'name: 연재 이름이 있어야 합니다 (필수 항목)' })
    .trim()
    .pipe(z.string().min(1, 'name: 연재 이름이 비어 있습니다').max(LIMIT.name, tooLong('name', LIMIT.name))),
  description: z
    .string({ error: 'description: 글자여야 합니다' })
    .trim()
    .pipe(z.string().max(LIMIT.description, tooLong('description', LIMIT.description)))
    .optional(),
});

/** Reads `_series/<id>.yml` with the one YAML reader: the id is the file name; `name` is required. */
export function toSeries(source: string, file: ArticleSource): SeriesResult {
  const fail = (message: string, line = 1): SeriesResult => ({
    ok: false,
    problems: [{ file: file.path, line, severity: 'error', message }],
  });
  const fileName = file.path.split('/').pop() ?? file.path;
  const id = toSeriesId(stripYamlExtension(fileName));
  const read = readYaml(source, 'file');
  if (!read.ok) return { ok: false, problems: [{ file: file.path, severity: 'error', ...read.problem }] };
  if (!id.ok) return fail(`파일 이름을 연재 주소(id)로 쓸 수 없습니다: ${id.message}`);
  const result = seriesSchema.safeParse(read.value.data);
  if (!result.success) {
    return { ok: false, problems: yamlFileProblems(file.path, read.value, result.error.issues) };
  }
  return {
    ok: true,
    warnings: [],
    series: { id: id.id, name: result.data.name, description: result.data.description || undefined, source: file },
  };
}
