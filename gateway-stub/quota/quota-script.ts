import { createHash } from 'node:crypto';

/**
 * The quota decision as one Lua script, so that Redis runs it atomically and the gateway pays
 * one round trip: the same sliding-window log as `sliding-window.ts`, in a sorted set per
 * subject whose members are the counted calls, scored by the time Redis counted them. Times
 * come from Redis's own clock (`TIME`, microseconds), so instances whose clocks disagree still
 * share one window. A call is counted only when the window has room; a refusal counts nothing.
 *
 * KEYS[1] the subject's key; ARGV[1] the limit, ARGV[2] the window in ms, ARGV[3] a member
 * name unique to this call. Answers `{allowed (1|0), remaining, ms until the oldest counted
 * call leaves the window (0 when none)}`, the figures `RateLimit` and `Retry-After` are made of.
 * The key expires a window after its newest call, so idle subjects leave Redis by themselves.
 * `TIME` in a script needs effects replication, the default since Redis 5.
 */
export const quotaScript = `
local now = redis.call('TIME')
local micros = tonumber(now[1]) * 1000000 + tonumber(now[2])
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2]) * 1000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', micros - window)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if count < limit then
  redis.call('ZADD', KEYS[1], micros, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  count = count + 1
  allowed = 1
end
local reset = 0
if count > 0 then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  reset = math.floor((tonumber(oldest[2]) + window - micros) / 1000 + 0.5)
end
return { allowed, math.max(limit - count, 0), reset }
`;

/** The script's SHA-1, as `EVALSHA` names it. */
export const quotaScriptSha = createHash('sha1').update(quotaScript).digest('hex');
