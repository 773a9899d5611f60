import { randomUUID } from 'node:crypto';

import { coalesce } from './coalesce';
import { openRedis } from './redis.mjs';

/**
 * "The content changed": one instance that was told (a webhook) tells the others through Redis
 * pub/sub, so each fetches at once instead of at its next interval. A lost message only delays:
 * every instance also fetches on its own interval.
 */
export interface ChangeSignal {
  /**
   * Tells every other instance subscribed; never throws. At most once per few seconds (a flood of
   * webhooks is one message now and one after the gap), so no instance can flood the others.
   */
  publish(): Promise<void>;
  close(): void;
}

const PUBLISH_TIMEOUT_MS = 500;
const PUBLISH_GAP_MS = 3000;

export function openChangeSignal(options: {
  url: string;
  channel: string;
  onSignal: () => void;
  log: (line: string) => void;
}): ChangeSignal {
  // Each message names its sender, which has already looked.
  const self = randomUUID();
  const subscriber = openRedis(options.url, { offlineQueue: true });
  const publisher = openRedis(options.url, { commandTimeout: PUBLISH_TIMEOUT_MS });
  let reported = false;
  const report = (error: Error) => {
    if (!reported) options.log(`[content] Redis 신호를 쓸 수 없습니다 (${error.message}): 주기적으로 가져오기만 합니다`);
    reported = true;
  };
  subscriber.on('error', report);
  subscriber.on('ready', () => {
    if (reported) options.log('[content] Redis 신호에 다시 연결했습니다');
    reported = false;
    // A message may have been missed while disconnected: look once now.
    options.onSignal();
  });
  // ioredis subscribes again on every reconnect.
  subscriber.subscribe(options.channel).catch(report);
  subscriber.on('message', (channel, sender) => {
    if (channel === options.channel && sender !== self) options.onSignal();
  });
  const publishes = coalesce(async () => {
    try {
      await publisher.publish(options.channel, self);
    } catch (error) {
      report(error instanceof Error ? error : new Error(String(error)));
    }
  }, PUBLISH_GAP_MS);
  return {
    publish: () => publishes.request(),
    close() {
      publishes.close();
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
