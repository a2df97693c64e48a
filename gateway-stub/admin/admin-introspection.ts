import type { Exchange } from '../http/exchange.ts';
import { hasBody, readBody } from '../http/read-body.ts';
import { sendJson, sendProblem } from '../http/send-response.ts';

const sendTokenForm = {
  en: 'Send token=<access token> as a form body.',
  fr: 'Envoyez token=<jeton d’accès> dans un corps de formulaire.',
};

/**
 * `POST /oauth/introspect` (RFC 7662 §2.1): `token` in a form body of 16 KiB at most,
 * answered with what `introspect` says of it; its failures go to `answerError`.
 */
export function answerIntrospection(
  exchange: Exchange,
  introspect: (token: string) => Promise<Record<string, unknown>>,
  answerError: (exchange: Exchange, error: unknown) => void,
): void {
  if (!hasBody(exchange.req)) {
    sendProblem(exchange, 'invalidRequest', sendTokenForm);
    return;
  }
  readBody(exchange.req, 16 * 1024, (result) => {
    if (result.kind === 'aborted') return;
    if (result.kind === 'too-large') {
      sendProblem(
        exchange,
        'bodyTooLarge',
        {
          en: 'An introspection request fits in 16 KiB.',
          fr: 'Une requête d’introspection tient en 16 Kio.',
        },
        {
          headers: { connection: 'close' },
        },
      );
      return;
    }
    const token = new URLSearchParams(result.body?.toString('utf8') ?? '').get('token') ?? '';
    if (token === '') {
      sendProblem(exchange, 'invalidRequest', sendTokenForm);
      return;
    }
    introspect(token).then(
      (answer) => {
        sendJson(exchange, 200, answer);
      },
      (error: unknown) => {
        answerError(exchange, error);
      },
    );
  });
}
