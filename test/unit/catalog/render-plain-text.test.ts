import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { renderMarkdown } from '../../../catalog/markdown/render-markdown.ts';
import { visitObjects } from '../../../catalog/openapi/visit-objects.ts';

/**
 * One-line descriptions skip the Markdown pipeline. A trailing newline sends the same text
 * through the whole pipeline, so both renderings can be held side by side: they must agree.
 */
function renderThroughPipeline(text: string): { html: string; text: string } {
  return renderMarkdown(`${text}\n`);
}

const tricky = [
  'The SIREN number of the company.',
  'Le numéro SIREN de l’entreprise, sur 9 chiffres (sans espace).',
  'Quotes "double" and \'single\' stay; so do 50 %, $5, {braces}, (parens) and a/b?c;d.',
  'Ends with a colon: like this',
  '1999 was a year',
  '3 items',
  'Emoji 🎉 and CJK 漢字',
  'a ^ b',
  '- a list item',
  '1. first',
  '2) second',
  '+ plus item',
  '= setext?',
  '*emphasis*',
  '_underscore_',
  'see https://example.org',
  'see www.example.org',
  'mail dev@example.org',
  'a <b>tag</b>',
  'AT&amp;T',
  'a | b',
  '~~gone~~',
  'back\\slash',
  '[link](#x)',
  '`code`',
  '# heading',
  '!image',
  '    indented code',
  'trailing space ',
  'Two  spaces   inside',
];

describe('plain one-line descriptions render as the full pipeline does', () => {
  test('crafted sentences, with and without markup', () => {
    for (const text of tricky) {
      assert.deepEqual(renderMarkdown(text), renderThroughPipeline(text), text);
    }
  });

  test('every description of the sample APIs and fixtures', async () => {
    const texts = new Set<string>();
    for (const root of ['apis', 'test/fixtures/catalog/valid', 'test/e2e/fixtures/apis']) {
      const files = (await readdir(root, { recursive: true })).filter((file) =>
        /\.ya?ml$/.test(file),
      );
      for (const file of files) {
        visitObjects(parse(await readFile(join(root, file), 'utf8')) as unknown, (object) => {
          for (const key of ['description', 'summary']) {
            const value = object[key];
            if (typeof value === 'string') texts.add(value.trim());
          }
          return true;
        });
      }
    }
    assert.ok(texts.size > 100, `only ${String(texts.size)} descriptions found`);
    for (const text of texts) {
      assert.deepEqual(renderMarkdown(text), renderThroughPipeline(text), text);
    }
  });
});
