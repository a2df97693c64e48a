import { createRequire } from 'node:module';

/**
 * One bound on a whole generated answer. Bounding each schema (`prepare/bound-generation.ts`)
 * is not enough: sizes multiply through nesting (five arrays of 20 are 3.2 million values) and
 * a schema may require itself. Prism's dynamic generator (json-schema-faker) draws a random
 * number for nearly every value it makes, so the draws of one answer are counted, and past the
 * budget the generation stops and the request gets a problem instead of holding the thread.
 */

/** Random draws one generated answer may take: a few hundred kilobytes of answer at most. */
export const generationDraws = 50_000;

interface SchemaFaker {
  option: (name: string, value: unknown) => void;
}

// The generator and seeded random source Prism itself loads (Prism is pinned in package.json).
const requireFromPrism = createRequire(
  createRequire(import.meta.url).resolve(
    '@stoplight/prism-http/dist/mocker/generator/JSONSchema.js',
  ),
);
const { JSONSchemaFaker } = requireFromPrism('json-schema-faker') as {
  JSONSchemaFaker: SchemaFaker;
};
const seedrandom = requireFromPrism('seedrandom') as (seed: string) => () => number;

/** Thrown from inside the generator once the budget is spent; caught here only. */
class BudgetSpent extends Error {}

/**
 * Runs `generate` (a synchronous call of Prism's mocker) with the generator's random source
 * counted, seeded by `seed` when given (Prism would leave its seeded source in place for later
 * unseeded answers; this sets one for each answer). Returns `spent` when the answer needed more.
 */
export function generateWithinBudget<T>(
  seed: string | undefined,
  generate: () => T,
): { value: T } | { spent: true } {
  const next = seed === undefined ? Math.random : seedrandom(seed);
  let left = generationDraws;
  const budget = { spent: false };
  JSONSchemaFaker.option('random', () => {
    left -= 1;
    if (left < 0) {
      budget.spent = true;
      throw new BudgetSpent('generated answer too large');
    }
    return next();
  });
  try {
    const value = generate();
    return budget.spent ? { spent: true } : { value };
  } catch (error) {
    if (budget.spent) return { spent: true };
    throw error;
  } finally {
    // Prism's own default: a spent counter left in place would fail every later draw made
    // outside a budget (json-schema-faker's `randexp` reads the same option).
    JSONSchemaFaker.option('random', Math.random);
  }
}
