import { z } from 'zod';
import type { Exchange } from '../http/exchange.ts';
import { sendProblem } from '../http/send-response.ts';
import { toRateLimitHeader } from '../quota/ratelimit-headers.ts';
import type { SlidingWindow } from '../quota/sliding-window.ts';
import { functionOption, objectWith, parseStageOptions } from './stage-options.ts';
import type { Stage } from './stage.ts';

const quotaOptionsSchema = z.strictObject({
  quota: objectWith<SlidingWindow>('take'),
  /** Told of each call refused for its quota (the metrics count them). */
  onRefusal: functionOption<(exchange: Exchange) => void>(),
});

/** What the quota stage needs. */
export type QuotaStageOptions = z.input<typeof quotaOptionsSchema>;

/**
 * Counts the call against its subscription's plan over the sliding minute, and says where the
 * caller stands in `RateLimit-Policy` and `RateLimit` (on refusals too); past the quota, 429
 * with `Retry-After`.
 */
export function createQuotaStage(input: QuotaStageOptions): Stage {
  const { quota, onRefusal } = parseStageOptions('quota', quotaOptionsSchema, input);
  return (next) => (exchange) => {
    const { apiRoute, subscription, grant } = exchange;
    if (apiRoute === undefined || subscription === undefined || grant === undefined) {
      throw new Error('the quota stage runs after the authorize stage');
    }
    const plan = apiRoute.plans[subscription.plan];
    exchange.plan = plan.name;
    const decision = quota.take(subscription.id, plan.requestsPerMinute, performance.now());
    exchange.headers['ratelimit-policy'] = plan.policyHeader;
    exchange.headers.ratelimit = toRateLimitHeader(
      plan.name,
      decision.remaining,
      decision.resetSeconds,
    );
    exchange.quotaLeft = decision.remaining;
    if (!decision.allowed) {
      onRefusal(exchange);
      const wait = Math.max(1, decision.resetSeconds);
      sendProblem(
        exchange,
        'quotaExceeded',
        `Key ${grant.prefix}… used the ${String(plan.requestsPerMinute)} requests a minute of the ${plan.name} plan on "${apiRoute.id}". Retry in ${String(wait)} s.`,
        { headers: { 'retry-after': String(wait) } },
      );
      return;
    }
    next(exchange);
  };
}
