import type { MockOperation } from '../prism/prism-engine.ts';
import { generateValue } from '../prism/prism-checks.ts';
import { getOwn, isJsonObject, setOwn, type JsonObject } from './json-values.ts';
import { allowsMoreFields, readFields } from './operation-answers.ts';

/** Where the fields of a shaped object come from, in order. */
export interface ShapeSources {
  /** What the consumer sent: its fields win. */
  given: JsonObject;
  /** What stands for the rest: an example answer of the document, or the object as stored. */
  base: JsonObject | undefined;
  /** Where a required field neither gives is looked for next (another answer's example). */
  fallback?: JsonObject | undefined;
  /** Keep only the declared fields, even where the schema allows more (an answer's shape). */
  strict?: boolean;
  /** The clock, for dates the server sets (`createdAt`). */
  now: Date;
}

/**
 * Builds an object for `schema`: each declared field from what the consumer gave, else from
 * the base (an example: a status, a nested object the server fills), else — when required —
 * drawn from the field's schema. A date-time or date the base holds is the server's own, so it
 * becomes now (a `null` there, "not yet", stays). Fields the schema does not declare are kept
 * from what was given when the schema allows more; without declared fields, given and base are
 * merged as they are.
 */
export function shapeObject(
  operation: MockOperation,
  schema: Record<string, unknown> | undefined,
  sources: ShapeSources,
): JsonObject {
  const { given, base } = sources;
  const fields = readFields(operation, schema);
  const shaped: JsonObject = {};
  if (fields.properties.size === 0) {
    for (const source of [base, given]) {
      if (!source) continue;
      for (const name of Object.keys(source)) setOwn(shaped, name, source[name]);
    }
    return shaped;
  }
  for (const [name, field] of fields.properties) {
    // A write-only field (a password) is read by the server, never answered back.
    if (field.writeOnly === true) continue;
    if (Object.hasOwn(given, name)) {
      setOwn(shaped, name, given[name]);
      continue;
    }
    const fromBase = getOwn(base, name);
    if (fromBase !== undefined) {
      setOwn(shaped, name, toServerValue(field, fromBase, sources.now));
      continue;
    }
    if (!fields.required.has(name)) continue;
    const fromFallback = getOwn(sources.fallback, name);
    if (fromFallback !== undefined) {
      setOwn(shaped, name, toServerValue(field, fromFallback, sources.now));
      continue;
    }
    const drawn = drawValue(operation, field, sources.now);
    if (drawn !== undefined) setOwn(shaped, name, drawn);
  }
  if (sources.strict !== true && allowsMoreFields(schema)) {
    for (const name of Object.keys(given)) {
      if (!fields.properties.has(name)) setOwn(shaped, name, given[name]);
    }
  }
  return shaped;
}

/** The base's value of a field the server sets: now for its dates, as is otherwise. */
function toServerValue(field: Record<string, unknown>, value: unknown, now: Date): unknown {
  if (typeof value !== 'string') return value;
  if (field.format === 'date-time') return toDateTime(now);
  if (field.format === 'date') return toDateTime(now).slice(0, 10);
  return value;
}

/** The call's instant as text, written once per call whatever the number of date fields. */
const written = new WeakMap<Date, string>();

/** `2026-12-01T09:41:27Z`: to the second, as examples write them. */
function toDateTime(now: Date): string {
  const known = written.get(now);
  if (known !== undefined) return known;
  const text = `${now.toISOString().slice(0, 19)}Z`;
  written.set(now, text);
  return text;
}

/** A value for a required field nothing gave: its default, const, first enum value, or drawn. */
function drawValue(operation: MockOperation, field: Record<string, unknown>, now: Date): unknown {
  if (field.default !== undefined) return field.default;
  if (field.const !== undefined) return field.const;
  if (Array.isArray(field.enum) && field.enum.length > 0) return field.enum[0];
  if (field.format === 'date-time') return toDateTime(now);
  if (field.format === 'date') return toDateTime(now).slice(0, 10);
  const examples = field.examples;
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  if (field.example !== undefined) return field.example;
  return generateValue(operation, field);
}

/** A copy of `object` without the fields `names` (what a `PUT` replaces). */
export function omitFields(object: JsonObject, names: Iterable<string>): JsonObject {
  const omitted = new Set(names);
  const kept: JsonObject = {};
  for (const name of Object.keys(object)) {
    if (!omitted.has(name)) setOwn(kept, name, object[name]);
  }
  return kept;
}

/** `base` as an object, for sources that may be anything. */
export function toBase(value: unknown): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}
