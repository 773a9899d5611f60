// Runs deploy/nginx.conf on loopback for the tests and benchmarks: the same file, with its cache
// folder, upstream port and listen port rewritten, in a folder of its own, as a foreground
// process the caller stops by its own pid. Never touches a system nginx.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = import.meta.dirname;

/**
 * Starts nginx with deploy/nginx.conf in front of `upstreamPort` (or every port of
 * `upstreamPorts`: several instances), listening on `listenPort`.
 * `extraServers` is more nginx configuration for the same http block (a static file server, say).
 * Resolves to { child, work, stop }.
 */
export function startLocalNginx({
  upstreamPort,
  upstreamPorts = [upstreamPort],
  listenPort,
  extraServers = '',
  stdio = 'ignore',
}) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'news-nginx-'));
  // nginx's workers drop to an unprivileged user: let them read and write what they need.
  fs.chmodSync(work, 0o755);
  for (const dir of ['tmp', 'cache']) {
    fs.mkdirSync(path.join(work, dir));
    fs.chmodSync(path.join(work, dir), 0o777);
  }
  const site = fs
    .readFileSync(path.join(here, 'nginx.conf'), 'utf8')
    .replace('/var/cache/nginx/news', path.join(work, 'cache'))
    .replace(
      /^ *server 127\.0\.0\.1:3000 (.*);$/m,
      (_line, options) => upstreamPorts.map((port) => `    server 127.0.0.1:${port} ${options};`).join('\n'),
    )
    .replace('listen 80;', `listen 127.0.0.1:${listenPort};`);
  const temp = path.join(work, 'tmp');
  fs.writeFileSync(
    path.join(work, 'nginx.conf'),
    `worker_processes 2;
pid ${work}/nginx.pid;
error_log ${work}/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  client_body_temp_path ${temp}; proxy_temp_path ${temp}; fastcgi_temp_path ${temp}; uwsgi_temp_path ${temp}; scgi_temp_path ${temp};
  ${extraServers}
  ${site}
}
`,
  );
  const child = spawn('nginx', ['-c', path.join(work, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio,
  });
  const stop = () => {
    child.kill('SIGTERM');
    fs.rmSync(work, { recursive: true, force: true });
  };
  return { child, work, stop };
}
