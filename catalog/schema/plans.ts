import { z } from 'zod';

/**
 * Sandbox plans. The gateway enforces these numbers and the portal prints them: both read them
 * from here, through the catalog, so what a partner reads is what the sandbox applies.
 */
export const planNames = ['free', 'premium', 'internal'] as const;

/** A plan a subscription key can be on. */
export type PlanName = (typeof planNames)[number];

/** Requests a minute each plan allows when an API does not say otherwise. */
export const defaultPlanQuotas: Readonly<Record<PlanName, number>> = {
  free: 100,
  premium: 1_000,
  internal: 5_000,
};

/** One plan as an API's metadata may override it. */
export const planOverrideSchema = z
  .object({
    requestsPerMinute: z
      .int()
      .positive()
      .max(1_000_000)
      .describe('Requests a minute allowed to one key on this plan.'),
  })
  .strict();

/** Per-API overrides of the default plans; plans left out keep their default. */
export const plansSchema = z
  .object({
    free: planOverrideSchema.optional().describe('The plan self-service keys start on.'),
    premium: planOverrideSchema
      .optional()
      .describe('A plan an administrator grants to partners who need more.'),
    internal: planOverrideSchema.optional().describe("For the administration's own applications."),
  })
  .strict();

/** A plan as the catalog resolves it: its name and the quota that applies. */
export interface ResolvedPlan {
  name: PlanName;
  requestsPerMinute: number;
}

/** Applies an API's overrides to the defaults, in a stable order. */
export function resolvePlans(overrides: z.output<typeof plansSchema> | undefined): ResolvedPlan[] {
  return planNames.map((name) => ({
    name,
    requestsPerMinute: overrides?.[name]?.requestsPerMinute ?? defaultPlanQuotas[name],
  }));
}
