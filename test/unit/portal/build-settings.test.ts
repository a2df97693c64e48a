import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readEnvironment } from '../../../catalog/read-environment.ts';
import { parsePortalSettings } from '../../../config/portal-settings.ts';
import { parseCommandLine, UsageError } from '../../../scripts/lib/cli/read-command-line.ts';
import {
  buildCommand,
  toBuildOptions,
  type BuildOptions,
} from '../../../scripts/lib/portal/parse-build-arguments.ts';
import { buildEnvSchema } from '../../../scripts/lib/portal/portal-env.ts';
import { toSettingsErrorLines } from '../../helpers/settings-error-lines.ts';

/** What `npm run build` makes of a command line and an environment. */
function parseBuildArguments(
  argv: string[],
  source: Record<string, string>,
): BuildOptions | 'help' {
  const line = parseCommandLine(buildCommand, argv);
  if (line === 'help') return 'help';
  const read = readEnvironment(buildEnvSchema, source);
  if (!read.ok) assert.fail(read.problems.join('\n'));
  return toBuildOptions(line.values, read.env);
}

describe('portal settings', () => {
  test('default to a root portal, the local sandbox and its admin API, and dist/', () => {
    assert.deepEqual(parsePortalSettings({}), {
      base: '/',
      sandboxUrl: 'http://127.0.0.1:8000',
      adminUrl: 'http://127.0.0.1:8001',
      outDir: 'dist',
      snapshotPath: '.guichet/catalog.json',
      portalFile: 'portal.yaml',
    });
  });

  test('normalise the base path and the sandbox URL', () => {
    const settings = parsePortalSettings({
      base: 'preview/my-branch',
      sandboxUrl: 'https://sandbox.example.org/',
    });
    assert.equal(settings.base, '/preview/my-branch/');
    assert.equal(settings.sandboxUrl, 'https://sandbox.example.org');
  });

  test('name the variable of each wrong setting', () => {
    assert.deepEqual(
      toSettingsErrorLines(() => parsePortalSettings({ base: '/a b/', sandboxUrl: 'ftp://x' })),
      [
        'GUICHET_BASE_PATH — must be a URL path made of letters, digits, ".", "_", "~", "-" and "/"',
        'GUICHET_SANDBOX_URL — Invalid URL',
      ],
    );
    assert.deepEqual(
      toSettingsErrorLines(() => parsePortalSettings({ base: '/preview/../x/' })),
      ['GUICHET_BASE_PATH — must not contain "." or ".." segments'],
    );
  });
});

describe('build arguments', () => {
  test('read the environment, and let flags win over it', () => {
    const options = parseBuildArguments(['--base', '/preview/b/', '--audience', 'internal'], {
      GUICHET_BASE_PATH: '/preview/a/',
      GUICHET_AUDIENCE: 'partners',
      GUICHET_SANDBOX_URL: 'http://127.0.0.1:9000',
      APIS_DIR: 'test/apis',
    });
    assert.notEqual(options, 'help');
    if (options === 'help') return;
    assert.equal(options.settings.base, '/preview/b/');
    assert.equal(options.settings.sandboxUrl, 'http://127.0.0.1:9000');
    assert.equal(options.audience, 'internal');
    assert.equal(options.apisDir, 'test/apis');
    assert.equal(options.snapshotOnly, false);
  });

  test("take the admin API's address the owners' usage page calls, the flag over the variable", () => {
    const options = parseBuildArguments(['--admin-url', 'https://admin.example.org/'], {
      GUICHET_ADMIN_URL: 'http://127.0.0.1:9001',
    });
    assert.notEqual(options, 'help');
    if (options === 'help') return;
    assert.equal(options.settings.adminUrl, 'https://admin.example.org');
    assert.deepEqual(
      toSettingsErrorLines(() =>
        parseBuildArguments([], { GUICHET_ADMIN_URL: 'javascript:alert(1)' }),
      ),
      ['GUICHET_ADMIN_URL — Invalid URL'],
    );
  });

  test('default to a public build of apis/', () => {
    const options = parseBuildArguments(['--snapshot-only', '--out', 'site-out'], {});
    assert.notEqual(options, 'help');
    if (options === 'help') return;
    assert.equal(options.audience, 'public');
    assert.equal(options.apisDir, 'apis');
    assert.equal(options.snapshotOnly, true);
    assert.equal(options.settings.outDir, 'site-out');
  });

  test('list every wrong value at once', () => {
    assert.deepEqual(
      toSettingsErrorLines(() =>
        parseBuildArguments(['--audience', 'everyone', '--base', '/a b/'], {}),
      ),
      [
        '--audience — "everyone" is not one of public, partners, internal — give one of them, e.g. --audience partners',
        '--base — must be a URL path made of letters, digits, ".", "_", "~", "-" and "/"',
      ],
    );
  });

  test('name the environment variable when the wrong value comes from it', () => {
    assert.deepEqual(
      toSettingsErrorLines(() => parseBuildArguments([], { GUICHET_SANDBOX_URL: 'not a url' })),
      ['GUICHET_SANDBOX_URL — Invalid URL'],
    );
  });

  test('refuse an unknown flag as a mistake of the command line', () => {
    assert.throws(() => parseBuildArguments(['--outdir', 'x'], {}), {
      name: 'UsageError',
      message: 'unknown option --outdir',
    });
    assert.throws(() => parseBuildArguments(['--out'], {}), UsageError);
  });

  test('name each wrong variable of the environment, with what to do', () => {
    assert.deepEqual(readEnvironment(buildEnvSchema, { GUICHET_AUDIENCE: 'everyone' }), {
      ok: false,
      problems: [
        'GUICHET_AUDIENCE — must be one of public, partners, internal — fix or unset this variable',
      ],
    });
  });

  test('answer --help', () => {
    assert.equal(parseBuildArguments(['--help'], {}), 'help');
  });
});
