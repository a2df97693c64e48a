import { isMapping } from '../openapi/check-document.ts';
import {
  parameterSchema,
  parametersIn,
  readSuccessAnswer,
  resolveValue,
  type OperationView,
} from './read-operation.ts';
import type { ResourceSeed } from './resource-model.ts';

/** A document may hold many examples: a consumer starts with this many objects at most. */
export const seedLimit = 100;

/**
 * The objects a consumer finds before making any: the list's example items, then the item's
 * example answers, each once by identifier. A nested resource is seeded only when every parent
 * placeholder has an example value, under those values. Without an identifier field there is
 * no way to tell the objects apart, so there are no seeds.
 */
export function collectSeeds(
  document: Record<string, unknown>,
  views: { list?: OperationView | undefined; read?: OperationView | undefined },
  itemsField: string | undefined,
  idField: string | undefined,
  parentParameters: readonly string[],
): ResourceSeed[] {
  if (idField === undefined) return [];
  const source = views.list ?? views.read;
  const params = source ? readParentExamples(document, source, parentParameters) : undefined;
  if (!params) return [];
  const candidates: unknown[] = [];
  if (views.list) {
    for (const example of readSuccessAnswer(document, views.list)?.examples ?? []) {
      const items =
        itemsField === undefined ? example : isMapping(example) ? example[itemsField] : [];
      if (Array.isArray(items)) candidates.push(...(items as unknown[]));
    }
  }
  if (views.read) candidates.push(...(readSuccessAnswer(document, views.read)?.examples ?? []));
  const seeds: ResourceSeed[] = [];
  const seen = new Set<string>();
  for (const value of candidates) {
    if (seeds.length >= seedLimit) break;
    if (!isMapping(value)) continue;
    const id = toIdText(value[idField]);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    seeds.push({ params, id, value });
  }
  return seeds;
}

/** An identifier as the store keys it; `undefined` for a value that cannot be one. */
export function toIdText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Example values of the parent placeholders; `undefined` when one has none. */
function readParentExamples(
  document: unknown,
  view: OperationView,
  parentParameters: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const name of parentParameters) {
    const parameter = parametersIn(view, 'path').find((item) => item.name === name);
    const value = parameter ? readParameterExample(document, parameter) : undefined;
    if (value === undefined) return undefined;
    params[name] = value;
  }
  return params;
}

function readParameterExample(
  document: unknown,
  parameter: Record<string, unknown>,
): string | undefined {
  const schema = parameterSchema(document, parameter);
  const named = resolveValue(document, parameter.examples);
  const first = isMapping(named) ? resolveValue(document, Object.values(named)[0]) : undefined;
  const listed = Array.isArray(schema.examples) ? (schema.examples as unknown[])[0] : undefined;
  return toIdText(
    parameter.example ??
      (isMapping(first) ? first.value : undefined) ??
      schema.example ??
      listed ??
      parameter['x-example'],
  );
}
