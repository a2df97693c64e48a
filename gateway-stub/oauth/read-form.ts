import type { Exchange } from '../http/exchange.ts';
import { hasBody, readBody } from '../http/read-body.ts';
import { sendProblem } from '../http/send-response.ts';
import { sendOAuthError } from './oauth-errors.ts';

/** Largest body of a request to the authorization server: a token request is a few lines. */
export const maxFormBytes = 8 * 1024;

/**
 * Reads an `application/x-www-form-urlencoded` body (RFC 6749 §3.2) and hands its parameters
 * on, or answers why not: another media type, a body over 8 KiB (413, connection closed), or a
 * parameter sent twice (`invalid_request`: §3.1 says each is sent once).
 */
export function readForm(
  exchange: Exchange,
  use: (form: URLSearchParams) => void,
  fail: (exchange: Exchange, error: unknown) => void,
): void {
  const { req } = exchange;
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(?:;|$)/i.test(type)) {
    sendOAuthError(exchange, 'invalid_request', {
      en: 'Send the parameters as application/x-www-form-urlencoded.',
      fr: 'Envoyez les paramètres en application/x-www-form-urlencoded.',
    });
    return;
  }
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > maxFormBytes) {
    refuseTooLarge(exchange);
    return;
  }
  if (!hasBody(req)) {
    sendOAuthError(exchange, 'invalid_request', {
      en: 'The request has no parameters: send grant_type=client_credentials.',
      fr: 'La requête n’a aucun paramètre : envoyez grant_type=client_credentials.',
    });
    return;
  }
  readBody(req, maxFormBytes, (result) => {
    if (result.kind === 'aborted') return;
    if (result.kind === 'too-large') {
      refuseTooLarge(exchange);
      return;
    }
    try {
      const form = new URLSearchParams(result.body?.toString('utf8') ?? '');
      const names = [...form.keys()];
      const repeated = names.find((name, index) => names.indexOf(name) !== index);
      if (repeated !== undefined) {
        sendOAuthError(exchange, 'invalid_request', {
          en: `The parameter ${repeated.slice(0, 40)} is sent more than once.`,
          fr: `Le paramètre ${repeated.slice(0, 40)} est envoyé plus d’une fois.`,
        });
        return;
      }
      use(form);
    } catch (error) {
      fail(exchange, error);
    }
  });
}

function refuseTooLarge(exchange: Exchange): void {
  sendProblem(
    exchange,
    'bodyTooLarge',
    {
      en: `A request to the authorization server fits in ${String(maxFormBytes)} bytes.`,
      fr: `Une requête au serveur d’autorisation tient en ${String(maxFormBytes)} octets.`,
    },
    {
      headers: { connection: 'close' },
    },
  );
}
