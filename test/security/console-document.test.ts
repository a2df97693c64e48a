import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCatalog } from '../../catalog/index.ts';
import { toConsoleDocument } from '../../catalog/openapi/console-document.ts';
import { createHostileRepo } from './helpers/hostile-repo.ts';

/**
 * The reference page gives Scalar a document, which Scalar renders (Markdown descriptions) and
 * resolves (every `$ref`, examples included) in the partner's browser. Each hostile part is
 * loaded through the real catalog, then turned into the console's document as the page's
 * `console.json` route does; nothing in it may make the browser fetch or run anything.
 */
async function consoleDocumentOf(document: string): Promise<string> {
  const repo = await createHostileRepo({ 'apis/hostile/openapi.yaml': document });
  try {
    const result = await loadCatalog({ apisDir: repo.apisDir, audience: 'internal' });
    assert.deepEqual(result.problems, []);
    const version = result.catalog.apis[0]?.versions[0];
    assert.ok(version);
    return JSON.stringify(toConsoleDocument(version.document));
  } finally {
    await repo.remove();
  }
}

function documentWith(operation: string[]): string {
  return [
    'openapi: 3.1.0',
    'info: { title: Hostile, version: 1.0.0 }',
    'paths:',
    '  /things:',
    '    get:',
    ...operation.map((line) => `      ${line}`),
    '',
  ].join('\n');
}

describe('the console’s document fetches and runs nothing', () => {
  test('a remote image in a description becomes a link', async () => {
    const text = await consoleDocumentOf(
      documentWith([
        `description: '<img src="http://tracker.invalid/pixel.png" alt="chart"> and ![pixel](https://tracker.invalid/p.gif)'`,
        "responses: { '200': { description: OK } }",
      ]),
    );
    assert.doesNotMatch(text, /<img/);
    assert.match(
      text,
      /<a href=\\"http:\/\/tracker\.invalid\/pixel\.png\\" rel=\\"noopener noreferrer\\">chart<\/a>/,
    );
  });

  test('an http $ref inside a response example is dropped', async () => {
    const text = await consoleDocumentOf(
      documentWith([
        "responses: { '200': { description: OK, content: { application/json: { example: { id: 1, meta: { $ref: 'http://169.254.169.254/latest/meta-data/' } } } } } }",
      ]),
    );
    assert.doesNotMatch(text, /169\.254/);
    assert.match(text, /"example":\{"id":1,"meta":\{\}\}/);
  });

  test('a file $ref inside a named example’s value is dropped', async () => {
    const text = await consoleDocumentOf(
      documentWith([
        "responses: { '200': { description: OK, content: { application/json: { examples: { one: { value: { $ref: /etc/passwd } } } } } } }",
      ]),
    );
    assert.doesNotMatch(text, /etc\/passwd/);
  });

  test('an example’s externalValue on another host is dropped', async () => {
    const text = await consoleDocumentOf(
      documentWith([
        "responses: { '200': { description: OK, content: { application/json: { examples: { one: { externalValue: 'https://tracker.invalid/example.json' } } } } } }",
      ]),
    );
    assert.doesNotMatch(text, /tracker\.invalid/);
  });

  test('a parameter description with a script and a javascript: link', async () => {
    const text = await consoleDocumentOf(
      documentWith([
        'parameters:',
        "  - { name: q, in: query, schema: { type: string, description: 'see [this](javascript:alert(1))' }, description: '<script>alert(1)</script><b onclick=\"alert(1)\">Query</b>' }",
        "responses: { '200': { description: OK } }",
      ]),
    );
    assert.doesNotMatch(text, /<script|onclick|javascript:/i);
    assert.match(text, /<b>Query<\/b>/);
  });

  test('a description’s id named like a page element is prefixed', async () => {
    const text = await consoleDocumentOf(
      documentWith([
        `description: '<span id="key-present">your key is stolen</span>'`,
        "responses: { '200': { description: OK } }",
      ]),
    );
    assert.match(text, /id=\\"user-content-key-present\\"/);
  });
});
