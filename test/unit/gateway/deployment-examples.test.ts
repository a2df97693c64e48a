import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseEnv } from 'node:util';
import { parseMockServerEnv } from '../../../mock-server/mock-server-env.ts';
import { parseGatewayEnv } from '../../../gateway-stub/server-env.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const examples = join(root, 'docs', 'deployment');

/** An example environment file, as systemd's `EnvironmentFile=` reads it. */
function readExample(name: string): Record<string, string> {
  return parseEnv(readFileSync(join(examples, name), 'utf8')) as Record<string, string>;
}

describe("docs/deployment.md's examples", () => {
  it('gives the gateway an environment it starts with, three mock servers and Redis included', () => {
    const parsed = parseGatewayEnv(readExample('gateway.env'));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problems.join('\n'));
    assert.equal(parsed.settings.env.GUICHET_UPSTREAM_URL?.length, 3);
    assert.match(parsed.settings.options.databaseUrl ?? '', /^postgres:\/\//);
    assert.match(parsed.settings.options.redisUrl ?? '', /^redis:\/\//);
  });

  it('gives the mock server an environment it starts with', () => {
    const parsed = parseMockServerEnv(readExample('mock-server.env'));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problems.join('\n'));
  });

  it('has service units that start files of the repository', () => {
    for (const unit of ['guichet-gateway.service', 'guichet-mock-server.service']) {
      const text = readFileSync(join(examples, unit), 'utf8');
      const start = /^ExecStart=\/srv\/guichet\/node_modules\/\.bin\/node (\S+)$/m.exec(text);
      assert.ok(start?.[1], `${unit} starts the project's node`);
      assert.ok(existsSync(join(root, start[1])), `${unit} starts ${start[1]}, which exists`);
      const environment = /^EnvironmentFile=\/etc\/guichet\/(\S+)$/m.exec(text)?.[1];
      assert.ok(environment !== undefined && existsSync(join(examples, environment)));
    }
  });
});
