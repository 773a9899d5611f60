import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { coalesce } from './coalesce';
import { receiveContentHook } from './content-hook';
import { recentDeliveries } from './hook-signature';

const secret = 'a-webhook-secret-of-32-characters-or-more';
const body = JSON.stringify({ ref: 'refs/heads/main' });
const mac = (key = secret) => createHmac('sha256', key).update(body).digest('hex');

function call(headers: Record<string, string>, payload = body): Request {
  return new Request('http://127.0.0.1/api/content-hook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
  });
}

/** A receiver whose `announce` counts the calls. */
function receiver(announce?: () => Promise<string | undefined>) {
  const counts = { announced: 0 };
  const seen = recentDeliveries();
  const receive = (request: Request) =>
    receiveContentHook(request, {
      secret,
      seen,
      announce: async () => {
        counts.announced += 1;
        return (await announce?.()) ?? 'abc123';
      },
    });
  return { counts, receive };
}

describe('the content webhook', () => {
  it('acts on a delivery once: the same id again answers duplicate and does nothing', async () => {
    const { counts, receive } = receiver();
    const headers = { 'x-hub-signature-256': `sha256=${mac()}`, 'x-github-delivery': 'd-1' };
    const first = await receive(call(headers));
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ version: 'abc123' });
    const again = await receive(call(headers));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ duplicate: true });
    expect(counts.announced).toBe(1);
    // Each host's id header counts, and another id is another delivery.
    expect(
      (await receive(call({ 'x-gitea-signature': mac(), 'x-gitea-delivery': 'g-1' }))).status,
    ).toBe(202);
    expect(
      (await receive(call({ 'x-gitea-signature': mac(), 'x-gitea-delivery': 'g-1' }))).status,
    ).toBe(200);
    expect(
      (await receive(call({ 'x-gitlab-token': secret, 'x-gitlab-event-uuid': 'l-1' }))).status,
    ).toBe(202);
    expect(
      (await receive(call({ 'x-gitlab-token': secret, 'x-gitlab-event-uuid': 'l-1' }))).status,
    ).toBe(200);
    expect(counts.announced).toBe(3);
  });

  it('turns 200 signed deliveries with distinct ids into at most two fetches', async () => {
    let fetches = 0;
    const fetch = coalesce(async () => {
      fetches += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }, 50);
    const { counts, receive } = receiver(async () => {
      await fetch.request();
      return 'abc123';
    });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        receive(call({ 'x-forgejo-signature': mac(), 'x-forgejo-delivery': `f-${i}` })),
      ),
    );
    expect(answers.every((a) => a.status === 202)).toBe(true);
    expect(counts.announced).toBe(200);
    expect(fetches).toBeLessThanOrEqual(2);
  });

  it('refuses unsigned, forged and oversized calls, and a forged call cannot spend a delivery id', async () => {
    const { counts, receive } = receiver();
    expect((await receive(call({ 'x-github-delivery': 'd-2' }))).status).toBe(401);
    expect(
      (
        await receive(
          call({ 'x-hub-signature-256': `sha256=${mac('guess')}`, 'x-github-delivery': 'd-2' }),
        )
      ).status,
    ).toBe(401);
    expect((await receive(call({ 'x-gitlab-token': 'guess' }))).status).toBe(401);
    expect((await receive(call({}, 'x'.repeat(2 * 1024 * 1024)))).status).toBe(413);
    expect(counts.announced).toBe(0);
    expect(
      (
        await receive(
          call({ 'x-hub-signature-256': `sha256=${mac()}`, 'x-github-delivery': 'd-2' }),
        )
      ).status,
    ).toBe(202);
    expect(counts.announced).toBe(1);
  });
});
