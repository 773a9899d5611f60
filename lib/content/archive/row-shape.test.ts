import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { encodeValue } from './encoding';
import { SCHEMA_VERSION } from './tables';
import { toSourceFile } from './test-support';

/** Every key path a JSON value holds, with the kind of value there (arrays as `[]`). */
function shapeOf(value: unknown, at = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) shapeOf(item, `${at}[]`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) shapeOf(inner, `${at}.${key}`, out);
  } else {
    out.add(`${at}:${value === null ? 'null' : typeof value}`);
  }
  return out;
}

/** One file of each kind, the article with the model article's fields and more. */
const FILES: Record<string, string> = {
  '2026/11/model.html': `---
title: "네이버, 소버린 AI로 중동 공략"
categories: [IT·과학, 경제]
tags: [네이버, AI]
excerpt: 네이버가 사우디아라비아와 손잡았다.
feature_text: 네이버는 **소버린 AI** 전략을 추진하고 있습니다.
image: /images/banner.png
date: 2026-11-20 09:00
updated: 2026-11-21 10:00
author: [박준호, 외부 필자]
series: winter-heating
series_order: 2
kind: 칼럼
source: 연합뉴스
corrections:
  - date: 2026-11-21 10:00
    text: 날짜를 바로잡았습니다.
---
<p data-ke-size="size16"><span style="color: #ee2323;">본문</span></p>
<table><tr><td>표</td></tr></table>
`,
  '2026/11/model.live/01-first.md': '---\ndate: 2026-11-20 09:30\n---\n첫 소식\n',
  '_pages/about.md': '---\ntitle: 소개\n---\n우리는 신문입니다.\n',
  '_reporters/park-junho.yml': 'name: 박준호\nrole: 선임기자\ndesk: 경제부\nemail: junho.park@example.com\nbio: 경제를 씁니다.\nlinks:\n  - https://example.com/park\n',
  '_series/winter-heating.yml': 'name: 난방비 겨울나기\ndescription: 세 차례에 걸쳐 짚는다.\n',
  '_site.yml': 'name: 한빛일보\ndescription: 한국어 뉴스\npublisher: 김한빛\neditor:\n  - name: 이서연\n    area: 보도\n',
};

describe('what a row of the content index holds', () => {
  // A new build serves the rows the last build wrote while it reads every file again (archive.ts
  // `parser`), so rows of one SCHEMA_VERSION must mean the same to both builds. A field added,
  // removed, renamed or retyped in what these files read to changes the shape: bump
  // SCHEMA_VERSION in tables.ts (an index of the old one is then rebuilt, not served), and set the
  // new pair here.
  it('changes only with SCHEMA_VERSION', () => {
    const now = new Date('2026-11-27T00:00:00Z');
    const shapes = new Set<string>();
    for (const [name, text] of Object.entries(FILES)) {
      const { result } = toSourceFile(name, text, now);
      expect(result?.ok, name).toBe(true);
      for (const key of shapeOf(JSON.parse(encodeValue(result)))) shapes.add(key);
    }
    const shape = createHash('sha256').update([...shapes].sort().join('\n')).digest('hex').slice(0, 16);
    expect({ schema: SCHEMA_VERSION, shape }).toEqual({ schema: 5, shape: 'be016082cde30db1' });
  });
});
