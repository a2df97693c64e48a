import { randomBytes } from 'node:crypto';
import { planNames, type PlanName } from '../../catalog/index.ts';
import type { ConsumerRecord, KeyStore } from '../store/key-store.ts';
import { expiryInputSchema } from './expiry.ts';
import { KeyServiceError } from './key-service-error.ts';
import type { IssueKeyInput } from './key-service.ts';

/** What an administrator or a form gives the key service, checked and turned into records. */

/**
 * Text without control characters: what an application's name is. A NUL cannot be stored in
 * PostgreSQL's text at all, and an escape sequence would act on the terminal of whoever lists
 * the keys; no name needs either.
 */
export const printableText = /^[^\p{Cc}]*$/u;

/** Why a name with a control character is refused. */
export const printableTextMessage = 'must not hold control characters';

/**
 * The consumer the key goes to: the one named by id (`created` false), or a new one to write
 * with the key (`created` true).
 */
export async function toConsumer(
  store: KeyStore,
  input: IssueKeyInput,
  at: string,
): Promise<{ consumer: ConsumerRecord; created: boolean }> {
  if (input.consumerId !== undefined) {
    if (input.application !== undefined || input.email !== undefined) {
      throw new KeyServiceError(
        'invalid-input',
        'a consumer id and an application name were both given',
        'give the consumer id alone to attach the key to that consumer, or an application (and email) for a new one',
      );
    }
    const existing = await store.findConsumerById(input.consumerId);
    if (existing) return { consumer: existing, created: false };
    throw new KeyServiceError(
      'invalid-input',
      `no consumer "${input.consumerId}"`,
      'GET /consumers (or `npm run keys -- list`) shows the consumers and their ids',
    );
  }
  if (input.application === undefined || input.application.trim() === '') {
    throw new KeyServiceError(
      'invalid-input',
      'no application name and no consumer id',
      'name the application of a new consumer, or give the id (con_…) of an existing one',
    );
  }
  if (!printableText.test(input.application) || !printableText.test(input.email ?? '')) {
    throw new KeyServiceError(
      'invalid-input',
      `the application name or email ${printableTextMessage}`,
      'type them as plain text',
    );
  }
  const consumer: ConsumerRecord = {
    id: toId('con'),
    application: input.application,
    email: input.email ?? null,
    createdAt: at,
  };
  return { consumer, created: true };
}

/** `con_…`, `key_…`, `sub_…`: random, so ids reveal neither order nor count. */
export function toId(kind: string): string {
  return `${kind}_${randomBytes(9).toString('base64url')}`;
}

export function toPlan(plan: string): PlanName {
  if ((planNames as readonly string[]).includes(plan)) return plan as PlanName;
  throw new KeyServiceError(
    'invalid-input',
    `unknown plan "${plan}"`,
    `use one of: ${planNames.join(', ')}`,
  );
}

/** The end date to store, checked as the admin API checks it (the CLI comes this way). */
export function toExpiry(value: string | undefined): string | null {
  if (value === undefined) return null;
  const parsed = expiryInputSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new KeyServiceError(
    'invalid-input',
    `end date "${value}" ${parsed.error.issues[0]?.message ?? 'is not valid'}`,
    '',
  );
}
