import { describe, expect, it } from 'vitest';

import { parseFrontMatter } from '@/lib/content/parse';

// Attack (h-attack): `yaml`'s uniqueKeys check compares each key with every key before it, so a
// front matter of many distinct keys costs the square of its size. Within the default
// CONTENT_MAX_BYTES (1 MB): 20,000 keys ~3.6 s, 30,000 (289 KB) 5 s, 100,000 (1 MB) 87 s on this
// machine (attack/keys-pool.ts). On a read thread it stalls the whole first read for that long
// (batches are recorded in order; the search index waits for the read); dropped into a running
// server, the watcher's refresh parses it on the event loop (refreshTouched → loadFile): every
// request waits. Nothing in the read pool bounds a job's time.
// Fix: a cap on front matter (bytes or keys; an article has ~15 keys) checked before YAML runs,
// as a Korean error naming the file and line, and/or duplicate keys checked with a Set
// (uniqueKeys: false + our own check) so the parse is linear; a time budget on read-pool jobs.
describe('front matter with very many keys', () => {
  const keys = 20_000;
  const text = `---\ntitle: 제목\n${Array.from({ length: keys }, (_, i) => `k${i}: 1`).join('\n')}\n---\n본문`;

  it.fails('is refused before YAML parses it, as an error naming the line', () => {
    const parsed = parseFrontMatter(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problem.message).toMatch(/front matter/);
  }, 60_000);

});
