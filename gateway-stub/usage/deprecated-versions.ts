import type { ApiRoute } from '../routing/route-table.ts';
import type { DeprecatedVersion } from './usage-reader.ts';

/**
 * The versions the catalog marks deprecated (a `deprecated` lifecycle or a `deprecatedSince`
 * date, as the `Deprecation` header is sent for), with their sunset: the owners' report lists
 * who still calls them. Retired versions answer 410 and are no one's calls to move.
 */
export function listDeprecatedVersions(routes: ReadonlyMap<string, ApiRoute>): DeprecatedVersion[] {
  const versions: DeprecatedVersion[] = [];
  for (const api of routes.values()) {
    for (const version of api.versions.values()) {
      if (version.retired || version.lifecycleHeaders.deprecation === undefined) continue;
      versions.push({
        api: api.id,
        version: version.id,
        deprecatedSince: version.deprecatedSince,
        sunset: version.sunset,
      });
    }
  }
  return versions;
}
