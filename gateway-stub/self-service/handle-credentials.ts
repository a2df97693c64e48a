import type { FailureGuard } from '../auth/failure-guard.ts';
import type { ClientLookup } from '../clients/client-lookup.ts';
import type { ClientService } from '../clients/client-service.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendJson, sendProblem } from '../http/send-response.ts';
import { authenticateClient } from '../oauth/authenticate-client.ts';

/** Where a holder manages their own credentials. */
export const credentialPaths = {
  rotateSecret: '/_guichet/credentials/rotate-secret',
  revoke: '/_guichet/credentials/revoke',
} as const;

/** What the holder's endpoints need. */
export interface CredentialEndpointsOptions {
  clients: ClientLookup;
  service: ClientService;
  failures: FailureGuard;
  /** How long the previous secret keeps working after a holder rotates it. */
  secretGraceSeconds: number;
  /** Answers an error the change met (the store away: a 503). */
  fail: (exchange: Exchange, error: unknown) => void;
}

/**
 * The holder of a trial application manages it with its own client credentials
 * (`Authorization: Basic`): `POST …/rotate-secret` draws a new secret, shown once, the previous
 * one working on for the grace period; `POST …/revoke` stops the client and every subscription
 * of its key at once — the key, the secret and every token then fail on the next request.
 */
export function createCredentialEndpoints(
  options: CredentialEndpointsOptions,
): (exchange: Exchange, path: string) => boolean {
  const { clients, service, failures } = options;
  const empty = new URLSearchParams();
  return (exchange, path) => {
    if (path !== credentialPaths.rotateSecret && path !== credentialPaths.revoke) return false;
    if (exchange.req.method !== 'POST') {
      sendProblem(
        exchange,
        'methodNotAllowed',
        { en: 'Manage your credentials with POST.', fr: 'Gérez vos identifiants avec POST.' },
        {
          headers: { allow: 'POST' },
        },
      );
      return true;
    }
    exchange.req.resume();
    manage(exchange, path).catch((error: unknown) => {
      options.fail(exchange, error);
    });
    return true;
  };

  /** Answers once the change is committed. */
  async function manage(exchange: Exchange, path: string): Promise<void> {
    const found = await authenticateClient(exchange, empty, clients, failures);
    if (found === undefined) return;
    exchange.consumerId = found.grant.consumerId;
    if (path === credentialPaths.rotateSecret) {
      sendJson(
        exchange,
        200,
        await service.rotateSecret(found.client.id, options.secretGraceSeconds),
      );
      return;
    }
    await service.revokeCredentials(found.client.id);
    sendJson(exchange, 200, { clientId: found.client.id, revoked: true });
  }
}
