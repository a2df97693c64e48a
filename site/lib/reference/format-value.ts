/** How many characters of one example a page prints before cutting it short. */
export const exampleLimit = 20_000;

/** How many characters of a value shown inline (a default, an enum value, a short example). */
export const inlineValueLimit = 200;

/** Text of an example, with whether it was cut to `limit` characters. */
export interface ValueText {
  text: string;
  /** Characters left out, 0 when the whole value is shown. */
  cut: number;
}

/**
 * An example as a partner reads it: JSON pretty-printed, or a string as written where the media
 * type is not JSON (a CSV, an XML document). Literal data: nothing in it is followed.
 */
export function toValueText(
  value: unknown,
  options: { mediaType?: string; limit?: number } = {},
): ValueText {
  const limit = options.limit ?? exampleLimit;
  const raw =
    typeof value === 'string' && options.mediaType !== undefined && !isJson(options.mediaType)
      ? value
      : toJson(value);
  if (raw.length <= limit) return { text: raw, cut: 0 };
  return { text: raw.slice(0, limit), cut: raw.length - limit };
}

/** A short value on one line (`"abc"`, `42`, `{"a":1}`), cut with an ellipsis. */
export function toInlineValue(value: unknown): string {
  const text = toJson(value, 0);
  return text.length <= inlineValueLimit ? text : `${text.slice(0, inlineValueLimit - 1)}…`;
}

/** True for `application/json`, `application/problem+json`, `*\/*` and the like. */
export function isJson(mediaType: string): boolean {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '*/*' || type === 'application/json' || type.endsWith('+json');
}

function toJson(value: unknown, indent = 2): string {
  try {
    // `undefined` (an example with only an externalValue) stringifies to nothing.
    const text = JSON.stringify(value, null, indent) as string | undefined;
    return text ?? String(value);
  } catch {
    return String(value);
  }
}
