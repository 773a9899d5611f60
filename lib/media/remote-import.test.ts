import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importRemoteImage, type RemoteImportOptions, type ResolvedAddress } from './remote-import';
import { makeCameraJpeg } from './test-photos';
import { startTestHttpsServer, type TestHttpsServer } from './test-https-server';

let server: TestHttpsServer;
let photo: Buffer;

beforeAll(async () => {
  photo = await makeCameraJpeg({ width: 64, height: 48 });
  server = await startTestHttpsServer(photo);
});
afterAll(() => server.close());

/** A DNS that knows the test names; every name it was asked is kept in `asked`. */
function fakeDns(answers: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    asked.push(hostname);
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { asked, resolve };
}

function options(extra: Partial<RemoteImportOptions> = {}): RemoteImportOptions {
  const dns = fakeDns({
    'img.test': ['127.0.0.1'],
    'evil.test': ['10.0.0.7'],
    'metadata.test': ['169.254.169.254'],
    'mixed.test': ['93.184.216.34', '127.0.0.1'],
    'mapped.test': ['::ffff:127.0.0.1'],
    'ula.test': ['fd00::1'],
  });
  return { resolve: dns.resolve, allowHosts: [`img.test:${server.port}`], ca: server.ca, ...extra };
}

function redirectTo(target: string): string {
  return server.url(`/redirect?to=${encodeURIComponent(target)}`);
}

describe('importRemoteImage', () => {
  it('fetches a photo over https through the checked lookup, byte for byte', async () => {
    const dns = fakeDns({ 'img.test': ['127.0.0.1'] });
    const result = await importRemoteImage(server.url('/photo.jpg'), {
      ...options(),
      resolve: dns.resolve,
    });
    expect(result).toEqual({ ok: true, bytes: photo, finalUrl: server.url('/photo.jpg') });
    // img.test exists only in the injected DNS: the socket connected to the answer it checked.
    expect(dns.asked).toEqual(['img.test']);
  });

  it('asks with a clear User-Agent and no cookie or referrer', async () => {
    await importRemoteImage(server.url('/photo.jpg'), options());
    const headers = server.lastHeaders();
    expect(headers['user-agent']).toMatch(/^hangul-news-image-import\//);
    expect(headers.cookie).toBeUndefined();
    expect(headers.referer).toBeUndefined();
    expect(headers['accept-encoding']).toBe('identity');
  });

  it('follows a redirect to a photo and says where the bytes came from', async () => {
    const result = await importRemoteImage(redirectTo('/photo.jpg'), options());
    expect(result.ok && result.finalUrl).toBe(server.url('/photo.jpg'));
  });

  it('trusts the bytes, not the Content-Type: a JPEG sent as octet-stream is a JPEG', async () => {
    const result = await importRemoteImage(server.url('/no-type'), options());
    expect(result.ok).toBe(true);
  });

  it('refuses http:// before connecting, and a redirect to http://', async () => {
    const before = server.hits.get('/photo.jpg') ?? 0;
    const plain = await importRemoteImage(`http://img.test:${server.port}/photo.jpg`, options());
    expect(plain).toEqual({ ok: false, message: expect.stringContaining('https 주소만') });
    const redirected = await importRemoteImage(
      redirectTo(`http://img.test:${server.port}/photo.jpg`),
      options(),
    );
    expect(redirected).toEqual({ ok: false, message: expect.stringContaining('https 주소만') });
    expect(server.hits.get('/photo.jpg') ?? 0).toBe(before);
  });

  it.each([
    ['127.0.0.1', 'https://127.0.0.1/photo.jpg'],
    ['169.254.169.254', 'https://169.254.169.254/latest/meta-data/'],
    ['10.1.2.3', 'https://10.1.2.3/photo.jpg'],
    ['100.64.0.1', 'https://100.64.0.1/photo.jpg'],
    ['0.0.0.0', 'https://0.0.0.0/photo.jpg'],
    ['::1', 'https://[::1]/photo.jpg'],
    ['::ffff:7f00:1', 'https://[::ffff:127.0.0.1]/photo.jpg'],
    ['fe80::1', 'https://[fe80::1]/photo.jpg'],
  ])('refuses a redirect to %s', async (address, target) => {
    const result = await importRemoteImage(redirectTo(target), options());
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining(`아닌 ${address}에는 연결하지`),
    });
  });

  it('refuses a redirect to a name whose DNS answer is the metadata service', async () => {
    const dns = fakeDns({ 'img.test': ['127.0.0.1'], 'metadata.test': ['169.254.169.254'] });
    const result = await importRemoteImage(redirectTo('https://metadata.test/latest/meta-data/'), {
      ...options(),
      resolve: dns.resolve,
    });
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('DNS 응답 169.254.169.254'),
    });
    expect(dns.asked).toEqual(['img.test', 'metadata.test']);
  });

  it.each([
    ['evil.test', '10.0.0.7'],
    ['mixed.test', '127.0.0.1'],
    ['mapped.test', '::ffff:127.0.0.1'],
    ['ula.test', 'fd00::1'],
  ])('refuses %s, whose DNS answer holds %s, without connecting', async (host, address) => {
    const result = await importRemoteImage(`https://${host}/photo.jpg`, options());
    expect(result).toEqual({
      ok: false,
      message: `${host}의 DNS 응답 ${address}은(는) 공개 인터넷 주소가 아니어서 연결하지 않습니다`,
    });
  });

  it('the test allowance covers only its own host and port', async () => {
    const other = await importRemoteImage(`https://localhost:${server.port}/photo.jpg`, options());
    expect(other).toEqual({ ok: false, message: expect.stringContaining('443 포트만') });
    const none = await importRemoteImage(server.url('/photo.jpg'), {
      ...options(),
      allowHosts: [],
    });
    expect(none.ok).toBe(false);
  });

  it('gives up after three redirects', async () => {
    const before = server.hits.get('/loop') ?? 0;
    const result = await importRemoteImage(server.url('/loop'), options());
    expect(result).toEqual({ ok: false, message: expect.stringContaining('3번을 넘었습니다') });
    expect((server.hits.get('/loop') ?? 0) - before).toBe(4);
  });

  it('cuts off a body past the byte cap while it streams', async () => {
    const result = await importRemoteImage(server.url('/endless'), {
      ...options(),
      maxBytes: 256 * 1024,
    });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('받기를 멈췄습니다') });
  });

  it('refuses a declared length past the cap before reading the body', async () => {
    const result = await importRemoteImage(server.url('/declared-huge'), options());
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('500 MB짜리라 25 MB 제한을 넘습니다'),
    });
  });

  it('times out a body that stalls', async () => {
    const started = Date.now();
    const result = await importRemoteImage(server.url('/slow'), { ...options(), timeoutMs: 300 });
    expect(result).toEqual({ ok: false, message: '0.3초 안에 다 받지 못했습니다' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses HTML served as image/jpeg, by sniffing', async () => {
    const result = await importRemoteImage(server.url('/html-as-jpeg'), options());
    expect(result).toEqual({
      ok: false,
      message: '받은 내용이 사진이 아닙니다 (text, 서버는 image/jpeg라고 함)',
    });
  });

  it('refuses an untrusted certificate', async () => {
    const result = await importRemoteImage(server.url('/photo.jpg'), {
      ...options(),
      ca: undefined,
    });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('연결하지 못했습니다') });
  });

  it('says a 404 and a malformed URL plainly', async () => {
    expect(await importRemoteImage(server.url('/missing.jpg'), options())).toEqual({
      ok: false,
      message: 'HTTP 404 응답을 받았습니다',
    });
    expect(await importRemoteImage('https://', options())).toEqual({
      ok: false,
      message: '주소의 형식이 잘못되었습니다',
    });
  });
});
