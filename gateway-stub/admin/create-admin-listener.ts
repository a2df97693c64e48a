import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayOptions } from '../gateway-options.ts';
import { createCors } from '../http/cors.ts';
import type { Exchange } from '../http/exchange.ts';
import { introspectToken } from '../oauth/introspect-token.ts';
import type { RequestObserver } from '../observe/request-observer.ts';
import type { GatewayServices } from '../open-services.ts';
import type { SharedQuota } from '../quota/redis-quota.ts';
import type { ApiRoute } from '../routing/route-table.ts';
import { listDeprecatedVersions } from '../usage/deprecated-versions.ts';
import { createOwnerUsageEndpoint } from '../usage/handle-owner-usage.ts';
import type { UsageReader } from '../usage/usage-reader.ts';
import { createAdminHandler } from './handle-admin-request.ts';

/** What the admin port is wired to. */
export interface AdminListenerOptions {
  options: GatewayOptions;
  routes: ReadonlyMap<string, ApiRoute>;
  services: GatewayServices;
  adminToken: string;
  observer: Pick<RequestObserver, 'renderMetrics' | 'flushUsage'>;
  /** Quotas counted in Redis, whose own metrics follow the gateway's, if any. */
  sharedQuota: SharedQuota | undefined;
  usageReader: UsageReader;
  /** Answers an unexpected error; the admin API's wording may name where the store is. */
  fail: (exchange: Exchange, error: unknown) => void;
}

/**
 * The admin port's listener over the gateway's services: keys and clients as the key service
 * manages them, signing-key rotation announced to every process, introspection, the owners'
 * usage report (which flushes the counts in memory first) and the metrics.
 */
export function createAdminListener(
  input: AdminListenerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { options, services, observer, sharedQuota, fail } = input;
  return createAdminHandler({
    token: input.adminToken,
    defaultLanguage: options.defaultLanguage,
    keys: services.keys,
    renderMetrics:
      sharedQuota === undefined
        ? observer.renderMetrics
        : async () => (await observer.renderMetrics()) + sharedQuota.renderMetrics(),
    clients: services.clients,
    rotateSigningKey: async () => {
      const kid = await services.signingKeys.rotate();
      services.announceChange();
      return kid;
    },
    introspect: (token) =>
      introspectToken(token, services.tokens, services.clientLookup, options.issuerUrl),
    secretGraceSeconds: options.secretGraceSeconds,
    usage: createOwnerUsageEndpoint({
      reader: input.usageReader,
      flush: observer.flushUsage,
      deprecated: listDeprecatedVersions(input.routes),
      fail,
    }),
    usageCors: createCors(options.corsOrigins, new Map(), {
      methods: 'GET, HEAD',
      requestHeaders: ['accept', 'authorization'],
    }),
    fail,
  });
}
