import type { OutgoingHttpHeaders } from 'node:http';
import {
  isVisibleTo,
  type Catalog,
  type Lifecycle,
  type PlanName,
  type Visibility,
} from '../../catalog/index.ts';
import { compileVersionSecurity, type VersionSecurity } from '../auth/compile-security.ts';
import type { CredentialSource } from '../auth/credential-sources.ts';
import { toRateLimitPolicyHeader } from '../quota/ratelimit-headers.ts';
import { toDeprecationHeader, toSunsetHeader } from './lifecycle-headers.ts';

/** Quota windows last a minute: the catalog states plans in requests a minute. */
export const quotaWindowSeconds = 60;

/** A plan as the gateway applies it, with its `RateLimit-Policy` value ready. */
export interface PlanPolicy {
  name: PlanName | 'anonymous';
  requestsPerMinute: number;
  policyHeader: string;
}

/** One version the gateway routes to. */
export interface VersionRoute {
  id: string;
  lifecycle: Lifecycle;
  /** Retired versions answer 410 and never reach the mock server. */
  retired: boolean;
  sunset: string | undefined;
  /** The date the version was deprecated (YYYY-MM-DD), when the catalog gives one. */
  deprecatedSince: string | undefined;
  /** `Deprecation`, `Sunset` and `Link` headers, empty for a version with no end in sight. */
  lifecycleHeaders: OutgoingHttpHeaders;
  /** Its security schemes and each operation's requirement, compiled. */
  security: VersionSecurity;
}

/** One API the gateway routes to. */
export interface ApiRoute {
  id: string;
  title: string;
  visibility: Visibility;
  /**
   * The deployment's audience may not see this API: to a caller without a key subscribed to
   * it, every answer about it is the answer for an id that names no API.
   */
  concealed: boolean;
  currentVersionId: string;
  versions: ReadonlyMap<string, VersionRoute>;
  plans: Readonly<Record<PlanName, PlanPolicy>>;
  /**
   * What calls without credentials to an open operation get, per client (an IPv4 address, an
   * IPv6 /64): the free plan's quota, under the name `anonymous`.
   */
  anonymous: PlanPolicy;
  /** Every OAuth 2.0 scope its versions declare or need. */
  scopes: string[];
  /** Scopes an administrator must approve. */
  restrictedScopes: string[];
  /** What a subscription grants by default: every scope but the restricted ones. */
  defaultScopes: ReadonlySet<string>;
  /** Every place any version reads a credential from: where a caller of a concealed API is found. */
  credentialSources: readonly CredentialSource[];
}

/**
 * Turns the catalog into lookup tables, once at start-up: everything a request needs about
 * its API and version (plans, lifecycle headers, whether `audience` may know of it) is
 * precomputed here, off the request path.
 */
export function createRouteTable(
  catalog: Catalog,
  portalUrl: string | undefined,
  audience: Visibility,
): ReadonlyMap<string, ApiRoute> {
  const table = new Map<string, ApiRoute>();
  for (const api of catalog.apis) {
    const plans = {} as Record<PlanName, PlanPolicy>;
    for (const plan of api.plans) {
      plans[plan.name] = {
        name: plan.name,
        requestsPerMinute: plan.requestsPerMinute,
        policyHeader: toRateLimitPolicyHeader(
          plan.name,
          plan.requestsPerMinute,
          quotaWindowSeconds,
        ),
      };
    }
    const versions = new Map<string, VersionRoute>();
    for (const version of api.versions) {
      const headers: OutgoingHttpHeaders = {};
      const deprecated =
        version.lifecycle === 'deprecated' || version.deprecatedSince !== undefined;
      if (deprecated) {
        // RFC 9745 needs a date; a version marked deprecated without one has been deprecated
        // for an unknown time, which the earliest date says truthfully.
        headers.deprecation =
          version.deprecatedSince === undefined
            ? '@0'
            : toDeprecationHeader(version.deprecatedSince);
        if (portalUrl !== undefined) {
          headers.link = `<${portalUrl}/apis/${api.id}/>; rel="deprecation"; type="text/html"`;
        }
      }
      if (version.sunset !== undefined) headers.sunset = toSunsetHeader(version.sunset);
      versions.set(version.id, {
        id: version.id,
        lifecycle: version.lifecycle,
        retired: version.lifecycle === 'retired',
        sunset: version.sunset,
        deprecatedSince: version.deprecatedSince,
        lifecycleHeaders: headers,
        security: compileVersionSecurity(version),
      });
    }
    const scopes = [
      ...new Set(api.versions.flatMap((version) => version.scopes.map((scope) => scope.name))),
    ];
    const restricted = new Set(api.restrictedScopes);
    const anonymousRate = plans.free.requestsPerMinute;
    table.set(api.id, {
      id: api.id,
      title: api.title,
      visibility: api.visibility,
      concealed: !isVisibleTo(api.visibility, audience),
      currentVersionId: api.currentVersionId,
      versions,
      plans,
      anonymous: {
        name: 'anonymous',
        requestsPerMinute: anonymousRate,
        policyHeader: toRateLimitPolicyHeader('anonymous', anonymousRate, quotaWindowSeconds),
      },
      scopes,
      restrictedScopes: api.restrictedScopes,
      defaultScopes: new Set(scopes.filter((scope) => !restricted.has(scope))),
      credentialSources: [
        ...new Map(
          [...versions.values()].flatMap((version) =>
            version.security.sources.map((source) => [source.id, source] as const),
          ),
        ).values(),
      ],
    });
  }
  return table;
}
