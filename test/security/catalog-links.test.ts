import assert from 'node:assert/strict';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { documentWithPathItem } from './helpers/hostile-repo.ts';
import { reportFor } from './helpers/catalog-report.ts';

/**
 * Symbolic links a pull request can commit inside `apis/<id>/` or `mocks/<id>/`: each would make
 * the build publish (or the sandbox serve) a file from elsewhere on the machine. Every link that
 * leaves its folder is refused where it is, with the link's own path; none is followed.
 */
const validDocument = documentWithPathItem(
  ['get:', '  responses:', "    '200':", '      description: OK'].join('\n'),
);
const secret = 'machine-secret-s3cr3t';
/** What every case plants outside the API folder, to be sure it is never read. */
const outsideFiles = {
  '.git/config': `[core]\n${secret}\n`,
  'elsewhere/stolen.md': `# Stolen\n\n${secret}\n`,
  'elsewhere/openapi.yaml': validDocument,
  'elsewhere/thing.yaml': `description: ${secret}\n`,
  'elsewhere/v1/openapi.yaml': validDocument,
  'elsewhere/stubs.yaml': 'stubs: []\n',
};

function assertNoSecret(report: string[]): void {
  assert.ok(!report.join('\n').includes('s3cr3t'), 'nothing of the outside file is printed');
}

describe('links that leave the API folder are refused', () => {
  test('a guide linked to the repository’s .git/config', async () => {
    const report = await reportFor({
      ...outsideFiles,
      'apis/hostile/openapi.yaml': validDocument,
      'apis/hostile/guides/01-config.md': { linkTo: '../../../.git/config' },
    });
    assert.deepEqual(report, [
      'apis/hostile/guides/01-config.md:1 — (file) — is a symbolic link to a file outside apis/hostile — put the file itself here instead of a link: nothing outside apis/hostile is read',
    ]);
    assertNoSecret(report);
  });

  test('a guide linked by absolute path to another preview’s admin token', async () => {
    const report = await reportFor(
      {
        'apis/hostile/openapi.yaml': validDocument,
        '.guichet/previews/other-branch/sandbox-data/admin-token': 's3cr3t-admin-token',
      },
      async (repo) => {
        await mkdir(join(repo.apisDir, 'hostile', 'guides'));
        await symlink(
          join(repo.root, '.guichet/previews/other-branch/sandbox-data/admin-token'),
          join(repo.apisDir, 'hostile', 'guides', '01-token.md'),
        );
      },
    );
    assert.deepEqual(report, [
      'apis/hostile/guides/01-token.md:1 — (file) — is a symbolic link to a file outside apis/hostile — put the file itself here instead of a link: nothing outside apis/hostile is read',
    ]);
    assertNoSecret(report);
  });

  test('the guides folder linked to a folder elsewhere', async () => {
    const report = await reportFor({
      ...outsideFiles,
      'apis/hostile/openapi.yaml': validDocument,
      'apis/hostile/guides': { linkTo: '../../elsewhere' },
    });
    assert.deepEqual(report, [
      'apis/hostile/guides:1 — (folder) — is a symbolic link to a folder outside apis/hostile — make it a folder of its own: nothing outside apis/hostile is read',
    ]);
    assertNoSecret(report);
  });

  test('the entry document linked to /etc/passwd', async () => {
    const report = await reportFor({
      'apis/hostile/openapi.yaml': { linkTo: '/etc/passwd' },
    });
    assert.deepEqual(report, [
      'apis/hostile/openapi.yaml:1 — (file) — is a symbolic link to a file outside apis/hostile — put the file itself here instead of a link: nothing outside apis/hostile is read',
    ]);
  });

  test('api.yaml linked to a file elsewhere', async () => {
    const report = await reportFor({
      ...outsideFiles,
      'apis/hostile/openapi.yaml': validDocument,
      'apis/hostile/api.yaml': { linkTo: '../../elsewhere/thing.yaml' },
    });
    assert.deepEqual(report, [
      'apis/hostile/api.yaml:1 — (file) — is a symbolic link to a file outside apis/hostile — put the file itself here instead of a link: nothing outside apis/hostile is read',
    ]);
    assertNoSecret(report);
  });

  test('a $ref to a file that is a link to /etc/passwd', async () => {
    const report = await reportFor({
      'apis/hostile/openapi.yaml': documentWithPathItem('$ref: ./paths/things.yaml'),
      'apis/hostile/paths/things.yaml': { linkTo: '/etc/passwd' },
    });
    assert.deepEqual(report, [
      'apis/hostile/openapi.yaml:7 — paths./things.$ref — points outside the API folder through a symbolic link (./paths/things.yaml) — keep every file of the document inside apis/hostile, as a file rather than a link to one elsewhere',
    ]);
  });

  test('a $ref through a folder linked to /etc', async () => {
    const report = await reportFor({
      'apis/hostile/openapi.yaml': documentWithPathItem('$ref: ./system/passwd'),
      'apis/hostile/system': { linkTo: '/etc' },
    });
    assert.deepEqual(report, [
      'apis/hostile/openapi.yaml:7 — paths./things.$ref — points outside the API folder through a symbolic link (./system/passwd) — keep every file of the document inside apis/hostile, as a file rather than a link to one elsewhere',
    ]);
  });

  test('a $ref to a link into another API’s folder', async () => {
    const report = await reportFor({
      'apis/hostile/openapi.yaml': documentWithPathItem('$ref: ./paths/things.yaml'),
      'apis/hostile/paths/things.yaml': { linkTo: '../../victim/paths/things.yaml' },
      'apis/victim/openapi.yaml': documentWithPathItem('$ref: ./paths/things.yaml'),
      'apis/victim/paths/things.yaml': [
        'get:',
        '  responses:',
        "    '200':",
        `      description: ${secret}`,
      ].join('\n'),
    });
    assert.deepEqual(report, [
      'apis/hostile/openapi.yaml:7 — paths./things.$ref — points outside the API folder through a symbolic link (./paths/things.yaml) — keep every file of the document inside apis/hostile, as a file rather than a link to one elsewhere',
    ]);
  });

  test('a version folder linked to a folder elsewhere', async () => {
    const report = await reportFor({
      ...outsideFiles,
      'apis/hostile/v2/openapi.yaml': validDocument,
      'apis/hostile/v1': { linkTo: '../../elsewhere/v1' },
    });
    assert.deepEqual(report, [
      'apis/hostile/v1:1 — (folder) — is a symbolic link to a folder outside apis/hostile — make it a folder of its own: nothing outside apis/hostile is read',
    ]);
  });

  test('the API folder itself linked to a folder elsewhere', async () => {
    const report = await reportFor({
      ...outsideFiles,
      'apis/hostile': { linkTo: '../elsewhere' },
    });
    assert.deepEqual(report, [
      'apis/hostile:1 — (folder) — is a symbolic link to a folder outside apis — make it a folder of its own: nothing outside apis is read',
    ]);
  });

  test('the API folder linked to /etc', async () => {
    const report = await reportFor({ 'apis/hostile': { linkTo: '/etc' } });
    assert.deepEqual(report, [
      'apis/hostile:1 — (folder) — is a symbolic link to a folder outside apis — make it a folder of its own: nothing outside apis is read',
    ]);
  });
});

describe('links that leave the mocks folder are refused', () => {
  test('a stubs file linked to a file elsewhere', async () => {
    const report = await reportFor({
      ...outsideFiles,
      'apis/hostile/openapi.yaml': validDocument,
      'mocks/hostile/stubs.yaml': { linkTo: '../../elsewhere/stubs.yaml' },
    });
    assert.deepEqual(report, [
      'mocks/hostile/stubs.yaml:1 — (file) — is a symbolic link to a file outside mocks/hostile — put the file itself here instead of a link: nothing outside mocks/hostile is read',
    ]);
  });

  test('an API’s mocks folder linked to a folder elsewhere', async () => {
    const report = await reportFor({
      ...outsideFiles,
      'apis/hostile/openapi.yaml': validDocument,
      'mocks/hostile': { linkTo: '../elsewhere' },
    });
    assert.deepEqual(report, [
      'mocks/hostile:1 — (folder) — is a symbolic link to a folder outside mocks — make it a folder of its own: nothing outside mocks is read',
    ]);
  });
});

describe('links that lead nowhere are problems, not crashes', () => {
  test('a guide linked to a file that does not exist', async () => {
    const report = await reportFor({
      'apis/hostile/openapi.yaml': validDocument,
      'apis/hostile/guides/01-gone.md': { linkTo: '/nonexistent/secret.md' },
    });
    assert.deepEqual(report, [
      'apis/hostile/guides/01-gone.md:1 — (file) — cannot be read (ENOENT) — check that the file exists and is readable',
    ]);
  });
});
