import type { ExampleDetails } from './reference-model.ts';
import { isMapping, readText, type Mapping, type ReadContext } from './read-context.ts';

/**
 * The examples an object gives (a media type, a parameter, a header): each entry of its
 * `examples` map (OpenAPI 3; an entry may be a `$ref` to `components/examples`), then its lone
 * `example`, then Swagger 2.0's `x-example`. Values are literal data, kept as written.
 */
export function readExamples(context: ReadContext, holder: Mapping): ExampleDetails[] {
  const examples: ExampleDetails[] = [];
  if (isMapping(holder.examples)) {
    for (const [name, entry] of Object.entries(holder.examples)) {
      const example = context.resolve(entry);
      if (!isMapping(example)) continue;
      const summary = readText(example.summary);
      const externalValue = readText(example.externalValue);
      examples.push({
        name,
        ...(summary === undefined ? {} : { summary }),
        descriptionHtml: context.toHtml(example.description),
        value: example.value,
        ...(externalValue === undefined ? {} : { externalValue }),
      });
    }
  }
  for (const key of ['example', 'x-example']) {
    if (Object.hasOwn(holder, key)) examples.push({ descriptionHtml: '', value: holder[key] });
  }
  return examples;
}

/** A schema's own examples (`example`, OpenAPI 3.1 `examples`), for a media type that has none. */
export function readSchemaExamples(context: ReadContext, schema: unknown): ExampleDetails[] {
  const resolved = context.resolve(schema);
  if (!isMapping(resolved)) return [];
  const values = [
    ...(Object.hasOwn(resolved, 'example') ? [resolved.example] : []),
    ...(Array.isArray(resolved.examples) ? (resolved.examples as unknown[]) : []),
  ];
  return values.map((value) => ({ descriptionHtml: '', value }));
}
