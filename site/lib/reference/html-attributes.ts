/**
 * Attributes written the way Astro writes them, for the parts of a reference page built as
 * strings (`render-operation.ts`): an absent value leaves the attribute out, an empty one is
 * the bare name, others are quoted with `&` and `"` escaped; a boolean attribute is its name or
 * nothing. Values are owners' text: escaping here is what keeps them values.
 */
export function attribute(name: string, value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  if (text === '') return ` ${name}`;
  return ` ${name}="${text.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`;
}

/** A boolean attribute (`open`, `required`, `hidden`): its name when set. */
export function flag(name: string, on: boolean): string {
  return on ? ` ${name}` : '';
}
