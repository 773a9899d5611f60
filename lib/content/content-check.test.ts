import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let dir: string;

async function check(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run('npx', ['tsx', 'scripts/content-check.ts', dir, ...args]);
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-check-'));
  const write = (name: string, text: string | Buffer) => fs.writeFileSync(path.join(dir, name), text);
  write('good.md', '---\ntitle: 좋은 기사\ndate: 2024-01-01\n---\n\n![설명 있는 사진](/a.png)\n');
  write('no-alt.md', '---\ntitle: 사진\ndate: 2024-01-01\n---\n\n본문\n\n![](/b.png)\n');
  write('bad-date.md', '---\ntitle: 날짜\ndate: 2025-02-30\n---\n');
  write('no-title.html', '---\ncategories: 경제\n---\n<p>x</p>\n');
}, 30_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run content:check', () => {
  it('prints one compiler-style line per problem and a summary, and fails on errors', async () => {
    const { code, stdout } = await check();
    const rel = path.relative(process.cwd(), dir);
    expect(stdout.trim().split('\n')).toEqual([
      `${rel}/bad-date.md:3: error: date: 존재하지 않는 날짜입니다: "2025-02-30"`,
      `${rel}/no-alt.md:8:1: warning: 사진에 대체 텍스트(alt)가 없습니다: /b.png`,
      `${rel}/no-title.html:1: error: title: 제목이 없습니다 (필수 항목)`,
      '기사 파일 4개 검사: 오류 2건, 경고 1건',
    ]);
    expect(code).toBe(1);
  }, 30_000);

  it('reports as JSON for tools', async () => {
    const { stdout } = await check('--json');
    const report = JSON.parse(stdout) as { files: number; errors: number; warnings: number; problems: { severity: string }[] };
    expect(report).toMatchObject({ files: 4, errors: 2, warnings: 1 });
    expect(report.problems).toHaveLength(3);
  }, 30_000);

  it('exits 0 when there are only warnings', async () => {
    fs.rmSync(path.join(dir, 'bad-date.md'));
    fs.rmSync(path.join(dir, 'no-title.html'));
    expect((await check()).code).toBe(0);
  }, 30_000);
});
