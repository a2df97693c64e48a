import type { ComponentSchema, ExampleDetails, SchemaNode } from './reference-model.ts';

/**
 * Bounds on a value made up from a schema: code samples stay short whatever the schema. The
 * count of values bounds the whole: depth and width alone would still let a schema whose every
 * property refers to another multiply at each level.
 */
const sampleLimits = { depth: 6, properties: 40, values: 200 } as const;

/**
 * A value for a schema with no example, as a code sample or "try it" starts from: the schema's
 * own example, default or first allowed value, else a placeholder of its type and format, with
 * an object's required properties (all of them when none is required) and one item per array.
 * Read-only properties are left out of requests, write-only ones out of responses.
 */
export function toSampleValue(
  node: SchemaNode,
  components: ReadonlyMap<string, ComponentSchema>,
  direction: 'request' | 'response' = 'request',
): unknown {
  return sample(node, components, direction, 0, new Set(), { left: sampleLimits.values });
}

/** The value of the first example that has one, else a value made up from the schema. */
export function pickExampleValue(
  examples: readonly ExampleDetails[],
  schema: SchemaNode | undefined,
  components: ReadonlyMap<string, ComponentSchema>,
): { value: unknown } | undefined {
  const example = examples.find((item) => item.value !== undefined);
  if (example) return { value: example.value };
  return schema ? { value: toSampleValue(schema, components) } : undefined;
}

function sample(
  node: SchemaNode,
  components: ReadonlyMap<string, ComponentSchema>,
  direction: 'request' | 'response',
  depth: number,
  expanding: Set<string>,
  budget: { left: number },
): unknown {
  if (budget.left <= 0) return null;
  budget.left -= 1;
  if (node.kind === 'cut' || depth > sampleLimits.depth) return null;
  if (node.kind === 'reference') {
    const component = components.get(node.name);
    if (!component || expanding.has(node.name)) return null;
    expanding.add(node.name);
    try {
      return sample(component.schema, components, direction, depth, expanding, budget);
    } finally {
      expanding.delete(node.name);
    }
  }
  const example = node.examples[0];
  if (example !== undefined) return example;
  if (node.default !== undefined) return node.default.value;
  if (node.enum && node.enum.length > 0) return node.enum[0];
  const first = node.choice?.variants[0]?.schema ?? node.allOf[0];
  const type = node.types[0] ?? (node.properties.length > 0 ? 'object' : undefined);
  if (type === 'array' || (type === undefined && node.items)) {
    return node.items
      ? [sample(node.items, components, direction, depth + 1, expanding, budget)]
      : [];
  }
  if (type === 'object' || node.properties.length > 0) {
    const shown = node.properties.filter(
      (property) =>
        property.schema.kind !== 'schema' ||
        !(direction === 'request' ? property.schema.readOnly : property.schema.writeOnly),
    );
    const required = shown.filter((property) => property.required);
    const chosen = (required.length > 0 ? required : shown).slice(0, sampleLimits.properties);
    const value: Record<string, unknown> = {};
    if (first && chosen.length === 0) {
      return sample(first, components, direction, depth + 1, expanding, budget);
    }
    for (const property of chosen) {
      if (budget.left <= 0) break;
      value[property.name] = sample(
        property.schema,
        components,
        direction,
        depth + 1,
        expanding,
        budget,
      );
    }
    return value;
  }
  if (first) return sample(first, components, direction, depth + 1, expanding, budget);
  return toScalar(type, node.format);
}

function toScalar(type: string | undefined, format: string | undefined): unknown {
  switch (type) {
    case 'integer':
      return 0;
    case 'number':
      return 0;
    case 'boolean':
      return true;
    case 'string':
      return formatSamples[format ?? ''] ?? 'string';
    default:
      return null;
  }
}

const formatSamples: Readonly<Record<string, string>> = {
  date: '2026-01-31',
  'date-time': '2026-01-31T09:30:00Z',
  email: 'dev@example.org',
  uri: 'https://example.org/',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  binary: '',
};
