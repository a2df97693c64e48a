import { z } from 'zod';

/** What a Redis URL looks like, for messages. */
export const redisUrlShape = 'redis://[:password@]host:6379[/db] or rediss:// for TLS';

/**
 * `GUICHET_REDIS_URL`, as the gateway and `npm run keys` read it: a `redis://` or `rediss://`
 * URL that parses. The value is never echoed in a message: it may hold a password.
 */
export function redisUrlVariable() {
  return z
    .string()
    .trim()
    .regex(/^rediss?:\/\/[^/?#]+/, { error: `must be a redis:// URL (${redisUrlShape})` })
    .refine((value) => URL.canParse(value), {
      error: 'is not a URL that parses (percent-encode @ : / in the password)',
    });
}

/**
 * The prefix of every key and channel guichet uses in Redis (`guichet:`): one word and a
 * colon, so two sandboxes sharing a Redis with different prefixes can never name the same key
 * (a prefix holds no other colon, and what follows it is escaped, `redis-keys.ts`).
 */
export function redisPrefixVariable() {
  return z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}:$/, {
      error: 'must be one word of letters, digits, _ or - followed by a colon, e.g. guichet:',
    });
}

/** Where a URL points, for messages: `host:port`, never the user or password. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const port = parsed.port === '' ? '6379' : parsed.port;
    return `${parsed.hostname}:${port}`;
  } catch {
    return 'an unreadable redis:// URL';
  }
}
