import type { KeyHasher } from '../keys/key-hasher.ts';
import { KeyServiceError } from '../keys/key-service-error.ts';
import type { ClientRecord, ClientStore } from '../store/client-store.ts';
import { createClientSecret, isClientIdShaped } from './client-format.ts';

/** A secret just drawn: the only time it is shown. */
export interface RotatedSecret {
  clientId: string;
  clientSecret: string;
  /** Until when the previous secret still works (ISO date-time), or null when it stopped at once. */
  previousSecretValidUntil: string | null;
}

/**
 * Rotating and revoking client credentials, by administrators and by their holders. Every
 * change settles once committed.
 */
export interface ClientService {
  /**
   * Draws a new secret. The previous one keeps working for `graceSeconds` (0: it stops now), so
   * a partner can roll the new one out without a failed call.
   */
  rotateSecret(clientId: string, graceSeconds: number): Promise<RotatedSecret>;
  /** Stops a client for good: its tokens fail on the next request, its secret is refused. */
  revokeClient(clientId: string): Promise<void>;
  /** What a holder does with their own credentials: the client and every subscription of its key. */
  revokeCredentials(clientId: string): Promise<void>;
}

/** What the service works with. */
export interface ClientServiceOptions {
  clients: ClientStore;
  hasher: KeyHasher;
  onChange?: () => void;
  now?: () => Date;
}

/** Longest grace an administrator may give a rotated secret: a month. */
export const maxSecretGraceSeconds = 30 * 24 * 3600;

/** Creates the service over an open store. */
export function createClientService(options: ClientServiceOptions): ClientService {
  const { clients, hasher } = options;
  const now = options.now ?? (() => new Date());
  const changed = options.onChange ?? (() => undefined);

  const find = async (clientId: string): Promise<ClientRecord> => {
    const client = isClientIdShaped(clientId) ? await clients.findClient(clientId) : undefined;
    if (client) return client;
    throw new KeyServiceError(
      'unknown-subscription',
      `no client "${clientId}"`,
      'name a client by its id (gc_ and 16 characters); `list` shows each key with its client',
    );
  };

  return {
    async rotateSecret(clientId, graceSeconds) {
      if (
        !Number.isInteger(graceSeconds) ||
        graceSeconds < 0 ||
        graceSeconds > maxSecretGraceSeconds
      ) {
        throw new KeyServiceError(
          'invalid-input',
          `grace period "${String(graceSeconds)}" is not a whole number of seconds from 0 to ${String(maxSecretGraceSeconds)}`,
          'give the seconds the previous secret keeps working, e.g. 86400 for a day',
        );
      }
      const client = await find(clientId);
      if (client.status !== 'active') {
        throw new KeyServiceError(
          'conflicting-state',
          `client ${clientId} is revoked`,
          'issue a new key and client',
        );
      }
      const date = now();
      const secret = createClientSecret();
      const until = graceSeconds === 0 ? null : date.getTime() + graceSeconds * 1000;
      await clients.updateSecret(
        client.id,
        hasher.hashKey(secret),
        until === null ? null : client.secretHash,
        until,
        date.toISOString(),
      );
      changed();
      return {
        clientId: client.id,
        clientSecret: secret,
        previousSecretValidUntil: until === null ? null : new Date(until).toISOString(),
      };
    },
    async revokeClient(clientId) {
      const client = await find(clientId);
      await clients.updateClientStatus(client.id, 'revoked', now().toISOString());
      changed();
    },
    async revokeCredentials(clientId) {
      const client = await find(clientId);
      await clients.revokeCredentials(client.id, client.keyId, now().toISOString());
      changed();
    },
  };
}
