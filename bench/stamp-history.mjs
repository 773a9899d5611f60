// How often a deploy would have thrown away what a server keeps on disk: over the last N commits
// that touched lib/ or package-lock.json, how many changed each stamp, stamped as the folders they
// were (all of lib/content, all of lib/) and as import closures (lib/code-stamp.ts, today's entries).
//   node --import tsx bench/stamp-history.mjs [N=120]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { codeStamp, STAMP_ENTRIES } from '../lib/code-stamp.ts';
import { root } from './support.mjs';

const count = Number(process.argv[2] ?? 120);
const git = (...args) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const commits = git('log', '--format=%H', '-n', String(count), '--', 'lib', 'package-lock.json').trim().split('\n').reverse();

const filesOf = (dir) =>
  fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile());
const hashOf = (files) => {
  const hash = createHash('sha256');
  for (const file of files) hash.update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 16);
};
const isSource = (file) => /\.(ts|tsx|mjs)$/.test(file) && !/\.test\.(ts|tsx|mjs)$/.test(file);

/** The stamps of one commit: as folders (the definitions before lib/code-stamp.ts) and as closures. */
async function stampsAt(commit, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tar = execFileSync('git', ['-C', root, 'archive', commit, 'lib', 'package-lock.json', 'tsconfig.json'], { maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  const lib = filesOf(path.join(dir, 'lib'));
  const lock = path.join(dir, 'package-lock.json');
  const extra = ['lib/site.ts', 'lib/verification.ts', 'lib/text/characters.ts'].map((f) => path.join(dir, f)).filter((f) => fs.existsSync(f));
  // Entries a commit did not have yet are left out of its closure.
  const present = (entries) => entries.filter((entry) => fs.existsSync(path.join(dir, entry)));
  return {
    parserFolder: hashOf([...lib.filter((f) => f.includes(`${path.sep}lib${path.sep}content${path.sep}`) && f.endsWith('.ts') && isSource(f)), ...extra, lock]),
    parserClosure: await codeStamp(dir, present(STAMP_ENTRIES.CONTENT_PARSER_VERSION)),
    renderFolder: hashOf([...lib.filter(isSource), lock]),
    renderClosure: await codeStamp(dir, present(STAMP_ENTRIES.RENDER_VERSION)),
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stamp-history-'));
const changed = { parserFolder: 0, parserClosure: 0, renderFolder: 0, renderClosure: 0 };
let before;
try {
  for (const commit of commits) {
    const now = await stampsAt(commit, dir);
    if (before) for (const key of Object.keys(changed)) if (before[key] !== now[key]) changed[key] += 1;
    before = now;
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const pairs = commits.length - 1;
console.log(`${pairs} commits after ${commits[0].slice(0, 7)} that touched lib/ or package-lock.json; each stamp changed by:`);
console.log(`| stamp | as a folder | as an import closure |\n| --- | --- | --- |`);
console.log(`| content index (CONTENT_PARSER_VERSION) | ${changed.parserFolder} | ${changed.parserClosure} |`);
console.log(`| rendered bodies (RENDER_VERSION) | ${changed.renderFolder} | ${changed.renderClosure} |`);
