import type { ProblemName } from '../../catalog/sandbox-problems.ts';
import { sandboxRealm, toScopeAttribute } from '../auth/compile-security.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendProblem } from '../http/send-response.ts';
import type { GrantedSubscription } from '../keys/key-lookup.ts';
import type { Stage } from './stage.ts';

const refusalOfStatus: Record<Exclude<GrantedSubscription['status'], 'active'>, ProblemName> = {
  pending: 'subscriptionPending',
  rejected: 'subscriptionRejected',
  revoked: 'subscriptionRevoked',
};

/** How a refusal names the credentials: the key's prefix, or the client of a token or secret. */
export function toCallerLabel(exchange: Exchange): string {
  const { identity } = exchange;
  if (identity === undefined) return 'The caller';
  if (identity.via === 'token') return `The token of client ${identity.clientId ?? ''}`;
  if (identity.via === 'client') return `Client ${identity.clientId ?? ''}`;
  return `Key ${identity.grant.prefix}…`;
}

/**
 * May the caller call this API: its grant must hold a subscription to it that is active and
 * not past its end date, and hold the scopes the operation needs — those the subscription
 * grants now, and for a token, those it was issued with too. Each refusal names the reason,
 * with its own problem type. An anonymous call to an open operation goes on.
 */
export function createAuthorizeStage(): Stage {
  return (next) => (exchange) => {
    const { grant, apiRoute } = exchange;
    if (apiRoute === undefined) throw new Error('the authorize stage runs after the route stage');
    if (grant === undefined) {
      if (exchange.requirement?.anonymous !== true) {
        throw new Error('only an open operation is called without credentials');
      }
      next(exchange);
      return;
    }
    const subscription = grant.subscriptions.get(apiRoute.id);
    if (!subscription) {
      sendProblem(
        exchange,
        'notSubscribed',
        `${toCallerLabel(exchange)} has no subscription to "${apiRoute.id}". Ask for a key for this API on its portal page.`,
      );
      return;
    }
    if (subscription.status !== 'active') {
      sendProblem(
        exchange,
        refusalOfStatus[subscription.status],
        `The subscription of ${lowerFirst(toCallerLabel(exchange))} to "${apiRoute.id}" is ${subscription.status}.`,
      );
      return;
    }
    if (Date.now() >= subscription.expiresAtMs) {
      sendProblem(
        exchange,
        'subscriptionExpired',
        Number.isFinite(subscription.expiresAtMs)
          ? `The subscription of ${lowerFirst(toCallerLabel(exchange))} to "${apiRoute.id}" expired on ${new Date(subscription.expiresAtMs).toISOString()}.`
          : `The subscription of ${lowerFirst(toCallerLabel(exchange))} to "${apiRoute.id}" has an end date the sandbox cannot read, so it is closed.`,
      );
      return;
    }
    exchange.subscription = subscription;
    const required = exchange.requiredScopes;
    const granted = subscription.scopes ?? apiRoute.defaultScopes;
    const carried = exchange.identity?.tokenScopes;
    exchange.grantedScopes = toScopeText(granted, carried);
    if (required.length > 0) {
      const missing = required.filter(
        (scope) => !granted.has(scope) || (carried !== undefined && !carried.has(scope)),
      );
      if (missing.length > 0) {
        const lacking = missing.some((scope) => !granted.has(scope))
          ? 'its subscription does not grant'
          : 'the token was not issued with';
        sendProblem(
          exchange,
          'insufficientScope',
          `This operation needs the scope ${required.join(' ')}; ${lacking} ${missing.join(' ')}.`,
          {
            headers: {
              'www-authenticate': `Bearer realm="${sandboxRealm}", error="insufficient_scope", scope="${toScopeAttribute(required)}"`,
            },
            extensions: { scope: required.join(' ') },
          },
        );
        return;
      }
    }
    next(exchange);
  };
}

const scopeTexts = new WeakMap<ReadonlySet<string>, string>();

/**
 * The scopes a call is made with, sorted and space-separated: those the subscription grants,
 * and of a token only those it carries too. A subscription's text is kept, not joined per call.
 */
function toScopeText(
  granted: ReadonlySet<string>,
  carried: ReadonlySet<string> | undefined,
): string {
  if (carried !== undefined) {
    return [...granted]
      .filter((scope) => carried.has(scope))
      .sort()
      .join(' ');
  }
  let text = scopeTexts.get(granted);
  if (text === undefined) {
    text = [...granted].sort().join(' ');
    scopeTexts.set(granted, text);
  }
  return text;
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
