import type { MediaTypeDetails } from './reference-model.ts';
import { isMapping, type ReadContext } from './read-context.ts';
import { readExamples, readSchemaExamples } from './read-examples.ts';
import { readSchema } from './read-schema.ts';

/** One entry of a `content` map: its schema, and its examples (else its schema's). */
export function readMediaType(
  context: ReadContext,
  mediaType: string,
  raw: unknown,
): MediaTypeDetails {
  const media = context.resolve(raw);
  if (!isMapping(media)) return { mediaType, schema: undefined, examples: [] };
  const examples = readExamples(context, media);
  return {
    mediaType,
    schema: media.schema === undefined ? undefined : readSchema(context, media.schema),
    examples: examples.length > 0 ? examples : readSchemaExamples(context, media.schema),
  };
}

/** Every entry of a `content` map, in document order. */
export function readContent(context: ReadContext, content: unknown): MediaTypeDetails[] {
  if (!isMapping(content)) return [];
  return Object.entries(content).map(([mediaType, media]) =>
    readMediaType(context, mediaType, media),
  );
}
