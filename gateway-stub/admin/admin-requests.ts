import { z } from 'zod';
import { planNames } from '../../catalog/index.ts';
import { expiryInputSchema } from '../keys/expiry.ts';
import { printableText, printableTextMessage } from '../keys/key-inputs.ts';

/**
 * `POST /keys`: issue a key for one API, to a new consumer (`application`, `email`) or to an
 * existing one (`consumerId` alone). Consumers may share a name and an email: only an id
 * names one.
 */
export const createKeyRequestSchema = z
  .strictObject({
    /** Name of the application of the new consumer the key is for. */
    application: z
      .string()
      .trim()
      .min(2)
      .max(100)
      .regex(printableText, printableTextMessage)
      .optional(),
    /** Contact address of the new consumer. */
    email: z.email().max(254).optional(),
    /** An existing consumer (`con_…`) to attach the key to, instead of a new one. */
    consumerId: z.string().min(1).max(64).optional(),
    /** API the key is subscribed to. */
    api: z.string().min(1),
    /** Plan of the subscription; `free` unless said otherwise. */
    plan: z.enum(planNames).optional(),
    /** `active` unless said otherwise; `pending` waits for an approval. */
    status: z.enum(['active', 'pending']).optional(),
    /** End of the subscription (YYYY-MM-DD or ISO date-time, after now, by 9999-12-31); none by default. */
    expiresAt: expiryInputSchema.optional(),
  })
  // Checked even when other fields are wrong, so one answer lists every mistake.
  .refine((value) => value.consumerId !== undefined || value.application !== undefined, {
    path: ['application'],
    message: 'is required, unless consumerId names an existing consumer',
    when: isObjectPayload,
  })
  .refine(
    (value) =>
      value.consumerId === undefined ||
      (value.application === undefined && value.email === undefined),
    {
      path: ['consumerId'],
      message: 'attaches the key to an existing consumer: give it without application and email',
      when: isObjectPayload,
    },
  );

function isObjectPayload(payload: { value: unknown }): boolean {
  return typeof payload.value === 'object' && payload.value !== null;
}

/** `POST /keys/{ref}/approve|reject|revoke`: optionally only the subscription to one API. */
export const decisionRequestSchema = z.strictObject({
  /** Limit the decision to this API's subscription; every subscription of the key otherwise. */
  api: z.string().min(1).optional(),
});

/** `POST /keys/{ref}/plan`: move subscriptions to another plan. */
export const planRequestSchema = z.strictObject({
  plan: z.enum(planNames),
  /** Limit the change to this API's subscription. */
  api: z.string().min(1).optional(),
});

/** `POST /keys/{ref}/scopes`: the scopes the subscriptions grant, or the API's default grant. */
export const scopesRequestSchema = z.strictObject({
  /** A list of the API's scopes (restricted ones included), or `default`. */
  scopes: z.union([z.array(z.string().min(1).max(128)).max(200), z.literal('default')]),
  /** Limit the change to this API's subscription. */
  api: z.string().min(1).optional(),
});

/** `POST /clients/{id}/rotate-secret`: how long the previous secret keeps working. */
export const rotateSecretRequestSchema = z.strictObject({
  /** Seconds the previous secret stays valid (default: the gateway's `secretGraceSeconds`). */
  graceSeconds: z.int().min(0).optional(),
});

/** A create-key request as sent. */
export type CreateKeyRequestInput = z.input<typeof createKeyRequestSchema>;
/** A plan change as sent. */
export type PlanRequestInput = z.input<typeof planRequestSchema>;
