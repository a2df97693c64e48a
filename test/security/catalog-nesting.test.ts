import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reportFor } from './helpers/catalog-report.ts';

/** Valid JSON or YAML nested thousands of levels deep overflows the YAML library's stack. */
const tooDeep =
  '(nesting) — nests its values more deeply than guichet reads (a thousand levels or more) — move nested parts under components and point to them with $ref: real documents nest a few dozen levels';

describe('documents nested too deeply are refused with their own message', () => {
  test('a JSON document nesting 5,000 arrays', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const document = `{"openapi":"3.0.3","info":{"title":"Deep","version":"1.0.0"},"paths":{},"x-deep":${deep}}\n`;
    assert.deepEqual(await reportFor({ 'apis/deep/openapi.json': document }), [
      `apis/deep/openapi.json:1 — ${tooDeep}`,
    ]);
  });

  test('a YAML document nesting 5,000 flow mappings', async () => {
    const deep = `${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`;
    const document = `openapi: 3.0.3\ninfo: { title: Deep, version: 1.0.0 }\npaths: {}\nx-deep: ${deep}\n`;
    assert.deepEqual(await reportFor({ 'apis/deep/openapi.yaml': document }), [
      `apis/deep/openapi.yaml:4 — ${tooDeep}`,
    ]);
  });
});
