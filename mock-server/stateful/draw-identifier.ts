import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { IdentifierSchema } from '../../catalog/index.ts';
import { generateValue } from '../prism/prism-checks.ts';
import type { MockOperation } from '../prism/prism-engine.ts';

/** A new identifier: as the object holds it, and as its path and the store hold it. */
export interface DrawnIdentifier {
  value: string | number;
  text: string;
}

// json-schema-faker (Prism's generator, pinned with it) draws strings of a pattern; its
// `randexp` alone costs a fifth of a whole generation, which a creation pays each time.
const require = createRequire(import.meta.url);
const { JSONSchemaFaker } = require('json-schema-faker') as {
  JSONSchemaFaker: { random: { randexp: (pattern: string) => unknown } };
};

/**
 * Draws an identifier of the schema's kind: the next whole number for an integer (after the
 * largest one there, from the minimum; `retry` draws at random in the bounds instead), a UUID
 * for `format: uuid`, a string matching the pattern, else random letters and digits within the
 * length bounds. The store refuses one already taken, and the caller draws again.
 * `undefined` when nothing fits the schema.
 */
export async function drawIdentifier(
  operation: MockOperation,
  schema: IdentifierSchema,
  largestNumber: () => Promise<number>,
  retry: boolean,
): Promise<DrawnIdentifier | undefined> {
  if (schema.type !== 'string' && !retry) {
    const next = Math.max((await largestNumber()) + 1, Math.ceil(schema.minimum ?? 1));
    if (schema.maximum === undefined || next <= schema.maximum) {
      return { value: next, text: String(next) };
    }
  }
  const value = drawOne(operation, schema);
  return value === undefined ? undefined : { value, text: String(value) };
}

function drawOne(operation: MockOperation, schema: IdentifierSchema): string | number | undefined {
  if (schema.type !== 'string') {
    const low = Math.ceil(schema.minimum ?? 1);
    const high = Math.floor(schema.maximum ?? 2 ** 31 - 1);
    return high < low ? undefined : low + Math.floor(Math.random() * (high - low + 1));
  }
  if (schema.format === 'uuid') return randomUUID();
  if (schema.pattern !== undefined) {
    const drawn = drawFromPattern(schema.pattern);
    return drawn !== undefined && fitsPattern(drawn, schema.pattern) ? drawn : undefined;
  }
  if (schema.format !== undefined && schema.format !== 'string') {
    const drawn = generateValue(operation, { type: 'string', format: schema.format });
    if (typeof drawn === 'string' && drawn !== '') return drawn;
  }
  const length = Math.min(Math.max(12, schema.minLength ?? 0), schema.maxLength ?? 12);
  if (length < 1) return undefined;
  let text = '';
  while (text.length < length) text += randomBytes(16).toString('base64url').replace(/[-_]/g, '');
  return text.slice(0, length);
}

function drawFromPattern(pattern: string): string | undefined {
  try {
    const drawn = JSONSchemaFaker.random.randexp(pattern);
    return typeof drawn === 'string' ? drawn : undefined;
  } catch {
    // A pattern the generator cannot read: no identifier of it.
    return undefined;
  }
}

function fitsPattern(text: string, pattern: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    // A pattern JavaScript reads differently: trust the generator, which read it.
    return true;
  }
}
