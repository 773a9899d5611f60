/**
 * Fetches one remote image for the photo pipeline, as a careful server should fetch a URL that
 * content names: https only, port 443, public addresses only (checked on the very DNS answer the
 * socket connects to, so a second lookup cannot rebind the name), each redirect checked again, a
 * byte cap while streaming, one time cap for everything, and the bytes sniffed, never believed
 * from Content-Type. No cookies, no referrer, a User-Agent that says who is asking.
 */
import dns from 'node:dns';
import https from 'node:https';
import net from 'node:net';
import type { IncomingMessage } from 'node:http';

import { PHOTO_LIMITS } from './photo-limits';
import { isPublicAddress, toPlainAddress } from './public-address';
import { sniffFormat, type PhotoFormat } from './sniff';

export type RemoteImportResult =
  { ok: true; bytes: Buffer; finalUrl: string } | { ok: false; message: string };

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Answers a host name with every address DNS gives (the system resolver unless a test injects one). */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface RemoteImportOptions {
  /** Bytes of the image; the photo pipeline's own file limit unless given. */
  maxBytes?: number;
  /** Milliseconds for the whole import, redirects included. */
  timeoutMs?: number;
  /** Redirects followed before giving up. */
  maxRedirects?: number;
  resolve?: Resolver;
  /**
   * Test-only: `host:port` pairs (lower case, as the URL writes them) fetched even though their
   * address is not public, and on any port. Production reads it only through
   * `getRemoteImagesSetting()`, which refuses it there.
   */
  allowHosts?: readonly string[];
  /** Test-only: the certificate authority of a local test server. */
  ca?: string | Buffer;
  userAgent?: string;
}

export const REMOTE_IMPORT_DEFAULTS = {
  timeoutMs: 10_000,
  maxRedirects: 3,
  userAgent:
    'hangul-news-image-import/1.0 (fetches each image once to serve it from the news site)',
} as const;

const PHOTO_FORMATS = new Set<string>([
  'jpeg',
  'png',
  'gif',
  'webp',
  'avif',
  'heic',
] satisfies PhotoFormat[]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const systemResolver: Resolver = (hostname) =>
  dns.promises.lookup(hostname, { all: true, verbatim: true });

type Hop =
  | { kind: 'redirect'; location: string }
  | { kind: 'body'; bytes: Buffer; contentType: string }
  | { kind: 'failed'; message: string };

interface ImportContext {
  deadline: number;
  maxBytes: number;
  timeoutMs: number;
  resolve: Resolver;
  allowHosts: ReadonlySet<string>;
  ca: string | Buffer | undefined;
  userAgent: string;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

function hostKey(url: URL): string {
  return `${url.hostname}:${url.port || '443'}`.toLowerCase();
}

/** The reason a URL may not be fetched, or undefined when it may (its DNS answer is checked later). */
function refuseUrl(url: URL, allowed: boolean): string | undefined {
  if (url.protocol !== 'https:') return `https 주소만 가져옵니다 (${url.protocol}//…)`;
  if (url.username || url.password) return '사용자 이름이나 비밀번호가 든 주소는 가져오지 않습니다';
  if (allowed) return undefined;
  if (url.port && url.port !== '443') return `443 포트만 씁니다 (주소의 포트 ${url.port})`;
  const literal = toPlainAddress(url.hostname);
  if (net.isIP(literal) && !isPublicAddress(literal)) {
    return `공개 인터넷 주소가 아닌 ${literal}에는 연결하지 않습니다`;
  }
  return undefined;
}

/**
 * A `lookup` for the socket: the addresses it connects to are the ones checked here, so nothing can
 * change between the check and the connection. Any non-public address in the answer refuses all.
 */
function checkedLookup(
  resolve: Resolver,
  allowed: boolean,
  refuse: (message: string) => void,
): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (answers) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
        const usable = answers.filter((answer) => !wanted || answer.family === wanted);
        const bad = allowed
          ? undefined
          : answers.find((answer) => !isPublicAddress(answer.address));
        const first = usable[0];
        if (bad || !first) {
          const message = bad
            ? `${hostname}의 DNS 응답 ${bad.address}은(는) 공개 인터넷 주소가 아니어서 연결하지 않습니다`
            : `${hostname}의 주소를 찾지 못했습니다`;
          refuse(message);
          callback(Object.assign(new Error(message), { code: 'EREFUSEDADDRESS' }), '', 0);
          return;
        }
        if (options.all)
          callback(
            null,
            usable.map(({ address, family }) => ({ address, family })),
          );
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

function readBody(response: IncomingMessage, ctx: ImportContext, finish: (hop: Hop) => void): void {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > ctx.maxBytes) {
    finish({
      kind: 'failed',
      message: `${megabytes(declared)}짜리라 ${megabytes(ctx.maxBytes)} 제한을 넘습니다`,
    });
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  response.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > ctx.maxBytes) {
      finish({ kind: 'failed', message: `${megabytes(ctx.maxBytes)}를 넘어 받기를 멈췄습니다` });
      return;
    }
    chunks.push(chunk);
  });
  response.on('end', () => {
    finish({
      kind: 'body',
      bytes: Buffer.concat(chunks),
      contentType: String(response.headers['content-type'] ?? ''),
    });
  });
}

/** One request: a redirect to follow, the body, or why not. Never rejects. */
function requestOnce(url: URL, ctx: ImportContext): Promise<Hop> {
  const allowed = ctx.allowHosts.has(hostKey(url));
  const refused = refuseUrl(url, allowed);
  if (refused) return Promise.resolve({ kind: 'failed', message: refused });
  return new Promise<Hop>((settle) => {
    let refusal: string | undefined;
    let done = false;
    const hostname = toPlainAddress(url.hostname);
    const request = https.request({
      method: 'GET',
      hostname,
      port: url.port || 443,
      path: `${url.pathname}${url.search}`,
      headers: {
        'user-agent': ctx.userAgent,
        accept: 'image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8',
        'accept-encoding': 'identity',
      },
      agent: false,
      lookup: checkedLookup(ctx.resolve, allowed, (message) => (refusal = message)),
      servername: net.isIP(hostname) ? undefined : hostname,
      ca: ctx.ca,
      maxHeaderSize: 16 * 1024,
    });
    const finish = (hop: Hop) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      settle(hop);
    };
    const timer = setTimeout(
      () =>
        finish({ kind: 'failed', message: `${ctx.timeoutMs / 1000}초 안에 다 받지 못했습니다` }),
      Math.max(0, ctx.deadline - Date.now()),
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish({
        kind: 'failed',
        message: refusal ?? `연결하지 못했습니다 (${error.code ?? error.message})`,
      });
    });
    request.on('response', (response) => {
      response.on('error', () =>
        finish({ kind: 'failed', message: '받는 도중 연결이 끊겼습니다' }),
      );
      const peer = response.socket.remoteAddress ?? '';
      if (!allowed && !isPublicAddress(peer)) {
        finish({
          kind: 'failed',
          message: `공개 인터넷 주소가 아닌 ${peer}에 연결되어 멈췄습니다`,
        });
        return;
      }
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location) {
        finish({ kind: 'redirect', location });
        return;
      }
      if (status !== 200) {
        finish({ kind: 'failed', message: `HTTP ${status} 응답을 받았습니다` });
        return;
      }
      readBody(response, ctx, finish);
    });
    request.end();
  });
}

/**
 * Fetches an `https://` image once, under every rule above, and returns its bytes and the URL they
 * finally came from, or a Korean reason (for the log) why not. Never rejects.
 */
export async function importRemoteImage(
  url: string,
  options: RemoteImportOptions = {},
): Promise<RemoteImportResult> {
  const timeoutMs = options.timeoutMs ?? REMOTE_IMPORT_DEFAULTS.timeoutMs;
  const maxRedirects = options.maxRedirects ?? REMOTE_IMPORT_DEFAULTS.maxRedirects;
  const ctx: ImportContext = {
    deadline: Date.now() + timeoutMs,
    maxBytes: options.maxBytes ?? PHOTO_LIMITS.maxFileBytes,
    timeoutMs,
    resolve: options.resolve ?? systemResolver,
    allowHosts: new Set((options.allowHosts ?? []).map((host) => host.toLowerCase())),
    ca: options.ca,
    userAgent: options.userAgent ?? REMOTE_IMPORT_DEFAULTS.userAgent,
  };
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return { ok: false, message: '주소의 형식이 잘못되었습니다' };
  }
  for (let redirects = 0; ; redirects += 1) {
    const hop = await requestOnce(current, ctx);
    if (hop.kind === 'failed') return { ok: false, message: hop.message };
    if (hop.kind === 'body') {
      const format = sniffFormat(hop.bytes);
      if (!PHOTO_FORMATS.has(format)) {
        const said = hop.contentType ? `, 서버는 ${hop.contentType.slice(0, 60)}라고 함` : '';
        return { ok: false, message: `받은 내용이 사진이 아닙니다 (${format}${said})` };
      }
      return { ok: true, bytes: hop.bytes, finalUrl: current.href };
    }
    if (redirects >= maxRedirects)
      return { ok: false, message: `넘겨주기(redirect)가 ${maxRedirects}번을 넘었습니다` };
    try {
      current = new URL(hop.location, current);
    } catch {
      return { ok: false, message: '넘겨주기(redirect) 주소의 형식이 잘못되었습니다' };
    }
  }
}
