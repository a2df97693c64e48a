import type { OutgoingHttpHeaders } from 'node:http';
import { basicSource, readAuthorization } from '../auth/credential-sources.ts';
import { isRefusal, type CallerIdentifier } from '../auth/identify-caller.ts';
import { sandboxRealm } from '../auth/compile-security.ts';
import type { ClientLookup } from '../clients/client-lookup.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendBody, sendJson, sendProblem } from '../http/send-response.ts';
import { isKeyShaped } from '../keys/key-format.ts';
import type { KeyGrant, KeyLookup } from '../keys/key-lookup.ts';
import type { AccessTokens } from '../oauth/access-tokens.ts';
import type { ApiRoute } from '../routing/route-table.ts';
import type { Localized, ProblemName } from '../../catalog/sandbox-problems.ts';
import { toCsv } from './to-csv.ts';
import {
  consumerUsageQuerySchema,
  invalidPeriod,
  invalidQuery,
  toParameterErrors,
  toQueryObject,
  toUsageSelection,
  wantsCsv,
  type UsageSelection,
} from './usage-query.ts';
import { exportColumns } from './usage-export.ts';
import type { UsageReader } from './usage-reader.ts';
import { toInstant } from './usage-figures.ts';
import { maxExportRows } from './handle-owner-usage.ts';

/** Where a holder reads their own usage. */
export const ownUsagePath = '/_guichet/usage';

/** What the consumers' report reads. */
export interface ConsumerUsageOptions {
  reader: UsageReader;
  flush: () => Promise<void>;
  routes: ReadonlyMap<string, ApiRoute>;
  keys: KeyLookup;
  clients: ClientLookup;
  tokens: AccessTokens;
  /** Checks HTTP basic client credentials, with the failed-authentication guard. */
  identifier: CallerIdentifier;
  /** Answers an unexpected error (a 500 that leaks nothing). */
  fail: (exchange: Exchange, error: unknown) => void;
}

// Basic is taken but not offered: a Basic challenge makes a browser prompt for a password
// over the portal's usage page, whose script sends the key.
const challenges = [`X-Api-Key realm="${sandboxRealm}"`, `Bearer realm="${sandboxRealm}"`];

/** A key every subscription of which was revoked. */
function isRevoked(grant: KeyGrant): boolean {
  const subscriptions = [...grant.subscriptions.values()];
  return (
    subscriptions.length > 0 &&
    subscriptions.every((subscription) => subscription.status === 'revoked')
  );
}

type Holder = KeyGrant | { problem: ProblemName; detail: Localized; headers?: OutgoingHttpHeaders };

/**
 * `GET /_guichet/usage` on the public port: the caller's own calls, refusals and quota use
 * per API it is subscribed to, proven by its key (`X-Api-Key`, or `Authorization: Bearer`),
 * an access token the sandbox issued, or its client id and secret (`Authorization: Basic`).
 * The consumer is always the credential's: the query takes a period, a bucket, an API and a
 * version, and refuses any other parameter (a `consumer` above all) rather than ignore it.
 */
export function createConsumerUsageEndpoint(
  options: ConsumerUsageOptions,
): (exchange: Exchange, path: string) => boolean {
  const { reader, routes } = options;

  const findHolder = async (exchange: Exchange): Promise<Holder> => {
    const { req } = exchange;
    const basic = readAuthorization(req, 'basic');
    if (basic !== undefined) {
      const outcome = await options.identifier.identify(exchange, basicSource, basic, '');
      return isRefusal(outcome) ? outcome : outcome.grant;
    }
    const bearer = readAuthorization(req, 'bearer');
    const header = req.headers['x-api-key'];
    const key = typeof header === 'string' && header !== '' ? header : undefined;
    if (key !== undefined || (bearer !== undefined && isKeyShaped(bearer))) {
      const grant = await options.keys.find(key ?? bearer ?? '');
      return (
        grant ?? {
          problem: 'unknownKey',
          detail: {
            en: 'The key sent is not known to the sandbox.',
            fr: 'Le bac à sable ne connaît pas la clé envoyée.',
          },
        }
      );
    }
    if (bearer === undefined) {
      return {
        problem: 'missingCredentials',
        detail: {
          en: 'Send your key (X-Api-Key), an access token or your client id and secret.',
          fr: 'Envoyez votre clé (X-Api-Key), un jeton d’accès ou l’identifiant et le secret de votre client.',
        },
      };
    }
    const verified = await options.tokens.verify(bearer);
    const client =
      'refused' in verified ? undefined : await options.clients.find(verified.clientId);
    if ('refused' in verified || client === undefined || client.client.status !== 'active') {
      return {
        problem: 'invalidToken',
        detail: { en: 'The access token is not valid.', fr: 'Le jeton d’accès n’est pas valide.' },
      };
    }
    return client.grant;
  };

  const answer = async (exchange: Exchange, grant: KeyGrant): Promise<void> => {
    const parsed = consumerUsageQuerySchema.safeParse(toQueryObject(exchange.req.url ?? ''));
    if (!parsed.success) {
      sendProblem(exchange, 'invalidRequest', invalidQuery, {
        extensions: { errors: toParameterErrors(parsed.error) },
      });
      return;
    }
    const period = toUsageSelection(parsed.data, Date.now());
    if ('pointer' in period) {
      sendProblem(exchange, 'invalidRequest', invalidPeriod, {
        extensions: { errors: [period] },
      });
      return;
    }
    // The credential's consumer, whatever was asked: the one filter a caller cannot choose.
    const own: UsageSelection = { ...period, consumer: grant.consumerId, operation: undefined };
    await options.flush();
    if (wantsCsv(parsed.data.format, exchange.req.headers.accept)) {
      const rows = await reader.exportRows(own, maxExportRows);
      if (rows === undefined) {
        sendProblem(exchange, 'invalidRequest', {
          en: 'Narrow the period: the export is too long.',
          fr: 'Resserrez la période : l’export est trop long.',
        });
        return;
      }
      sendBody(exchange, 200, 'text/csv; charset=utf-8', toCsv(exportColumns, rows), {
        'content-disposition': 'attachment; filename="guichet-my-usage.csv"',
      });
      return;
    }
    const apis = [];
    for (const [api, subscription] of grant.subscriptions) {
      if (own.api !== undefined && api !== own.api) continue;
      const selection = { ...own, api };
      const plan = routes.get(api)?.plans[subscription.plan];
      apis.push({
        api,
        plan: subscription.plan,
        status: subscription.status,
        requestsPerMinute: plan?.requestsPerMinute ?? null,
        ...(await reader.totals(selection)),
        busiestMinute: await reader.busiestMinute(selection),
        byVersion: await reader.breakdown(selection, 'byVersion'),
        byOperation: await reader.breakdown(selection, 'byOperation'),
      });
    }
    sendJson(exchange, 200, {
      consumerId: grant.consumerId,
      application: grant.application,
      period: { from: toInstant(own.fromMinute), to: toInstant(own.toMinute) },
      bucket: own.bucket,
      totals: await reader.totals(own),
      apis,
      series: await reader.series(own),
    });
  };

  return (exchange, path) => {
    if (path !== ownUsagePath) return false;
    if (exchange.req.method !== 'GET' && exchange.req.method !== 'HEAD') {
      sendProblem(
        exchange,
        'methodNotAllowed',
        { en: 'Read your usage with GET.', fr: 'Lisez votre usage avec GET.' },
        {
          headers: { allow: 'GET, HEAD' },
        },
      );
      return true;
    }
    findHolder(exchange)
      .then(async (holder) => {
        if ('problem' in holder) {
          sendProblem(exchange, holder.problem, holder.detail, {
            headers: { 'www-authenticate': challenges, ...holder.headers },
          });
          return;
        }
        exchange.consumerId = holder.consumerId;
        if (isRevoked(holder)) {
          // A revoked key may be a leaked one: it reads nothing more of its holder's calls.
          sendProblem(exchange, 'subscriptionRevoked', {
            en: 'This key was revoked: it reads no usage.',
            fr: 'Cette clé a été révoquée : elle ne lit plus aucun usage.',
          });
          return;
        }
        await answer(exchange, holder);
      })
      .catch((error: unknown) => {
        options.fail(exchange, error);
      });
    return true;
  };
}
