/**
 * Every refusal the mock server can answer, in one place. Each becomes an RFC 9457
 * `application/problem+json` body whose `type` is `/problems/<slug>`, relative to the portal,
 * like the gateway's. Slugs the gateway also uses (`unknown-api`, `unknown-version`,
 * `version-retired`, `body-too-large`, `internal-error`) mean the same thing here; the others
 * are the mock server's own, so a portal page can list both sets side by side.
 */

/** One kind of refusal: what it means, its status, and what the partner can do about it. */
export interface MockProblemType {
  /** URL segment under `/problems/`. */
  slug: string;
  /** HTTP status answered. */
  status: number;
  /** Short, constant summary (RFC 9457 `title`). */
  title: string;
  /** When it happens and how to get past it, for the portal's page of problem types. */
  description: string;
}

function define(slug: string, status: number, title: string, description: string): MockProblemType {
  return { slug, status, title, description };
}

/** The mock server's problem types by name; `mockProblemTypeList` lists them for the portal. */
export const mockProblemTypes = {
  malformedJson: define(
    'malformed-json',
    400,
    'Body is not valid JSON',
    'The request says its body is JSON (`Content-Type: application/json`) but the body does not parse. Check quotes and commas.',
  ),
  invalidPrefer: define(
    'invalid-prefer-header',
    400,
    'Invalid Prefer header',
    'The sandbox reads `Prefer: code=<status>, example=<name>, dynamic=true|false`; a value did not have that form (a status is three digits).',
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
  unknownOperation: define(
    'unknown-operation',
    404,
    'No such operation',
    "No path of this version's OpenAPI document matches the request. Paths are relative to the version's sandbox URL (`/<api-id>/<version-id>`).",
  ),
  preferenceUnavailable: define(
    'preference-unavailable',
    404,
    'No such example or status',
    'The `Prefer` header asks for a status or a named example this operation does not document. The API reference lists the responses and examples of each operation.',
  ),
  methodNotAllowed: define(
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
    'The mock server reads request bodies up to a fixed size (10 MiB unless configured otherwise).',
  ),
  unsupportedContentType: define(
    'unsupported-content-type',
    415,
    'Content type not accepted by the operation',
    'The operation documents its request body in other media types; send one of them in `Content-Type`.',
  ),
  requestViolations: define(
    'request-violations',
    422,
    'Request does not match the document',
    "The request breaks the operation's OpenAPI description; `violations` lists each one with its `location` (`body.montant`, `query.page`) and a `message`.",
  ),
  mockFailed: define(
    'mock-failed',
    500,
    'The document gives no answer to send',
    'The operation documents no example and no schema to build an answer from, for the status chosen. The API owners can add one.',
  ),
  internalError: define(
    'internal-error',
    500,
    'Internal error',
    'Something unexpected went wrong in the mock server. Retry; if it persists, send the `instance` value to the support.',
  ),
  apiUnavailable: define(
    'api-unavailable',
    503,
    'Sandbox unavailable for this API version',
    "The sandbox could not prepare this version's OpenAPI document (too large or not supported by the mock engine). Other APIs answer; the API owners can see why in the sandbox health report.",
  ),
  apiStarting: define(
    'api-starting',
    503,
    'Sandbox still preparing this API version',
    'The sandbox has just started and is still reading this version’s document. Retry after the seconds given in `Retry-After`.',
  ),
} as const satisfies Record<string, MockProblemType>;

/** The name of a problem type in `mockProblemTypes`. */
export type MockProblemName = keyof typeof mockProblemTypes;

/** Every problem type with its `type` URI, in status order: what the portal's page lists. */
export const mockProblemTypeList: readonly (MockProblemType & { type: string })[] = Object.values(
  mockProblemTypes,
)
  .map((problem) => ({ ...problem, type: toMockProblemTypeUri(problem) }))
  .sort((a, b) => a.status - b.status || a.slug.localeCompare(b.slug));

/** The `type` member of a problem: a URI relative to the portal. */
export function toMockProblemTypeUri(problem: MockProblemType): string {
  return `/problems/${problem.slug}`;
}
