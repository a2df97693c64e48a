/**
 * What the store and Redis suites share to point a real gateway process at the wrong place: a
 * port where an HTTP server answers, a port that accepts and never answers, the gateway run
 * until it exits, and the check that it stopped with one line that never shows the password.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

/** A server the tests point a URL at; `close` ends its connections too. */
export interface WrongServer {
  port: number;
  close(): void;
}

/** An HTTP server on loopback that answers `body` to everything. */
export async function startHttpServer(body: string): Promise<WrongServer> {
  const server = createServer((_request, response) => response.end(body));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** A port on loopback that accepts connections and never answers. */
export async function startSilentServer(): Promise<WrongServer> {
  const sockets: Socket[] = [];
  const server = createTcpServer((socket) => sockets.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/** How a process ended: its exit code and everything it printed. */
export interface ExitedProcess {
  code: number | null;
  output: string;
}

/** Runs the real gateway (`gateway-stub/server.ts`) on free ports with `env` until it exits. */
export async function runGatewayUntilExit(env: Record<string, string>): Promise<ExitedProcess> {
  const child = spawn(process.execPath, [join(root, 'gateway-stub', 'server.ts')], {
    env: { ...process.env, GUICHET_GATEWAY_PORT: '0', GUICHET_ADMIN_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  }
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

/** The process stopped (exit 1) with one line matching `start`, no stack, never `secret`. */
export function assertRefusedInOneLine(result: ExitedProcess, start: RegExp, secret: string): void {
  assert.equal(result.code, 1, result.output);
  assert.ok(!result.output.includes(secret), result.output);
  assert.equal(result.output.trim().split('\n').length, 1, result.output);
  assert.match(result.output, start);
  assert.doesNotMatch(result.output, /\n\s+at /);
}
