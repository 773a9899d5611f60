import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadFile } from '../load-file';
import { parseFrontMatter } from '../parse';
import { toReporter } from '../reporter-profile';
import { toSiteIdentity } from '../site-identity';
import type { ContentProblem } from '../types';

const file = (p: string) => ({ path: p, size: 1, mtimeMs: 1 });

/** The one problem of YAML `lines` read as an article's front matter, `_site.yml` and a reporter's file. */
function problemsOf(lines: string): { article?: Partial<ContentProblem>; site?: ContentProblem; reporter?: ContentProblem } {
  // Front matter starts on line 2 of its file; the .yml files get a first line to match.
  const article = parseFrontMatter(`---\n${lines}\n---\n본문\n`);
  const site = toSiteIdentity(`# 신문사\n${lines}\n`, file('_site.yml'));
  const reporter = toReporter(`# 기자\n${lines}\n`, file('_reporters/hong.yml'));
  return {
    article: article.ok ? undefined : article.problem,
    site: site.ok ? undefined : site.problems[0],
    reporter: reporter.ok ? undefined : reporter.problems[0],
  };
}

describe('one YAML reader for every content file', () => {
  it.each([
    ['a tab indent', 'name: 한빛일보\nyouth_protection_officer:\n\tname: 김보호', 'TAB_AS_INDENT', '들여쓰기에 탭을 쓸 수 없습니다 (빈칸을 쓰세요)'],
    ['a duplicated key', 'name: 한빛일보\nname: 두빛일보', 'DUPLICATE_KEY', '같은 항목이 두 번 있습니다'],
    ['a code-building tag', 'name: !!js/function "function () {}"', 'TAG_RESOLVE_FAILED', '허용되지 않는 YAML 태그입니다 (!!로 시작하는 표기)'],
  ])('explains %s in Korean at the same line and column in an article, _site.yml and a reporter file', (_, lines, code, reason) => {
    const { article, site, reporter } = problemsOf(lines);
    expect(article?.message).toBe(`front matter YAML 오류: ${reason} (${code})`);
    expect(site).toEqual({ file: '_site.yml', line: article?.line, column: article?.column, severity: 'error', message: `YAML 오류: ${reason} (${code})` });
    expect(reporter).toEqual({ ...site, file: '_reporters/hong.yml' });
    expect(article?.line).toBeGreaterThan(1);
  });

  it('refuses a .yml file that is a list, not "name: value" items, in Korean', () => {
    const { article, site, reporter } = problemsOf('- 한빛일보\n- 두빛일보');
    expect(article?.message).toBe('front matter는 "이름: 값" 형식의 항목이어야 합니다');
    expect(site?.message).toBe('이 파일은 "이름: 값" 형식의 항목이어야 합니다');
    expect(reporter?.message).toBe('이 파일은 "이름: 값" 형식의 항목이어야 합니다');
  });

  it('refuses an alias bomb in a .yml file as an error, not an exception', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i += 1) {
      const prev = String.fromCharCode(97 + i);
      bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const { article, site, reporter } = problemsOf(bomb.join('\n'));
    expect(article?.message).toMatch(/^front matter를 읽을 수 없습니다: /);
    expect(site?.message).toMatch(/^이 파일을 읽을 수 없습니다: /);
    expect(reporter?.message).toMatch(/^이 파일을 읽을 수 없습니다: /);
  });

  it('drops control characters that YAML escapes spell, in every kind of file', () => {
    const article = parseFrontMatter('---\ntitle: "속\\v보\\x07"\n---\n');
    const site = toSiteIdentity('name: "한빛\\v일보\\x07"\n', file('_site.yml'));
    const reporter = toReporter('name: "홍\\v길동\\x07"\nbio: "\\u0001기자"\n', file('_reporters/hong.yml'));
    expect(article.ok && article.value.data.title).toBe('속보');
    expect(site.ok && site.site.name).toBe('한빛일보');
    expect(reporter.ok && [reporter.reporter.name, reporter.reporter.bio]).toEqual(['홍길동', '기자']);
  });

  it("strips a reporter file's control characters where it is read and warns at their line, as an article's", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-reader-'));
    try {
      const read = (name: string, text: string) => {
        const absolute = path.join(root, name.replace('/', '-'));
        fs.writeFileSync(absolute, text);
        const kind = name.endsWith('.md') ? 'article' : 'reporter';
        return loadFile({ path: name, absolute, kind }, fs.statSync(absolute), new Date(), { maxFileBytes: 1 << 20 });
      };
      const article = read('story.md', '---\ntitle: 제목\ndate: 2026-01-01\n---\n본\u0007문\n');
      const reporter = read('_reporters/hong.yml', 'name: 홍길동\nbio: 사회\u0007부 기자\n');
      const warning = { severity: 'warning', message: '보이지 않는 제어 문자를 지웠습니다 (워드프로세서에서 붙여 넣을 때 섞여 듭니다)' };
      expect(article.ok && article.warnings[0]).toEqual({ ...warning, file: 'story.md', line: 5, column: 2 });
      expect(reporter.ok && reporter.warnings[0]).toEqual({ ...warning, file: '_reporters/hong.yml', line: 2, column: 8 });
      expect(reporter.ok && 'reporter' in reporter && reporter.reporter.bio).toBe('사회부 기자');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
