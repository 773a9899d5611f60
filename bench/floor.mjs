// The framework's floor: builds bench/floor (one App Router page, no client components) with the
// project's own Next.js, then prints its client JS (gzip) the way bench/page-weight.mjs counts it.
//   node bench/floor.mjs
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync('/tmp/bench-floor-');
fs.cpSync(path.join(root, 'bench/floor/app'), path.join(dir, 'app'), { recursive: true });
fs.writeFileSync(
  path.join(dir, 'package.json'),
  JSON.stringify({ name: 'floor', private: true, type: 'module' }),
);
fs.writeFileSync(
  path.join(dir, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      jsx: 'react-jsx',
      strict: true,
      skipLibCheck: true,
      module: 'esnext',
      moduleResolution: 'bundler',
      target: 'ES2022',
      lib: ['dom', 'esnext'],
      noEmit: true,
      isolatedModules: true,
      esModuleInterop: true,
    },
  }),
);
fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
const next = path.join(root, 'node_modules/next/dist/bin/next');
execFileSync('node', [next, 'build'], {
  cwd: dir,
  stdio: 'ignore',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
const server = spawn('node', [next, 'start', '-p', '3210', '-H', '127.0.0.1'], {
  cwd: dir,
  stdio: 'ignore',
});
try {
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch('http://127.0.0.1:3210/')).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  execFileSync('node', [path.join(root, 'bench/page-weight.mjs'), 'http://127.0.0.1:3210', '/'], {
    stdio: 'inherit',
  });
} finally {
  server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
