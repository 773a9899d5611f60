import { describe, expect, it } from 'vitest';

import { getSiteSettings } from '@/lib/site';

import { getMasthead } from './queries';
import { toSiteIdentity } from './site-identity';
import { viewOfFiles } from './view';
import { toSourceFile } from './archive/test-support';

const file = { path: '_site.yml', size: 1, mtimeMs: 1 };

function read(yaml: string) {
  const result = toSiteIdentity(yaml, file);
  if (!result.ok) throw new Error(`_site.yml refused: ${JSON.stringify(result.problems)}`);
  return { site: result.site, errors: result.warnings.filter((w) => w.severity === 'error') };
}

describe('_site.yml verification:', () => {
  it('reads each engine with its token (or list of tokens), unquoted hex and Base64 alike', () => {
    const { site, errors } = read(
      [
        'name: 한빛일보',
        'verification:',
        '  naver: 0f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4',
        '  Google: abcDEF_123-xyz',
        '  bing: [ "1234567890ABCDEF1234567890ABCDEF", "FEDCBA" ]',
        '  foo: bar.baz=',
        '  constructor: own-key',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(site.name).toBe('한빛일보');
    expect(site.verification).toEqual({
      naver: ['0f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4'],
      google: ['abcDEF_123-xyz'],
      bing: ['1234567890ABCDEF1234567890ABCDEF', 'FEDCBA'],
      foo: ['bar.baz='],
      constructor: ['own-key'],
    });
  });

  it.each([
    ['a quote and angle brackets', '  naver: \'"><script>alert(1)</script>\'', 4, 'verification.naver: 토큰을 쓸 수 없습니다: 영문자, 숫자'],
    ['a huge token', `  naver: ${'a'.repeat(5000)}`, 4, 'verification.naver: 토큰을 쓸 수 없습니다: 너무 깁니다 (최대 200자)'],
    ['a number (YAML reads 123e4567 as one)', '  naver: 123e4567', 4, 'verification.naver: 토큰은 글자여야 합니다 (숫자로 읽히는 값은 따옴표로 감싸세요)'],
    ['a map as a token', '  naver:\n    a: b', 4, 'verification.naver: 토큰은 글자여야 합니다'],
    ['an empty token', '  naver: ""', 4, 'verification.naver: 토큰을 쓸 수 없습니다: 비어 있습니다'],
    ['an engine name that is no meta name', '  "na ver<": abc', 4, 'verification: "na ver<"은(는) 검색엔진 이름으로 쓸 수 없습니다'],
  ])('refuses %s at its line, keeping the other engines and the rest of the file', (_, line, at, message) => {
    const { site, errors } = read(`name: 한빛일보\npublisher: 김발행\nverification:\n${line}\n  google: good-token\n`);
    expect(errors).toEqual([{ file: '_site.yml', line: at, severity: 'error', message: expect.stringContaining(message) }]);
    expect(site.verification).toEqual({ google: ['good-token'] });
    expect(site.publisher).toBe('김발행');
  });

  it('a list item in the wrong place is named at its own line', () => {
    const { errors } = read('verification:\n  google:\n    - good\n    - 12345\n');
    expect(errors).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('verification.google') })]);
  });

  it.each([
    ['a list', 'verification:\n  - naver\n  - google\n'],
    ['a word', 'verification: naver\n'],
    ['a number', 'verification: 12\n'],
  ])('verification: as %s is one clear error, and the rest of the site identity stands', (_, yaml) => {
    const { site, errors } = read(`name: 한빛일보\n${yaml}`);
    expect(errors).toEqual([
      { file: '_site.yml', line: 2, severity: 'error', message: 'verification: "검색엔진: 토큰" 항목이어야 합니다 (예: naver: 0123abcd)' },
    ]);
    expect(site.name).toBe('한빛일보');
    expect(site.verification).toEqual({});
  });

  it('caps how many engines and tokens it reads', () => {
    const engines = Array.from({ length: 21 }, (_, i) => `  e${i}: t${i}`).join('\n');
    expect(read(`verification:\n${engines}\n`).errors[0]?.message).toBe('verification: 검색엔진이 너무 많습니다 (최대 20개)');
    const tokens = Array.from({ length: 11 }, (_, i) => `t${i}`).join(', ');
    expect(read(`verification:\n  google: [${tokens}]\n`).errors[0]?.message).toBe('verification.google: 토큰이 너무 많습니다 (최대 10개)');
  });
});

describe('verification in the masthead: the operator overrides per engine', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const files = [toSourceFile('_site.yml', 'name: 한빛일보\nverification:\n  naver: from-file\n  google: file-google\n', now)];

  it('SITE_VERIFICATION_<NAME> replaces that engine only; a bad one is said once and left out', () => {
    const logged: string[] = [];
    const settings = getSiteSettings(
      {
        SITE_VERIFICATION_NAVER: 'from-env',
        SITE_VERIFICATION_BING: 'a"b',
        SITE_VERIFICATION_MY_ENGINE: 'x1,x2',
      },
      (line) => logged.push(line),
    );
    const masthead = getMasthead(viewOfFiles(files, now, settings));
    expect(masthead.verification).toEqual({ naver: ['from-env'], google: ['file-google'], 'my-engine': ['x1', 'x2'] });
    expect(logged).toEqual([expect.stringMatching(/^SITE_VERIFICATION_BING: 토큰을 쓰지 않습니다/)]);
  });

  it('without _site.yml or environment there are no tokens', () => {
    expect(getMasthead(viewOfFiles([], now, getSiteSettings({}))).verification).toEqual({});
  });
});
