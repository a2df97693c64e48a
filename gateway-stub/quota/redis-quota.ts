import { randomBytes } from 'node:crypto';
import { describeRedisFailure, type RedisConnection } from '../redis/open-redis.ts';
import { toQuotaKey } from '../redis/redis-keys.ts';
import type { Awaitable } from '../store/awaitable.ts';
import { quotaScript, quotaScriptSha } from './quota-script.ts';
import { toResetSeconds, type SlidingWindow, type WindowDecision } from './sliding-window.ts';

/** What a gateway does with a call while Redis cannot decide it. */
export const redisFailurePolicies = ['fail-open', 'fail-closed'] as const;
/** `fail-open`: this gateway's own limiter decides; `fail-closed`: 503 quota-unavailable. */
export type RedisFailurePolicy = (typeof redisFailurePolicies)[number];

/** Quotas counted in Redis, shared by every gateway pointing at it. */
export interface SharedQuota {
  /**
   * Decides one call of `subject` against `limit` calls a window: Redis's answer, or while it
   * is away this gateway's own (`fail-open`) or `undefined` (`fail-closed`: refuse it). At once
   * while Redis is away; otherwise a promise settled within about `timeoutMs`.
   */
  take(subject: string, limit: number): Awaitable<WindowDecision | undefined>;
  /** `/metrics` lines: whether quotas are shared now, and the decisions taken without Redis. */
  renderMetrics(): string;
  /** Stops looking for Redis's return. */
  close(): void;
}

/** What the shared quota needs. */
export interface SharedQuotaOptions {
  redis: RedisConnection;
  /** Key prefix, `guichet:` unless configured. */
  prefix: string;
  windowMs: number;
  /** Longest wait for Redis's answer before the policy decides the call. */
  timeoutMs: number;
  policy: RedisFailurePolicy;
  /** The per-gateway limiter that decides while Redis is away, under `fail-open`. */
  fallback: SlidingWindow;
  /** Told once when Redis stops deciding, once when it decides again. */
  onNotice: (line: string) => void;
}

/** Waits between looks for Redis's return: short at first, at most a second. */
const firstProbeMs = 50;
const lastProbeMs = 1_000;

/**
 * Creates the shared quota. Each decision is one `EVALSHA` of `quota-script.ts` (the script
 * loaded again with `EVAL` when Redis answers NOSCRIPT, after a restart or a SCRIPT FLUSH).
 * A command that fails or times out marks Redis away: that call and the next ones are decided
 * at once by the policy, with no round trip, while a probe (`SCRIPT LOAD`, within the same
 * timeout) looks for Redis's return, backing off to once a second; once it answers, calls are
 * counted in Redis again, with no restart. Calls counted alone meanwhile are not added to
 * Redis's count: an outage gives each instance its own quota at most.
 */
export function createRedisQuota(options: SharedQuotaOptions): SharedQuota {
  const { redis, prefix, timeoutMs, policy, fallback } = options;
  const windowArg = String(options.windowMs);
  // Unique member names across instances: the sorted set must hold each counted call once.
  const instance = randomBytes(9).toString('base64url');
  let sequence = 0;
  let shared = true;
  let closed = false;
  let probeMs = firstProbeMs;
  let probe: NodeJS.Timeout | undefined;
  let decidedAlone = 0;
  let refusedAlone = 0;

  const decideAlone = (subject: string, limit: number): WindowDecision | undefined => {
    if (policy === 'fail-closed') {
      refusedAlone += 1;
      return undefined;
    }
    decidedAlone += 1;
    // The local window reuses its answer object: copy it, the caller may read it later.
    const { allowed, remaining, resetSeconds } = fallback.take(subject, limit, performance.now());
    return { allowed, remaining, resetSeconds };
  };

  const lose = (error: unknown): void => {
    if (!shared || closed) return;
    shared = false;
    options.onNotice(
      `Redis at ${redis.location} does not decide quotas (${describeRedisFailure(error)}): ${
        policy === 'fail-open'
          ? 'this gateway counts them alone (fail-open)'
          : 'calls answer 503 quota-unavailable (fail-closed)'
      } until it is back`,
    );
    probeMs = firstProbeMs;
    scheduleProbe();
  };

  const scheduleProbe = (): void => {
    probe = setTimeout(() => {
      probe = undefined;
      if (closed) return;
      const looked = redis.isReady()
        ? redis.send(['SCRIPT', 'LOAD', quotaScript], timeoutMs)
        : Promise.reject(new Error('not connected'));
      looked.then(
        () => {
          if (closed) return;
          shared = true;
          options.onNotice(`Redis at ${redis.location} decides quotas again, shared`);
        },
        () => {
          probeMs = Math.min(probeMs * 2, lastProbeMs);
          scheduleProbe();
        },
      );
    }, probeMs);
    probe.unref();
  };

  const ask = async (key: string, limit: string, member: string): Promise<WindowDecision> => {
    const started = performance.now();
    let reply: unknown;
    try {
      reply = await redis.send(
        ['EVALSHA', quotaScriptSha, '1', key, limit, windowArg, member],
        timeoutMs,
      );
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      const left = Math.max(1, Math.ceil(timeoutMs - (performance.now() - started)));
      reply = await redis.send(['EVAL', quotaScript, '1', key, limit, windowArg, member], left);
    }
    return toDecision(reply);
  };

  // Loaded ahead, so the first calls need no NOSCRIPT round trip; they would recover anyway.
  redis.send(['SCRIPT', 'LOAD', quotaScript], timeoutMs).catch(() => undefined);
  return {
    take(subject, limit) {
      if (!shared) return decideAlone(subject, limit);
      sequence += 1;
      return ask(
        toQuotaKey(prefix, subject),
        String(limit),
        `${instance}:${String(sequence)}`,
      ).catch((error: unknown) => {
        lose(error);
        return decideAlone(subject, limit);
      });
    },
    renderMetrics() {
      return [
        '# HELP guichet_gateway_quota_shared 1 while quotas are counted in Redis, 0 while this gateway decides them alone.',
        '# TYPE guichet_gateway_quota_shared gauge',
        `guichet_gateway_quota_shared ${shared ? '1' : '0'}`,
        '# HELP guichet_gateway_quota_fallback_decisions_total Quota decisions this gateway took with its own limiter, Redis away (fail-open).',
        '# TYPE guichet_gateway_quota_fallback_decisions_total counter',
        `guichet_gateway_quota_fallback_decisions_total ${String(decidedAlone)}`,
        '# HELP guichet_gateway_quota_unavailable_total Calls answered 503 quota-unavailable, Redis away (fail-closed).',
        '# TYPE guichet_gateway_quota_unavailable_total counter',
        `guichet_gateway_quota_unavailable_total ${String(refusedAlone)}`,
        '',
      ].join('\n');
    },
    close() {
      closed = true;
      if (probe !== undefined) clearTimeout(probe);
    },
  };
}

/** The script's `{allowed, remaining, ms}`; anything else is a failure, not a decision. */
function toDecision(reply: unknown): WindowDecision {
  if (
    !Array.isArray(reply) ||
    reply.length !== 3 ||
    !reply.every((item) => typeof item === 'number' && Number.isFinite(item) && item >= 0)
  ) {
    throw new Error('Redis answered the quota script with something else than its three figures');
  }
  const [allowed, remaining, resetMs] = reply as [number, number, number];
  return { allowed: allowed === 1, remaining, resetSeconds: toResetSeconds(resetMs) };
}
