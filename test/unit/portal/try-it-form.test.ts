import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { listOperations } from '../../../catalog/openapi/list-operations.ts';
import { describeVersion } from '../../../catalog/reference/describe-version.ts';
import { toTryItForm } from '../../../site/lib/reference/try-it-form.ts';

const document = parse(`openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /communes/{code}:
    parameters:
      - { name: code, in: path, required: true, schema: { type: string, example: '75056' } }
    put:
      parameters:
        - { name: fields, in: query, schema: { type: array, items: { type: string } }, example: [nom, population] }
        - { name: X-Request-Id, in: header, required: true, schema: { type: string } }
        - { name: session, in: cookie, schema: { type: string } }
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: { type: object, properties: { nom: { type: string } } }
            example: { nom: Paris, population: 2100000 }
      responses: { '204': { description: Done. } }
`) as Record<string, unknown>;

test('"try it": required fields prefilled, optional ones empty with their example, no cookie', () => {
  const operations = listOperations(document);
  const reference = describeVersion({ document, format: 'openapi-3.0', operations });
  const [operation] = operations;
  const [details] = reference.operations;
  assert.ok(operation && details);
  const form = toTryItForm(
    { operation, details },
    new Map(),
    {
      method: 'PUT',
      baseUrl: 'http://127.0.0.1:8000/t/1',
      path: operation.path,
      pathValues: {},
      query: [],
      headers: [],
      body: { mediaType: 'application/x-www-form-urlencoded', fields: [['nom', 'Paris']] },
      credentials: { headers: [], query: [], cookies: [] },
    },
    [],
  );
  assert.deepEqual(
    form.fields.map(({ name, in: where, required, value, placeholder }) => ({
      name,
      where,
      required,
      value,
      placeholder,
    })),
    [
      { name: 'code', where: 'path', required: true, value: '75056', placeholder: '75056' },
      {
        name: 'fields',
        where: 'query',
        required: false,
        value: '',
        placeholder: 'nom,population',
      },
      { name: 'X-Request-Id', where: 'header', required: true, value: '', placeholder: '' },
    ],
  );
  // Ids are unique on the page and safe in `for`, whatever the parameter's name.
  assert.deepEqual(
    form.fields.map((field) => field.id),
    [0, 1, 2].map((index) => `try-${operation.anchor}-${String(index)}`),
  );
  assert.deepEqual(form.body, {
    id: `try-${operation.anchor}-body`,
    mediaType: 'application/x-www-form-urlencoded',
    text: 'nom=Paris',
  });
});
