import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { asInline, describeYaml, listProperties, operationOf } from './describe-document.ts';

describe('operation details', () => {
  test('Swagger 2.0 formData parameters become one form body, multipart when a field is a file', () => {
    const reference = describeYaml(`swagger: '2.0'
info: { title: T, version: '1' }
paths:
  /documents:
    post:
      consumes: [multipart/form-data]
      parameters:
        - { name: file, in: formData, type: file, required: true, description: The PDF. }
        - { name: label, in: formData, type: string, maxLength: 40 }
        - { name: dryRun, in: query, type: boolean, default: false }
      responses:
        '201': { description: Stored. }`);
    const operation = operationOf(reference, 'post-documents');
    assert.deepEqual(
      operation.parameters.map((parameter) => `${parameter.in}:${parameter.name}`),
      ['query:dryRun'],
    );
    assert.deepEqual(asInline(operation.parameters[0]?.schema).default, { value: false });
    const body = operation.requestBody;
    assert.equal(body?.required, true);
    assert.deepEqual(
      body.contents.map((content) => content.mediaType),
      ['multipart/form-data'],
    );
    const form = asInline(body.contents[0]?.schema);
    assert.deepEqual(listProperties(form), ['file*: string', 'label: string']);
    const file = asInline(form.properties[0]?.schema);
    assert.deepEqual([file.format, file.descriptionHtml], ['binary', '<p>The PDF.</p>']);
    assert.deepEqual(asInline(form.properties[1]?.schema).constraints, ['length ≤ 40']);
  });

  test('a Swagger 2.0 form without consumes is sent url-encoded', () => {
    const reference = describeYaml(`swagger: '2.0'
info: { title: T, version: '1' }
paths:
  /login:
    post:
      parameters: [{ name: user, in: formData, type: string }]
      responses: { '204': { description: OK } }`);
    assert.equal(
      operationOf(reference, 'post-login').requestBody?.contents[0]?.mediaType,
      'application/x-www-form-urlencoded',
    );
  });

  test('Swagger 2.0 body, responses per produces with headers and examples by media type', () => {
    const reference = describeYaml(`swagger: '2.0'
info: { title: T, version: '1' }
produces: [application/json, application/xml]
paths:
  /pets/{id}:
    parameters: [{ name: id, in: path, type: string, required: true, x-example: p-1 }]
    put:
      parameters:
        - { name: pet, in: body, required: true, schema: { $ref: '#/definitions/Pet' } }
      responses:
        '200':
          description: Updated.
          schema: { $ref: '#/definitions/Pet' }
          headers:
            X-Rate-Limit: { type: integer, description: Calls left. }
          examples:
            application/json: { id: p-1, name: Rex }
definitions:
  Pet: { type: object, example: { id: p-0 }, properties: { id: { type: string }, name: { type: string } } }`);
    const operation = operationOf(reference, 'put-pets-id');
    assert.deepEqual(operation.parameters[0]?.examples, [{ descriptionHtml: '', value: 'p-1' }]);
    assert.equal(operation.parameters[0].required, true);
    const body = operation.requestBody;
    assert.deepEqual(
      body?.contents.map((content) => [content.mediaType, content.schema?.kind]),
      [['application/json', 'reference']],
    );
    assert.deepEqual(body.contents[0]?.examples, [{ descriptionHtml: '', value: { id: 'p-0' } }]);
    const [ok] = operation.responses;
    assert.equal(ok?.status, '200');
    assert.deepEqual(
      ok.headers.map((header) => [
        header.name,
        header.descriptionHtml,
        asInline(header.schema).types,
      ]),
      [['X-Rate-Limit', '<p>Calls left.</p>', ['integer']]],
    );
    assert.deepEqual(
      ok.contents.map((content) => [
        content.mediaType,
        content.examples.map((example) => example.value),
      ]),
      [
        ['application/json', [{ id: 'p-1', name: 'Rex' }]],
        ['application/xml', [{ id: 'p-0' }]],
      ],
    );
  });

  test('examples: a lone example, a named examples map (with $ref), or the schema’s', () => {
    const reference = describeYaml(`openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /things:
    get:
      parameters:
        - name: q
          in: query
          examples:
            short: { summary: A short query, value: ab }
            long: { $ref: '#/components/examples/Long' }
        - { name: page, in: query, schema: { type: integer, example: 2 } }
      responses:
        '200':
          description: OK
          headers:
            X-Total: { schema: { type: integer }, example: 42 }
          content:
            application/json:
              example: [{ id: t-1 }]
            text/csv:
              schema: { type: string }
              examples:
                remote: { externalValue: 'http://attacker.invalid/x.csv' }
components:
  examples:
    Long: { summary: A long query, description: '*Slow*.', value: abcdefgh }`);
    const operation = operationOf(reference, 'get-things');
    assert.deepEqual(operation.parameters[0]?.examples, [
      { name: 'short', summary: 'A short query', descriptionHtml: '', value: 'ab' },
      {
        name: 'long',
        summary: 'A long query',
        descriptionHtml: '<p><em>Slow</em>.</p>',
        value: 'abcdefgh',
      },
    ]);
    assert.deepEqual(operation.parameters[1]?.examples, [{ descriptionHtml: '', value: 2 }]);
    const [ok] = operation.responses;
    assert.deepEqual(ok?.headers[0]?.examples, [{ descriptionHtml: '', value: 42 }]);
    assert.deepEqual(ok.contents[0]?.examples, [{ descriptionHtml: '', value: [{ id: 't-1' }] }]);
    assert.deepEqual(ok.contents[1]?.examples, [
      {
        name: 'remote',
        descriptionHtml: '',
        value: undefined,
        externalValue: 'http://attacker.invalid/x.csv',
      },
    ]);
  });

  test('path-level parameters are inherited, the operation’s win by name and location', () => {
    const reference = describeYaml(`openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /a/{id}:
    parameters:
      - { name: id, in: path, required: true, description: Path level., schema: { type: string } }
      - { name: lang, in: header, schema: { type: string } }
    get:
      parameters:
        - { name: id, in: path, required: true, description: Operation level., schema: { type: string } }
        - { name: id, in: query, deprecated: true, schema: { type: string } }
      responses: { '204': { description: OK } }`);
    const parameters = operationOf(reference, 'get-a-id').parameters;
    assert.deepEqual(
      parameters.map((parameter) => [
        parameter.in,
        parameter.name,
        parameter.descriptionHtml,
        parameter.deprecated,
      ]),
      [
        ['path', 'id', '<p>Operation level.</p>', false],
        ['header', 'lang', '', false],
        ['query', 'id', '', true],
      ],
    );
  });

  test('security: schemes with scopes, the operation’s requirement over the document’s', () => {
    const reference = describeYaml(`openapi: 3.0.3
info: { title: T, version: '1' }
security: [{ oauth: [read] }]
paths:
  /open:
    get: { security: [], responses: { '200': { description: OK } } }
  /mine:
    get: { responses: { '200': { description: OK } } }
  /either:
    post:
      security: [{ key: [] }, { oauth: [write, read] }, {}]
      responses: { '200': { description: OK } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Api-Key, description: Your key. }
    bearer: { type: http, scheme: Bearer, bearerFormat: JWT }
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.exemple.gouv.fr/token
          scopes: { read: Read things, write: Change things }`);
    assert.deepEqual(operationOf(reference, 'get-open').security, []);
    assert.deepEqual(operationOf(reference, 'get-mine').security, [
      { schemes: [{ name: 'oauth', scopes: ['read'] }] },
    ]);
    assert.deepEqual(operationOf(reference, 'post-either').security, [
      { schemes: [{ name: 'key', scopes: [] }] },
      { schemes: [{ name: 'oauth', scopes: ['write', 'read'] }] },
      { schemes: [] },
    ]);
    assert.deepEqual(reference.securitySchemes, [
      {
        name: 'key',
        anchor: 'scheme-key',
        type: 'apiKey',
        descriptionHtml: '<p>Your key.</p>',
        in: 'header',
        parameterName: 'X-Api-Key',
        flows: [],
      },
      {
        name: 'bearer',
        anchor: 'scheme-bearer',
        type: 'http',
        descriptionHtml: '',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        flows: [],
      },
      {
        name: 'oauth',
        anchor: 'scheme-oauth',
        type: 'oauth2',
        descriptionHtml: '',
        flows: [
          {
            kind: 'clientCredentials',
            tokenUrl: 'https://auth.exemple.gouv.fr/token',
            scopes: [
              { name: 'read', description: 'Read things' },
              { name: 'write', description: 'Change things' },
            ],
          },
        ],
      },
    ]);
  });

  test('Swagger 2.0 security definitions: basic, and OAuth flows under their 3.0 names', () => {
    const reference = describeYaml(`swagger: '2.0'
info: { title: T, version: '1' }
paths: {}
securityDefinitions:
  basic: { type: basic }
  oauth: { type: oauth2, flow: application, tokenUrl: https://x/token, scopes: { a: A } }`);
    assert.deepEqual(
      reference.securitySchemes.map((scheme) => [
        scheme.type,
        scheme.scheme,
        scheme.flows.map((flow) => flow.kind),
      ]),
      [
        ['http', 'basic', []],
        ['oauth2', undefined, ['clientCredentials']],
      ],
    );
  });

  test('webhooks are described like operations, tags keep readable accented anchors', () => {
    const reference = describeYaml(`openapi: 3.1.0
info: { title: T, version: '1' }
tags:
  - { name: Départements, description: Les départements. }
  - { name: Jours fériés }
paths:
  /departements:
    get: { tags: [Départements, Régions], responses: { '200': { description: OK } } }
webhooks:
  statusChanged:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { status: { type: string } } }
      responses: { '204': { description: Acknowledged. } }`);
    const webhook = operationOf(reference, 'webhook-post-statuschanged');
    assert.deepEqual(listProperties(webhook.requestBody?.contents[0]?.schema), ['status: string']);
    assert.deepEqual(
      webhook.responses.map((response) => response.status),
      ['204'],
    );
    assert.deepEqual(
      reference.tags.map((tag) => [tag.name, tag.anchor, tag.descriptionHtml]),
      [
        ['Départements', 'tag-departements', '<p>Les départements.</p>'],
        ['Jours fériés', 'tag-jours-feries', ''],
        ['Régions', 'tag-regions', ''],
      ],
    );
  });
});
