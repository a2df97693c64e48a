/**
 * The RateLimit header fields of draft-ietf-httpapi-ratelimit-headers (-09/-10): both are
 * Structured Field lists whose items are a quoted policy name with parameters.
 * `RateLimit-Policy: "free";q=100;w=60` states the quota (`q` requests per `w` seconds) and
 * `RateLimit: "free";r=42;t=17` the requests remaining (`r`) and the seconds until the oldest
 * counted request leaves the sliding window, giving one back (`t`).
 */

/** `RateLimit-Policy` for a plan: computed once per plan, not per request. */
export function toRateLimitPolicyHeader(
  policy: string,
  quota: number,
  windowSeconds: number,
): string {
  return `"${policy}";q=${quota};w=${windowSeconds}`;
}

/** `RateLimit` for one answer. */
export function toRateLimitHeader(policy: string, remaining: number, resetSeconds: number): string {
  return `"${policy}";r=${remaining};t=${resetSeconds}`;
}
