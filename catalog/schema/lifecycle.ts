/** Stages an API version goes through, in order. */
export const lifecycles = ['draft', 'beta', 'stable', 'deprecated', 'retired'] as const;

/** Where an API version stands in its life. */
export type Lifecycle = (typeof lifecycles)[number];

/**
 * Who may see an API. A portal built for an audience shows the APIs whose visibility that
 * audience covers: `public` sees public APIs only, `partners` adds partner APIs, `internal` sees all.
 */
export const visibilities = ['public', 'partners', 'internal'] as const;

/** Who may see an API. */
export type Visibility = (typeof visibilities)[number];

/** True when a portal built for `audience` may show an API of `visibility`. */
export function isVisibleTo(visibility: Visibility, audience: Visibility): boolean {
  return visibilities.indexOf(visibility) <= visibilities.indexOf(audience);
}
