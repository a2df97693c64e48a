import type { Server } from 'node:http';
import type { BlockList, Socket } from 'node:net';
import { toClientNetwork } from './client-address.ts';
import { isTrustedProxy } from './trusted-proxies.ts';
import { toRawProblemResponse } from '../problems/problem-body.ts';
import type { SandboxLanguage } from '../../catalog/sandbox-languages.ts';
import { toRequestId } from './request-id.ts';

/** Why a connection was refused: its address holds too many, or the port does. */
export type ConnectionRefusal = 'address' | 'total';

/** How many connections a port keeps open. */
export interface ConnectionLimits {
  /** Per client address (an IPv6 /64: one subscriber's whole network). */
  perAddress: number;
  /** Reverse proxies: their connections carry every client's, so they count in `total` only. */
  trustedProxies: BlockList;
  /** In all; past it Node closes new connections unanswered, before any JavaScript runs. */
  total: number;
  onRefused: (reason: ConnectionRefusal) => void;
  /** The server's language (`GUICHET_LANGUAGE`): a refusal sent before any request is read. */
  defaultLanguage: SandboxLanguage;
}

/**
 * Bounds the connections `server` holds, so idle connections opened by one client cannot use up
 * the process's file descriptors and lock everyone else out. A connection past its address's
 * share is answered at once with a 429 `too-many-connections` problem and closed; past the
 * overall cap (`server.maxConnections`) Node drops it. Idle ones do not last either: the
 * servers' header and keep-alive timeouts close them (`create-servers.ts`).
 */
export function limitConnections(server: Server, limits: ConnectionLimits): void {
  const open = new Map<string, number>();
  server.maxConnections = limits.total;
  server.on('drop', () => {
    limits.onRefused('total');
  });
  // Runs after the HTTP server's own listener: the parser is attached, but nothing was read yet.
  server.on('connection', (socket: Socket) => {
    if (isTrustedProxy(socket.remoteAddress ?? '', limits.trustedProxies)) return;
    // One client is one IPv4 address or one IPv6 /64, as for the trial-key limit.
    const group = toClientNetwork(socket.remoteAddress ?? '');
    const count = (open.get(group) ?? 0) + 1;
    if (count > limits.perAddress) {
      refuse(socket, limits.perAddress, limits.defaultLanguage);
      limits.onRefused('address');
      return;
    }
    open.set(group, count);
    socket.once('close', () => {
      const left = (open.get(group) ?? 1) - 1;
      if (left === 0) open.delete(group);
      else open.set(group, left);
    });
  });
}

/** Answers before the request is read (HTTP clients take it as the answer to what they send). */
function refuse(socket: Socket, perAddress: number, language: SandboxLanguage): void {
  // Paused, the HTTP parser never sees a request to answer on this ending socket.
  socket.pause();
  socket.end(
    toRawProblemResponse(
      'tooManyConnections',
      {
        en: `This address holds ${String(perAddress)} connections to the sandbox already: reuse them (keep-alive) or close some.`,
        fr: `Cette adresse tient déjà ${String(perAddress)} connexions au bac à sable : réutilisez-les (keep-alive) ou fermez-en.`,
      },
      toRequestId(undefined),
      // Refused before any request is read: no Accept-Language, the server's language.
      language,
    ),
    () => socket.destroy(),
  );
}
