import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { isSignedBody } from './hook-signature';

const secret = 'hook-secret';
const body = Buffer.from('{"ref":"refs/heads/main"}');
const sign = (data: Buffer, key = secret) => `sha256=${createHmac('sha256', key).update(data).digest('hex')}`;

describe('the webhook signature (X-Hub-Signature-256)', () => {
  it('accepts the HMAC-SHA256 of the exact body under the secret, as git hosts send it', () => {
    expect(isSignedBody(body, sign(body), secret)).toBe(true);
    expect(isSignedBody(body, sign(body).toUpperCase().replace('SHA256=', 'sha256='), secret)).toBe(true);
  });

  it('refuses another secret, another body, a missing or malformed header, and an empty secret', () => {
    expect(isSignedBody(body, sign(body, 'guess'), secret)).toBe(false);
    expect(isSignedBody(Buffer.from(`${body.toString()} `), sign(body), secret)).toBe(false);
    expect(isSignedBody(body, null, secret)).toBe(false);
    expect(isSignedBody(body, sign(body).replace('sha256=', 'sha1='), secret)).toBe(false);
    expect(isSignedBody(body, `${sign(body)}00`, secret)).toBe(false);
    expect(isSignedBody(body, 'sha256=', secret)).toBe(false);
    expect(isSignedBody(body, sign(body, ''), '')).toBe(false);
  });
});
