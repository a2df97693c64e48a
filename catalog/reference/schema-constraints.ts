import type { Mapping } from './read-context.ts';

/**
 * A schema's bounds as a reader says them: `≥ 0`, `< 100`, `length ≤ 9`, `unique items`.
 * OpenAPI 3.0 and Swagger 2.0 write an exclusive bound as a boolean beside `minimum`; OpenAPI
 * 3.1 (JSON Schema 2020-12) writes it as a number of its own. Both read the same.
 */
export function readConstraints(schema: Mapping): string[] {
  const constraints: string[] = [];
  const number = (key: string): string | undefined => {
    const value = schema[key];
    return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
  };
  const lower = number('exclusiveMinimum') ?? number('minimum');
  if (lower !== undefined) {
    const exclusive =
      typeof schema.exclusiveMinimum === 'number' || schema.exclusiveMinimum === true;
    constraints.push(`${exclusive ? '>' : '≥'} ${lower}`);
  }
  const upper = number('exclusiveMaximum') ?? number('maximum');
  if (upper !== undefined) {
    const exclusive =
      typeof schema.exclusiveMaximum === 'number' || schema.exclusiveMaximum === true;
    constraints.push(`${exclusive ? '<' : '≤'} ${upper}`);
  }
  const multiple = number('multipleOf');
  if (multiple !== undefined) constraints.push(`multiple of ${multiple}`);
  constraints.push(...toRange('length', number('minLength'), number('maxLength')));
  constraints.push(...toRange('items', number('minItems'), number('maxItems')));
  if (schema.uniqueItems === true) constraints.push('unique items');
  constraints.push(...toRange('properties', number('minProperties'), number('maxProperties')));
  return constraints;
}

function toRange(what: string, min: string | undefined, max: string | undefined): string[] {
  if (min !== undefined && min === max) return [`${what} = ${min}`];
  return [
    ...(min === undefined || min === '0' ? [] : [`${what} ≥ ${min}`]),
    ...(max === undefined ? [] : [`${what} ≤ ${max}`]),
  ];
}
