import type { Exchange } from '../http/exchange.ts';
import type { CallerIdentifier } from '../auth/identify-caller.ts';
import type { KeyLookup } from '../keys/key-lookup.ts';
import type { IdentityTokens } from '../oauth/identity-tokens.ts';
import type { Forwarder } from '../proxy/forwarder.ts';
import type { SharedQuota } from '../quota/redis-quota.ts';
import type { SlidingWindow } from '../quota/sliding-window.ts';
import type { ApiRoute, VersionRoute } from '../routing/route-table.ts';
import { createAuthenticateStage } from './authenticate-stage.ts';
import { createAuthorizeStage } from './authorize-stage.ts';
import { createForwardStage } from './forward-stage.ts';
import { createQuotaStage } from './quota-stage.ts';
import { createRouteStage } from './route-stage.ts';
import { chainStages, type Step } from './stage.ts';

/** Everything the API request path is built from. */
export interface ApiPipelineOptions {
  routes: ReadonlyMap<string, ApiRoute>;
  keys: KeyLookup;
  identifier: CallerIdentifier;
  quota: SlidingWindow;
  /** Quotas counted in Redis, shared with the other gateways, instead of `quota`. */
  sharedQuota?: SharedQuota | undefined;
  forwarder: Pick<Forwarder, 'forward'>;
  maxBodyBytes: number;
  /** Told of each call refused for its quota. */
  onQuotaRefusal: (exchange: Exchange) => void;
  /** Answers an error no stage expected. */
  fail: (exchange: Exchange, error: unknown) => void;
  /** The quota subject of an anonymous caller's network (a keyed hash). */
  toAnonymousSubject: (network: string) => string;
  /** Signs the statements of who calls that the back end is sent. */
  statements: IdentityTokens;
}

/**
 * Builds the API request path once, at start-up: the route stage, then for each version its
 * own chain authenticate → authorize → quota → forward, so what a version needs (its schemes,
 * its operations) is prepared before the first request rather than looked up on each.
 */
export function createApiPipeline(options: ApiPipelineOptions): Step {
  const forward = createForwardStage({
    forwarder: options.forwarder,
    maxBodyBytes: options.maxBodyBytes,
    fail: options.fail,
    statements: options.statements,
  });
  const byVersion = new Map<VersionRoute, Step>();
  for (const api of options.routes.values()) {
    for (const version of api.versions.values()) {
      byVersion.set(
        version,
        chainStages(
          [
            createAuthenticateStage({
              security: version.security,
              keys: options.keys,
              identifier: options.identifier,
              fail: options.fail,
            }),
            createAuthorizeStage(),
            createQuotaStage({
              quota: options.quota,
              ...(options.sharedQuota === undefined ? {} : { shared: options.sharedQuota }),
              fail: options.fail,
              onRefusal: options.onQuotaRefusal,
              toAnonymousSubject: options.toAnonymousSubject,
            }),
          ],
          forward,
        ),
      );
    }
  }
  const dispatch: Step = (exchange) => {
    const step =
      exchange.versionRoute === undefined ? undefined : byVersion.get(exchange.versionRoute);
    if (step === undefined) throw new Error('no pipeline for the version the route stage found');
    step(exchange);
  };
  return createRouteStage({
    routes: options.routes,
    keys: options.keys,
    identifier: options.identifier,
    fail: options.fail,
  })(dispatch);
}
