import { z } from 'zod';
import type { CompiledRequirement, VersionSecurity } from '../auth/compile-security.ts';
import { readSource } from '../auth/credential-sources.ts';
import {
  isRefusal,
  type CallerIdentifier,
  type Identity,
  type Outcome,
  type Refusal,
} from '../auth/identify-caller.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendProblem } from '../http/send-response.ts';
import type { KeyGrant, KeyLookup } from '../keys/key-lookup.ts';
import { functionOption, objectWith, parseStageOptions } from './stage-options.ts';
import type { Stage, Step } from './stage.ts';

const authenticateOptionsSchema = z.strictObject({
  /** The version's schemes and requirements, compiled at start-up. */
  security: objectWith<VersionSecurity>('requirementOf'),
  keys: objectWith<KeyLookup>('find'),
  identifier: objectWith<CallerIdentifier>('identify'),
  /** Answers an error no stage expected (a token check that threw). */
  fail: functionOption<(exchange: Exchange, error: unknown) => void>(),
});

/** What the authenticate stage needs. */
export type AuthenticateStageOptions = z.input<typeof authenticateOptionsSchema>;

/**
 * Who is calling, as the operation's document says they must prove it: the operation's
 * requirement (its own `security`, else the document's) is met by any one of its alternatives,
 * each needing all its credentials — a key where the document declares it, a sandbox access
 * token, the application's client id and secret. guichet's own `X-Api-Key` header is taken on
 * every operation. An open operation called without credentials goes on anonymous; credentials
 * sent to it are checked all the same, so a partner learns of a wrong key before production
 * does.
 */
export function createAuthenticateStage(input: AuthenticateStageOptions): Stage {
  const { security, keys, identifier, fail } = parseStageOptions(
    'authenticate',
    authenticateOptionsSchema,
    input,
  );
  return (next) => (exchange) => {
    // The mock server is sent `/<api>/<version>/<path>`; operations are matched on `<path>`.
    const url = exchange.req.url ?? '/';
    const requirement = security.requirementOf(
      exchange.req.method ?? 'GET',
      url.slice(exchange.api.length + exchange.version.length + 2) || '/',
    );
    exchange.requirement = requirement;
    const own = exchange.req.headers['x-api-key'];
    if (typeof own === 'string' && own !== '') {
      const grant = exchange.grant ?? keys.find(own);
      if (grant instanceof Promise) {
        // A key PostgreSQL must be asked about (its first use).
        grant.then(
          (ready) => {
            byOwnKey(exchange, requirement, ready, next);
          },
          (error: unknown) => {
            fail(exchange, error);
          },
        );
        return;
      }
      byOwnKey(exchange, requirement, grant, next);
      return;
    }
    const { sources } = requirement;
    const outcomes: (Outcome | Promise<Outcome> | undefined)[] = [];
    let waiting = false;
    for (const source of sources) {
      const value = readSource(exchange.req, source);
      const outcome =
        value === undefined
          ? undefined
          : identifier.identify(exchange, source, value, exchange.api);
      if (outcome instanceof Promise) waiting = true;
      outcomes.push(outcome);
    }
    if (!waiting) {
      decide(exchange, requirement, outcomes as (Outcome | undefined)[], next);
      return;
    }
    Promise.all(outcomes.map((outcome) => Promise.resolve(outcome))).then(
      (settled) => {
        decide(exchange, requirement, settled, next);
      },
      (error: unknown) => {
        fail(exchange, error);
      },
    );
  };
}

/** Goes on with the grant of the key in `X-Api-Key`, or refuses an unknown key. */
function byOwnKey(
  exchange: Exchange,
  requirement: CompiledRequirement,
  grant: KeyGrant | undefined,
  next: Step,
): void {
  if (grant === undefined) {
    refuse(exchange, requirement, {
      problem: 'unknownKey',
      detail: {
        en: 'The key in X-Api-Key is not known to the sandbox. Check it was copied whole, or get a new one.',
        fr: 'Le bac à sable ne connaît pas la clé de X-Api-Key. Vérifiez qu’elle a été copiée en entier, ou obtenez-en une nouvelle.',
      },
      headers: {},
    });
    return;
  }
  identified(
    exchange,
    { grant, via: 'key', clientId: undefined, tokenScopes: undefined },
    requirement.keyScopes,
  );
  next(exchange);
}

function decide(
  exchange: Exchange,
  requirement: CompiledRequirement,
  outcomes: readonly (Outcome | undefined)[],
  next: Step,
): void {
  let mismatch = false;
  for (const alternative of requirement.alternatives) {
    let chosen: Identity | undefined;
    let met = true;
    for (const need of alternative) {
      const outcome = outcomes[need.source];
      if (outcome === undefined || isRefusal(outcome)) {
        met = false;
        break;
      }
      if (chosen !== undefined && chosen.grant.keyId !== outcome.grant.keyId) {
        mismatch = true;
        met = false;
        break;
      }
      // A token, when there is one, says which scopes the call is made with.
      if (chosen === undefined || outcome.via === 'token') chosen = outcome;
    }
    if (!met || chosen === undefined) continue;
    identified(
      exchange,
      chosen,
      alternative.length === 1
        ? (alternative[0]?.scopes ?? [])
        : alternative.flatMap((need) => need.scopes),
    );
    next(exchange);
    return;
  }
  const refusal = outcomes.find(
    (outcome): outcome is Refusal => outcome !== undefined && isRefusal(outcome),
  );
  if (refusal !== undefined) {
    refuse(exchange, requirement, refusal);
    return;
  }
  if (mismatch) {
    refuse(exchange, requirement, {
      problem: 'credentialsMismatch',
      detail: {
        en: 'The credentials sent belong to different applications: send those of one application.',
        fr: 'Les identifiants envoyés appartiennent à des applications différentes : envoyez ceux d’une même application.',
      },
      headers: {},
    });
    return;
  }
  const present = outcomes.some((outcome) => outcome !== undefined);
  if (!present && requirement.anonymous) {
    next(exchange);
    return;
  }
  refuse(exchange, requirement, {
    problem: requirement.missing,
    detail: requirement.missingDetail,
    headers: {},
  });
}

function identified(exchange: Exchange, identity: Identity, scopes: readonly string[]): void {
  exchange.identity = identity;
  exchange.grant = identity.grant;
  exchange.consumerId = identity.grant.consumerId;
  exchange.requiredScopes = scopes;
}

/** Refusals of missing or unknown credentials carry every challenge the operation takes. */
function refuse(exchange: Exchange, requirement: CompiledRequirement, refusal: Refusal): void {
  const headers =
    refusal.headers['www-authenticate'] === undefined &&
    (refusal.problem === 'unknownKey' ||
      refusal.problem === requirement.missing ||
      refusal.problem === 'credentialsMismatch')
      ? { ...refusal.headers, 'www-authenticate': [...requirement.challenges] }
      : refusal.headers;
  sendProblem(exchange, refusal.problem, refusal.detail, { headers });
}
