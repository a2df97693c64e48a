import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toSampleValue } from '../../../../catalog/reference/sample-value.ts';
import { describeObject, describeYaml } from './describe-document.ts';

test('a value made up from a schema: required fields, formats, no read-only, cycles stop', () => {
  const reference = describeYaml(`openapi: 3.0.3
info: { title: T, version: '1' }
paths: {}
components:
  schemas:
    Person:
      type: object
      required: [id, name, born, tags, parent]
      properties:
        id: { type: string, readOnly: true }
        name: { type: string, example: Marie }
        born: { type: string, format: date }
        tags: { type: array, items: { type: string, enum: [a, b] } }
        parent: { $ref: '#/components/schemas/Person' }
        nickname: { type: string }`);
  const components = new Map(reference.schemas.map((schema) => [schema.name, schema]));
  const person = reference.schemas[0];
  assert.ok(person);
  assert.deepEqual(toSampleValue(person.schema, components), {
    name: 'Marie',
    born: '2026-01-31',
    tags: ['a'],
    parent: { name: 'Marie', born: '2026-01-31', tags: ['a'], parent: null },
  });
});

test('a schema whose every property refers to another stays a short value', () => {
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < 20; index += 1) {
    schemas[`S${String(index)}`] = {
      type: 'object',
      properties: Object.fromEntries(
        Array.from({ length: 50 }, (_, property) => [
          `p${String(property)}`,
          { $ref: `#/components/schemas/S${String((index + 1) % 20)}` },
        ]),
      ),
    };
  }
  const reference = describeObject({
    openapi: '3.0.3',
    info: { title: 'T', version: '1' },
    paths: {},
    components: { schemas },
  });
  const components = new Map(reference.schemas.map((schema) => [schema.name, schema]));
  const first = reference.schemas[0];
  assert.ok(first);
  const text = JSON.stringify(toSampleValue(first.schema, components));
  assert.ok(text.length < 10_000, `${String(text.length)} characters`);
});
