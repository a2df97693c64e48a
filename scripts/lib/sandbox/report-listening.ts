/**
 * Preloaded (`node --import`) into each server the sandbox launches: tells the launcher, over
 * its IPC channel, every port the server starts listening on, and every port it could not
 * listen on. The launcher trusts a health answer only on a port its own child reported, never
 * one from another instance holding the port, and stops at once when a port is taken. Node
 * announces each `listen()` on built-in tracing channels: nothing in the servers' code is needed.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { Server } from 'node:net';
import type { ListenMessage } from './listen-message.ts';

function tell(message: ListenMessage): void {
  process.send?.(message);
}

if (process.send !== undefined) {
  subscribe('tracing:net.server.listen:asyncEnd', (message) => {
    const address = (message as { server?: Server }).server?.address();
    if (typeof address === 'object' && address !== null) {
      tell({ type: 'guichet:listening', port: address.port });
    }
  });
  subscribe('tracing:net.server.listen:error', (message) => {
    const error = (message as { error?: NodeJS.ErrnoException & { port?: number } }).error;
    if (typeof error?.port === 'number') {
      tell({ type: 'guichet:listen-failed', port: error.port, code: error.code ?? 'unknown' });
    }
  });
}
