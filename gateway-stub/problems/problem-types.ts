/**
 * Every refusal the gateway can answer, in one place. Each becomes an RFC 9457
 * `application/problem+json` body whose `type` is `/problems/<slug>`, a URI relative to the
 * portal, so a portal page can list them from `problemTypeList` and a partner can look up a
 * `type` they received.
 */

/** One kind of refusal: what it means, its status, and what the partner can do about it. */
export interface ProblemType {
  /** URL segment under `/problems/`. */
  slug: string;
  /** HTTP status the gateway answers with. */
  status: number;
  /** Short, constant summary (RFC 9457 `title`). */
  title: string;
  /** When it happens and how to get past it, for the portal's page of problem types. */
  description: string;
}

function define(slug: string, status: number, title: string, description: string): ProblemType {
  return { slug, status, title, description };
}

/** The gateway's problem types by name; `problemTypeList` lists them for the portal. */
export const problemTypes = {
  invalidRequest: define(
    'invalid-request',
    400,
    'Invalid request',
    'The request body does not match what the endpoint expects; `errors` lists each invalid field with a `pointer` and a `detail`.',
  ),
  badRequest: define(
    'bad-request',
    400,
    'Malformed HTTP request',
    'The request could not be parsed as HTTP/1.1. Check the client library or proxy that sent it.',
  ),
  missingKey: define(
    'missing-key',
    401,
    'Subscription key required',
    'Send your key in the `X-Api-Key` header. Get a trial key on the API page of the portal.',
  ),
  unknownKey: define(
    'unknown-key',
    401,
    'Unknown subscription key',
    'The `X-Api-Key` header holds a key the sandbox does not know. Copy the whole key (it starts with `gk_`), or get a new one.',
  ),
  adminTokenRequired: define(
    'admin-token-required',
    401,
    'Administrator token required',
    'The admin API needs `Authorization: Bearer <token>`; the token is in the sandbox data folder (`admin-token`) unless set by `GUICHET_ADMIN_TOKEN`.',
  ),
  notSubscribed: define(
    'not-subscribed',
    403,
    'Key not subscribed to this API',
    'The key is valid but has no subscription to the API called. Ask for a key for this API on its portal page.',
  ),
  subscriptionPending: define(
    'subscription-pending',
    403,
    'Subscription awaiting approval',
    'Restricted APIs need an administrator to approve each key. The key works as soon as it is approved.',
  ),
  subscriptionRejected: define(
    'subscription-rejected',
    403,
    'Subscription rejected',
    'An administrator declined this subscription. Contact the API’s support to learn why.',
  ),
  subscriptionRevoked: define(
    'subscription-revoked',
    403,
    'Subscription revoked',
    'An administrator revoked this key for this API. Ask for a new key.',
  ),
  subscriptionExpired: define(
    'subscription-expired',
    403,
    'Subscription expired',
    'The subscription had an end date and it has passed. Ask for a new key.',
  ),
  originNotAllowed: define(
    'origin-not-allowed',
    403,
    'Origin not allowed',
    'Browsers may call the sandbox only from the portal. Use the portal’s console, or call from a server or the command line.',
  ),
  notFound: define(
    'not-found',
    404,
    'Not found',
    'Nothing answers at this address. Sandbox URLs look like `/<api-id>/<version-id>/<path>`.',
  ),
  unknownApi: define(
    'unknown-api',
    404,
    'Unknown API',
    'The first segment of the path names no API of the catalog. Copy the sandbox URL from the API page.',
  ),
  unknownVersion: define(
    'unknown-version',
    404,
    'Unknown API version',
    'The second segment of the path names no version of this API. The API page lists its versions.',
  ),
  unknownSubscription: define(
    'unknown-subscription',
    404,
    'Unknown key or subscription',
    'No key has this prefix or id, or it has no subscription to the API named (admin API).',
  ),
  methodNotAllowed: define(
    'method-not-allowed',
    405,
    'Method not allowed',
    'This endpoint of the gateway does not accept this method; the `Allow` header lists those it does.',
  ),
  requestTimeout: define(
    'request-timeout',
    408,
    'Request too slow',
    'The client took too long to send the request headers or body.',
  ),
  conflictingState: define(
    'conflicting-state',
    409,
    'Not possible in the current state',
    'The subscription is not in a state that allows this change, e.g. approving a revoked key (admin API).',
  ),
  versionRetired: define(
    'version-retired',
    410,
    'API version retired',
    'This version has passed its sunset and no longer answers. Move to the current version shown on the API page.',
  ),
  bodyTooLarge: define(
    'body-too-large',
    413,
    'Request body too large',
    'The sandbox accepts request bodies up to a fixed size (1 MiB unless configured otherwise).',
  ),
  unsupportedMediaType: define(
    'unsupported-media-type',
    415,
    'Unsupported media type',
    'This endpoint of the gateway reads JSON: send `Content-Type: application/json`.',
  ),
  quotaExceeded: define(
    'quota-exceeded',
    429,
    'Quota exceeded',
    'The key used every request its plan allows in the last minute. Wait for the seconds given in `Retry-After`; the `RateLimit` header tells how many requests remain.',
  ),
  tooManyTrialKeys: define(
    'too-many-trial-keys',
    429,
    'Too many trial keys',
    'One address may ask for a few trial keys an hour. Wait for the seconds given in `Retry-After`.',
  ),
  headersTooLarge: define(
    'headers-too-large',
    431,
    'Request headers too large',
    'The request line and headers together exceed the size the sandbox accepts (16 KiB unless configured otherwise).',
  ),
  internalError: define(
    'internal-error',
    500,
    'Internal error',
    'Something unexpected went wrong in the gateway. Retry; if it persists, send the `instance` value to the support.',
  ),
  upstreamFailed: define(
    'upstream-failed',
    502,
    'Sandbox mock failed',
    'The mock server behind the gateway broke the connection or sent an invalid answer.',
  ),
  upstreamUnavailable: define(
    'upstream-unavailable',
    503,
    'Sandbox mock unavailable',
    'The mock server behind the gateway is not running or refuses connections. Retry in a moment.',
  ),
  upstreamTimeout: define(
    'upstream-timeout',
    504,
    'Sandbox mock too slow',
    'The mock server did not answer within the gateway’s time limit (10 s unless configured otherwise).',
  ),
} as const satisfies Record<string, ProblemType>;

/** The name of a problem type in `problemTypes`. */
export type ProblemName = keyof typeof problemTypes;

/** Every problem type with its `type` URI, in status order: what the portal's page lists. */
export const problemTypeList: readonly (ProblemType & { type: string })[] = Object.values(
  problemTypes,
)
  .map((problem) => ({ ...problem, type: toProblemTypeUri(problem) }))
  .sort((a, b) => a.status - b.status || a.slug.localeCompare(b.slug));

/** The `type` member of a problem: a URI relative to the portal. */
export function toProblemTypeUri(problem: ProblemType): string {
  return `/problems/${problem.slug}`;
}
