import {
  placeCredentials,
  toTokenRequest,
  type CredentialFields,
  type CredentialNeed,
} from '../../catalog/sandbox-credentials.ts';
import { readStoredKey } from './sandbox-keys.ts';

/**
 * The OAuth 2.0 client of a trial application, kept in the browser beside its key: the
 * `localStorage` entry `guichet:clients` (`guichet:clients:<base>` for a preview, whose sandbox
 * is its own), a JSON object from API id to `{ clientId, clientSecret }`. The trial-key form
 * writes it, the console and the page's commands read it — and anything else on the portal
 * that calls the sandbox for the partner (a "try it") should read it here too, with
 * `readCredentials` and `requestSandboxToken`.
 */

/** A trial application's client. */
export interface StoredClient {
  clientId: string;
  clientSecret: string;
}

/** What the browser holds for one API. */
export interface StoredCredentials {
  key: string | undefined;
  client: StoredClient | undefined;
}

/** The entry for a base path. */
export function toStoredClientsName(base: string): string {
  return base === '/' || base === '' ? 'guichet:clients' : `guichet:clients:${base}`;
}

/** The entry this portal uses. */
export const storedClientsName = toStoredClientsName(
  (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/',
);

/** Reads the stored clients; anything malformed counts as none. */
export function parseStoredClients(raw: string | null | undefined): Record<string, StoredClient> {
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const clients: Record<string, StoredClient> = {};
  for (const [apiId, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { clientId, clientSecret } = entry as Record<string, unknown>;
    if (
      typeof clientId === 'string' &&
      typeof clientSecret === 'string' &&
      clientId !== '' &&
      clientSecret !== ''
    ) {
      clients[apiId] = { clientId, clientSecret };
    }
  }
  return clients;
}

/** The key and the client the browser holds for one API. */
export function readCredentials(
  storage: Pick<Storage, 'getItem'> | undefined,
  apiId: string,
): StoredCredentials {
  let client: StoredClient | undefined;
  try {
    client = parseStoredClients(storage?.getItem(storedClientsName))[apiId];
  } catch {
    client = undefined;
  }
  return { key: readStoredKey(storage, apiId), client };
}

/** Saves one API's client beside the others; false when storage refuses. */
export function storeClient(
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
  apiId: string,
  client: StoredClient | undefined,
): boolean {
  if (!storage) return false;
  try {
    const others = Object.entries(parseStoredClients(storage.getItem(storedClientsName))).filter(
      ([id]) => id !== apiId,
    );
    const clients = Object.fromEntries(
      client === undefined ? others : [...others, [apiId, client]],
    );
    storage.setItem(storedClientsName, JSON.stringify(clients));
    return true;
  } catch {
    return false;
  }
}

/**
 * Asks the sandbox's token endpoint for an access token by client credentials
 * (`client_secret_basic`); undefined when it refuses or cannot be reached. Without `scope` the
 * token carries every scope the subscription grants.
 */
export async function requestSandboxToken(
  sandboxUrl: string,
  client: StoredClient,
  scope?: string,
  send: typeof fetch = fetch,
): Promise<{ token: string; scope: string } | undefined> {
  const request = toTokenRequest(
    sandboxUrl,
    client.clientId,
    client.clientSecret,
    scope === undefined ? [] : [scope],
  );
  try {
    const response = await send(request.url, {
      ...request.init,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return undefined;
    const answer = (await response.json()) as { access_token?: unknown; scope?: unknown };
    if (typeof answer.access_token !== 'string') return undefined;
    return {
      token: answer.access_token,
      scope: typeof answer.scope === 'string' ? answer.scope : '',
    };
  } catch {
    return undefined;
  }
}

/** What a call may carry: the stored key and client, and a token fetched for the client. */
export interface CallCredentials {
  key?: string | undefined;
  client?: StoredClient | undefined;
  token?: string | undefined;
}

/**
 * What code samples and commands show where the partner's credentials go before they are
 * issued; the page's scripts put the stored ones in their place when copied.
 */
export const placeholders = {
  key: 'YOUR_KEY',
  clientId: 'YOUR_CLIENT_ID',
  clientSecret: 'YOUR_CLIENT_SECRET',
  token: 'YOUR_TOKEN',
} as const;

/**
 * How a request to the sandbox carries the partner's credentials for one operation: the one
 * place code samples, "try it" and its curl decide it. Each need is met with what is held, or
 * its placeholder; `inBrowser` marks a request the page sends itself, which cannot set a
 * cookie on another origin: a key declared in a cookie goes in `X-Api-Key` there instead, which
 * the sandbox takes for every operation.
 */
export function toCredentialFields(
  credentials: CallCredentials,
  needs: readonly CredentialNeed[],
  inBrowser = false,
): CredentialFields {
  const client = credentials.client ?? {
    clientId: placeholders.clientId,
    clientSecret: placeholders.clientSecret,
  };
  return placeCredentials(
    {
      key: credentials.key ?? placeholders.key,
      token: credentials.token ?? placeholders.token,
      ...client,
    },
    needs,
    inBrowser,
  );
}

/** The scopes a call's token must carry, when one of its needs is a token. */
export function findTokenNeed(
  needs: readonly CredentialNeed[],
): Extract<CredentialNeed, { kind: 'token' }> | undefined {
  return needs.find((need) => need.kind === 'token');
}
