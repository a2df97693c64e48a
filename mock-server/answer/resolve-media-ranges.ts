import type { MockOperation } from '../prism/prism-engine.ts';

type MockResponse = MockOperation['responses'][number];
type MockContent = NonNullable<MockResponse['contents']>[number];

/** One media range of an `Accept` header, with its weight. */
interface AcceptedType {
  type: string;
  q: number;
}

/** Operations known to declare no media range: most of them, checked once each. */
const withoutRanges = new WeakSet<MockOperation>();

/**
 * Real documents declare answers as a media range — any type, `application/*`, `text/*` — with
 * a real schema. Prism then answers with the range itself as its `Content-Type` (or
 * `text/plain` for the any-type range, which cannot carry an object) and refuses any concrete
 * `Accept`. So before Prism sees the operation, each range is made the concrete type this
 * request will get: the first type of `Accept` the range covers and the body can be written in,
 * else `application/json` for a JSON schema (`text/plain` for a string one). When `Accept`
 * names only types that fit neither, the range stays, and Prism refuses with 406.
 */
export function resolveMediaRanges(
  operation: MockOperation,
  accept: string | undefined,
): MockOperation {
  if (withoutRanges.has(operation)) return operation;
  if (!operation.responses.some((response) => response.contents?.some(isRangeContent))) {
    withoutRanges.add(operation);
    return operation;
  }
  const accepted = parseAccept(accept);
  return {
    ...operation,
    responses: operation.responses.map((response) =>
      response.contents?.some(isRangeContent) === true
        ? {
            ...response,
            contents: response.contents.map((content) => resolveContent(content, accepted)),
          }
        : response,
    ),
  };
}

function resolveContent(content: MockContent, accepted: readonly AcceptedType[]): MockContent {
  if (!isRangeContent(content)) return content;
  const range = toBareType(content.mediaType);
  const textual = isTextual(content);
  const fallback = toDefaultType(range, textual);
  const chosen =
    accepted.length === 0
      ? fallback
      : accepted
          .map((item) => {
            if (!item.type.includes('*')) {
              return covers(range, item.type) && canWrite(item.type, textual)
                ? item.type
                : undefined;
            }
            return fallback !== undefined && covers(item.type, fallback) ? fallback : undefined;
          })
          .find((type) => type !== undefined);
  return chosen === undefined ? content : { ...content, mediaType: chosen };
}

function isRangeContent(content: MockContent): boolean {
  return toBareType(content.mediaType).endsWith('/*');
}

/** `Application/*; q=1` → `application/*`. */
function toBareType(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/** True when `range` (the any-type range, `text/*`, or a concrete type) covers `type`. */
function covers(range: string, type: string): boolean {
  if (range === '*/*') return true;
  if (range.endsWith('/*')) return type.startsWith(range.slice(0, -1));
  return range === type;
}

/** A string schema (or a string example) is written as text; anything else as JSON. */
function isTextual(content: MockContent): boolean {
  const schema = content.schema as { type?: unknown } | undefined;
  if (schema !== undefined && typeof schema === 'object') {
    const { type } = schema;
    if (type === 'string') return true;
    if (Array.isArray(type)) return type.every((item) => item === 'string' || item === 'null');
    if (type !== undefined) return false;
  }
  const example = content.examples?.[0] as { value?: unknown } | undefined;
  return typeof example?.value === 'string';
}

/** JSON for JSON bodies, plain text for strings; other ranges (`image/*`…) have no default. */
function toDefaultType(range: string, textual: boolean): string | undefined {
  if (textual) {
    if (range === '*/*' || range === 'text/*') return 'text/plain';
    return range === 'application/*' ? 'application/octet-stream' : undefined;
  }
  return range === '*/*' || range === 'application/*' ? 'application/json' : undefined;
}

/** A JSON body goes out as JSON only (`application/json`, `…+json`); a string, as anything. */
function canWrite(type: string, textual: boolean): boolean {
  return textual || type === 'application/json' || type.endsWith('+json');
}

/** The types of `Accept`, most wanted first (RFC 9110 §12.5.1), refused ones (`q=0`) left out. */
function parseAccept(accept: string | undefined): AcceptedType[] {
  if (accept === undefined || accept.trim() === '') return [];
  const types: AcceptedType[] = [];
  for (const part of accept.split(',')) {
    const [type = '', ...parameters] = part.split(';').map((item) => item.trim());
    if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+*-]+$/i.test(type)) continue;
    const weight = parameters.find((item) => /^q=/i.test(item));
    const q = weight === undefined ? 1 : Number(weight.slice(2));
    if (Number.isNaN(q) || q <= 0) continue;
    types.push({ type: type.toLowerCase(), q });
  }
  // Stable: among equal weights, the order the client wrote.
  return types.sort((a, b) => b.q - a.q);
}
