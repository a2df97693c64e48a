import { z } from 'zod';
import { printableText, printableTextMessage } from '../keys/key-inputs.ts';

/** The body of `POST /_guichet/trial-keys`, as the portal's form sends it. */
export const trialKeyRequestSchema = z.strictObject({
  /** Name of the partner's application, shown to administrators. */
  application: z
    .string()
    .trim()
    .min(2, 'must have at least 2 characters')
    .max(100, 'must have at most 100 characters')
    .regex(printableText, printableTextMessage),
  /** Where the partner can be reached about the key. */
  email: z.email('must be an email address such as dev@example.org').max(254),
  /** The API the key is for. */
  api: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an API id such as tax-filing'),
  /** The partner accepted the sandbox's terms of use. */
  acceptTerms: z.literal(true, 'must be true: accept the terms of use to get a key'),
});

/** The request as sent. */
export type TrialKeyRequestInput = z.input<typeof trialKeyRequestSchema>;
/** The request once validated. */
export type TrialKeyRequest = z.output<typeof trialKeyRequestSchema>;

/** One invalid field, as RFC 9457 §3 suggests: a JSON pointer into the body and a sentence. */
export interface FieldError {
  pointer: string;
  detail: string;
}

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
        errors.push({ pointer: `#/${key}`, detail: 'is not a known field' });
      }
      continue;
    }
    const path = issue.path.map(String).join('/');
    const missing = issue.code === 'invalid_type' && issue.message.includes('received undefined');
    errors.push({
      pointer: `#/${path}`,
      detail: missing ? 'is required' : issue.message,
    });
  }
  return { ok: false, errors };
}
