import { z } from 'zod';
import type { Exchange } from '../http/exchange.ts';
import { sendProblem } from '../http/send-response.ts';
import { toClientNetwork } from '../http/client-address.ts';
import { toRateLimitHeader } from '../quota/ratelimit-headers.ts';
import type { SharedQuota } from '../quota/redis-quota.ts';
import type { SlidingWindow, WindowDecision } from '../quota/sliding-window.ts';
import type { PlanPolicy } from '../routing/route-table.ts';
import { functionOption, objectWith, parseStageOptions } from './stage-options.ts';
import { toCallerLabel } from './authorize-stage.ts';
import type { Stage, Step } from './stage.ts';

const quotaOptionsSchema = z.strictObject({
  /** This gateway's own limiter: the quota without Redis. */
  quota: objectWith<SlidingWindow>('take'),
  /** Quotas counted in Redis, shared by every gateway on it: used instead of `quota` when set. */
  shared: objectWith<SharedQuota>('take').optional(),
  /** Told of each call refused for its quota (the metrics count them). */
  onRefusal: functionOption<(exchange: Exchange) => void>(),
  /**
   * The window subject of an anonymous caller's client network: a keyed hash, since quota
   * windows are written to the store and it keeps no address.
   */
  toAnonymousSubject: functionOption<(network: string) => string>(),
  /** Answers an error no stage expected. */
  fail: functionOption<(exchange: Exchange, error: unknown) => void>(),
});

/** What the quota stage needs. */
export type QuotaStageOptions = z.input<typeof quotaOptionsSchema>;

/** Seconds a caller is told to wait when Redis cannot decide (fail-closed). */
const unavailableRetrySeconds = 1;

/**
 * Counts the call against its subscription's plan over the sliding minute (an anonymous call
 * to an open operation against its client's own anonymous quota), and says where the
 * caller stands in `RateLimit-Policy` and `RateLimit` (on refusals too); past the quota, 429
 * with `Retry-After`. The count is this gateway's own, decided at once, or with `shared` the
 * one every gateway on Redis shares, whose answer comes back as a promise: which one is chosen
 * here, once, so the local path stays synchronous.
 */
export function createQuotaStage(input: QuotaStageOptions): Stage {
  const { quota, shared, onRefusal, toAnonymousSubject, fail } = parseStageOptions(
    'quota',
    quotaOptionsSchema,
    input,
  );

  /** The plan and the window subject of the call, set on the exchange for the logs. */
  const prepare = (exchange: Exchange): { plan: PlanPolicy; subject: string } => {
    const { apiRoute, subscription } = exchange;
    if (apiRoute === undefined) throw new Error('the quota stage runs after the route stage');
    const plan =
      subscription === undefined ? apiRoute.anonymous : apiRoute.plans[subscription.plan];
    exchange.plan = plan.name;
    const subject =
      subscription === undefined
        ? `anonymous:${apiRoute.id}:${toAnonymousSubject(toClientNetwork(exchange.client))}`
        : subscription.id;
    return { plan, subject };
  };

  /** Headers and, past the quota, the 429: the same from either count. */
  const apply = (
    exchange: Exchange,
    plan: PlanPolicy,
    decision: WindowDecision,
    next: Step,
  ): void => {
    exchange.headers['ratelimit-policy'] = plan.policyHeader;
    exchange.headers.ratelimit = toRateLimitHeader(
      plan.name,
      decision.remaining,
      decision.resetSeconds,
    );
    exchange.quotaLeft = decision.remaining;
    if (decision.allowed) {
      next(exchange);
      return;
    }
    onRefusal(exchange);
    const wait = Math.max(1, decision.resetSeconds);
    const apiId = exchange.apiRoute?.id ?? '';
    sendProblem(
      exchange,
      'quotaExceeded',
      exchange.subscription === undefined
        ? `This address used the ${String(plan.requestsPerMinute)} requests a minute open to callers without credentials on "${apiId}". Retry in ${String(wait)} s, or send your key to count against your plan.`
        : `${toCallerLabel(exchange)} used the ${String(plan.requestsPerMinute)} requests a minute of the ${plan.name} plan on "${apiId}". Retry in ${String(wait)} s.`,
      { headers: { 'retry-after': String(wait) } },
    );
  };

  if (shared === undefined) {
    return (next) => (exchange) => {
      const { plan, subject } = prepare(exchange);
      apply(exchange, plan, quota.take(subject, plan.requestsPerMinute, performance.now()), next);
    };
  }

  const refuseUndecided = (exchange: Exchange): void => {
    sendProblem(
      exchange,
      'quotaUnavailable',
      `The quota of "${exchange.apiRoute?.id ?? ''}" could not be counted just now. Retry in ${String(unavailableRetrySeconds)} s.`,
      { headers: { 'retry-after': String(unavailableRetrySeconds) } },
    );
  };
  return (next) => (exchange) => {
    const { plan, subject } = prepare(exchange);
    const decided = (decision: WindowDecision | undefined): void => {
      if (decision === undefined) refuseUndecided(exchange);
      else apply(exchange, plan, decision, next);
    };
    const answer = shared.take(subject, plan.requestsPerMinute);
    if (!(answer instanceof Promise)) {
      decided(answer);
      return;
    }
    answer.then(decided).catch((error: unknown) => {
      fail(exchange, error);
    });
  };
}
