import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * A loopback port free right now. Only for servers started in child processes, which need a
 * number before they start; in-process servers listen on port 0 instead.
 */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
