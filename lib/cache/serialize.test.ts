import { describe, expect, it } from 'vitest';

import { decodeValue, encodeValue } from './serialize.mjs';

describe('page cache entries through a string', () => {
  it('keeps Buffers and Maps, byte for byte, as Next stores an app page', () => {
    const page = {
      kind: 'APP_PAGE',
      html: '<p>한글 &amp; "따옴표"</p>',
      rscData: Buffer.from([0, 1, 2, 255, 0xe2, 0x80]),
      headers: { 'x-next-cache-tags': '_N_T_/layout' },
      postponed: undefined,
      status: 200,
      segmentData: new Map([
        ['/_tree', Buffer.from('트리')],
        ['/_full', Buffer.alloc(0)],
      ]),
    };
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(page))));
    expect(Buffer.isBuffer(back.rscData)).toBe(true);
    expect(back.rscData.equals(page.rscData)).toBe(true);
    expect(back.segmentData).toBeInstanceOf(Map);
    expect([...back.segmentData.keys()]).toEqual(['/_tree', '/_full']);
    expect(back.segmentData.get('/_tree').toString()).toBe('트리');
    expect(back).toMatchObject({ kind: 'APP_PAGE', html: page.html, status: 200, headers: page.headers });
    expect('postponed' in back).toBe(false);
  });

  it('keeps a route body and plain JSON values as they are', () => {
    const route = { kind: 'APP_ROUTE', body: Buffer.from('<?xml version="1.0"?><rss/>'), status: 200, list: [1, 'a', null] };
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(route))));
    expect(back.body.toString()).toBe('<?xml version="1.0"?><rss/>');
    expect(back.list).toEqual([1, 'a', null]);
  });
});
