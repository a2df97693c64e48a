import type { SchemaChoice, SchemaNode, SchemaVariant } from './reference-model.ts';
import { isMapping, readText, type Mapping, type ReadContext } from './read-context.ts';
import { readSchema, type SchemaPlace } from './read-schema.ts';

/** A schema's `oneOf` or `anyOf`, read. */
export interface ReadChoice {
  choice: SchemaChoice;
  variants: SchemaVariant[];
  /** One of the variants was `{ type: "null" }` (how OpenAPI 3.1 writes a nullable reference). */
  nullable: boolean;
  /** Variants left out once the node budget ran out. */
  omitted: number;
  /** The single variant left once `null` is taken out, when no discriminator tells variants apart. */
  only?: SchemaNode;
}

/**
 * Reads `oneOf` (else `anyOf`): each variant labelled by its component's name or title, with the
 * discriminator values that select it (the `mapping`, else the component's name as the
 * specification says). A `null` variant is not listed: it makes the schema nullable.
 */
export function readChoice(
  context: ReadContext,
  schema: Mapping,
  place: SchemaPlace,
): ReadChoice | undefined {
  const kind = Array.isArray(schema.oneOf)
    ? 'oneOf'
    : Array.isArray(schema.anyOf)
      ? 'anyOf'
      : undefined;
  if (kind === undefined) return undefined;
  const written = schema[kind] as unknown[];
  const discriminator = isMapping(schema.discriminator)
    ? readText(schema.discriminator.propertyName)
    : undefined;
  const mapping =
    isMapping(schema.discriminator) && isMapping(schema.discriminator.mapping)
      ? schema.discriminator.mapping
      : {};
  let nullable = false;
  const variants: SchemaVariant[] = [];
  let omitted = 0;
  for (const raw of written) {
    if (context.budget.nodes <= 0) {
      omitted += 1;
      continue;
    }
    if (isNullSchema(context.resolve(raw))) {
      nullable = true;
      continue;
    }
    const node = readSchema(context, raw, place);
    variants.push({
      label: toVariantLabel(context, node, raw, variants.length + 1),
      schema: node,
      discriminatorValues:
        discriminator === undefined || node.kind !== 'reference'
          ? []
          : toDiscriminatorValues(context, mapping, node.name),
    });
  }
  const choice: SchemaChoice = {
    kind,
    variants,
    ...(discriminator === undefined ? {} : { discriminator }),
  };
  const only =
    variants.length === 1 && discriminator === undefined ? variants[0]?.schema : undefined;
  return { choice, variants, nullable, omitted, ...(only === undefined ? {} : { only }) };
}

function isNullSchema(value: unknown): boolean {
  if (!isMapping(value)) return false;
  if (value.type === 'null') return true;
  if (Array.isArray(value.type) && value.type.length === 1 && value.type[0] === 'null') return true;
  return Array.isArray(value.enum) && value.enum.length === 1 && value.enum[0] === null;
}

function toVariantLabel(
  context: ReadContext,
  node: SchemaNode,
  raw: unknown,
  index: number,
): string {
  if (node.kind === 'reference') return node.name;
  const title = readText((context.resolve(raw) as Mapping | undefined)?.title);
  if (title !== undefined && title.trim() !== '') return title.trim();
  if (node.kind === 'schema' && node.types.length === 1 && node.properties.length === 0) {
    return node.types[0] ?? `Option ${String(index)}`;
  }
  return `Option ${String(index)}`;
}

function toDiscriminatorValues(context: ReadContext, mapping: Mapping, name: string): string[] {
  const target = `#${context.componentPrefix}${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  const values = Object.entries(mapping)
    .filter(([, ref]) => ref === name || ref === target)
    .map(([value]) => value);
  return values.length > 0 ? values : [name];
}
