import { describe, expect, it } from 'vitest';

import { serializeJsonLd } from './structured-data';

describe('serializeJsonLd', () => {
  it('keeps a hostile value from closing the script element, without changing the data', () => {
    const data = { headline: '</script><script>alert(1)</script> & <!-- \u2028' };
    const text = serializeJsonLd(data);
    expect(text).not.toMatch(/<|>|&/);
    expect(text).not.toContain('\u2028');
    expect(JSON.parse(text)).toEqual(data);
  });
});
