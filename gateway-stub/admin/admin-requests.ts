import { z } from 'zod';
import { planNames } from '../../catalog/index.ts';
import { expiryInputSchema } from '../keys/expiry.ts';

/** `POST /keys`: issue a key to an application for one API. */
export const createKeyRequestSchema = z.strictObject({
  /** Name of the application the key is for; a new consumer unless one has this name and email. */
  application: z.string().trim().min(2).max(100),
  /** Contact address of the application. */
  email: z.email().max(254).optional(),
  /** API the key is subscribed to. */
  api: z.string().min(1),
  /** Plan of the subscription; `free` unless said otherwise. */
  plan: z.enum(planNames).optional(),
  /** `active` unless said otherwise; `pending` waits for an approval. */
  status: z.enum(['active', 'pending']).optional(),
  /** End of the subscription (YYYY-MM-DD or ISO date-time, after now, by 9999-12-31); none by default. */
  expiresAt: expiryInputSchema.optional(),
});

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

/** A create-key request as sent. */
export type CreateKeyRequestInput = z.input<typeof createKeyRequestSchema>;
/** A plan change as sent. */
export type PlanRequestInput = z.input<typeof planRequestSchema>;
