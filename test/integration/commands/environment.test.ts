import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCommand } from './helpers/run-command.ts';

/** A guard, not a measure: a process that started despite the mistake would never exit. */
const exitsByItself = { timeout: 120_000 };

const port = 'must be a port number, from 0 to 65535';
const hint = 'fix or unset this variable';

/** Each process, a wrong variable it reads, and the one line it must answer with. */
const cases = [
  {
    process: 'the gateway',
    file: 'gateway-stub/server.ts',
    env: { GUICHET_ADMIN_PORT: '99999' },
    line: `gateway: GUICHET_ADMIN_PORT — ${port} — ${hint}`,
  },
  {
    process: 'the mock server',
    file: 'mock-server/server.ts',
    env: { MOCK_PORT: 'http' },
    line: `mock server: MOCK_PORT — ${port} — ${hint}`,
  },
  {
    process: 'the mock server (a setting out of its range)',
    file: 'mock-server/server.ts',
    env: { MOCK_PREPARE_WORKERS: '64' },
    line: `mock server: MOCK_PREPARE_WORKERS — must be at most 16 — ${hint}`,
  },
  {
    process: 'the mock server (a switch)',
    file: 'mock-server/server.ts',
    env: { MOCK_DYNAMIC: 'maybe' },
    line: `mock server: MOCK_DYNAMIC — must be true or false (or 1/0, yes/no) — ${hint}`,
  },
  {
    process: 'the sandbox launcher (npm run sandbox)',
    file: 'scripts/start-sandbox.ts',
    env: { GUICHET_GATEWAY_PORT: '80a' },
    line: `sandbox: GUICHET_GATEWAY_PORT — ${port} — ${hint}`,
  },
  {
    process: 'npm start',
    file: 'scripts/start-portal.ts',
    env: { GUICHET_PORTAL_PORT: '-1' },
    line: `start: GUICHET_PORTAL_PORT — ${port} — ${hint}`,
  },
  {
    process: 'npm start (a port of its sandbox)',
    file: 'scripts/start-portal.ts',
    env: { MOCK_PORT: '4010.5' },
    line: `start: MOCK_PORT — ${port} — ${hint}`,
  },
  {
    process: 'the previews server',
    file: 'scripts/serve-previews.ts',
    env: { GUICHET_PREVIEWS_IDLE_MINUTES: 'soon' },
    line: `previews: GUICHET_PREVIEWS_IDLE_MINUTES — must be a number of minutes, 0 for never — ${hint}`,
  },
  {
    process: 'the build',
    file: 'scripts/build-portal.ts',
    env: { GUICHET_AUDIENCE: 'everyone' },
    line: `build: GUICHET_AUDIENCE — must be one of public, partners, internal — ${hint}`,
  },
  {
    process: 'the preview build',
    file: 'scripts/build-preview.ts',
    env: { GUICHET_PREVIEWS_URL: 'ftp://previews.example.org' },
    line: `build:preview: GUICHET_PREVIEWS_URL — must be an http(s) URL such as https://previews.example.org — ${hint}`,
  },
] as const;

describe('every process reads its environment through its schema', () => {
  for (const { process: name, file, env, line } of cases) {
    test(
      `${name}: a wrong variable gets one line naming it, and exit 1`,
      exitsByItself,
      async () => {
        const args = file === 'scripts/build-preview.ts' ? ['--branch', 'main'] : [];
        const run = await runCommand(file, args, env);
        assert.equal(run.stderr, `${line}\n`);
        assert.equal(run.stdout, '');
        assert.equal(run.code, 1);
      },
    );
  }

  test('every wrong variable is named at once', exitsByItself, async () => {
    const run = await runCommand('scripts/start-sandbox.ts', [], {
      GUICHET_ADMIN_PORT: 'x',
      MOCK_PORT: '70000',
    });
    assert.equal(
      run.stderr,
      `sandbox: GUICHET_ADMIN_PORT — ${port} — ${hint}\nsandbox: MOCK_PORT — ${port} — ${hint}\n`,
    );
    assert.equal(run.code, 1);
  });

  test('--help answers even when the environment is wrong', exitsByItself, async () => {
    const run = await runCommand('scripts/start-sandbox.ts', ['--help'], { MOCK_PORT: 'x' });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: npm run sandbox\n/);
  });
});
