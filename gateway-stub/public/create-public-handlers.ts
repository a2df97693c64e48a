import type { GatewayOptions } from '../gateway-options.ts';
import { createFailureGuard } from '../auth/failure-guard.ts';
import { createCallerIdentifier } from '../auth/identify-caller.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendProblem } from '../http/send-response.ts';
import { createAddressHasher } from '../keys/address-hasher.ts';
import type { KeyHasher } from '../keys/key-hasher.ts';
import { createOAuthHandler } from '../oauth/handle-oauth-request.ts';
import { createIdentityTokens } from '../oauth/identity-tokens.ts';
import type { GatewayServices } from '../open-services.ts';
import type { RequestObserver } from '../observe/request-observer.ts';
import { createApiPipeline } from '../pipeline/create-api-pipeline.ts';
import type { Step } from '../pipeline/stage.ts';
import { createForwarder, type Forwarder } from '../proxy/forwarder.ts';
import type { Limiters } from '../quota/create-limiters.ts';
import type { SharedQuota } from '../quota/redis-quota.ts';
import type { ApiRoute } from '../routing/route-table.ts';
import { createCredentialEndpoints } from '../self-service/handle-credentials.ts';
import { createSelfServiceHandler } from '../self-service/handle-self-service.ts';
import { createConsumerUsageEndpoint } from '../usage/handle-consumer-usage.ts';
import type { UsageReader } from '../usage/usage-reader.ts';
import { createMcpRoute } from './handle-mcp-request.ts';

/** What the public port answers, by the part of the sandbox a path names. */
export interface PublicHandlers {
  /** An API's request path: route → authenticate → authorize → quota → forward. */
  api: Step;
  /** `/_guichet/…`: trial keys, the holder's credentials and usage, health. */
  selfService: Step;
  /** The authorization server: `/oauth/…` and the `/.well-known/` documents. */
  oauth: Step;
  /** `/_mcp`. */
  mcp: Step;
  /** Passes calls to the mock servers: closed with the gateway. */
  forwarder: Forwarder;
}

/** What the public handlers are built from. */
export interface PublicHandlersOptions {
  options: GatewayOptions;
  routes: ReadonlyMap<string, ApiRoute>;
  services: GatewayServices;
  hasher: KeyHasher;
  limiters: Limiters;
  /** Quotas counted in Redis, shared with the other gateways, if any. */
  sharedQuota: SharedQuota | undefined;
  observer: Pick<RequestObserver, 'countQuotaRefusal' | 'flushUsage'>;
  usageReader: UsageReader;
  /** Where a mock server leaving or rejoining the rotation is told. */
  onNotice: (line: string) => void;
  /** Answers an error no handler expected. */
  fail: (exchange: Exchange, error: unknown) => void;
}

/**
 * Builds, once at start-up, everything the public port hands requests to, over one caller
 * identifier and one guard against guessed client secrets, which the API path, the
 * authorization server and the holder's own endpoints share.
 */
export function createPublicHandlers(input: PublicHandlersOptions): PublicHandlers {
  const { options, routes, services, limiters, observer, fail } = input;
  const forwarder = createForwarder({
    upstreamUrls: options.upstreamUrl,
    timeoutMs: options.upstreamTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs,
    connections: options.upstreamConnections,
    healthIntervalMs: options.upstreamHealthIntervalMs,
    onNotice: input.onNotice,
    done: (exchange, failure) => {
      if (failure !== undefined) sendProblem(exchange, failure.name, failure.detail);
    },
  });
  const failures = createFailureGuard(
    limiters.authFailures,
    options.maxFailedAuthenticationsPerMinute,
  );
  const identifier = createCallerIdentifier({
    keys: services.keyLookup,
    clients: services.clientLookup,
    tokens: services.tokens,
    failures,
  });
  const api = createApiPipeline({
    routes,
    keys: services.keyLookup,
    identifier,
    quota: limiters.quota,
    sharedQuota: input.sharedQuota,
    forwarder,
    maxBodyBytes: options.maxBodyBytes,
    fail,
    onQuotaRefusal: observer.countQuotaRefusal,
    toAnonymousSubject: createAddressHasher(input.hasher),
    statements: createIdentityTokens(options.issuerUrl, services.signingKeys),
  });
  const selfService = createSelfServiceHandler({
    routes,
    keys: services.keys,
    limiter: limiters.trialKeys,
    trialKeysPerHour: options.trialKeysPerHour,
    fail,
    credentials: createCredentialEndpoints({
      clients: services.clientLookup,
      service: services.clients,
      failures,
      secretGraceSeconds: options.secretGraceSeconds,
      fail,
    }),
    ownUsage: createConsumerUsageEndpoint({
      reader: input.usageReader,
      flush: observer.flushUsage,
      routes,
      keys: services.keyLookup,
      clients: services.clientLookup,
      tokens: services.tokens,
      identifier,
      fail,
    }),
  });
  const oauth = createOAuthHandler({
    issuer: options.issuerUrl,
    routes,
    clients: services.clientLookup,
    tokens: services.tokens,
    revoked: services.revoked,
    signingKeys: services.signingKeys,
    failures,
    portalUrl: options.portalUrl,
    fail,
  });
  const mcp = createMcpRoute({ ...options, fail });
  return { api, selfService, oauth, mcp, forwarder };
}
