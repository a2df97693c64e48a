import { z } from 'zod';
import type { Exchange } from '../http/exchange.ts';
import { sendProblem } from '../http/send-response.ts';
import { toClientNetwork } from '../http/client-address.ts';
import { toRateLimitHeader } from '../quota/ratelimit-headers.ts';
import type { SlidingWindow } from '../quota/sliding-window.ts';
import { functionOption, objectWith, parseStageOptions } from './stage-options.ts';
import { toCallerLabel } from './authorize-stage.ts';
import type { Stage } from './stage.ts';

const quotaOptionsSchema = z.strictObject({
  quota: objectWith<SlidingWindow>('take'),
  /** Told of each call refused for its quota (the metrics count them). */
  onRefusal: functionOption<(exchange: Exchange) => void>(),
  /**
   * The window subject of an anonymous caller's client network: a keyed hash, since quota
   * windows are written to the store and it keeps no address.
   */
  toAnonymousSubject: functionOption<(network: string) => string>(),
});

/** What the quota stage needs. */
export type QuotaStageOptions = z.input<typeof quotaOptionsSchema>;

/**
 * Counts the call against its subscription's plan over the sliding minute (an anonymous call
 * to an open operation against its client's own anonymous quota), and says where the
 * caller stands in `RateLimit-Policy` and `RateLimit` (on refusals too); past the quota, 429
 * with `Retry-After`.
 */
export function createQuotaStage(input: QuotaStageOptions): Stage {
  const { quota, onRefusal, toAnonymousSubject } = parseStageOptions(
    'quota',
    quotaOptionsSchema,
    input,
  );
  return (next) => (exchange) => {
    const { apiRoute, subscription } = exchange;
    if (apiRoute === undefined) throw new Error('the quota stage runs after the route stage');
    const anonymous = subscription === undefined;
    const plan = anonymous ? apiRoute.anonymous : apiRoute.plans[subscription.plan];
    exchange.plan = plan.name;
    const subject = anonymous
      ? `anonymous:${apiRoute.id}:${toAnonymousSubject(toClientNetwork(exchange.client))}`
      : subscription.id;
    const decision = quota.take(subject, plan.requestsPerMinute, performance.now());
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
        anonymous
          ? {
              en: `This address used the ${String(plan.requestsPerMinute)} requests a minute open to callers without credentials on "${apiRoute.id}". Retry in ${String(wait)} s, or send your key to count against your plan.`,
              fr: `Cette adresse a utilisé les ${String(plan.requestsPerMinute)} requêtes par minute ouvertes aux appelants sans identifiants sur « ${apiRoute.id} ». Réessayez dans ${String(wait)} s, ou envoyez votre clé pour compter sur votre offre.`,
            }
          : {
              en: `${toCallerLabel(exchange).en} used the ${String(plan.requestsPerMinute)} requests a minute of the ${plan.name} plan on "${apiRoute.id}". Retry in ${String(wait)} s.`,
              fr: `${toCallerLabel(exchange).fr} a utilisé les ${String(plan.requestsPerMinute)} requêtes par minute de l’offre ${plan.name} sur « ${apiRoute.id} ». Réessayez dans ${String(wait)} s.`,
            },
        { headers: { 'retry-after': String(wait) } },
      );
      return;
    }
    next(exchange);
  };
}
