import { randomBytes, randomUUID } from 'node:crypto';
import type { IdentifierSchema } from '../../catalog/index.ts';
import { generateValue } from '../prism/prism-checks.ts';
import type { MockOperation } from '../prism/prism-engine.ts';

/** A new identifier: as the object holds it, and as its path and the store hold it. */
export interface DrawnIdentifier {
  value: string | number;
  text: string;
}

/** Draws that collide with an existing object are drawn again, this many times at most. */
const attempts = 20;

/**
 * Draws an identifier of the schema's kind: the next whole number for an integer (after the
 * largest one there, from the minimum), a UUID for `format: uuid`, a string matching the
 * pattern (drawn by Prism's generator), else random letters and digits within the length
 * bounds. `undefined` when nothing free fits the schema.
 */
export async function drawIdentifier(
  operation: MockOperation,
  schema: IdentifierSchema,
  isTaken: (text: string) => Promise<boolean>,
  largestNumber: () => Promise<number>,
): Promise<DrawnIdentifier | undefined> {
  if (schema.type !== 'string') {
    const next = Math.max((await largestNumber()) + 1, Math.ceil(schema.minimum ?? 1));
    if (schema.maximum === undefined || next <= schema.maximum) {
      return { value: next, text: String(next) };
    }
  }
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const value = drawOne(operation, schema);
    if (value === undefined) return undefined;
    const text = String(value);
    if (!(await isTaken(text))) return { value, text };
  }
  return undefined;
}

function drawOne(operation: MockOperation, schema: IdentifierSchema): string | number | undefined {
  if (schema.type !== 'string') {
    const low = Math.ceil(schema.minimum ?? 1);
    const high = Math.floor(schema.maximum ?? 2 ** 31 - 1);
    return high < low ? undefined : low + Math.floor(Math.random() * (high - low + 1));
  }
  if (schema.format === 'uuid') return randomUUID();
  if (schema.pattern !== undefined) {
    const drawn = generateValue(operation, { type: 'string', pattern: schema.pattern });
    return typeof drawn === 'string' && fitsPattern(drawn, schema.pattern) ? drawn : undefined;
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

function fitsPattern(text: string, pattern: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    // A pattern JavaScript reads differently: trust the generator, which read it.
    return true;
  }
}
