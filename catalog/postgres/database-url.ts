import { z } from 'zod';

/** What a database URL looks like, for messages. */
export const databaseUrlShape = 'postgres://user:password@host:5432/database';

/**
 * `GUICHET_DATABASE_URL`, as every process of the sandbox reads it (the gateway, the mock
 * server, `npm run keys`, `npm run diff`): a `postgres://` URL that parses. The value is never
 * echoed in a message: it holds a password.
 */
export function databaseUrlVariable() {
  return z
    .string()
    .trim()
    .regex(/^postgres(?:ql)?:\/\/[^/?#]+/, {
      error: `must be a postgres:// URL (${databaseUrlShape})`,
    })
    .refine((value) => URL.canParse(value), {
      error: 'is not a URL that parses (percent-encode @ : / in the password)',
    });
}
