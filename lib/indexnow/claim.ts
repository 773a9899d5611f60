// Once per cluster: every instance follows the same content and sees the same changes, and only the
// first to claim a change (a URL at a content version) announces it. Without Redis every change is
// this instance's own.
import { createHash } from 'node:crypto';

import { openRedis } from '@/lib/cluster/redis.mjs';

export interface ChangeClaims {
  /** The ids of `ids` this instance won (every one when it alone decides), in their order. */
  claim(ids: readonly string[]): Promise<string[]>;
  close(): void;
}

/** No cluster: this instance announces everything it sees. */
export const ownEveryChange: ChangeClaims = { claim: async (ids) => [...ids], close: () => {} };

const COMMAND_TIMEOUT_MS = 1000;
/** SET NX commands per pipeline. */
const CHUNK = 1000;

/**
 * Claims in Redis (`SET key NX EX ttl`, pipelined). When Redis does not answer, every id is this
 * instance's (announcing a change twice costs the engines a look; never announcing it costs the
 * article its listing), and that is said once until Redis answers again.
 */
export function openRedisClaims(options: {
  url: string;
  /** Key prefix, the deployment's own (`REDIS_PREFIX` and the content's identity). */
  prefix: string;
  ttlSeconds: (id: string) => number;
  log: (line: string) => void;
}): ChangeClaims {
  const client = openRedis(options.url, { commandTimeout: COMMAND_TIMEOUT_MS });
  let failing = false;
  const keyOf = (id: string) => `${options.prefix}:indexnow:${createHash('sha256').update(id).digest('base64url').slice(0, 32)}`;
  return {
    async claim(ids) {
      const won: string[] = [];
      for (let start = 0; start < ids.length; start += CHUNK) {
        const chunk = ids.slice(start, start + CHUNK);
        try {
          const pipeline = client.pipeline();
          for (const id of chunk) pipeline.set(keyOf(id), '1', 'EX', options.ttlSeconds(id), 'NX');
          const results = (await pipeline.exec()) ?? [];
          const ours = chunk.filter((_, i) => {
            const [error, reply] = results[i] ?? [new Error('답이 없습니다'), null];
            if (error) throw error;
            return reply === 'OK';
          });
          won.push(...ours);
          failing = false;
        } catch (error) {
          if (!failing) {
            failing = true;
            options.log(
              `[indexnow] Redis에 알림을 나눠 맡길 수 없어 이 서버가 직접 알립니다 (${error instanceof Error ? error.message : String(error)}): 같은 변경이 서버마다 한 번씩 갈 수 있습니다`,
            );
          }
          won.push(...chunk);
        }
      }
      return won;
    },
    close: () => client.disconnect(),
  };
}
