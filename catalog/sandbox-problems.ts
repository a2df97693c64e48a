/**
 * Every refusal the sandbox can answer (gateway, mock server, previews proxy) in one place, as
 * RFC 9457 `application/problem+json` whose `type` is `/problems/<slug>`: the portal's problems
 * pages list them, and the gateway redirects such a `type` to its page. It lives here because
 * the site and both servers read it and may import nothing else in common.
 */

/** One kind of refusal: what it means, its status, and what the partner can do about it. */
export interface ProblemType {
  /** URL segment under `/problems/`. */
  slug: string;
  /** HTTP status answered. */
  status: number;
  /** Short, constant summary (RFC 9457 `title`). */
  title: string;
  /** When it happens and how to get past it, for the portal's page of problem types. */
  description: string;
}

function define(slug: string, status: number, title: string, description: string): ProblemType {
  return { slug, status, title, description };
}

/** The sandbox's problem types by name, in status order. */
export const problemTypes = {
  badRequest: define(
    'bad-request',
    400,
    'Malformed HTTP request',
    'The request could not be parsed as HTTP/1.1. Check the client library or proxy that sent it.',
  ),
  invalidPrefer: define(
    'invalid-prefer-header',
    400,
    'Invalid Prefer header',
    'The sandbox reads `Prefer: code=<status>, example=<name>, dynamic=true|false`; a value did not have that form (a status is three digits).',
  ),
  invalidRequest: define(
    'invalid-request',
    400,
    'Invalid request',
    'The request body does not match what the endpoint expects; `errors` lists each invalid field with a `pointer` and a `detail`.',
  ),
  invalidGrant: define(
    'invalid-grant',
    400,
    'Grant refused',
    'The token endpoint answers RFC 6749 `invalid_grant`: the client is known but holds no active subscription to issue a token for (pending, rejected, revoked or expired). Ask for a subscription on the API page, or wait for its approval.',
  ),
  invalidScope: define(
    'invalid-scope',
    400,
    'Scope not granted',
    'The token endpoint answers RFC 6749 `invalid_scope`: the `scope` asked for names a scope the subscription does not grant (a restricted scope needs an administrator’s approval) or that is malformed. Ask for the scopes listed on the API page, or leave `scope` out to get every scope granted.',
  ),
  invalidTokenRequest: define(
    'invalid-token-request',
    400,
    'Invalid token request',
    'The token endpoint answers RFC 6749 `invalid_request`: send `grant_type=client_credentials` as `application/x-www-form-urlencoded`, each parameter once, and authenticate the client one way only (`Authorization: Basic` or `client_id` and `client_secret` in the body).',
  ),
  unsupportedGrantType: define(
    'unsupported-grant-type',
    400,
    'Grant type not supported',
    'The token endpoint answers RFC 6749 `unsupported_grant_type`: the sandbox issues tokens by `grant_type=client_credentials` only — also for documents that declare an authorization code or implicit flow, whose scopes it grants the same way.',
  ),
  malformedJson: define(
    'malformed-json',
    400,
    'Body is not valid JSON',
    'The request says its body is JSON (`Content-Type: application/json`) but the body does not parse. Check quotes and commas.',
  ),
  bodyTooDeep: define(
    'json-too-deep',
    400,
    'Body nested too deeply',
    'The JSON body nests objects and lists more than 64 levels deep. No API of the sandbox needs that many: flatten the body.',
  ),
  adminTokenRequired: define(
    'admin-token-required',
    401,
    'Administrator token required',
    'The admin API needs `Authorization: Bearer <token>`; the token is in the sandbox data folder (`admin-token`) unless set by `GUICHET_ADMIN_TOKEN`.',
  ),
  credentialsMismatch: define(
    'credentials-mismatch',
    401,
    'Credentials of different applications',
    'The operation needs several credentials together, and those sent belong to different applications. Send the key and the token (or client) of one application.',
  ),
  invalidClient: define(
    'invalid-client',
    401,
    'Client authentication failed',
    'The client id and secret (`Authorization: Basic`, or `client_id` and `client_secret`) are unknown, wrong, rotated out of their grace period, or revoked (RFC 6749 `invalid_client`). Copy them whole from the trial application, or get new ones.',
  ),
  invalidToken: define(
    'invalid-token',
    401,
    'Invalid access token',
    'The bearer token is not one the sandbox issued for this API, or it expired or was revoked (RFC 6750 `invalid_token`). Get a new one from the sandbox’s token endpoint (`POST /oauth/token`).',
  ),
  missingCredentials: define(
    'missing-credentials',
    401,
    'Credentials required',
    'The operation needs credentials its OpenAPI document declares — an access token, a client id and secret, or a key in a given place — and none were sent. `WWW-Authenticate` lists what it takes; the API page shows how to send each.',
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
  insufficientScope: define(
    'insufficient-scope',
    403,
    'Scope missing',
    'The operation needs an OAuth 2.0 scope the token or the subscription does not hold (RFC 6750 `insufficient_scope`); `WWW-Authenticate` and `scope` name it. Ask for a token with that scope, or for the scope to be granted if it is restricted.',
  ),
  notSubscribed: define(
    'not-subscribed',
    403,
    'Key not subscribed to this API',
    'The key is valid but has no subscription to the API called. Ask for a key for this API on its portal page.',
  ),
  originNotAllowed: define(
    'origin-not-allowed',
    403,
    'Origin not allowed',
    'Browsers may call the sandbox only from the portal. Use the portal’s console, or call from a server or the command line.',
  ),
  subscriptionExpired: define(
    'subscription-expired',
    403,
    'Subscription expired',
    'The subscription had an end date and it has passed. Ask for a new key.',
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
  notFound: define(
    'not-found',
    404,
    'Not found',
    'Nothing answers at this address. Sandbox URLs look like `/<api-id>/<version-id>/<path>`.',
  ),
  objectNotFound: define(
    'object-not-found',
    404,
    'Object not found',
    'None of your objects has this identifier in this resource: it was never created with your key, was deleted, or your sandbox data were reset or expired. Each consumer sees only its own objects; create one with `POST` first.',
  ),
  preferenceUnavailable: define(
    'preference-unavailable',
    404,
    'No such example or status',
    'The `Prefer` header asks for a status or a named example this operation does not document. The API reference lists the responses and examples of each operation.',
  ),
  unknownApi: define(
    'unknown-api',
    404,
    'Unknown API',
    'The first segment of the path names no API of the catalog. Copy the sandbox URL from the API page.',
  ),
  unknownOperation: define(
    'unknown-operation',
    404,
    'No such operation',
    "No path of this version's OpenAPI document matches the request. Paths are relative to the version's sandbox URL (`/<api-id>/<version-id>`).",
  ),
  unknownSubscription: define(
    'unknown-subscription',
    404,
    'Unknown key or subscription',
    'No key has this prefix or id, or it has no subscription to the API named (admin API).',
  ),
  unknownVersion: define(
    'unknown-version',
    404,
    'Unknown API version',
    'The second segment of the path names no version of this API. The API page lists its versions.',
  ),
  methodNotAllowed: define(
    'method-not-allowed',
    405,
    'Method not allowed',
    'This endpoint of the gateway does not accept this method; the `Allow` header lists those it does.',
  ),
  undocumentedMethod: define(
    'undocumented-method',
    405,
    'Method not documented for this path',
    'The path exists in the document, but not with this method; the `Allow` header lists the methods it has.',
  ),
  notAcceptable: define(
    'not-acceptable',
    406,
    'No response in an accepted media type',
    'The operation documents no response in a media type the `Accept` header allows. Accept one of those the API reference lists, or `*/*`.',
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
  objectExists: define(
    'object-exists',
    409,
    'Object already exists',
    'The body gives an identifier one of your objects already has. Give another, or change that object with `PUT` or `PATCH`.',
  ),
  patchNotApplicable: define(
    'patch-not-applicable',
    409,
    'Patch cannot be applied',
    'A JSON Patch operation does not apply to the object as stored: a `test` did not match, or a path does not exist. Read the object again and build the patch from what it holds.',
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
    'The sandbox reads request bodies up to a fixed size: 1 MiB at the gateway unless configured otherwise.',
  ),
  unsupportedMediaType: define(
    'unsupported-media-type',
    415,
    'Unsupported media type',
    'The request body is in a media type the endpoint does not read. An API operation reads the media types its document lists for the request body; the sandbox’s own endpoints read `application/json`.',
  ),
  requestViolations: define(
    'request-violations',
    422,
    'Request does not match the document',
    "The request breaks the operation's OpenAPI description; `violations` lists each one with its `location` (`body.montant`, `query.page`) and a `message`.",
  ),
  quotaExceeded: define(
    'quota-exceeded',
    429,
    'Quota exceeded',
    'The key used every request its plan allows in the last minute. Wait for the seconds given in `Retry-After`; the `RateLimit` header tells how many requests remain.',
  ),
  tooManyFailedAuthentications: define(
    'too-many-failed-authentications',
    429,
    'Too many failed authentications',
    'One address sent too many wrong client ids or secrets in a short time. Wait for the seconds given in `Retry-After`, then send the right credentials.',
  ),
  tooManyTrialKeys: define(
    'too-many-trial-keys',
    429,
    'Too many trial keys',
    'One address may ask for a few trial keys an hour. Wait for the seconds given in `Retry-After`.',
  ),
  tooManyConnections: define(
    'too-many-connections',
    429,
    'Too many connections',
    'One client address may hold only so many connections to the sandbox at once (256 unless configured otherwise). Reuse connections (keep-alive) or close idle ones, then retry.',
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
    'Something unexpected went wrong in the sandbox. Retry; if it persists, send the `instance` value to the support.',
  ),
  mockFailed: define(
    'mock-failed',
    500,
    'The document gives no answer to send',
    'The operation documents no example and no schema to build an answer from, for the status chosen. The API owners can add one.',
  ),
  answerTooLarge: define(
    'answer-too-large',
    500,
    'Answer too large to generate',
    'The response schema describes an answer larger than the sandbox generates (arrays, strings and nesting are bounded so one call cannot hold the sandbox). Ask for a documented example with `Prefer: example=<name>`; the API owners can bound the schema.',
  ),
  upstreamFailed: define(
    'upstream-failed',
    502,
    'Sandbox mock failed',
    'The mock server behind the gateway broke the connection or sent an invalid answer.',
  ),
  apiStarting: define(
    'api-starting',
    503,
    'Sandbox still preparing this API version',
    'The sandbox has just started and is still reading this version’s document. Retry after the seconds given in `Retry-After`.',
  ),
  apiUnavailable: define(
    'api-unavailable',
    503,
    'Sandbox unavailable for this API version',
    "The sandbox could not prepare this version's OpenAPI document (too large or not supported by the mock engine). Other APIs answer; the API owners can see why in the sandbox health report.",
  ),
  upstreamUnavailable: define(
    'upstream-unavailable',
    503,
    'Sandbox mock unavailable',
    'The mock server behind the gateway is not running or refuses connections. Retry in a moment.',
  ),
  storeUnavailable: define(
    'store-unavailable',
    503,
    'Sandbox store unavailable',
    'The database of the sandbox (PostgreSQL), which holds its keys, subscriptions and credentials and the objects you create, did not answer; nothing was changed, and what was stored before is kept. A key or client already used keeps working, as do calls that remember nothing; a first use, a new key and any change wait for it. Retry in a moment.',
  ),
  quotaUnavailable: define(
    'quota-unavailable',
    503,
    'Quota cannot be counted',
    'The sandbox counts quotas in a shared service (Redis) that did not answer in time, and its operator chose to refuse calls rather than let them through uncounted (fail-closed). Nothing was sent to the mock server. Retry after the seconds given in `Retry-After`.',
  ),
  upstreamTimeout: define(
    'upstream-timeout',
    504,
    'Sandbox mock too slow',
    'The mock server did not answer within the gateway’s time limit (10 s unless configured otherwise).',
  ),
  insufficientStorage: define(
    'insufficient-storage',
    507,
    'Sandbox storage full',
    'The sandbox could not record the change asked for (a key, a decision, an object you create) because the disk holding its store is full; nothing was changed. Calls that change nothing keep working. Retry once its operator has freed space.',
  ),
  sandboxDataLimit: define(
    'sandbox-data-limit',
    507,
    'Sandbox data limit reached',
    'Your consumer keeps as many objects, or as many bytes, as the sandbox allows one consumer over all its APIs (`GET /<api-id>/<version-id>/_guichet/data` says both); nothing was changed. Delete objects you no longer need, or reset your data of an API version with `DELETE /<api-id>/<version-id>/_guichet/data` (or the button on the API page).',
  ),
} as const satisfies Record<string, ProblemType>;

/** The name of a problem type in `problemTypes`. */
export type ProblemName = keyof typeof problemTypes;

/** The media type of every refusal the sandbox sends. */
export const problemMediaType = 'application/problem+json';

/** The `type` member of a problem: a URI relative to the portal. */
export function toProblemTypeUri(problem: ProblemType): string {
  return `/problems/${problem.slug}`;
}

/** Every problem type with its `type` URI, in status order: what the portal's page lists. */
export const problemTypeList: readonly (ProblemType & { type: string })[] = Object.values(
  problemTypes,
).map((problem) => ({ ...problem, type: toProblemTypeUri(problem) }));

/** An RFC 9457 problem as the sandbox serialises it. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request id, so a partner can quote it to the support and one id follows a call. */
  instance: string;
  [extension: string]: unknown;
}

/** Builds the body of a problem of a catalogued type; extensions follow RFC 9457 §3.2. */
export function toProblemBody(
  name: ProblemName,
  detail: string,
  requestId: string,
  extensions: Record<string, unknown> = {},
): ProblemBody {
  const problem: ProblemType = problemTypes[name];
  return {
    type: toProblemTypeUri(problem),
    title: problem.title,
    status: problem.status,
    detail,
    instance: requestId,
    ...extensions,
  };
}
