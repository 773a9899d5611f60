import { describe, expect, it } from 'vitest';

import { parseFrontMatter } from '@/lib/content/parse';

import { MAX_FRONT_MATTER_CHARS, readYaml } from './yaml';

// Found by the attack review (h-attack): the YAML library's duplicate-key check compares each key
// with every key before it, so a front matter of many distinct keys cost the square of its size
// (20,000 keys ~3.6 s, 100,000 in 1 MB 87 s), on a read thread or, for a file dropped into a
// running server, on the event loop.
describe('front matter with very many keys', () => {
  it('is refused past the front-matter limit, before YAML parses it, as an error naming the line', () => {
    const keys = 20_000;
    const text = `---\ntitle: 제목\n${Array.from({ length: keys }, (_, i) => `k${i}: 1`).join('\n')}\n---\n본문`;
    const parsed = parseFrontMatter(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problem.message).toMatch(/front matter가 너무 깁니다/);
  });

  it('checks duplicate keys in linear time within the limit, at every depth, with their line', () => {
    // As many keys as the limit holds: the old check took seconds over this.
    const keys = Math.floor(MAX_FRONT_MATTER_CHARS / 9);
    const many = Array.from({ length: keys }, (_, i) => `k${i}: 1`).join('\n');
    expect(many.length).toBeLessThan(MAX_FRONT_MATTER_CHARS);
    expect(readYaml(many, 'front matter').ok).toBe(true);

    const top = readYaml('title: 하나\ndate: 2024-01-01\ntitle: 둘', 'front matter');
    expect(top).toEqual({ ok: false, problem: { line: 3, column: 1, message: 'front matter YAML 오류: 같은 항목이 두 번 있습니다 (DUPLICATE_KEY)' } });
    const nested = readYaml('links:\n  a: 1\n  a: 2', 'file');
    expect(nested.ok ? undefined : nested.problem).toMatchObject({ line: 3, message: expect.stringContaining('DUPLICATE_KEY') });
    // A number key and the same digits as a string are two keys, as the YAML library says.
    expect(readYaml('1: a\n"1": b', 'file').ok).toBe(true);
  });
});
