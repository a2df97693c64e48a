/**
 * Client credentials as RFC 6749 §2.3.1 sends them in `Authorization: Basic`: the client id and
 * the secret, each form-urlencoded, joined by `:`, in base64. guichet's ids and secrets hold no
 * character that encoding changes, so a client that skips it (as plain RFC 7617 basic does)
 * is read the same.
 */
export function readBasicCredentials(
  credentials: string,
): { clientId: string; secret: string } | undefined {
  if (credentials.length > 1_024 || !/^[A-Za-z0-9+/]+={0,2}$/.test(credentials)) return undefined;
  const text = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return {
      clientId: decodeURIComponent(text.slice(0, colon).replaceAll('+', ' ')),
      secret: decodeURIComponent(text.slice(colon + 1).replaceAll('+', ' ')),
    };
  } catch {
    return undefined;
  }
}
