// `npm start`: runs the server the build produced. The build's output is standalone (README,
// "Deploying on any Node host"), which `next start` warns it does not serve; this runs that same
// server.js, with the static assets and public/ beside it and the folders resolved from here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { copyStandaloneAssets } from '../deploy/local-cluster.mjs';

const root = path.resolve(import.meta.dirname, '..');
const server = path.join(root, '.next', 'standalone', 'server.js');

if (!fs.existsSync(server)) {
  console.error(
    `${path.relative(process.cwd(), server)}이 없습니다: 먼저 npm run build를 실행하세요.`,
  );
  process.exit(1);
}
copyStandaloneAssets();

// What the server keeps between starts (the parsed-content cache) goes to the project's
// .next/cache, which `next build` keeps, as it did under `next start`: a rebuild replaces the
// standalone folder, and a first start after it is then still a restart.
const cacheLink = path.join(root, '.next', 'standalone', '.next', 'cache');
if (!fs.existsSync(cacheLink)) {
  fs.mkdirSync(path.join(root, '.next', 'cache'), { recursive: true });
  fs.symlinkSync(path.join(root, '.next', 'cache'), cacheLink);
}

// server.js changes into its own folder, so relative folders are resolved from here first.
process.env.CONTENT_DIR = path.resolve(process.cwd(), process.env.CONTENT_DIR || 'content');
process.env.DATA_DIR = path.resolve(process.cwd(), process.env.DATA_DIR || 'data');
process.env.PORT ||= '3000';
// server.js listens on HOSTNAME, which some shells and containers export as the machine's own
// name; like `next start`, listen on every address unless an address was chosen.
if (!process.env.HOSTNAME || process.env.HOSTNAME === os.hostname()) process.env.HOSTNAME = '0.0.0.0';

// The server runs in this process, not a child: a signal (systemd's SIGTERM, Ctrl-C, a test's
// kill) reaches Next itself, and no server can outlive the process that started it.
await import(pathToFileURL(server).href);
