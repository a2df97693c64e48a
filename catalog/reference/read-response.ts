import type { HeaderDetails, MediaTypeDetails, ResponseDetails } from './reference-model.ts';
import { isMapping, type Mapping, type ReadContext } from './read-context.ts';
import { readExamples, readSchemaExamples } from './read-examples.ts';
import { readContent } from './read-media-type.ts';
import { toValueSchema } from './read-parameter.ts';
import { listMediaTypes } from './read-request-body.ts';
import { readSchema } from './read-schema.ts';

/** An operation's responses in document order, each with its headers and media types. */
export function readResponses(context: ReadContext, operation: Mapping): ResponseDetails[] {
  const responses = context.resolve(operation.responses);
  if (!isMapping(responses)) return [];
  const produces = listMediaTypes(operation.produces ?? context.document.produces);
  return Object.entries(responses).flatMap(([status, raw]): ResponseDetails[] => {
    if (status.startsWith('x-')) return [];
    const response = context.resolve(raw);
    if (!isMapping(response)) return [];
    return [
      {
        status,
        descriptionHtml: context.toHtml(response.description),
        headers: readHeaders(context, response.headers),
        contents:
          context.format === 'swagger-2.0'
            ? readSwaggerContents(context, response, produces)
            : readContent(context, response.content),
      },
    ];
  });
}

function readHeaders(context: ReadContext, headers: unknown): HeaderDetails[] {
  if (!isMapping(headers)) return [];
  return Object.entries(headers).flatMap(([name, raw]): HeaderDetails[] => {
    const header = context.resolve(raw);
    if (!isMapping(header)) return [];
    const schema = toValueSchema(context, header);
    const examples = readExamples(context, header);
    return [
      {
        name,
        descriptionHtml: context.toHtml(header.description),
        required: header.required === true,
        deprecated: header.deprecated === true,
        schema: schema === undefined ? undefined : readSchema(context, schema),
        examples: examples.length > 0 ? examples : readSchemaExamples(context, schema),
      },
    ];
  });
}

/**
 * Swagger 2.0 gives a response one `schema` for every media type it `produces`, and `examples`
 * as a map from media type to value.
 */
function readSwaggerContents(
  context: ReadContext,
  response: Mapping,
  produces: string[],
): MediaTypeDetails[] {
  const examples = isMapping(response.examples) ? response.examples : {};
  const mediaTypes = [...new Set([...(produces.length > 0 ? produces : ['application/json'])])];
  for (const type of Object.keys(examples)) if (!mediaTypes.includes(type)) mediaTypes.push(type);
  if (response.schema === undefined && Object.keys(examples).length === 0) return [];
  const schema = response.schema === undefined ? undefined : readSchema(context, response.schema);
  return mediaTypes.map((mediaType) => ({
    mediaType,
    schema,
    examples: Object.hasOwn(examples, mediaType)
      ? [{ descriptionHtml: '', value: examples[mediaType] }]
      : readSchemaExamples(context, response.schema),
  }));
}
