import { sandboxRealm } from '../auth/compile-security.ts';
import { readAuthorization } from '../auth/credential-sources.ts';
import { toTooManyFailures, type FailureGuard } from '../auth/failure-guard.ts';
import type { ClientGrant, ClientLookup } from '../clients/client-lookup.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendProblem } from '../http/send-response.ts';
import { readBasicCredentials } from './client-credentials.ts';
import { sendOAuthError } from './oauth-errors.ts';

const basicChallenge = { 'www-authenticate': `Basic realm="${sandboxRealm}", charset="UTF-8"` };

/**
 * Authenticates the client of a request to the authorization server (RFC 6749 §2.3.1) by
 * `client_secret_basic` (`Authorization: Basic`) or `client_secret_post` (`client_id` and
 * `client_secret` in the body), never both. Returns the client, or answers the refusal itself
 * and returns undefined: `invalid_client` (401, with the Basic challenge) for credentials that
 * are missing, unknown, wrong or revoked — one answer for all, so it tells nothing of which —
 * `invalid_request` for two methods at once, and 429 once the client's address failed too often.
 */
export async function authenticateClient(
  exchange: Exchange,
  form: URLSearchParams,
  clients: ClientLookup,
  failures: FailureGuard,
): Promise<ClientGrant | undefined> {
  const header = readAuthorization(exchange.req, 'basic');
  const postedId = form.get('client_id');
  const postedSecret = form.get('client_secret');
  if (header !== undefined && (postedId !== null || postedSecret !== null)) {
    sendOAuthError(exchange, 'invalid_request', {
      en: 'Authenticate the client one way only: Authorization: Basic, or client_id and client_secret in the body.',
      fr: 'Authentifiez le client d’une seule façon : Authorization: Basic, ou client_id et client_secret dans le corps.',
    });
    return undefined;
  }
  if (header === undefined && (postedId === null || postedSecret === null)) {
    sendOAuthError(
      exchange,
      'invalid_client',
      {
        en: 'Authenticate the client with Authorization: Basic (client id and secret), or send client_id and client_secret.',
        fr: 'Authentifiez le client avec Authorization: Basic (identifiant et secret du client), ou envoyez client_id et client_secret.',
      },
      basicChallenge,
    );
    return undefined;
  }
  const blocked = failures.blocked(exchange);
  if (blocked !== undefined) {
    sendProblem(
      exchange,
      'tooManyFailedAuthentications',
      toTooManyFailures(blocked['retry-after']),
      { headers: blocked },
    );
    return undefined;
  }
  const presented =
    header === undefined
      ? { clientId: postedId ?? '', secret: postedSecret ?? '' }
      : readBasicCredentials(header);
  const found =
    presented === undefined
      ? undefined
      : await clients.authenticate(presented.clientId, presented.secret, Date.now());
  if (found === undefined) {
    failures.failed(exchange);
    sendOAuthError(
      exchange,
      'invalid_client',
      {
        en: 'The client id and secret are not those of an active client of the sandbox.',
        fr: 'L’identifiant et le secret ne sont pas ceux d’un client actif du bac à sable.',
      },
      basicChallenge,
    );
    return undefined;
  }
  return found;
}
