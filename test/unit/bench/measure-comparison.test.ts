import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editDocument } from '../../../bench/lib/diff/edit-document.ts';
import { measureComparison } from '../../../bench/lib/diff/measure-comparison.ts';

/** A document whose schemas put siblings beside a `$ref`, which the comparison rewrites. */
function toDocument(): Record<string, unknown> {
  const id = { $ref: '#/components/schemas/Id', description: 'The id', readOnly: true };
  const operation = (operationId: string): unknown => ({
    operationId,
    responses: {
      '200': {
        description: 'ok',
        content: { 'application/json': { schema: { type: 'object', properties: { id } } } },
      },
    },
  });
  return {
    openapi: '3.0.3',
    info: { title: 'Refs', version: '1.0.0' },
    paths: { '/a': { get: operation('getA') }, '/b': { get: operation('getB') } },
    components: { schemas: { Id: { type: 'string' } } },
  };
}

describe("bench:diff's timed comparison", () => {
  it('leaves the documents it is given as they were, so every round compares the same', () => {
    const document = toDocument();
    const edited = editDocument(document);
    const first = measureComparison(document, edited);
    const second = measureComparison(document, structuredClone(document));
    assert.deepEqual(document, toDocument());
    assert.deepEqual(edited, editDocument(toDocument()));
    assert.deepEqual(
      first.changes.map((change) => change.description),
      measureComparison(document, edited).changes.map((change) => change.description),
    );
    assert.deepEqual(second.changes, []);
    assert.ok(Number.isFinite(first.cpuMs) && first.cpuMs >= 0);
  });
});
