import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { compareDocuments } from '../../../scripts/lib/diff/compare-documents.ts';

function readFixture(dialect: string, side: 'before' | 'after'): Record<string, unknown> {
  return parse(readFileSync(`test/fixtures/diff/${dialect}/${side}.yaml`, 'utf8')) as Record<
    string,
    unknown
  >;
}

/** The same edits, written in each dialect, must be classified the same way. */
const expected = [
  {
    breaking: true,
    operation: 'GET /declarations',
    description: '[Added] required query parameter `siren`',
  },
  {
    breaking: true,
    operation: 'GET /declarations',
    description:
      '[Removed] required status from `[].siren` in Response 200 content (application/json)',
  },
  {
    breaking: true,
    operation: 'GET /declarations',
    description: '[Removed] property `siren` from `[]` in Response 200 content (application/json)',
  },
  {
    breaking: true,
    operation: 'GET /declarations',
    description:
      '[Replaced] type definition of `[].amount` in Response 200 content (application/json)',
  },
  {
    breaking: true,
    operation: 'POST /declarations',
    description: '[Replaced] possible values of `kind` in Request Body content (application/json)',
  },
  {
    breaking: false,
    operation: 'POST /declarations',
    description: '[Added] property `comment` in Request Body content (application/json)',
  },
  {
    breaking: true,
    operation: 'DELETE /declarations/{id}',
    description: '[Removed] operation DELETE /declarations/{id}',
  },
  {
    breaking: false,
    operation: 'GET /declarations/{id}/receipt',
    description: '[Added] operation GET /declarations/{id}/receipt',
  },
];

describe('changes between two versions of a document are classified for consumers', () => {
  for (const dialect of ['openapi-3.0', 'openapi-3.1', 'swagger-2.0']) {
    test(dialect, () => {
      const changes = compareDocuments(
        readFixture(dialect, 'before'),
        readFixture(dialect, 'after'),
      );
      assert.deepEqual(
        changes.map(({ breaking, operation, description }) => ({
          breaking,
          operation,
          description,
        })),
        expected,
      );
    });
  }

  test('an unchanged document has no change', () => {
    const document = readFixture('openapi-3.0', 'before');
    assert.deepEqual(compareDocuments(document, structuredClone(document)), []);
  });
});
