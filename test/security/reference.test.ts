import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCatalog, type CatalogVersion } from '../../catalog/index.ts';
import { schemaLimits } from '../../catalog/reference/read-context.ts';
import { describeVersion } from '../../catalog/reference/describe-version.ts';
import { createHostileRepo, type HostileFile } from './helpers/hostile-repo.ts';

/**
 * The reference (every parameter, body, response and schema of a version) is read from owners'
 * documents, which are hostile: however deep, wide or self-referencing a schema, what the
 * catalog describes stays bounded, and no input throws.
 */
async function loadVersion(files: Record<string, HostileFile>): Promise<CatalogVersion> {
  const repo = await createHostileRepo(files);
  try {
    const result = await loadCatalog({ apisDir: repo.apisDir, audience: 'internal' });
    assert.deepEqual(result.problems, []);
    const version = result.catalog.apis[0]?.versions[0];
    assert.ok(version);
    return version;
  } finally {
    await repo.remove();
  }
}

/** A JSON document whose one operation answers `schema`, with `components` beside it. */
function documentAnswering(schema: unknown, components: Record<string, unknown> = {}): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Hostile', version: '1.0.0' },
    paths: {
      '/things': {
        get: {
          responses: {
            '200': { description: 'OK', content: { 'application/json': { schema } } },
          },
        },
      },
    },
    components: { schemas: components },
  });
}

function countNodes(value: unknown): number {
  return (JSON.stringify(value).match(/"kind":"(?:schema|reference|cut)"/g) ?? []).length;
}

describe('schemas that would make the reference unbounded', () => {
  test('a schema nested 200 levels deep (a few hundred more and the catalog refuses the file) is cut at the depth bound', async () => {
    // Written as text, as an owner would: JSON.stringify is not the limit here.
    const levels = 200;
    const nested = `${'{"type":"object","properties":{"a":'.repeat(levels)}{"type":"string"}${'}}'.repeat(levels)}`;
    const version = await loadVersion({
      'apis/hostile/openapi.json': documentAnswering('NESTED').replace('"NESTED"', nested),
    });
    const reference = describeVersion(version);
    const text = JSON.stringify(reference.operations[0]);
    assert.match(text, /"reason":"depth"/);
    assert.ok(countNodes(reference.operations[0]) <= schemaLimits.maxDepth + 2);
  });

  test('components that reference each other twice per level (2⁴⁰ paths) stay within the budget', async () => {
    const components: Record<string, unknown> = { L40: { type: 'string' } };
    for (let level = 0; level < 40; level += 1) {
      const next = { $ref: `#/components/schemas/L${String(level + 1)}` };
      components[`L${String(level)}`] = { allOf: [next, next, { type: 'object' }] };
    }
    const version = await loadVersion({
      'apis/hostile/openapi.json': documentAnswering(
        { $ref: '#/components/schemas/L0' },
        components,
      ),
    });
    const reference = describeVersion(version);
    for (const schema of reference.schemas) {
      assert.ok(countNodes(schema) <= schemaLimits.maxNodes + 1, schema.name);
    }
  });

  test('a schema with 300,000 properties is cut at the node budget', async () => {
    const properties = Object.fromEntries(
      Array.from({ length: 300_000 }, (_, index) => [`p${String(index)}`, { type: 'string' }]),
    );
    const version = await loadVersion({
      'apis/hostile/openapi.json': documentAnswering({ type: 'object', properties }),
    });
    const reference = describeVersion(version);
    const schema = reference.operations[0]?.responses[0]?.contents[0]?.schema;
    assert.equal(schema?.kind, 'schema');
    assert.ok(schema.properties.length < schemaLimits.maxNodes);
    assert.equal(schema.properties.length + schema.omitted, 300_000);
  });
});
