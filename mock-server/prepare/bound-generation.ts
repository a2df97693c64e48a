/**
 * What Prism's generators may be asked to produce. A response schema is a document's word on
 * how large an answer is: `minItems: 5000000` of `minLength: 100` strings made the mock server
 * build gigabytes on its one thread, holding every API. Preparation gives the generators (never
 * the request validator) a copy of such schemas with each size bounded, so the answer stays as
 * close to valid as those bounds let it; `prism/generation-budget.ts` bounds the whole answer.
 */

/** The largest size one schema may ask the generators for. */
export const generationLimits = {
  /** Items of one array (`minItems`, `maxItems`: Prism's generator fills arrays to `maxItems`). */
  items: 20,
  /** Characters of one string (`minLength`, `maxLength`). */
  length: 1000,
  /** Properties of one object (`minProperties`, `maxProperties`). */
  properties: 50,
  /** Repetitions of one counted quantifier of a `pattern` (`a{100000000}`). */
  repetition: 100,
  /** Characters a `pattern`'s counted quantifiers may multiply to, nested in each other. */
  patternProduct: 10_000,
} as const;

/** Where an operation keeps the schemas its generators use, when they differ from its own. */
export const generationKey = '__generation__';

/** The generators' copy: the responses, and the bundle their `$ref`s point into. */
export interface GenerationSchemas {
  responses: unknown;
  bundle: unknown;
}

const sizeKeywords: Record<string, number> = {
  minItems: generationLimits.items,
  maxItems: generationLimits.items,
  minLength: generationLimits.length,
  maxLength: generationLimits.length,
  minProperties: generationLimits.properties,
  maxProperties: generationLimits.properties,
};

/** Keys whose values are the owner's data, not schemas: copied as they are. */
const payloadKeys = new Set(['example', 'examples', 'default', 'const', 'enum']);

/** A counted quantifier of a pattern: `{n}`, `{n,}`, `{m,n}` (not after a backslash). */
const countedQuantifier = /(?<!\\)\{(\d+)(,(\d*))?\}/g;

/**
 * Gives each operation whose responses (or the bundle they point into) ask for more than
 * `generationLimits` a bounded copy under `generationKey`. Documents within the bounds, nearly
 * all, get nothing: the walk finds nothing to bound and nothing is copied.
 */
export function boundGeneration(operations: readonly unknown[]): void {
  const bundleCopies = new Map<unknown, unknown>();
  const copies = new Map<object, unknown>();
  for (const operation of operations) {
    if (operation === null || typeof operation !== 'object') continue;
    const record = operation as Record<string, unknown>;
    const bundle = record.__bundled__;
    const boundedBundle = bundleCopies.has(bundle)
      ? bundleCopies.get(bundle)
      : needsBounds(bundle)
        ? copyBounded(bundle, copies)
        : bundle;
    bundleCopies.set(bundle, boundedBundle);
    if (boundedBundle === bundle && !needsBounds(record.responses)) continue;
    const generation: GenerationSchemas = {
      responses: copyBounded(record.responses, copies),
      bundle: boundedBundle,
    };
    record[generationKey] = generation;
  }
}

/** True when some schema under `value` asks for more than the generators may produce. */
function needsBounds(value: unknown): boolean {
  const seen = new Set<object>();
  const stack = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (Array.isArray(current)) {
      stack.push(...(current as unknown[]));
      continue;
    }
    const record = current as Record<string, unknown>;
    if (exceedsBounds(record)) return true;
    for (const [key, child] of Object.entries(record)) {
      if (!payloadKeys.has(key)) stack.push(child);
    }
  }
  return false;
}

function exceedsBounds(schema: Record<string, unknown>): boolean {
  for (const [keyword, limit] of Object.entries(sizeKeywords)) {
    const size = schema[keyword];
    if (typeof size === 'number' && size > limit) return true;
  }
  if (typeof schema.pattern === 'string' && boundPattern(schema.pattern) !== schema.pattern) {
    return true;
  }
  return isFakerCall(schema.faker) || isFakerCall(schema['x-faker']);
}

/** A faker method given arguments (`{ 'lorem.paragraphs': 100000 }`): its size is the owner's. */
function isFakerCall(value: unknown): boolean {
  return value !== undefined && typeof value !== 'string';
}

/** A deep copy of `value` with every size bounded; shared and circular parts stay so. */
function copyBounded(value: unknown, copies: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    copies.set(value, list);
    for (const item of value as unknown[]) list.push(copyBounded(item, copies));
    return list;
  }
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    copy[key] = payloadKeys.has(key) ? child : copyBounded(child, copies);
  }
  boundSchema(copy);
  return copy;
}

/** Each lower bound with its upper one: lowering the first must bound the second too. */
const sizeRanges = [
  ['minItems', 'maxItems'],
  ['minLength', 'maxLength'],
  ['minProperties', 'maxProperties'],
] as const;

function boundSchema(schema: Record<string, unknown>): void {
  for (const [low, high] of sizeRanges) {
    const limit = sizeKeywords[low] ?? 0;
    const lower = schema[low];
    const upper = schema[high];
    // Prism's generator goes a few past a lower bound when there is no upper one.
    if (typeof lower === 'number' && lower > limit) {
      schema[low] = limit;
      schema[high] = limit;
    }
    if (typeof upper === 'number' && upper > limit) schema[high] = limit;
  }
  if (typeof schema.pattern === 'string') schema.pattern = boundPattern(schema.pattern);
  // Faker with arguments may build any size; the method alone stays (`internet.email`).
  if (isFakerCall(schema.faker)) delete schema.faker;
  if (isFakerCall(schema['x-faker'])) delete schema['x-faker'];
}

/**
 * Lowers a pattern's counted quantifiers: each to `generationLimits.repetition`, then all of
 * them to the largest count whose product (nesting multiplies them) stays within
 * `generationLimits.patternProduct`. A pattern within the bounds is returned unchanged.
 */
export function boundPattern(pattern: string): string {
  const counts = [...pattern.matchAll(countedQuantifier)].map((match) =>
    Number(match[3] === undefined ? match[1] : match[3] || match[1]),
  );
  const productAt = (cap: number): number =>
    counts.reduce((product, count) => product * Math.max(1, Math.min(count, cap)), 1);
  let cap: number = generationLimits.repetition;
  while (cap > 1 && productAt(cap) > generationLimits.patternProduct) cap -= 1;
  if (counts.every((count) => count <= cap)) return pattern;
  return pattern.replace(
    countedQuantifier,
    (_whole, low: string, range?: string, high?: string) => {
      const lower = String(Math.min(Number(low), cap));
      if (range === undefined) return `{${lower}}`;
      return high === '' || high === undefined
        ? `{${lower},${String(cap)}}`
        : `{${lower},${String(Math.min(Number(high), cap))}}`;
    },
  );
}

/** Bounded copies of the schemas the stateful layer draws values for, made once each. */
const fieldCopies = new WeakMap<object, unknown>();

/**
 * What the generators get for one value the stateful layer draws outside an answer (a required
 * field nothing gave, an identifier's format): `schema` itself when within `generationLimits`,
 * else its bounded copy, with the bundle its `$ref`s resolve against — the operation's bounded
 * one (`generationKey`) when preparation made one, else its own.
 */
export function boundForGeneration(
  operation: unknown,
  schema: unknown,
): { schema: unknown; bundle: unknown } {
  const record = (operation ?? {}) as Record<string, unknown>;
  const generation = record[generationKey] as GenerationSchemas | undefined;
  const bundle = generation ? generation.bundle : record.__bundled__;
  if (schema === null || typeof schema !== 'object') return { schema, bundle };
  let bounded = fieldCopies.get(schema);
  if (bounded === undefined) {
    bounded = needsBounds(schema) ? copyBounded(schema, new Map()) : schema;
    fieldCopies.set(schema, bounded);
  }
  return { schema: bounded, bundle };
}
