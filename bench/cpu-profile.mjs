// Reads the profiles `node --cpu-prof` writes (one a thread: the server's, each read thread's, the
// search writer's) and says where a first start's time went. How RESULTS.md's fourth round of the
// archive was found:
//
//   DATA_DIR=/tmp/prof-data CONTENT_DIR=<corpus> node --cpu-prof --cpu-prof-dir=/tmp/prof \
//     node_modules/next/dist/bin/next start -p 3271      # then wait for /api/status, stop with TERM
//   node bench/cpu-profile.mjs timeline 10 /tmp/prof/*.cpuprofile   # % busy a thread, per 10 s
//   node bench/cpu-profile.mjs top <profile> [n] [from s] [to s]   # self time by function
//   node bench/cpu-profile.mjs stalls <profile> [n]                # longest stretches without idle
//
// Busy time counts a thread waiting for a core as busy: on two cores, more busy threads than two
// mean the machine was full, not that each had its share.
import fs from 'node:fs';

const [command, ...args] = process.argv.slice(2);

function read(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  return { profile, byId, parent };
}

const isIdle = (node) => ['(idle)', '(program)'].includes(node.callFrame.functionName);

/** Each sample's time since the profile's start (µs), its node and how long it stood. */
function* samples({ profile, byId }) {
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    t += profile.timeDeltas[i];
    yield { at: t - profile.startTime, absolute: t, node: byId.get(profile.samples[i]), span: profile.timeDeltas[i + 1] ?? 0 };
  }
}

function timeline(bucketSeconds, files) {
  const bucket = Number(bucketSeconds) * 1e6;
  const read_ = files.map(read);
  const start = Math.min(...read_.map((r) => r.profile.startTime));
  const rows = read_.map((r) => {
    const busy = [];
    for (const s of samples(r)) {
      const b = Math.floor((s.absolute - start) / bucket);
      busy[b] = (busy[b] ?? 0) + (isIdle(s.node) ? 0 : s.span);
    }
    return busy;
  });
  console.log('   s', files.map((_, i) => `#${i}`.padStart(5)).join(''));
  const buckets = Math.max(...rows.map((row) => row.length));
  for (let b = 0; b < buckets; b += 1) {
    const cells = rows.map((row) => String(Math.round(((row[b] ?? 0) / bucket) * 100)).padStart(5));
    console.log(String((b * bucket) / 1e6).padStart(4), cells.join(''));
  }
}

const where = (frame) => `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber}`;

function top(file, n = 25, from = 0, to = 1e9) {
  const r = read(file);
  const self = new Map();
  let total = 0;
  for (const s of samples(r)) {
    if (s.at < Number(from) * 1e6 || s.at > Number(to) * 1e6 || isIdle(s.node)) continue;
    const key = where(s.node.callFrame);
    self.set(key, (self.get(key) ?? 0) + s.span);
    total += s.span;
  }
  console.log(`busy ${(total / 1e6).toFixed(1)} s`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) {
    console.log((us / 1e6).toFixed(2).padStart(7), `${((100 * us) / total).toFixed(1)}%`.padStart(6), key.slice(0, 150));
  }
}

function stalls(file, n = 6) {
  const r = read(file);
  const runs = [];
  let run;
  for (const s of samples(r)) {
    if (isIdle(s.node)) {
      if (run) runs.push({ ...run, end: s.at });
      run = undefined;
    } else {
      run ??= { start: s.at, nodes: [] };
      run.nodes.push(s.node);
    }
  }
  runs.sort((a, b) => b.end - b.start - (a.end - a.start));
  for (const stretch of runs.slice(0, Number(n))) {
    const stacks = new Map();
    for (const node of stretch.nodes) {
      const chain = [];
      for (let id = node.id; id !== undefined; id = r.parent.get(id)) {
        const name = r.byId.get(id).callFrame.functionName;
        if (name && name !== '(root)') chain.push(name);
      }
      const key = chain.reverse().slice(0, 14).join(' > ');
      stacks.set(key, (stacks.get(key) ?? 0) + 1);
    }
    console.log(`${((stretch.end - stretch.start) / 1e3).toFixed(0).padStart(6)} ms at ${(stretch.start / 1e6).toFixed(1)} s`);
    for (const [key, count] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 2)) console.log(`       ${count} ${key.slice(0, 300)}`);
  }
}

if (command === 'timeline') timeline(args[0], args.slice(1));
else if (command === 'top') top(...args);
else if (command === 'stalls') stalls(...args);
else {
  console.error('usage: node bench/cpu-profile.mjs timeline <bucket s> <profiles…> | top <profile> [n] [from s] [to s] | stalls <profile> [n]');
  process.exit(2);
}
