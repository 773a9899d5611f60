import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { getDeliveryId, recentDeliveries, signedHookForm } from './hook-signature';

const secret = 'hook-secret-of-at-least-32-characters';
const body = Buffer.from('{"ref":"refs/heads/main"}');
const mac = (data: Buffer, key = secret) => createHmac('sha256', key).update(data).digest('hex');
const headers = (entries: Record<string, string>) => new Headers(entries);

describe('the webhook signature, in each host form', () => {
  it("matches GitHub's published example (X-Hub-Signature-256)", () => {
    const example = headers({
      'X-Hub-Signature-256':
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    });
    expect(
      signedHookForm(Buffer.from('Hello, World!'), example, "It's a Secret to Everybody"),
    ).toBe('github');
    expect(
      signedHookForm(Buffer.from('Hello, World?'), example, "It's a Secret to Everybody"),
    ).toBeUndefined();
  });

  it('accepts GitHub, Gitea and Forgejo HMACs of the exact body (hex in either case)', () => {
    expect(
      signedHookForm(
        body,
        headers({ 'x-hub-signature-256': `sha256=${mac(body).toUpperCase()}` }),
        secret,
      ),
    ).toBe('github');
    expect(signedHookForm(body, headers({ 'X-Gitea-Signature': mac(body) }), secret)).toBe('gitea');
    expect(signedHookForm(body, headers({ 'X-Forgejo-Signature': mac(body) }), secret)).toBe(
      'gitea',
    );
  });

  it('accepts the GitLab token only when it is the secret itself', () => {
    expect(signedHookForm(body, headers({ 'X-Gitlab-Token': secret }), secret)).toBe('gitlab');
    expect(
      signedHookForm(body, headers({ 'X-Gitlab-Token': `${secret}x` }), secret),
    ).toBeUndefined();
    expect(
      signedHookForm(body, headers({ 'X-Gitlab-Token': secret.slice(0, -1) }), secret),
    ).toBeUndefined();
    expect(signedHookForm(body, headers({ 'X-Gitlab-Token': '' }), secret)).toBeUndefined();
    expect(signedHookForm(body, headers({}), secret)).toBeUndefined();
  });

  it('refuses another secret, another body, a wrong prefix or length, and an empty secret', () => {
    expect(
      signedHookForm(
        body,
        headers({ 'x-hub-signature-256': `sha256=${mac(body, 'guess')}` }),
        secret,
      ),
    ).toBeUndefined();
    expect(
      signedHookForm(
        Buffer.from(`${body.toString()} `),
        headers({ 'x-gitea-signature': mac(body) }),
        secret,
      ),
    ).toBeUndefined();
    // GitHub's form without its prefix, Gitea's with one: neither is what that host sends.
    expect(
      signedHookForm(body, headers({ 'x-hub-signature-256': mac(body) }), secret),
    ).toBeUndefined();
    expect(
      signedHookForm(body, headers({ 'x-gitea-signature': `sha256=${mac(body)}` }), secret),
    ).toBeUndefined();
    expect(
      signedHookForm(body, headers({ 'x-hub-signature-256': `sha1=${mac(body)}` }), secret),
    ).toBeUndefined();
    expect(
      signedHookForm(body, headers({ 'x-hub-signature-256': `sha256=${mac(body)}00` }), secret),
    ).toBeUndefined();
    expect(
      signedHookForm(body, headers({ 'x-forgejo-signature': mac(body).slice(2) }), secret),
    ).toBeUndefined();
    expect(
      signedHookForm(body, headers({ 'x-hub-signature-256': 'sha256=' }), secret),
    ).toBeUndefined();
    expect(signedHookForm(body, headers({ 'x-gitlab-token': '' }), '')).toBeUndefined();
    expect(
      signedHookForm(body, headers({ 'x-gitea-signature': mac(body, '') }), ''),
    ).toBeUndefined();
  });
});

describe('delivery ids', () => {
  it('reads each host’s delivery header', () => {
    expect(getDeliveryId(headers({ 'X-GitHub-Delivery': 'a' }))).toBe('x-github-delivery:a');
    expect(getDeliveryId(headers({ 'X-Gitea-Delivery': 'b' }))).toBe('x-gitea-delivery:b');
    expect(getDeliveryId(headers({ 'X-Forgejo-Delivery': 'c' }))).toBe('x-forgejo-delivery:c');
    expect(getDeliveryId(headers({ 'X-Gitlab-Event-UUID': 'd' }))).toBe('x-gitlab-event-uuid:d');
    expect(getDeliveryId(headers({}))).toBeUndefined();
    expect(
      getDeliveryId(headers({ 'X-GitHub-Delivery': 'x'.repeat(10_000) }))?.length,
    ).toBeLessThan(300);
  });

  it('remembers the last ids for a while, in bounded memory', () => {
    let now = 0;
    const seen = recentDeliveries({ max: 3, ttlMs: 1000, now: () => now });
    expect(seen.isFirst('a')).toBe(true);
    expect(seen.isFirst('a')).toBe(false);
    now = 1000;
    expect(seen.isFirst('a')).toBe(true); // Forgotten after the window.
    for (const id of ['b', 'c', 'd']) expect(seen.isFirst(id)).toBe(true);
    expect(seen.isFirst('a')).toBe(true); // Pushed out by newer ids: only the last three are kept.
    expect(seen.isFirst('d')).toBe(false);
  });
});
