import type { Localized, ProblemName } from '../../catalog/sandbox-problems.ts';
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
export function toCallerLabel(exchange: Exchange): Localized {
  const { identity } = exchange;
  if (identity === undefined) return { en: 'The caller', fr: 'L’appelant' };
  const client = identity.clientId ?? '';
  if (identity.via === 'token') {
    return { en: `The token of client ${client}`, fr: `Le jeton du client ${client}` };
  }
  if (identity.via === 'client') return { en: `Client ${client}`, fr: `Le client ${client}` };
  return { en: `Key ${identity.grant.prefix}…`, fr: `La clé ${identity.grant.prefix}…` };
}

/** The subscription's holder after "of": `the key gk_…` / `de la clé gk_…`. */
function toHolderOf(exchange: Exchange): Localized {
  const { identity } = exchange;
  if (identity === undefined) return { en: 'the caller', fr: 'de l’appelant' };
  const client = identity.clientId ?? '';
  if (identity.via === 'token') {
    return { en: `the token of client ${client}`, fr: `du jeton du client ${client}` };
  }
  if (identity.via === 'client') return { en: `client ${client}`, fr: `du client ${client}` };
  return { en: `key ${identity.grant.prefix}…`, fr: `de la clé ${identity.grant.prefix}…` };
}

const frenchStatus: Record<Exclude<GrantedSubscription['status'], 'active'>, string> = {
  pending: 'en attente d’approbation',
  rejected: 'refusé',
  revoked: 'révoqué',
};

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
    const api = apiRoute.id;
    if (!subscription) {
      const caller = toCallerLabel(exchange);
      sendProblem(exchange, 'notSubscribed', {
        en: `${caller.en} has no subscription to "${api}". Ask for a key for this API on its portal page.`,
        fr: `${caller.fr} n’a pas d’abonnement à « ${api} ». Demandez une clé pour cette API sur sa page du portail.`,
      });
      return;
    }
    if (subscription.status !== 'active') {
      const holder = toHolderOf(exchange);
      sendProblem(exchange, refusalOfStatus[subscription.status], {
        en: `The subscription of ${holder.en} to "${api}" is ${subscription.status}.`,
        fr: `L’abonnement ${holder.fr} à « ${api} » est ${frenchStatus[subscription.status]}.`,
      });
      return;
    }
    if (Date.now() >= subscription.expiresAtMs) {
      const holder = toHolderOf(exchange);
      const end = Number.isFinite(subscription.expiresAtMs)
        ? new Date(subscription.expiresAtMs).toISOString()
        : undefined;
      sendProblem(
        exchange,
        'subscriptionExpired',
        end === undefined
          ? {
              en: `The subscription of ${holder.en} to "${api}" has an end date the sandbox cannot read, so it is closed.`,
              fr: `L’abonnement ${holder.fr} à « ${api} » a une date de fin que le bac à sable ne sait pas lire : il est donc clos.`,
            }
          : {
              en: `The subscription of ${holder.en} to "${api}" expired on ${end}.`,
              fr: `L’abonnement ${holder.fr} à « ${api} » a expiré le ${end}.`,
            },
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
        const bySubscription = missing.some((scope) => !granted.has(scope));
        const needed = required.join(' ');
        const lacking = missing.join(' ');
        sendProblem(
          exchange,
          'insufficientScope',
          bySubscription
            ? {
                en: `This operation needs the scope ${needed}; its subscription does not grant ${lacking}.`,
                fr: `Cette opération demande la portée ${needed} ; son abonnement n’accorde pas ${lacking}.`,
              }
            : {
                en: `This operation needs the scope ${needed}; the token was not issued with ${lacking}.`,
                fr: `Cette opération demande la portée ${needed} ; le jeton n’a pas été émis avec ${lacking}.`,
              },
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
/** Of a token's scopes, the text made with the subscription's grant it was last called under. */
const carriedTexts = new WeakMap<
  ReadonlySet<string>,
  { granted: ReadonlySet<string>; text: string }
>();

/**
 * The scopes a call is made with, sorted and space-separated: those the subscription grants,
 * and of a token only those it carries too. The text is kept, for a subscription and for a
 * verified token's scopes, not spread, filtered, sorted and joined again on each call.
 */
function toScopeText(
  granted: ReadonlySet<string>,
  carried: ReadonlySet<string> | undefined,
): string {
  if (carried !== undefined) {
    const kept = carriedTexts.get(carried);
    if (kept?.granted === granted) return kept.text;
    const text = [...granted]
      .filter((scope) => carried.has(scope))
      .sort()
      .join(' ');
    carriedTexts.set(carried, { granted, text });
    return text;
  }
  let text = scopeTexts.get(granted);
  if (text === undefined) {
    text = [...granted].sort().join(' ');
    scopeTexts.set(granted, text);
  }
  return text;
}
