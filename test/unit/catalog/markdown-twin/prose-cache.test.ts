import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toMarkdownText } from '../../../../catalog/markdown-twin/markdown-text.ts';
import { createProseCache } from '../../../../catalog/markdown-twin/prose-cache.ts';

// Plain paragraphs (the fast path), markup that needs the HTML parse, entities and nothing.
const texts = [
  '<p>The SIREN number of the company.</p>',
  '<p>a <em>b</em> and <code>c</code>, see <a href="https://example.org">there</a></p>',
  '<ul>\n<li>one</li>\n<li>two</li>\n</ul>',
  '<p>first</p>\n<p>second</p>',
  '<p>AT&amp;T &lt;b&gt;</p>',
  '',
];

test('a prose cache answers as toMarkdownText does, converting each distinct text once', () => {
  const prose = createProseCache();
  for (let round = 0; round < 3; round += 1) {
    for (const html of texts) assert.equal(prose.toMarkdown(html), toMarkdownText(html), html);
  }
  assert.equal(prose.size, texts.length);
});

test('two prose caches share nothing', () => {
  const first = createProseCache();
  first.toMarkdown(texts[1] ?? '');
  assert.equal(createProseCache().size, 0);
});
