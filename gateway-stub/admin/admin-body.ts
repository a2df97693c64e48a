import type { z } from 'zod';
import type { Exchange } from '../http/exchange.ts';
import { readBody } from '../http/read-body.ts';
import { sendProblem } from '../http/send-response.ts';

/** Admin requests' bodies fit in this. */
const maxBodyBytes = 64 * 1024;

/**
 * Reads an admin request's JSON body (empty is `{}`) and gives `use` its value once `schema`
 * accepts it; answers a body too large, not JSON or refused by the schema (each field's
 * pointer and what is wrong) itself. What `use` throws goes to `answerError`.
 */
export function readAdminBody<T extends z.ZodType>(
  exchange: Exchange,
  schema: T,
  use: (value: z.output<T>) => void,
  answerError: (exchange: Exchange, error: unknown) => void,
): void {
  readBody(exchange.req, maxBodyBytes, (result) => {
    if (result.kind === 'aborted') return;
    if (result.kind === 'too-large') {
      sendProblem(
        exchange,
        'bodyTooLarge',
        {
          en: 'Admin requests fit in 64 KiB.',
          fr: 'Les requêtes d’administration tiennent en 64 Kio.',
        },
        {
          headers: { connection: 'close' },
        },
      );
      return;
    }
    try {
      const text = result.body?.toString('utf8') ?? '';
      const parsed = schema.safeParse(text.trim() === '' ? {} : JSON.parse(text));
      if (!parsed.success) {
        const errors = parsed.error.issues.map((issue) => ({
          pointer: `#/${issue.path.map(String).join('/')}`,
          detail: issue.message,
        }));
        sendProblem(
          exchange,
          'invalidRequest',
          { en: 'The request body is invalid.', fr: 'Le corps de la requête est invalide.' },
          {
            extensions: { errors },
          },
        );
        return;
      }
      use(parsed.data);
    } catch (error) {
      if (error instanceof SyntaxError) {
        sendProblem(exchange, 'invalidRequest', {
          en: 'The request body is not valid JSON.',
          fr: 'Le corps de la requête n’est pas du JSON valide.',
        });
        return;
      }
      answerError(exchange, error);
    }
  });
}
