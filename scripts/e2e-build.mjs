// Builds the site for the end-to-end tests against a content folder of their own: the sample
// content plus fixtures (a long category, expired and scheduled items, broken and hostile files).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { copyStandaloneAssets } from '../deploy/local-cluster.mjs';
import { writeCostlyContent } from '../e2e/fixtures/costly-content.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.e2e', 'content');

fs.rmSync(path.join(root, '.e2e'), { recursive: true, force: true });
fs.cpSync(path.join(root, 'content'), out, { recursive: true });
fs.cpSync(path.join(root, 'e2e', 'fixtures', 'content'), path.join(out, 'fixtures'), {
  recursive: true,
});

// A category and a tag with more than one page (20 a page).
const series = path.join(out, 'series');
fs.mkdirSync(series, { recursive: true });
for (let i = 1; i <= 23; i += 1) {
  const day = String(i).padStart(2, '0');
  fs.writeFileSync(
    path.join(series, `2019-01-${day}-series-${i}.md`),
    `---\ntitle: 연재 기사 ${i}회\ncategories: 연재\ntags: [연재물]\n---\n\n연재 ${i}회 본문.\n`,
  );
}

// Content that costs the most to render (generated: the refused files are half a megabyte).
writeCostlyContent(path.join(out, 'fixtures', 'costly'));

// A reporter who has joined but has no published article yet: only a draft names her.
fs.writeFileSync(
  path.join(out, '_reporters', 'choi-mirae.yml'),
  'name: 최미래\nrole: 수습기자\ndesk: 사회부\nbio: 이번 달 입사한 수습기자입니다.\n',
);
fs.writeFileSync(
  path.join(out, 'fixtures', 'choi-draft.md'),
  '---\ntitle: 수습기자의 초안\nauthor: choi-mirae\ndraft: true\n---\n\n초안 본문.\n',
);

// A breaking article with a 650 KB headline (one once made the home page 4 MB): refused, as every
// field over its cap is. Written here rather than kept in git.
fs.writeFileSync(
  path.join(out, 'fixtures', 'huge-headline.md'),
  `---\ntitle: "거대속보 ${'끝없는 제목 '.repeat(38_500)}"\nbreaking: true\ndate: 2026-01-01 09:00\n---\n\n본문.\n`,
);

// Symbolic links that lead out of the content folder and out of the project, to a file and to a
// folder: the build must pass, and neither is ever read as an article.
const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-outside-'));
fs.mkdirSync(path.join(outside, 'folder'));
const outsideArticle = '---\ntitle: 밖에 있는 기사\n---\n\n<p class="bg-[#123456]">밖</p>\n';
fs.writeFileSync(path.join(outside, 'outside-link.md'), outsideArticle);
fs.writeFileSync(path.join(outside, 'folder', 'outside-folder-article.md'), outsideArticle);
fs.symlinkSync(
  path.join(outside, 'outside-link.md'),
  path.join(out, 'fixtures', 'outside-link.md'),
);
fs.symlinkSync(path.join(outside, 'folder'), path.join(out, 'fixtures', 'outside-folder'));

// The fixtures hold broken files on purpose, so this build is never strict.
const env = { ...process.env };
delete env.CONTENT_STRICT;
execFileSync('npx', ['next', 'build'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...env,
    CONTENT_DIR: out,
    NEXT_TELEMETRY_DISABLED: '1',
    SITE_URL: 'http://127.0.0.1:3100',
  },
});

// The standalone server needs the static assets and public/ beside it, as the README explains.
// The second test server runs a copy of it, as an operator deploys one: `npm start` runs the
// original, and two servers must not share one page cache.
copyStandaloneAssets();
fs.cpSync(path.join(root, '.next', 'standalone'), path.join(root, '.e2e', 'standalone'), {
  recursive: true,
  verbatimSymlinks: true,
});
