import type { z } from 'zod';

/** What a zod issue means to an owner editing `api.yaml`: a sentence and a way out. */
export interface IssueDescription {
  /** The field the message is about, as a path from the root. */
  path: PropertyKey[];
  /** Where to point in the file when `path` itself is absent (a field that is required). */
  linePath?: PropertyKey[];
  message: string;
  hint: string;
}

/**
 * Turns a zod issue into the words an owner needs. Zod's own messages speak of types and
 * schemas; these speak of the file being edited, and suggest the value that was probably meant.
 */
export function describeIssue(
  issue: z.core.$ZodIssue,
  schema: z.ZodType,
  input: unknown,
): IssueDescription[] {
  const path = [...issue.path];
  const received = valueAt(input, path);
  const params = (issue as { params?: { hint?: string; linePath?: PropertyKey[] } }).params;
  switch (issue.code) {
    case 'invalid_type':
      if (received === undefined) {
        return [{ path, message: 'is required', hint: `add this field (${issue.expected})` }];
      }
      return [
        {
          path,
          message: `must be ${article(issue.expected)} (got ${describeValue(received)})`,
          hint: hintForType(issue.expected),
        },
      ];
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const guess = closest(String(received), allowed);
      return [
        {
          path,
          message: `must be one of ${allowed.join(', ')} (got ${describeValue(received)})`,
          hint: guess ? `did you mean "${guess}"?` : `use one of ${allowed.join(', ')}`,
        },
      ];
    }
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path);
      return issue.keys.map((key) => {
        const guess = closest(key, known);
        return {
          path: [...path, key],
          message: 'is not a known field',
          hint: guess ? `did you mean "${guess}"?` : `known fields here: ${known.join(', ')}`,
        };
      });
    }
    case 'invalid_format':
      return [
        {
          path,
          message: `must be ${formatName(issue.format)} (got ${describeValue(received)})`,
          hint: formatHint(issue.format, issue.message),
        },
      ];
    case 'too_small':
      return [{ path, message: tooSmall(issue), hint: 'fill it in or remove it' }];
    case 'too_big':
      return [{ path, message: tooBig(issue), hint: 'shorten it' }];
    default:
      return [
        {
          path,
          ...(params?.linePath && { linePath: params.linePath }),
          message: issue.message,
          hint: params?.hint ?? 'see the metadata reference in README.md',
        },
      ];
  }
}

/** Lists the field names a strict object accepts at `path`, to suggest one for a typo. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const key of [...path, undefined]) {
    current = unwrap(current);
    const shape = (current as { shape?: Record<string, unknown> }).shape;
    if (key === undefined) return shape ? Object.keys(shape) : [];
    if (typeof key === 'number' || /^\d+$/.test(String(key))) {
      current = (current as { element?: unknown }).element;
    } else if (shape) {
      current = shape[String(key)];
    } else {
      return [];
    }
  }
  return [];
}

interface SchemaLike {
  def?: { type?: string; in?: SchemaLike; innerType?: SchemaLike };
}

/** Sees through optional, default and pipe wrappers to the schema that holds the shape. */
function unwrap(schema: unknown): unknown {
  let current = schema as SchemaLike | undefined;
  for (let depth = 0; depth < 10 && current; depth += 1) {
    const next = current.def?.type === 'pipe' ? current.def.in : current.def?.innerType;
    if (!next) break;
    current = next;
  }
  return current;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean')
    return `${typeof value} ${String(value)}`;
  return typeof value;
}

function article(expected: string): string {
  const words: Record<string, string> = {
    array: 'a list',
    object: 'a mapping',
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
  };
  return words[expected] ?? expected;
}

function hintForType(expected: string): string {
  if (expected === 'array') return 'write it as a list, one `- item` per line';
  if (expected === 'object')
    return 'write it as a mapping of `key: value` lines, indented under it';
  if (expected === 'string') return 'quote the value if YAML reads it as something else';
  return `write ${article(expected)}`;
}

function formatName(format: string): string {
  const names: Record<string, string> = {
    email: 'an email address',
    url: 'an http(s) URL',
    date: 'a date as YYYY-MM-DD',
    regex: 'well formed',
  };
  return names[format] ?? `a valid ${format}`;
}

function formatHint(format: string, message: string): string {
  if (format === 'date') return 'write the date as YYYY-MM-DD, e.g. 2027-06-30, in quotes';
  if (format === 'email') return 'use a team mailbox such as api-team@example.gouv.fr';
  if (format === 'url') return 'use a full address starting with https://';
  return message;
}

function tooSmall(issue: z.core.$ZodIssueTooSmall): string {
  if (issue.origin === 'string')
    return issue.minimum === 1
      ? 'must not be empty'
      : `must have at least ${String(issue.minimum)} characters`;
  if (issue.origin === 'array') return `must list at least ${String(issue.minimum)} item(s)`;
  return `must be at least ${String(issue.minimum)}`;
}

function tooBig(issue: z.core.$ZodIssueTooBig): string {
  if (issue.origin === 'string') return `must have at most ${String(issue.maximum)} characters`;
  if (issue.origin === 'array') return `must list at most ${String(issue.maximum)} items`;
  return `must be at most ${String(issue.maximum)}`;
}

/** The allowed word nearest to a typo, if it is near enough to be a likely intent. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
