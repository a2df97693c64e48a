import { randomBytes } from 'node:crypto';
import type { RedisConnection } from '../redis/open-redis.ts';
import { toChangeChannel } from '../redis/redis-keys.ts';
import type { ChangeChannel } from './change-channel.ts';

/** What the Redis channel needs. */
export interface RedisChangeChannelOptions {
  redis: RedisConnection;
  /** Key prefix, `guichet:` unless configured: the channel is `<prefix>changes`. */
  prefix: string;
  /**
   * Called when another process announced a change, and when the subscription is back after
   * being lost (what was announced meanwhile was missed). Absent: announce only (a command).
   */
  onChange?: () => void;
  /** Told once when an announcement could not be sent, and once when one is sent again. */
  onNotice: (line: string) => void;
}

/** Longest wait for Redis to take an announcement. */
const publishTimeoutMs = 1_000;

/**
 * Opens the change channel on Redis's pub/sub: every process that changes what the gateways
 * cache publishes its name on `<prefix>changes`, and every gateway subscribed drops its caches
 * on hearing another's. Redis delivers a message to the subscribers at once, so a change made
 * on one instance, or by `npm run keys` on any host, reaches every instance within a round
 * trip. An announcement Redis does not take is told once; the store is already changed, and
 * on PostgreSQL its own NOTIFY still goes out. Settles once subscribed.
 */
export async function openRedisChangeChannel(
  options: RedisChangeChannelOptions,
): Promise<ChangeChannel> {
  const { redis, onChange } = options;
  const channel = toChangeChannel(options.prefix);
  const instance = randomBytes(12).toString('base64url');
  if (onChange !== undefined) {
    await redis.subscribe(
      channel,
      (message) => {
        if (message !== instance) onChange();
      },
      onChange,
    );
  }
  const pending = new Set<Promise<void>>();
  let failing = false;
  return {
    announce() {
      const sent = redis
        .send(['PUBLISH', channel, instance], publishTimeoutMs)
        .then(
          () => {
            if (!failing) return;
            failing = false;
            options.onNotice(`Redis at ${redis.location} takes change announcements again`);
          },
          () => {
            if (failing) return;
            failing = true;
            options.onNotice(
              `Redis at ${redis.location} did not take a change announcement: instances that learn changes from it alone keep their caches until it is back`,
            );
          },
        )
        .finally(() => {
          pending.delete(sent);
        });
      pending.add(sent);
    },
    async close() {
      await Promise.all(pending);
    },
  };
}
