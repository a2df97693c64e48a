import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readEnvironment } from '../../../catalog/read-environment.ts';
import { parseCommandLine, UsageError } from '../../../scripts/lib/cli/read-command-line.ts';
import {
  previewCommand,
  slugCommand,
  toPreviewBuildOptions,
  toSlugOfBranch,
  type PreviewBuildOptions,
} from '../../../scripts/lib/previews/parse-preview-arguments.ts';
import { previewBuildEnvSchema } from '../../../scripts/lib/previews/previews-env.ts';
import { toSettingsErrorLines } from '../../helpers/settings-error-lines.ts';

/** What `npm run build:preview` makes of a command line and an environment. */
function parsePreviewArguments(
  argv: string[],
  source: Record<string, string>,
): PreviewBuildOptions | 'help' {
  const line = parseCommandLine(previewCommand, argv);
  if (line === 'help') return 'help';
  const read = readEnvironment(previewBuildEnvSchema, source);
  if (!read.ok) assert.fail(read.problems.join('\n'));
  return toPreviewBuildOptions(line.values, read.env);
}

/** What `npm run preview:slug` prints for a command line. */
function parseSlugArguments(argv: string[]): { slug: string } | 'help' {
  const line = parseCommandLine(slugCommand, argv);
  return line === 'help' ? 'help' : { slug: toSlugOfBranch(line.values) };
}

describe('npm run build:preview arguments', () => {
  test('default to an internal preview in .guichet/previews, from apis/', () => {
    assert.deepEqual(parsePreviewArguments(['--branch', 'feature/Add-API_v2'], {}), {
      branch: 'feature/Add-API_v2',
      slug: 'feature-add-api-v2',
      previewsDir: '.guichet/previews',
      audience: 'internal',
      apisDir: 'apis',
      previewsUrl: undefined,
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
        '--audience — "everyone" is not one of public, partners, internal — give one of them, e.g. --audience partners',
      ],
    );
    assert.deepEqual(
      toSettingsErrorLines(() => parsePreviewArguments(['--branch', '///'], {})),
      ['--branch — "///" has no letter or digit, so it has no slug — name the branch with some'],
    );
  });

  test('refuse an unknown flag as a mistake of the command line', () => {
    assert.throws(() => parsePreviewArguments(['--out', 'x'], {}), UsageError);
    assert.throws(() => parsePreviewArguments(['--out', 'x'], {}), {
      message: 'unknown option --out',
    });
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
