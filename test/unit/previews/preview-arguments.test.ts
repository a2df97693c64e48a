import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parsePreviewArguments,
  parseSlugArguments,
} from '../../../scripts/lib/previews/parse-preview-arguments.ts';
import { toSettingsErrorLines } from '../../helpers/settings-error-lines.ts';

describe('npm run build:preview arguments', () => {
  test('default to an internal preview in .guichet/previews, from apis/', () => {
    assert.deepEqual(parsePreviewArguments(['--branch', 'feature/Add-API_v2'], {}), {
      branch: 'feature/Add-API_v2',
      slug: 'feature-add-api-v2',
      previewsDir: '.guichet/previews',
      audience: 'internal',
      apisDir: 'apis',
    });
  });

  test('take the previews folder from the flag, else from GUICHET_PREVIEWS_DIR', () => {
    const env = { GUICHET_PREVIEWS_DIR: '/srv/previews', APIS_DIR: 'test/apis' };
    const fromEnv = parsePreviewArguments(['--branch', 'main'], env);
    assert.notEqual(fromEnv, 'help');
    if (fromEnv === 'help') return;
    assert.equal(fromEnv.previewsDir, '/srv/previews');
    assert.equal(fromEnv.apisDir, 'test/apis');
    const fromFlag = parsePreviewArguments(
      ['--branch', 'main', '--previews-dir', 'out', '--audience', 'public'],
      env,
    );
    assert.notEqual(fromFlag, 'help');
    if (fromFlag === 'help') return;
    assert.equal(fromFlag.previewsDir, 'out');
    assert.equal(fromFlag.audience, 'public');
  });

  test('list every wrong value at once', () => {
    assert.deepEqual(
      toSettingsErrorLines(() => parsePreviewArguments(['--audience', 'everyone'], {})),
      [
        '--branch — is required — give the branch previewed, e.g. --branch "$BRANCH"',
        '--audience — "everyone" is not one of public, partners, internal',
      ],
    );
    assert.deepEqual(
      toSettingsErrorLines(() => parsePreviewArguments(['--branch', '///'], {})),
      ['--branch — "///" has no letter or digit, so it has no slug — name the branch with some'],
    );
  });

  test('refuse an unknown flag with the parser’s message', () => {
    const [line] = toSettingsErrorLines(() => parsePreviewArguments(['--out', 'x'], {}));
    assert.match(line ?? '', /Unknown option '--out'/);
  });
});

describe('npm run preview:slug arguments', () => {
  test('give the slug of the branch', () => {
    assert.deepEqual(parseSlugArguments(['--branch', 'Feature/X']), { slug: 'feature-x' });
    assert.equal(parseSlugArguments(['--help']), 'help');
  });

  test('need a branch', () => {
    assert.deepEqual(
      toSettingsErrorLines(() => parseSlugArguments([])),
      ['--branch — is required — give the branch previewed, e.g. --branch "$BRANCH"'],
    );
  });
});
