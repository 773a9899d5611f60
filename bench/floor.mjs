// The framework's floor: a one-page App Router app with no client components (bench/floor), built
// outside this project with the same Next.js and React versions, then its client JS (gzip)
// counted the way bench/page-weight.mjs counts ours.
//   node bench/floor.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { root, startNext, waitFor } from './support.mjs';

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
  execFileSync('node', [path.join(root, 'bench/page-weight.mjs'), 'http://127.0.0.1:3210', '/'], {
    stdio: 'inherit',
  });
} finally {
  server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
