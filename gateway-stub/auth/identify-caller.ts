import type { OutgoingHttpHeaders } from 'node:http';
import type { Localized, ProblemName } from '../../catalog/sandbox-problems.ts';
import type { ClientGrant, ClientLookup } from '../clients/client-lookup.ts';
import type { Exchange } from '../http/exchange.ts';
import type { KeyGrant, KeyLookup } from '../keys/key-lookup.ts';
import type { AccessTokens, TokenRefusal, VerifiedToken } from '../oauth/access-tokens.ts';
import { readBasicCredentials } from '../oauth/client-credentials.ts';
import { sandboxRealm } from './compile-security.ts';
import type { CredentialSource } from './credential-sources.ts';
import { toTooManyFailures, type FailureGuard } from './failure-guard.ts';

/** Who a credential stands for. */
export interface Identity {
  grant: KeyGrant;
  via: 'key' | 'token' | 'client';
  /** The client of a token or of HTTP basic credentials. */
  clientId: string | undefined;
  /** The scopes a token carries; undefined for a key or a client's secret. */
  tokenScopes: ReadonlySet<string> | undefined;
}

/** Why a presented credential is refused. */
export interface Refusal {
  problem: ProblemName;
  detail: Localized;
  headers: OutgoingHttpHeaders;
}

/** What checking one credential gave. */
export type Outcome = Identity | Refusal;

/** True for a refusal. */
export function isRefusal(outcome: Outcome): outcome is Refusal {
  return 'problem' in outcome;
}

/** Checks one presented credential. */
export interface CallerIdentifier {
  /**
   * Who `value`, read from `source`, stands for, calling `api`: synchronous from the caches,
   * asynchronous the first time a token is seen (its signature is checked) and the first time a
   * key or client is seen on PostgreSQL (the store is read). A store that cannot be read
   * rejects with its error: no verdict is given on a credential that could not be checked.
   */
  identify(
    exchange: Exchange,
    source: CredentialSource,
    value: string,
    api: string,
  ): Outcome | Promise<Outcome>;
}

/** What identification reads. */
export interface CallerIdentifierOptions {
  keys: KeyLookup;
  clients: ClientLookup;
  tokens: AccessTokens;
  failures: FailureGuard;
}

const basicChallenge = `Basic realm="${sandboxRealm}", charset="UTF-8"`;

const unknownKey: Refusal = {
  problem: 'unknownKey',
  detail: {
    en: 'The key sent is not known to the sandbox. Check it was copied whole, or get a new one.',
    fr: 'Le bac à sable ne connaît pas la clé envoyée. Vérifiez qu’elle a été copiée en entier, ou obtenez-en une nouvelle.',
  },
  // The authenticate stage adds the challenges of the operation called.
  headers: {},
};
const wrongClient: Refusal = {
  problem: 'invalidClient',
  detail: {
    en: 'The client id and secret sent in Authorization: Basic are not those of an active client of the sandbox.',
    fr: 'L’identifiant et le secret envoyés dans Authorization: Basic ne sont pas ceux d’un client actif du bac à sable.',
  },
  headers: { 'www-authenticate': basicChallenge },
};

/** Creates the identifier. */
export function createCallerIdentifier(options: CallerIdentifierOptions): CallerIdentifier {
  const { keys, clients, tokens, failures } = options;

  const fromClient = (client: ClientGrant | undefined, token: VerifiedToken): Outcome => {
    if (client === undefined || client.client.status !== 'active') {
      return invalidToken({
        en: 'The client the token was issued to is revoked.',
        fr: 'Le client à qui le jeton a été émis est révoqué.',
      });
    }
    return {
      grant: client.grant,
      via: 'token',
      clientId: token.clientId,
      tokenScopes: token.scopes,
    };
  };

  const fromToken = (
    result: VerifiedToken | TokenRefusal,
    api: string,
  ): Outcome | Promise<Outcome> => {
    if ('refused' in result) return invalidToken(result.reason);
    if (!result.audiences.includes(tokens.audienceOf(api))) {
      return invalidToken({
        en: `The token was not issued for API ${api}: get one for this API.`,
        fr: `Le jeton n’a pas été émis pour l’API ${api} : obtenez-en un pour cette API.`,
      });
    }
    const client = clients.find(result.clientId);
    return client instanceof Promise
      ? client.then((ready) => fromClient(ready, result))
      : fromClient(client, result);
  };

  const fromSecret = (exchange: Exchange, found: ClientGrant | undefined): Outcome => {
    if (found === undefined) {
      failures.failed(exchange);
      return wrongClient;
    }
    return {
      grant: found.grant,
      via: 'client',
      clientId: found.client.id,
      tokenScopes: undefined,
    };
  };

  return {
    identify(exchange, source, value, api) {
      switch (source.kind) {
        case 'key': {
          const grant = keys.find(value);
          return grant instanceof Promise ? grant.then(fromKey) : fromKey(grant);
        }
        case 'bearer': {
          const result = tokens.verify(value);
          return result instanceof Promise
            ? result.then((settled) => fromToken(settled, api))
            : fromToken(result, api);
        }
        case 'basic': {
          const blocked = failures.blocked(exchange);
          if (blocked !== undefined) {
            return {
              problem: 'tooManyFailedAuthentications',
              detail: toTooManyFailures(blocked['retry-after']),
              headers: blocked,
            };
          }
          const presented = readBasicCredentials(value);
          const found =
            presented === undefined
              ? undefined
              : clients.authenticate(presented.clientId, presented.secret, Date.now());
          return found instanceof Promise
            ? found.then((ready) => fromSecret(exchange, ready))
            : fromSecret(exchange, found);
        }
        case 'unsupported':
          return unknownKey;
      }
    },
  };
}

/** The outcome of a key: its holder, or the refusal of an unknown key. */
function fromKey(grant: KeyGrant | undefined): Outcome {
  return grant === undefined
    ? unknownKey
    : { grant, via: 'key', clientId: undefined, tokenScopes: undefined };
}

/**
 * An RFC 6750 `invalid_token` refusal. The challenge's description is ASCII without quotes, as
 * §3 wants, and in English whatever the caller's language: a header, read by programs.
 */
export function invalidToken(description: Localized): Refusal {
  return {
    problem: 'invalidToken',
    detail: description,
    headers: {
      'www-authenticate': `Bearer realm="${sandboxRealm}", error="invalid_token", error_description="${description.en.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '')}"`,
    },
  };
}
