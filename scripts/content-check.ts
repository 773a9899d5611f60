// Checks every file in the content folder with the rules the site itself uses and prints one line
// per problem, compiler style: `path:line:column: error|warning: message`.
//   npm run content:check [-- folder] [-- --json]
import path from 'node:path';

import { formatProblem, type ContentProblem } from '@/lib/content';
import { checkContent } from '@/lib/content/check';
import { checkPhotoFields, checkPhotos } from '@/lib/media/check-photos';
import { lintBody, lintPage } from '@/lib/render/lint';
import { getContentDir } from '@/lib/site';

const args = process.argv.slice(2);
const json = args.includes('--json');
const folder = args.find((arg) => !arg.startsWith('--'));
const root = folder ? path.resolve(folder) : getContentDir();

const checked = checkContent(root);
const photos = await checkPhotos(checked.photos);
const problems: ContentProblem[] = [
  ...checked.problems,
  ...photos.problems,
  ...checkPhotoFields(photos, checked.articles, checked.reporters, checked.site),
];
const photoProblem = (photoPath: string) => photos.problemOf(photoPath);
// Many at a time, so the render workers never wait for the next job.
const lints = [
  ...checked.articles.map((article) => () => lintBody(article, photoProblem)),
  ...checked.pages.map((page) => () => lintPage(page, photoProblem)),
];
for (let i = 0; i < lints.length; i += 32) {
  for (const found of await Promise.all(lints.slice(i, i + 32).map((lint) => lint())))
    problems.push(...found);
}

const shown = path.relative(process.cwd(), root) || '.';
const located = problems
  .map((problem) => ({ ...problem, file: path.join(shown, problem.file) }))
  .sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
const errors = located.filter((p) => p.severity === 'error').length;
const warnings = located.length - errors;

if (json) {
  console.log(
    JSON.stringify({ files: checked.fileCount, errors, warnings, problems: located }, null, 2),
  );
} else {
  for (const problem of located) console.log(formatProblem(problem));
  console.log(`기사 파일 ${checked.fileCount}개 검사: 오류 ${errors}건, 경고 ${warnings}건`);
}
process.exitCode = errors > 0 ? 1 : 0;
