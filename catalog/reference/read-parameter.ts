import type { ParameterDetails, ParameterLocation } from './reference-model.ts';
import { isMapping, readText, type Mapping, type ReadContext } from './read-context.ts';
import { readExamples, readSchemaExamples } from './read-examples.ts';
import { readSchema } from './read-schema.ts';

const locations = new Set<string>(['path', 'query', 'header', 'cookie']);

/** Fields of a Swagger 2.0 parameter that describe the parameter, not its value. */
const parameterOnlyFields = new Set([
  'name',
  'in',
  'required',
  'description',
  'allowEmptyValue',
  'collectionFormat',
  'x-example',
]);

/**
 * Path-level then operation-level parameters, resolved, the latter winning by name and
 * location (as OpenAPI says). Swagger 2.0 `body` and `formData` parameters are in the list too:
 * the request body reader takes them.
 */
export function listRawParameters(
  context: ReadContext,
  pathItem: Mapping,
  operation: Mapping,
): Mapping[] {
  const byKey = new Map<string, Mapping>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const parameter = context.resolve(entry);
      if (!isMapping(parameter)) continue;
      if (typeof parameter.name !== 'string' || typeof parameter.in !== 'string') continue;
      byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

/** A path, query, header or cookie parameter; `undefined` for any other location. */
export function readParameter(
  context: ReadContext,
  parameter: Mapping,
): ParameterDetails | undefined {
  const where = String(parameter.in);
  if (!locations.has(where)) return undefined;
  const style = readText(parameter.style) ?? readText(parameter.collectionFormat);
  const examples = readExamples(context, parameter);
  const schema = toValueSchema(context, parameter);
  return {
    name: String(parameter.name),
    in: where as ParameterLocation,
    required: parameter.required === true || where === 'path',
    deprecated: parameter.deprecated === true,
    descriptionHtml: context.toHtml(parameter.description),
    schema: readSchema(context, schema),
    examples: examples.length > 0 ? examples : readSchemaExamples(context, schema),
    ...(style === undefined ? {} : { style }),
    ...(typeof parameter.explode === 'boolean' ? { explode: parameter.explode } : {}),
  };
}

/**
 * The schema of a parameter's value: OpenAPI 3's `schema` (or the one of its `content`), or,
 * in Swagger 2.0, the parameter's own `type`, `format`, `items`, `enum`, bounds and default.
 */
export function toValueSchema(context: ReadContext, parameter: Mapping): unknown {
  if (parameter.schema !== undefined) return parameter.schema;
  if (isMapping(parameter.content)) {
    const media = context.resolve(Object.values(parameter.content)[0]);
    return isMapping(media) ? media.schema : undefined;
  }
  if (context.format !== 'swagger-2.0') return undefined;
  return Object.fromEntries(
    Object.entries(parameter).filter(([key]) => !parameterOnlyFields.has(key)),
  );
}
