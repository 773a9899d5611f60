import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRemoteImages, type PublishOutcome, type RemoteImagesOptions } from './remote-images';
import { importRemoteImage, type RemoteImportResult } from './remote-import';
import { makeCameraJpeg } from './test-photos';
import { startTestHttpsServer, type TestHttpsServer } from './test-https-server';

let server: TestHttpsServer;

beforeAll(async () => {
  server = await startTestHttpsServer(await makeCameraJpeg({ width: 64, height: 48 }));
});
afterAll(() => server.close());

/** Imports from the local server only, through the test allowance. */
function importLocally(url: string): Promise<RemoteImportResult> {
  return importRemoteImage(url, {
    resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    allowHosts: [`img.test:${server.port}`],
    ca: server.ca,
  });
}

/** An importer whose fetches, publishes and log lines are counted. */
function counted(extra: Partial<RemoteImagesOptions<string>> = {}) {
  const fetched: string[] = [];
  const logged: string[] = [];
  const fetchImage = extra.fetchImage ?? importLocally;
  const images = createRemoteImages<string>({
    enabled: true,
    publish: async (bytes): Promise<PublishOutcome<string>> => ({
      ok: true,
      value: `photo of ${bytes.length} bytes`,
    }),
    log: (line) => logged.push(line),
    ...extra,
    fetchImage: (url) => {
      fetched.push(url);
      return fetchImage(url);
    },
  });
  return { images, fetched, logged };
}

const failing = async (): Promise<RemoteImportResult> => ({
  ok: false,
  message: 'HTTP 404 응답을 받았습니다',
});

describe('createRemoteImages', () => {
  it('imports a URL once however often pages ask, and hands its bytes to publish', async () => {
    const { images, fetched, logged } = counted();
    const url = server.url('/photo.jpg');
    expect(images.get(url)).toEqual({ state: 'pending' });
    const all = await Promise.all([
      images.settle(url),
      images.settle(url),
      images.settle(`${url}#again`),
    ]);
    for (const state of all) {
      expect(state).toEqual({
        state: 'imported',
        value: expect.stringMatching(/^photo of \d+ bytes$/),
        finalUrl: url,
      });
    }
    expect(images.get(url).state).toBe('imported');
    expect(fetched).toEqual([url]);
    expect(logged).toEqual([]);
  });

  it('with the option off, nothing is fetched and pages hotlink', async () => {
    const before = server.hits.get('/photo.jpg') ?? 0;
    const { images, fetched } = counted({ enabled: false });
    expect(images.get(server.url('/photo.jpg'))).toEqual({ state: 'off' });
    expect(await images.settle(server.url('/photo.jpg'))).toEqual({ state: 'off' });
    expect(fetched).toEqual([]);
    expect(images.size()).toBe(0);
    expect(server.hits.get('/photo.jpg') ?? 0).toBe(before);
  });

  it('says a failure once in the log, remembers it, and tries again only after a while', async () => {
    let clock = 0;
    const { images, fetched, logged } = counted({ now: () => clock, failureTtlMs: 1000 });
    const url = server.url('/html-as-jpeg');
    const failure = {
      state: 'failed',
      message: '받은 내용이 사진이 아닙니다 (text, 서버는 image/jpeg라고 함)',
    };
    expect(await images.settle(url)).toEqual(failure);
    expect(await images.settle(url)).toEqual(failure);
    expect(images.get(url)).toEqual(failure);
    expect(fetched).toHaveLength(1);
    expect(logged).toEqual([
      `[remote-images] ${url}: ${failure.message} — 원격 주소를 그대로 씁니다`,
    ]);
    clock = 1000;
    expect(await images.settle(url)).toEqual(failure);
    expect(fetched).toHaveLength(2);
    expect(logged).toHaveLength(1); // the same reason is not said again
  });

  it('a failure of the pipeline (busy, disk) is remembered only briefly', async () => {
    let clock = 0;
    const { images, fetched } = counted({
      now: () => clock,
      retryLaterMs: 10,
      publish: async () => ({ ok: false, message: '대기열이 가득 찼습니다', retryLater: true }),
    });
    const url = server.url('/photo.jpg');
    expect((await images.settle(url)).state).toBe('failed');
    clock = 10;
    await images.settle(url);
    expect(fetched).toHaveLength(2);
  });

  it('made-up URLs cannot grow the table: the oldest failures make room, imports stay', async () => {
    const { images, fetched } = counted({ maxEntries: 3, fetchImage: failing });
    const keeper = counted({ maxEntries: 3 });
    await keeper.images.settle(server.url('/photo.jpg'));
    for (let index = 0; index < 50; index += 1) {
      await images.settle(`https://made-up.example/${index}.jpg`);
      await keeper.images.settle(`https://img.test:${server.port}/missing-${index}.jpg`);
    }
    expect(images.size()).toBe(3);
    expect(fetched).toHaveLength(50);
    expect(keeper.images.size()).toBe(3);
    expect(keeper.images.get(server.url('/photo.jpg')).state).toBe('imported');
  });

  it('when the table holds only imports, a new URL is hotlinked and that said once', async () => {
    const publish = async (): Promise<PublishOutcome<string>> => ({ ok: true, value: 'photo' });
    const fetchImage = async (url: string): Promise<RemoteImportResult> => ({
      ok: true,
      bytes: Buffer.from('x'),
      finalUrl: url,
    });
    const { images, fetched, logged } = counted({ maxEntries: 2, publish, fetchImage });
    await images.settle('https://a.example/1.jpg');
    await images.settle('https://a.example/2.jpg');
    expect((await images.settle('https://a.example/3.jpg')).state).toBe('failed');
    expect((await images.settle('https://a.example/4.jpg')).state).toBe('failed');
    expect(fetched).toHaveLength(2);
    expect(logged).toEqual([expect.stringContaining('원격 사진 2개를 이미 기억하고 있어')]);
  });

  it('imports at most two at a time, and a full queue only postpones', async () => {
    let running = 0;
    let most = 0;
    const fetchImage = async (url: string): Promise<RemoteImportResult> => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
      return { ok: true, bytes: Buffer.from('x'), finalUrl: url };
    };
    const { images, fetched } = counted({ fetchImage, maxWaiting: 4 });
    const urls = Array.from({ length: 10 }, (_, index) => `https://a.example/${index}.jpg`);
    const states = urls.map((url) => images.get(url));
    expect(states.every((state) => state.state === 'pending')).toBe(true);
    // Work starts on a later turn: on the page's own turn four wait, the other six are not remembered.
    expect(images.size()).toBe(4);
    await Promise.all(urls.map((url) => images.settle(url)));
    expect(most).toBe(2);
    expect(fetched).toHaveLength(10);
    expect(urls.every((url) => images.get(url).state === 'imported')).toBe(true);
  });

  it('a monstrous or malformed URL is neither fetched nor remembered', async () => {
    const { images, fetched } = counted({ fetchImage: failing });
    expect(images.get(`https://a.example/${'x'.repeat(3000)}.jpg`).state).toBe('failed');
    expect(images.get('not a url').state).toBe('failed');
    expect(fetched).toEqual([]);
    expect(images.size()).toBe(0);
  });

  it('a publish that throws is a remembered failure, not a crash', async () => {
    const { images, logged } = counted({
      publish: async () => {
        throw new Error('sharp exploded');
      },
    });
    expect(await images.settle(server.url('/photo.jpg'))).toEqual({
      state: 'failed',
      message: '가져오는 중 오류: sharp exploded',
    });
    expect(logged).toHaveLength(1);
  });
});
