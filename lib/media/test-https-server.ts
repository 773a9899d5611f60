/**
 * A local https server for the remote-image tests, with a self-signed certificate made on the spot
 * (openssl) for `img.test`, `localhost` and 127.0.0.1. It serves a photo, redirects, an endless
 * body, a stalled body and HTML that calls itself a JPEG, and counts what it was asked.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import os from 'node:os';
import path from 'node:path';

export interface TestHttpsServer {
  port: number;
  /** The certificate to trust (the `ca` option). */
  ca: string;
  /** `https://img.test:<port>` + path; resolve `img.test` to 127.0.0.1 and allow `img.test:<port>`. */
  url(pathname: string): string;
  /** Requests received, by path without query. */
  hits: Map<string, number>;
  /** The headers of the last request. */
  lastHeaders(): Readonly<Record<string, string | string[] | undefined>>;
  close(): Promise<void>;
}

function makeCertificate(): { key: string; cert: string } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-import-cert-'));
  try {
    const key = path.join(folder, 'key.pem');
    const cert = path.join(folder, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=img.test',
        '-addext',
        'subjectAltName=DNS:img.test,DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** Starts the server on 127.0.0.1 (a free port); `photo` is what `/photo.jpg` answers. */
export async function startTestHttpsServer(photo: Buffer): Promise<TestHttpsServer> {
  const { key, cert } = makeCertificate();
  const hits = new Map<string, number>();
  let headers: Readonly<Record<string, string | string[] | undefined>> = {};
  const sockets = new Set<Duplex>();
  const server = https.createServer({ key, cert }, (request, response) => {
    const url = new URL(request.url ?? '/', 'https://img.test');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    headers = request.headers;
    switch (url.pathname) {
      case '/photo.jpg':
        response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length });
        response.end(photo);
        return;
      case '/no-type':
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end(photo);
        return;
      case '/redirect':
        response.writeHead(302, { location: url.searchParams.get('to') ?? '/photo.jpg' });
        response.end();
        return;
      case '/loop':
        response.writeHead(301, { location: '/loop' });
        response.end();
        return;
      case '/declared-huge':
        response.writeHead(200, {
          'content-type': 'image/jpeg',
          'content-length': 500 * 1024 * 1024,
        });
        response.write(photo.subarray(0, 1024));
        return;
      case '/endless': {
        // A JPEG that never ends: no length declared, 64 KB chunks until the client goes away.
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        response.write(photo.subarray(0, 3));
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        pump();
        return;
      }
      case '/slow':
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        response.write(photo.subarray(0, 100));
        return; // and nothing more
      case '/html-as-jpeg':
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        response.end('<!doctype html><html><body><script>alert(1)</script></body></html>');
        return;
      default:
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    ca: cert,
    url: (pathname) => `https://img.test:${port}${pathname}`,
    hits,
    lastHeaders: () => headers,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
