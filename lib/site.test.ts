import { describe, expect, it } from 'vitest';

import { getIndexNowSetting, getMaxFileBytes, getRemoteImagesSetting, readPositiveInt } from './site';

function read(env: Record<string, string>) {
  const logged: string[] = [];
  const setting = getRemoteImagesSetting(env, (line) => logged.push(line));
  return { setting, logged };
}

describe('getRemoteImagesSetting (REMOTE_IMAGES)', () => {
  it('is off unless set to import', () => {
    expect(read({}).setting).toEqual({ import: false, testAllowHosts: [] });
    expect(read({ REMOTE_IMAGES: 'off' }).setting.import).toBe(false);
    expect(read({ REMOTE_IMAGES: 'import' }).setting.import).toBe(true);
    expect(read({ REMOTE_IMAGES: ' Import ' }).setting.import).toBe(true);
    expect(read({ REMOTE_IMAGES: 'import' }).logged).toEqual([]);
  });

  it('a wrong value stays off and is said once, naming the setting and what it accepts', () => {
    const first = read({ REMOTE_IMAGES: 'yes-please' });
    expect(first.setting.import).toBe(false);
    expect(first.logged).toEqual([
      'REMOTE_IMAGES "yes-please"은(는) 알 수 없는 값이어서 원격 사진 가져오기를 끕니다 (쓸 수 있는 값: off, import)',
    ]);
    expect(read({ REMOTE_IMAGES: 'yes-please' }).logged).toEqual([]);
  });

  it('the test allowance works outside production, and says it is on', () => {
    const { setting, logged } = read({
      REMOTE_IMAGES_TEST_ALLOW_HOSTS: 'Img.test:8443, 127.0.0.1:3401',
      NODE_ENV: 'test',
    });
    expect(setting.testAllowHosts).toEqual(['img.test:8443', '127.0.0.1:3401']);
    expect(logged).toEqual([
      expect.stringContaining('시험 전용 설정으로 img.test:8443, 127.0.0.1:3401'),
    ]);
  });

  it('in production the test allowance is refused with a warning, unless also forced', () => {
    const refused = read({
      REMOTE_IMAGES_TEST_ALLOW_HOSTS: '10.0.0.5:443',
      NODE_ENV: 'production',
    });
    expect(refused.setting.testAllowHosts).toEqual([]);
    expect(refused.logged).toEqual([
      expect.stringContaining('운영(NODE_ENV=production)에서는 쓰지 않습니다'),
    ]);
    const forced = read({
      REMOTE_IMAGES_TEST_ALLOW_HOSTS: '10.0.0.5:443',
      REMOTE_IMAGES_TEST_ALLOW_IN_PRODUCTION: '1',
      NODE_ENV: 'production',
    });
    expect(forced.setting.testAllowHosts).toEqual(['10.0.0.5:443']);
  });
});

describe('getIndexNowSetting (INDEXNOW_KEY, INDEXNOW_ENDPOINTS)', () => {
  const read = (env: Record<string, string>) => {
    const logged: string[] = [];
    return { setting: getIndexNowSetting(env, (line) => logged.push(line)), logged };
  };

  it('is off without a key; with one it posts to Naver and Bing unless endpoints are given', () => {
    expect(read({}).setting).toBeUndefined();
    expect(read({ INDEXNOW_KEY: 'a1b2c3d4-e5f6' }).setting).toEqual({
      key: 'a1b2c3d4-e5f6',
      endpoints: ['https://searchadvisor.naver.com/indexnow', 'https://www.bing.com/indexnow'],
    });
    expect(
      read({ INDEXNOW_KEY: 'a1b2c3d4-e5f6', INDEXNOW_ENDPOINTS: ' http://127.0.0.1:4000/indexnow , https://x.test/in' }).setting
        ?.endpoints,
    ).toEqual(['http://127.0.0.1:4000/indexnow', 'https://x.test/in']);
  });

  it.each([
    ['too short', 'abc123'],
    ['with characters IndexNow refuses', 'abcd1234"<script>'],
    ['too long', 'k'.repeat(129)],
  ])('a key %s turns the feature off with one line naming the rule', (_, key) => {
    const first = read({ INDEXNOW_KEY: key });
    expect(first.setting).toBeUndefined();
    expect(first.logged).toEqual([expect.stringMatching(/^INDEXNOW_KEY는 영문자, 숫자, -로 된 8~128자여야 해서 IndexNow 알림을 끕니다/)]);
    expect(first.logged[0]).not.toContain(key);
  });

  it('an endpoint that is not an http(s) URL is said and left out; none left is off', () => {
    const some = read({ INDEXNOW_KEY: 'a1b2c3d4', INDEXNOW_ENDPOINTS: 'ftp://x.test/in,not a url,https://ok.test/in' });
    expect(some.setting?.endpoints).toEqual(['https://ok.test/in']);
    expect(some.logged).toHaveLength(2);
    const none = read({ INDEXNOW_KEY: 'a1b2c3d4', INDEXNOW_ENDPOINTS: 'javascript:alert(1)' });
    expect(none.setting).toBeUndefined();
    expect(none.logged.at(-1)).toBe('INDEXNOW_ENDPOINTS에 쓸 수 있는 주소가 없어 IndexNow 알림을 끕니다');
  });
});

describe('getMaxFileBytes (CONTENT_MAX_BYTES)', () => {
  const read = (raw: string | undefined) => {
    const said: string[] = [];
    return { bytes: getMaxFileBytes(raw, (line) => said.push(line)), said };
  };

  it('takes a whole number of bytes, and 1 MiB when unset', () => {
    expect(read(undefined)).toEqual({ bytes: 1024 * 1024, said: [] });
    expect(read('')).toEqual({ bytes: 1024 * 1024, said: [] });
    expect(read('2097152')).toEqual({ bytes: 2097152, said: [] });
    expect(read(' 4096 ')).toEqual({ bytes: 4096, said: [] });
  });

  it('says a value that is not a byte count, and keeps the default', () => {
    for (const wrong of ['2MB', '-1', '0', '1.5', '1e999', 'NaN', `${'9'.repeat(400)}`]) {
      const { bytes, said } = read(wrong);
      expect(bytes).toBe(1024 * 1024);
      expect(said).toHaveLength(1);
      expect(said[0]).toContain('CONTENT_MAX_BYTES');
      // A huge value is cut in the log line, not printed whole.
      expect(said[0]!.length).toBeLessThan(200);
    }
  });
});

describe('readPositiveInt (CONTENT_GIT_INTERVAL and the like)', () => {
  it('says a wrong value once however often it is read, and the default serves', () => {
    const said: string[] = [];
    const read = (raw: string) => readPositiveInt('CONTENT_GIT_INTERVAL', raw, 30, '초 수', (line) => said.push(line));
    expect(read('30s')).toBe(30);
    expect(read('30s')).toBe(30);
    expect(read('0')).toBe(30);
    expect(read('90')).toBe(90);
    expect(said).toHaveLength(2);
    expect(said[0]).toContain('CONTENT_GIT_INTERVAL "30s"');
  });
});
