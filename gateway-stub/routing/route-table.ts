import type { OutgoingHttpHeaders } from 'node:http';
import {
  isVisibleTo,
  type Catalog,
  type Lifecycle,
  type PlanName,
  type Visibility,
} from '../../catalog/index.ts';
import { toRateLimitPolicyHeader } from '../quota/ratelimit-headers.ts';
import { toDeprecationHeader, toSunsetHeader } from './lifecycle-headers.ts';

/** Quota windows last a minute: the catalog states plans in requests a minute. */
export const quotaWindowSeconds = 60;

/** A plan as the gateway applies it, with its `RateLimit-Policy` value ready. */
export interface PlanPolicy {
  name: PlanName;
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
  /** `Deprecation`, `Sunset` and `Link` headers, empty for a version with no end in sight. */
  lifecycleHeaders: OutgoingHttpHeaders;
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
        lifecycleHeaders: headers,
      });
    }
    table.set(api.id, {
      id: api.id,
      title: api.title,
      visibility: api.visibility,
      concealed: !isVisibleTo(api.visibility, audience),
      currentVersionId: api.currentVersionId,
      versions,
      plans,
    });
  }
  return table;
}
