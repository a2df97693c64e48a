import { once } from 'node:events';
import { createServer } from 'node:net';

/** A port a sandbox server listens on, with what names it for the person who started it. */
export interface SandboxPort {
  port: number;
  host: string;
  /** The server it belongs to: `the mock server`, `the gateway`, `the gateway's admin API`. */
  server: string;
  /** The variable that moves it: `MOCK_PORT`. */
  variable: string;
}

/**
 * The first of `ports` that another process holds, worded as the one line the launcher stops
 * on; undefined when every port can be listened on now. Each is tried by listening on it for
 * an instant, as its server will.
 */
export async function findTakenPort(ports: readonly SandboxPort[]): Promise<string | undefined> {
  for (const port of ports) {
    const code = await tryListening(port.port, port.host);
    if (code !== undefined) return describeTakenPort(port, code);
  }
  return undefined;
}

/** The launcher's line for a port its server cannot listen on (EADDRINUSE, EACCES…). */
export function describeTakenPort(port: SandboxPort, code: string): string {
  const where = `port ${String(port.port)} on ${port.host} (${port.server}, ${port.variable})`;
  return code === 'EADDRINUSE'
    ? `${where} is already in use, perhaps by another npm run sandbox or npm start — stop that one, or set ${port.variable} to a free port`
    : `${where} cannot be listened on (${code}) — set ${port.variable} to another port`;
}

async function tryListening(port: number, host: string): Promise<string | undefined> {
  const server = createServer();
  server.listen({ port, host, exclusive: true });
  try {
    // `once` rejects on the server's 'error' event.
    await once(server, 'listening');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'unknown';
  }
  await new Promise((resolve) => server.close(resolve));
  return undefined;
}
