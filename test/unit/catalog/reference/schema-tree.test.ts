import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { schemaLimits } from '../../../../catalog/reference/read-context.ts';
import {
  asInline,
  componentOf,
  describeObject,
  describeYaml,
  listProperties,
  operationOf,
} from './describe-document.ts';

const openapi30 = (components: string, paths = '{}'): string =>
  `openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: ${paths}\ncomponents:\n  schemas:\n${components}`;

describe('schema trees', () => {
  test('a cycle stays a reference to its component, never expanded', () => {
    const reference = describeYaml(
      openapi30(`
    Node:
      type: object
      required: [id]
      properties:
        id: { type: string }
        parent: { $ref: '#/components/schemas/Node' }
        children: { type: array, items: { $ref: '#/components/schemas/Node' } }`),
    );
    const node = componentOf(reference, 'Node');
    assert.deepEqual(listProperties(node), ['id*: string', 'parent: →Node', 'children: array']);
    const children = asInline(node.properties[2]?.schema);
    assert.deepEqual(children.items, {
      kind: 'reference',
      name: 'Node',
      anchor: 'schema-node',
      nullable: false,
      descriptionHtml: '',
    });
  });

  test('a loop through schemas that are not components is cut where it comes back', () => {
    const reference = describeYaml(`openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /tree:
    get:
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  child: { $ref: '#/paths/~1tree/get/responses/200/content/application~1json/schema' }`);
    const schema = operationOf(reference, 'get-tree').responses[0]?.contents[0]?.schema;
    const child = asInline(schema).properties[0]?.schema;
    assert.deepEqual(listProperties(child), ['child: (cycle)']);
  });

  test('allOf merges objects, inherited properties first, required from any member', () => {
    const reference = describeYaml(
      openapi30(`
    Base:
      type: object
      required: [id]
      properties:
        id: { type: string }
        createdAt: { type: string, format: date-time }
    Pet:
      description: A pet.
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [name, createdAt]
          properties:
            name: { type: string }
      properties:
        tag: { type: string }`),
    );
    const pet = componentOf(reference, 'Pet');
    assert.deepEqual(listProperties(pet), [
      'id*: string',
      'createdAt*: string',
      'name*: string',
      'tag: string',
    ]);
    assert.deepEqual(
      pet.inherits.map((from) => from.name),
      ['Base'],
    );
    assert.equal(pet.descriptionHtml, '<p>A pet.</p>');
    assert.deepEqual(pet.allOf, []);
  });

  test('allOf of something that is not an object is listed, not merged', () => {
    const reference = describeYaml(
      openapi30(`
    Code:
      allOf:
        - type: string
          pattern: '^[A-Z]{3}$'
        - { description: 'An ISO code.' }`),
    );
    const code = componentOf(reference, 'Code');
    assert.equal(code.allOf.length, 1);
    assert.equal(asInline(code.allOf[0]).pattern, '^[A-Z]{3}$');
  });

  test('an allOf that loops back to itself ends, the loop listed as a cycle', () => {
    const reference = describeYaml(
      openapi30(`
    A:
      allOf:
        - $ref: '#/components/schemas/B'
        - { type: object, properties: { a: { type: string } } }
    B:
      allOf:
        - $ref: '#/components/schemas/A'
        - { type: object, properties: { b: { type: string } } }`),
    );
    assert.deepEqual(listProperties(componentOf(reference, 'A')), ['b: string', 'a: string']);
    assert.deepEqual(
      componentOf(reference, 'A').inherits.map((from) => from.name),
      ['B'],
    );
    assert.deepEqual(
      componentOf(reference, 'A').allOf.map((member) => member.kind === 'reference' && member.name),
      ['A'],
    );
  });

  test('oneOf with a discriminator: each variant with the values that select it', () => {
    const reference = describeYaml(
      openapi30(`
    Cat: { type: object, properties: { kind: { type: string }, purrs: { type: boolean } } }
    Dog: { type: object, properties: { kind: { type: string }, barks: { type: boolean } } }
    Lizard: { type: object, properties: { kind: { type: string } } }
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
        - $ref: '#/components/schemas/Lizard'
        - { type: object, title: 'Unknown animal' }
      discriminator:
        propertyName: kind
        mapping:
          chat: '#/components/schemas/Cat'
          cat: '#/components/schemas/Cat'
          dog: Dog`),
    );
    const choice = componentOf(reference, 'Pet').choice;
    assert.equal(choice?.kind, 'oneOf');
    assert.equal(choice.discriminator, 'kind');
    assert.deepEqual(
      choice.variants.map((variant) => [variant.label, variant.discriminatorValues]),
      [
        ['Cat', ['chat', 'cat']],
        ['Dog', ['dog']],
        ['Lizard', ['Lizard']],
        ['Unknown animal', []],
      ],
    );
  });

  test('nullable in 3.0: nullable true, and allOf [$ref] with nullable', () => {
    const reference = describeYaml(
      openapi30(`
    Address: { type: object, properties: { city: { type: string } } }
    Person:
      type: object
      properties:
        nickname: { type: string, nullable: true }
        address:
          nullable: true
          description: Where the person lives.
          allOf: [{ $ref: '#/components/schemas/Address' }]`),
    );
    const [nickname, address] = componentOf(reference, 'Person').properties;
    assert.equal(asInline(nickname?.schema).nullable, true);
    assert.deepEqual(address?.schema, {
      kind: 'reference',
      name: 'Address',
      anchor: 'schema-address',
      nullable: true,
      descriptionHtml: '<p>Where the person lives.</p>',
    });
  });

  test('nullable in 3.1: a type list with null, and oneOf with a null variant', () => {
    const reference = describeYaml(`openapi: 3.1.0
info: { title: T, version: '1' }
components:
  schemas:
    Address: { type: object, properties: { city: { type: string } } }
    Person:
      type: object
      properties:
        nickname: { type: [string, 'null'], examples: [Bob] }
        address:
          oneOf: [{ $ref: '#/components/schemas/Address' }, { type: 'null' }]
        status: { enum: [active, null] }`);
    const [nickname, address, status] = componentOf(reference, 'Person').properties;
    const nick = asInline(nickname?.schema);
    assert.deepEqual([nick.types, nick.nullable, nick.examples], [['string'], true, ['Bob']]);
    assert.deepEqual(address?.schema, {
      kind: 'reference',
      name: 'Address',
      anchor: 'schema-address',
      nullable: true,
      descriptionHtml: '',
    });
    assert.deepEqual(asInline(status?.schema).enum, ['active']);
    assert.equal(asInline(status?.schema).nullable, true);
  });

  test('constraints, formats, enums, read-only, write-only and deprecated', () => {
    const reference = describeYaml(
      openapi30(`
    Account:
      type: object
      properties:
        id: { type: string, readOnly: true, minLength: 9, maxLength: 9, pattern: '^[0-9]{9}$' }
        password: { type: string, writeOnly: true, minLength: 12 }
        rate: { type: number, minimum: 0, exclusiveMaximum: true, maximum: 100, multipleOf: 0.5 }
        tags: { type: array, items: { type: string, enum: [a, b] }, minItems: 1, uniqueItems: true }
        legacy: { type: integer, format: int64, deprecated: true, default: 0 }`),
    );
    const [id, password, rate, tags, legacy] = componentOf(reference, 'Account').properties.map(
      (property) => asInline(property.schema),
    );
    assert.deepEqual(
      [id?.readOnly, id?.constraints, id?.pattern],
      [true, ['length = 9'], '^[0-9]{9}$'],
    );
    assert.deepEqual([password?.writeOnly, password?.constraints], [true, ['length ≥ 12']]);
    assert.deepEqual(rate?.constraints, ['≥ 0', '< 100', 'multiple of 0.5']);
    assert.deepEqual(tags?.constraints, ['items ≥ 1', 'unique items']);
    assert.deepEqual(asInline(tags.items).enum, ['a', 'b']);
    assert.deepEqual(
      [legacy?.format, legacy?.deprecated, legacy?.default],
      ['int64', true, { value: 0 }],
    );
  });

  test('3.1 exclusive bounds are numbers of their own', () => {
    const reference = describeYaml(`openapi: 3.1.0
info: { title: T, version: '1' }
components:
  schemas:
    Rate: { type: number, exclusiveMinimum: 0, maximum: 1, const: 0.5 }`);
    const rate = componentOf(reference, 'Rate');
    assert.deepEqual([rate.constraints, rate.enum], [['> 0', '≤ 1'], [0.5]]);
  });

  test('a schema nested deeper than the bound is cut, without a stack overflow', () => {
    let nested: Record<string, unknown> = { type: 'string' };
    for (let index = 0; index < 100_000; index += 1) {
      nested = { type: 'object', properties: { a: nested } };
    }
    const reference = describeObject({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: {},
      components: { schemas: { Deep: nested } },
    });
    let node = componentOf(reference, 'Deep');
    let depth = 0;
    while (node.properties[0]?.schema.kind === 'schema') {
      node = node.properties[0].schema;
      depth += 1;
    }
    assert.equal(depth, schemaLimits.maxDepth);
    assert.deepEqual(node.properties[0]?.schema, { kind: 'cut', reason: 'depth' });
  });

  test('schemas that double at each level stay within the node budget', () => {
    const level = (index: number): string =>
      `#/paths/~1x/get/responses/200/content/application~1json/schema/x-levels/${String(index)}`;
    const levels = Array.from({ length: 30 }, (_, index) =>
      index === 29
        ? { type: 'string' }
        : {
            type: 'object',
            properties: { left: { $ref: level(index + 1) }, right: { $ref: level(index + 1) } },
          },
    );
    const schema = { $ref: level(0), 'x-levels': levels };
    const reference = describeObject({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: {
        '/x': {
          get: {
            responses: {
              '200': { description: 'OK', content: { 'application/json': { schema } } },
            },
          },
        },
      },
    });
    const text = JSON.stringify(operationOf(reference, 'get-x'));
    const nodes = (text.match(/"kind":"(?:schema|reference|cut)"/g) ?? []).length;
    assert.ok(nodes <= schemaLimits.maxNodes + 1, `${String(nodes)} nodes`);
    assert.ok(/"omitted":[1-9]/.test(text), 'the budget left properties out');
  });
});
