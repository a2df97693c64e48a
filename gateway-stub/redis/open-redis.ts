/**
 * The gateway's connections to Redis. The client is node-redis's core, `@redis/client`: the
 * client Redis itself maintains, with no dependency of its own, and the two things a quota
 * decision needs from it — a per-command `timeout`, and `disableOfflineQueue`, which rejects a
 * command at once while disconnected instead of queueing it until Redis is back (ioredis has
 * both too; the `redis` package adds modules guichet does not use).
 */
import { createClient } from '@redis/client';
import {
  createAnswerDeadlines,
  RedisTimeoutError,
  type AnswerDeadlines,
} from './answer-deadlines.ts';
import { describeRedisUrl } from './redis-url.ts';

/** How long the first connection may take before the gateway stops, saying why. */
export const redisOpenTimeoutMs = 3_000;

/** Waits between reconnection attempts: short at first, at most a second. */
const firstRetryMs = 50;
const lastRetryMs = 1_000;

type RedisClient = ReturnType<typeof createRedisClient>;

/** Redis could not be used at start: the message names `host:port` and why, never a password. */
export class RedisOpenError extends Error {}

/** One Redis, as the gateway and `npm run keys` use it. */
export interface RedisConnection {
  /** `host:port`, for messages. */
  location: string;
  /**
   * Sends one command and its reply. Rejects at once while the connection is down (nothing is
   * queued for later), and with `RedisTimeoutError` when Redis has not answered `timeoutMs`
   * after the command was written — an answer that came meanwhile, unread while this process
   * was busy, is read first.
   */
  send(args: readonly string[], timeoutMs: number): Promise<unknown>;
  /** True while connected. */
  isReady(): boolean;
  /**
   * Listens on `channel` on a connection of its own (Redis gives a subscribed connection to
   * pub/sub alone). `onResubscribed` is called each time it is back after being lost, since
   * what was published meanwhile was missed. Settles once subscribed.
   */
  subscribe(
    channel: string,
    listener: (message: string) => void,
    onResubscribed: () => void,
  ): Promise<void>;
  /** Closes the connections. */
  close(): Promise<void>;
}

/**
 * Connects to Redis at `url` and checks that it answers (a PING) within `redisOpenTimeoutMs`:
 * nothing listening, a silent port, a server that is not Redis or refused credentials throw
 * `RedisOpenError` in one line. Once open, a lost connection is opened again in the background
 * for as long as it takes; meanwhile commands fail at once.
 */
export async function openRedis(url: string): Promise<RedisConnection> {
  const location = describeRedisUrl(url);
  const client = await connectClient(createRedisClient(url), location);
  const deadlines = createAnswerDeadlines();
  let subscriber: RedisClient | undefined;
  return {
    location,
    send: (args, timeoutMs) => sendWithin(client, deadlines, args, timeoutMs),
    isReady: () => client.isReady,
    async subscribe(channel, listener, onResubscribed) {
      subscriber ??= await connectClient(client.duplicate(), location);
      let connected = true;
      subscriber.on('end', () => {
        connected = false;
      });
      subscriber.on('error', () => {
        connected = false;
      });
      subscriber.on('ready', () => {
        if (connected) return;
        connected = true;
        onResubscribed();
      });
      await subscriber.subscribe(channel, listener);
    },
    async close() {
      await Promise.all([closeClient(client), subscriber && closeClient(subscriber)]);
    },
  };
}

/**
 * Sends a command and waits at most `timeoutMs` for its reply. node-redis's own `timeout`
 * option stops counting once the command is written, so a Redis that accepted it and then
 * froze (SIGSTOP, a saturated host) would be waited for without end: `answer-deadlines.ts`
 * counts the whole round trip, from the write, and reads what arrived before declaring it
 * late. A reply that comes later is read and dropped by the client.
 */
function sendWithin(
  client: RedisClient,
  deadlines: AnswerDeadlines,
  args: readonly string[],
  timeoutMs: number,
): Promise<unknown> {
  // sendCommand first: its write is queued before the deadline's start.
  const answer: Promise<unknown> = client.sendCommand([...args]);
  return deadlines.bound(answer, timeoutMs);
}

function createRedisClient(url: string) {
  let opened = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    // No CLIENT SETINFO round trips at each connection.
    disableClientInfo: true,
    // Bounds memory if Redis stops answering while the connection stays up.
    commandsQueueMaxLength: 10_000,
    socket: {
      connectTimeout: redisOpenTimeoutMs,
      // The first connection gives up (the gateway stops, saying why); later ones retry forever.
      reconnectStrategy: (retries, cause) =>
        opened ? Math.min(firstRetryMs * 2 ** retries, lastRetryMs) : cause,
    },
  });
  client.once('ready', () => {
    opened = true;
  });
  // Failures are told by what uses the connection (a decision, a notice); without a listener
  // an 'error' event would crash the process.
  client.on('error', () => undefined);
  return client;
}

/** Connects and PINGs within `redisOpenTimeoutMs`, or destroys the client and says why. */
async function connectClient(client: RedisClient, location: string): Promise<RedisClient> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error('deadline'));
    }, redisOpenTimeoutMs);
  });
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        // Bounded by the deadline beside it.
        await client.sendCommand(['PING']);
      })(),
      deadline,
    ]);
    return client;
  } catch (error) {
    client.destroy();
    throw new RedisOpenError(
      `Redis at ${location} cannot be used (${describeRedisFailure(error)}) — check GUICHET_REDIS_URL and that Redis runs there`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** A failure in a few words: never the URL. */
export function describeRedisFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (message === 'deadline' || /timeout/i.test(message)) {
    return `no answer within ${String(redisOpenTimeoutMs / 1000)} s: a silent port, a firewall, or a server that is not Redis`;
  }
  if (error instanceof RedisTimeoutError) return message;
  if (/ECONNREFUSED/.test(message) || code === 'ECONNREFUSED') return 'nothing listens there';
  if (/offline|client is closed/i.test(message)) return 'the connection to it is lost';
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return 'the host name does not resolve';
  if (/NOAUTH|WRONGPASS|invalid password|invalid username/i.test(message)) {
    return 'it refused the credentials: check the user and password in the URL';
  }
  if (/RESP|protocol|Socket closed unexpectedly/i.test(message)) {
    return 'the server there does not speak Redis’s protocol';
  }
  return message.replace(/\s+/g, ' ').slice(0, 200);
}

async function closeClient(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  try {
    await client.close();
  } catch {
    client.destroy();
  }
}
