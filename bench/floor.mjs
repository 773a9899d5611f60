// The framework's floor: a one-page App Router app with no client components (bench/floor), built
// outside this project with the same Next.js and React versions, then its client JS (gzip)
// counted the way bench/page-weight.mjs counts ours, its Lighthouse scores, and what `next start`
// serves of it at 50 connections (the same load as bench/serve.mjs).
//   node bench/floor.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { load, median, root, startNext, waitFor } from './support.mjs';

const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const version = (name) => lock.packages[`node_modules/${name}`].version;
const dir = fs.mkdtempSync('/tmp/bench-floor-');
fs.cpSync(path.join(root, 'bench/floor/app'), path.join(dir, 'app'), { recursive: true });
fs.writeFileSync(path.join(dir, 'next.config.mjs'), 'export default {};\n');
fs.writeFileSync(
  path.join(dir, 'package.json'),
  JSON.stringify({
    name: 'floor',
    private: true,
    type: 'module',
    dependencies: {
      next: version('next'),
      react: version('react'),
      'react-dom': version('react-dom'),
    },
    devDependencies: {
      typescript: version('typescript'),
      '@types/react': version('@types/react'),
      '@types/node': version('@types/node'),
    },
  }),
);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
  cwd: dir,
  stdio: 'inherit',
  env,
});
const next = path.join(dir, 'node_modules/next/dist/bin/next');
execFileSync('node', [next, 'build'], { cwd: dir, stdio: 'ignore', env });
const server = startNext({ port: 3210, dir, stdio: 'ignore' });
try {
  await waitFor('http://127.0.0.1:3210/');
  for (const script of ['page-weight.mjs', 'lighthouse.mjs']) {
    execFileSync('node', [path.join(root, 'bench', script), 'http://127.0.0.1:3210', '/'], {
      stdio: 'inherit',
    });
  }
  // What `next start` serves of this page at 50 connections: the framework's own ceiling.
  const rounds = [];
  for (let round = 0; round < 3; round += 1) rounds.push(await load('http://127.0.0.1:3210/'));
  const rps = rounds.map((r) => r.rps);
  console.log(
    JSON.stringify({
      serve: 'floor (next start)',
      rpsMedian: median(rps),
      rpsMin: Math.min(...rps),
      rpsMax: Math.max(...rps),
      p50Median: median(rounds.map((r) => r.p50)),
      p99Median: median(rounds.map((r) => r.p99)),
      non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
      errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    }),
  );
} finally {
  server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
