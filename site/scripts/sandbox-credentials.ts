import { keyHeaderName, readStoredKey } from './sandbox-keys.ts';

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
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scope !== undefined) body.set('scope', scope);
  try {
    const response = await send(`${sandboxUrl.replace(/\/+$/, '')}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: toBasicAuthorization(client.clientId, client.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
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

/**
 * One credential an operation's call carries, as the catalog's security model decides it for
 * the sandbox (`site/lib/credential-needs.ts`): the key where the document names it, an access
 * token with the scopes the operation needs, or the client id and secret by HTTP basic.
 */
export type CredentialNeed =
  | { kind: 'key'; in: 'header' | 'query' | 'cookie'; name: string }
  | { kind: 'token'; scopes: string[] }
  | { kind: 'client' };

/** What a call may carry: the stored key and client, and a token fetched for the client. */
export interface CallCredentials {
  key?: string | undefined;
  client?: StoredClient | undefined;
  token?: string | undefined;
}

/** What a request carries to authenticate: header, query and cookie fields, in order. */
export interface CredentialFields {
  headers: [name: string, value: string][];
  query: [name: string, value: string][];
  cookies: [name: string, value: string][];
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

/** `Basic …` for a client id and secret (RFC 7617). */
export function toBasicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${btoa(`${clientId}:${clientSecret}`)}`;
}

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
  const fields: CredentialFields = { headers: [], query: [], cookies: [] };
  const key = credentials.key ?? placeholders.key;
  for (const need of needs) {
    if (need.kind === 'key') {
      if (need.in === 'header') fields.headers.push([need.name, key]);
      else if (need.in === 'query') fields.query.push([need.name, key]);
      else if (inBrowser) fields.headers.push([keyHeaderName, key]);
      else fields.cookies.push([need.name, key]);
    } else if (need.kind === 'token') {
      fields.headers.push(['Authorization', `Bearer ${credentials.token ?? placeholders.token}`]);
    } else {
      const { clientId, clientSecret } = credentials.client ?? {
        clientId: placeholders.clientId,
        clientSecret: placeholders.clientSecret,
      };
      fields.headers.push(['Authorization', toBasicAuthorization(clientId, clientSecret)]);
    }
  }
  return fields;
}

/** The scopes a call's token must carry, when one of its needs is a token. */
export function findTokenNeed(
  needs: readonly CredentialNeed[],
): Extract<CredentialNeed, { kind: 'token' }> | undefined {
  return needs.find((need) => need.kind === 'token');
}
