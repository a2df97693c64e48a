import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toConsoleDocument } from '../../../catalog/openapi/console-document.ts';

test('the console’s document keeps schemas, internal $refs and plain descriptions as written', () => {
  const document = {
    openapi: '3.1.0',
    info: { title: 'T', version: '1', description: 'Plain *Markdown* with `code`.' },
    paths: {
      '/things': {
        get: {
          responses: { '200': { $ref: '#/components/responses/Things' } },
        },
      },
    },
    components: {
      responses: { Things: { description: 'The [list](https://exemple.gouv.fr/doc)' } },
      schemas: {
        Thing: {
          type: 'object',
          // Properties named like OpenAPI fields are schemas, not fields.
          properties: {
            description: { type: 'string', description: 'What it is' },
            example: { type: 'string', example: { $ref: 'http://x.invalid/' } },
          },
          example: { description: '<b>literal</b>' },
        },
      },
    },
  };
  assert.deepEqual(toConsoleDocument(document), {
    ...document,
    components: {
      responses: {
        Things: {
          description:
            '<p>The <a href="https://exemple.gouv.fr/doc" rel="noopener noreferrer">list</a></p>',
        },
      },
      schemas: {
        Thing: {
          type: 'object',
          properties: {
            description: { type: 'string', description: 'What it is' },
            example: { type: 'string', example: {} },
          },
          example: { description: '<b>literal</b>' },
        },
      },
    },
  });
});
