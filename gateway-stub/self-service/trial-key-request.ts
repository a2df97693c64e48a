import { z } from 'zod';
import type { Localized } from '../../catalog/sandbox-languages.ts';
import { printableText, printableTextMessage } from '../keys/key-inputs.ts';

/**
 * What a partner is told of each field of a trial-key request, in every language of the
 * sandbox: the portal's form shows it beside the field. The schema carries the English one,
 * which `parseTrialKeyRequest` turns back into both.
 */
export const trialKeyFieldMessages = {
  tooShort: { en: 'must have at least 2 characters', fr: 'doit avoir au moins 2 caractères' },
  tooLong: { en: 'must have at most 100 characters', fr: 'doit avoir au plus 100 caractères' },
  printable: { en: printableTextMessage, fr: 'ne doit pas contenir de caractères de contrôle' },
  email: {
    en: 'must be an email address such as dev@example.org',
    fr: 'doit être une adresse électronique comme dev@example.org',
  },
  apiId: {
    en: 'must be an API id such as tax-filing',
    fr: 'doit être un identifiant d’API comme tax-filing',
  },
  acceptTerms: {
    en: 'must be true: accept the terms of use to get a key',
    fr: 'doit valoir true : acceptez les conditions d’utilisation pour obtenir une clé',
  },
  unknownField: { en: 'is not a known field', fr: 'n’est pas un champ connu' },
  required: { en: 'is required', fr: 'est obligatoire' },
  unknownApi: { en: 'names no API of the sandbox', fr: 'ne nomme aucune API du bac à sable' },
  notJson: { en: 'is not valid JSON', fr: 'n’est pas du JSON valide' },
  noBody: {
    en: 'is missing: send a JSON object',
    fr: 'est absent : envoyez un objet JSON',
  },
} as const satisfies Record<string, Localized>;

const messages = trialKeyFieldMessages;

/** The body of `POST /_guichet/trial-keys`, as the portal's form sends it. */
export const trialKeyRequestSchema = z.strictObject({
  /** Name of the partner's application, shown to administrators. */
  application: z
    .string()
    .trim()
    .min(2, messages.tooShort.en)
    .max(100, messages.tooLong.en)
    .regex(printableText, messages.printable.en),
  /** Where the partner can be reached about the key. */
  email: z.email(messages.email.en).max(254),
  /** The API the key is for. */
  api: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, messages.apiId.en),
  /** The partner accepted the sandbox's terms of use. */
  acceptTerms: z.literal(true, messages.acceptTerms.en),
});

/** The request as sent. */
export type TrialKeyRequestInput = z.input<typeof trialKeyRequestSchema>;
/** The request once validated. */
export type TrialKeyRequest = z.output<typeof trialKeyRequestSchema>;

/**
 * One invalid field, as RFC 9457 §3 suggests: a JSON pointer into the body and a sentence, in
 * each language (the refusal picks the caller's).
 */
export interface FieldError {
  pointer: string;
  detail: Localized;
}

const byEnglish = new Map<string, Localized>(
  Object.values(trialKeyFieldMessages).map((message) => [message.en, message]),
);

/** Validates a parsed body; each problem becomes a field error. */
export function parseTrialKeyRequest(
  value: unknown,
): { ok: true; request: TrialKeyRequest } | { ok: false; errors: FieldError[] } {
  const result = trialKeyRequestSchema.safeParse(value);
  if (result.success) return { ok: true, request: result.data };
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({ pointer: `#/${key}`, detail: messages.unknownField });
      }
      continue;
    }
    const path = issue.path.map(String).join('/');
    const missing = issue.code === 'invalid_type' && issue.message.includes('received undefined');
    errors.push({
      pointer: `#/${path}`,
      // zod's own words (a 255-character email) have no French twin: both get them.
      detail: missing
        ? messages.required
        : (byEnglish.get(issue.message) ?? { en: issue.message, fr: issue.message }),
    });
  }
  return { ok: false, errors };
}
