import type { MediaTypeDetails, RequestBodyDetails } from './reference-model.ts';
import { isMapping, type Mapping, type ReadContext } from './read-context.ts';
import { readContent } from './read-media-type.ts';
import { readExamples, readSchemaExamples } from './read-examples.ts';
import { toValueSchema } from './read-parameter.ts';
import { readSchema } from './read-schema.ts';

/**
 * What the operation takes as a body: OpenAPI 3's `requestBody`, or, in Swagger 2.0, its `body`
 * parameter (one entry per media type it `consumes`) or its `formData` parameters, gathered into
 * one object whose properties are the form's fields.
 */
export function readRequestBody(
  context: ReadContext,
  operation: Mapping,
  parameters: readonly Mapping[],
): RequestBodyDetails | undefined {
  if (context.format !== 'swagger-2.0') {
    const body = context.resolve(operation.requestBody);
    if (!isMapping(body)) return undefined;
    return {
      required: body.required === true,
      descriptionHtml: context.toHtml(body.description),
      contents: readContent(context, body.content),
    };
  }
  const consumes = listMediaTypes(operation.consumes ?? context.document.consumes);
  const body = parameters.find((parameter) => parameter.in === 'body');
  if (body) return readBodyParameter(context, body, consumes);
  const fields = parameters.filter((parameter) => parameter.in === 'formData');
  if (fields.length > 0) return readFormData(context, fields, consumes);
  return undefined;
}

function readBodyParameter(
  context: ReadContext,
  body: Mapping,
  consumes: string[],
): RequestBodyDetails {
  const mediaTypes = consumes.length > 0 ? consumes : ['application/json'];
  const examples = readExamples(context, body);
  // `x-examples` (a common extension) maps media types to values, as 2.0 responses do.
  const byMediaType = isMapping(body['x-examples']) ? body['x-examples'] : {};
  return {
    required: body.required === true,
    descriptionHtml: context.toHtml(body.description),
    contents: mediaTypes.map((mediaType): MediaTypeDetails => {
      const own = Object.hasOwn(byMediaType, mediaType)
        ? [{ descriptionHtml: '', value: byMediaType[mediaType] }]
        : examples;
      return {
        mediaType,
        schema: body.schema === undefined ? undefined : readSchema(context, body.schema),
        examples: own.length > 0 ? own : readSchemaExamples(context, body.schema),
      };
    }),
  };
}

/** Form fields as one object schema, sent as a form (multipart when a field is a file). */
function readFormData(
  context: ReadContext,
  fields: readonly Mapping[],
  consumes: string[],
): RequestBodyDetails {
  const hasFile = fields.some((field) => field.type === 'file');
  const formTypes = consumes.filter(
    (type) => type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded',
  );
  const mediaTypes =
    formTypes.length > 0
      ? formTypes
      : [hasFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded'];
  const schema = {
    type: 'object',
    required: fields.filter((field) => field.required === true).map((field) => String(field.name)),
    properties: Object.fromEntries(
      fields.map((field) => [
        String(field.name),
        { ...(toValueSchema(context, field) as Mapping), description: field.description },
      ]),
    ),
  };
  return {
    required: fields.some((field) => field.required === true),
    descriptionHtml: '',
    contents: mediaTypes.map((mediaType) => ({
      mediaType,
      schema: readSchema(context, schema),
      examples: [],
    })),
  };
}

/** `consumes` / `produces` as a list of media types. */
export function listMediaTypes(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((type): type is string => typeof type === 'string')
    : [];
}
