import type { StoredClient } from './sandbox-credentials.ts';

/** What the holder's buttons need. */
export interface CredentialActionsOptions {
  sandboxUrl: string;
  readClient: () => StoredClient | undefined;
  /** Stores the rotated secret; the previous one works on for the gateway's grace period. */
  onRotated: (client: StoredClient) => void;
  onRevoked: () => void;
  showMessage: (content: readonly (Node | string)[]) => void;
}

/**
 * The holder's own credential management on the API page (`POST <sandbox>/_guichet/credentials/
 * rotate-secret|revoke`, authenticated with the stored client id and secret): rotating shows
 * the new secret once and stores it; revoking stops the key, the client and its tokens.
 */
export function startCredentialActions(root: HTMLElement, options: CredentialActionsOptions): void {
  const base = options.sandboxUrl.replace(/\/+$/, '');
  const post = async (path: string, client: StoredClient): Promise<Response | undefined> => {
    try {
      return await fetch(`${base}/_guichet/credentials/${path}`, {
        method: 'POST',
        headers: { authorization: `Basic ${btoa(`${client.clientId}:${client.clientSecret}`)}` },
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      return undefined;
    }
  };
  const refused = (response: Response | undefined, what: string): void => {
    options.showMessage([
      `The sandbox did not ${what}${response === undefined ? ': it could not be reached' : ` (status ${String(response.status)})`}.`,
    ]);
  };

  root.querySelector('[data-rotate-secret]')?.addEventListener('click', () => {
    const client = options.readClient();
    if (!client) return;
    void post('rotate-secret', client).then(async (response) => {
      if (!response?.ok) {
        refused(response, 'rotate the secret');
        return;
      }
      const answer = (await response.json()) as {
        clientSecret?: unknown;
        previousSecretValidUntil?: unknown;
      };
      if (typeof answer.clientSecret !== 'string') {
        refused(response, 'rotate the secret');
        return;
      }
      options.onRotated({ clientId: client.clientId, clientSecret: answer.clientSecret });
      const box = root.querySelector<HTMLElement>('#trial-key-rotated');
      const secret = root.querySelector('#trial-rotated-secret');
      const grace = root.querySelector('[data-rotated-grace]');
      if (secret) secret.textContent = answer.clientSecret;
      if (grace) {
        grace.textContent =
          typeof answer.previousSecretValidUntil === 'string'
            ? `Shown once; this browser saved it. The previous secret works until ${answer.previousSecretValidUntil}.`
            : 'Shown once; this browser saved it. The previous secret no longer works.';
      }
      if (box) box.hidden = false;
    });
  });

  root.querySelector('[data-revoke-credentials]')?.addEventListener('click', () => {
    const client = options.readClient();
    if (!client) return;
    void post('revoke', client).then((response) => {
      if (!response?.ok) {
        refused(response, 'revoke the credentials');
        return;
      }
      options.onRevoked();
    });
  });
}
