/**
 * A sandbox launcher pointed at ports or a store another instance already holds — a second
 * `npm run sandbox` beside `npm start`, another process answering health checks on the sandbox's
 * ports: the launcher must not take the other instance's answers for its own servers, and must
 * stop at once (exit 1) with one line naming what is taken and what to do.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  startSandbox,
  type Sandbox,
  type SupervisorEvent,
} from '../../scripts/lib/sandbox/index.ts';
import { findFreePort } from '../helpers/find-free-port.ts';
import { runCommand, type CommandRun } from '../integration/commands/helpers/run-command.ts';
import { fixtureApisDir } from '../integration/gateway/helpers/start-test-gateway.ts';

/** A guard, not a measure: a launcher that kept restarting would never exit by itself. */
const exitsByItself = { timeout: 120_000 };

interface Ports {
  gateway: number;
  admin: number;
  mock: number;
}

const dirs: string[] = [];
function makeDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-launcher-'));
  dirs.push(dir);
  return dir;
}

async function findFreePorts(): Promise<Ports> {
  return { gateway: await findFreePort(), admin: await findFreePort(), mock: await findFreePort() };
}

/** `npm run sandbox` on these ports and data folder, run to its end. */
function runLauncher(ports: Ports, dataDir: string): Promise<CommandRun> {
  return runCommand('scripts/start-sandbox.ts', [], {
    APIS_DIR: fixtureApisDir,
    GUICHET_SANDBOX_DIR: dataDir,
    GUICHET_GATEWAY_PORT: String(ports.gateway),
    GUICHET_ADMIN_PORT: String(ports.admin),
    MOCK_PORT: String(ports.mock),
  });
}

/** An HTTP server answering 200 to everything, health checks included: someone else's server. */
async function startImpostor(port: number): Promise<Server> {
  const server = createServer((_request, response) => {
    response.end('{"status":"ok"}');
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

/** The run stopped with exit 1 on one line of its own, saying `pattern`, having served nothing. */
function assertStoppedOnOneLine(run: CommandRun, pattern: RegExp): void {
  assert.equal(run.code, 1, run.stderr);
  assert.doesNotMatch(run.stdout, /Sandbox: {3}http/);
  assert.doesNotMatch(run.stderr, /answers again/);
  const lines = run.stderr.split('\n').filter((line) => line.startsWith('sandbox: '));
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0] ?? '', pattern);
  assert.match(lines[0] ?? '', / — /, 'a hint after the dash');
}

let running: Sandbox;
let runningPorts: Ports;
let runningDir: string;

before(async () => {
  runningPorts = await findFreePorts();
  runningDir = makeDataDir();
  running = (
    await startSandbox({
      apisDir: fixtureApisDir,
      dataDir: runningDir,
      output: 'ignore',
      gatewayPort: runningPorts.gateway,
      adminPort: runningPorts.admin,
      mockPort: runningPorts.mock,
    })
  ).sandbox;
});

after(async () => {
  await running.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a second sandbox on what a running one holds stops at once, on one line', () => {
  test(
    'the same ports and data folder (npm run sandbox beside npm start)',
    exitsByItself,
    async () => {
      const run = await runLauncher(runningPorts, runningDir);
      assertStoppedOnOneLine(run, new RegExp(`port ${String(runningPorts.mock)}\\b.*MOCK_PORT`));
    },
  );

  test('the same ports, a data folder of its own', exitsByItself, async () => {
    const run = await runLauncher(runningPorts, makeDataDir());
    assertStoppedOnOneLine(run, new RegExp(`port ${String(runningPorts.mock)}\\b`));
  });

  test('the gateway’s port alone taken', exitsByItself, async () => {
    const ports = { ...(await findFreePorts()), gateway: runningPorts.gateway };
    const run = await runLauncher(ports, makeDataDir());
    assertStoppedOnOneLine(
      run,
      new RegExp(`port ${String(runningPorts.gateway)}\\b.*GUICHET_GATEWAY_PORT`),
    );
  });

  test(
    'free ports, the data folder of the running sandbox (its store is held)',
    exitsByItself,
    async () => {
      const run = await runLauncher(await findFreePorts(), runningDir);
      assertStoppedOnOneLine(run, /gateway\.sqlite is already served by the gateway with pid \d+/);
    },
  );

  test(
    'another server answering health checks on the mock server’s port',
    exitsByItself,
    async () => {
      const ports = await findFreePorts();
      const impostor = await startImpostor(ports.mock);
      try {
        const run = await runLauncher(ports, makeDataDir());
        assertStoppedOnOneLine(run, new RegExp(`port ${String(ports.mock)}\\b.*MOCK_PORT`));
      } finally {
        impostor.close();
      }
    },
  );
});

describe('a server restarted on a port taken meanwhile', () => {
  test(
    'the gateway’s port taken by a server answering its health check',
    exitsByItself,
    async () => {
      const ports = await findFreePorts();
      const events: SupervisorEvent[] = [];
      let impostor: Promise<Server> | undefined;
      const { sandbox } = await startSandbox({
        apisDir: fixtureApisDir,
        dataDir: makeDataDir(),
        output: 'ignore',
        gatewayPort: ports.gateway,
        adminPort: ports.admin,
        mockPort: ports.mock,
        // Far longer than binding a port takes, so the impostor surely has it first.
        restart: { initialDelayMs: 3_000 },
        onEvent: (event) => {
          events.push(event);
          if (event.type === 'exited') impostor = startImpostor(ports.gateway);
        },
      });
      try {
        process.kill(sandbox.pidOf('gateway') ?? 0, 'SIGKILL');
        const stopped = await sandbox.exited;
        assert.equal(stopped.name, 'gateway');
        assert.match(
          stopped.reason ?? '',
          new RegExp(`port ${String(ports.gateway)}\\b.*GUICHET_GATEWAY_PORT`),
        );
        assert.deepEqual(
          events.map((event) => `${event.type} ${event.name}`),
          ['exited gateway'],
        );
      } finally {
        await sandbox.close();
        (await impostor)?.close();
      }
    },
  );
});
