import type { ProblemName } from '../../catalog/sandbox-problems.ts';
import { sendProblem } from '../http/send-response.ts';
import type { GrantedSubscription } from '../keys/key-lookup.ts';
import type { Stage } from './stage.ts';

const refusalOfStatus: Record<Exclude<GrantedSubscription['status'], 'active'>, ProblemName> = {
  pending: 'subscriptionPending',
  rejected: 'subscriptionRejected',
  revoked: 'subscriptionRevoked',
};

/**
 * May the caller call this API: its grant must hold a subscription to it that is active and
 * not past its end date. Each refusal names the reason, with its own problem type.
 */
export function createAuthorizeStage(): Stage {
  return (next) => (exchange) => {
    const { grant, apiRoute } = exchange;
    if (grant === undefined || apiRoute === undefined) {
      throw new Error('the authorize stage runs after the route and authenticate stages');
    }
    const subscription = grant.subscriptions.get(apiRoute.id);
    if (!subscription) {
      sendProblem(
        exchange,
        'notSubscribed',
        `Key ${grant.prefix}… has no subscription to "${apiRoute.id}". Ask for a key for this API on its portal page.`,
      );
      return;
    }
    if (subscription.status !== 'active') {
      sendProblem(
        exchange,
        refusalOfStatus[subscription.status],
        `The subscription of key ${grant.prefix}… to "${apiRoute.id}" is ${subscription.status}.`,
      );
      return;
    }
    if (Date.now() >= subscription.expiresAtMs) {
      sendProblem(
        exchange,
        'subscriptionExpired',
        Number.isFinite(subscription.expiresAtMs)
          ? `The subscription of key ${grant.prefix}… to "${apiRoute.id}" expired on ${new Date(subscription.expiresAtMs).toISOString()}.`
          : `The subscription of key ${grant.prefix}… to "${apiRoute.id}" has an end date the sandbox cannot read, so it is closed.`,
      );
      return;
    }
    exchange.subscription = subscription;
    next(exchange);
  };
}
