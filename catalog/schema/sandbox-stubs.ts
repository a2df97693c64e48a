import { z } from 'zod';

/**
 * The stubs file `mocks/<api-id>/stubs.yaml`: sandbox-only behaviour an API's owners add
 * without touching the published document. The catalog checks it against the document (every
 * operation, version, status and example it names must exist) and the mock server applies it.
 */

/** Names are what partners type in `Prefer: example=<name>`: no spaces, no quotes. */
const nameSchema = z
  .string()
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, dots, dashes or underscores');

const descriptionSchema = z
  .string()
  .min(1)
  .max(500)
  .describe('What it shows, in one or two sentences; the portal prints it in the sandbox section.');

const versionsSchema = z
  .array(z.string().min(1))
  .min(1)
  .optional()
  .describe(
    'Version ids it applies to (`v1`, `v2`). Defaults to every version with this operation.',
  );

/** YAML reads `42` and `true` as numbers and booleans; query and header values are text. */
const textValueSchema = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const statusSchema = z
  .int()
  .min(100)
  .max(599)
  .describe('HTTP status to answer; the operation must declare it (or `default`, or `4XX`).');

const headersSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name'),
    z.string(),
  )
  .default({})
  .describe('Response headers, e.g. `Retry-After: "30"`.');

const contentTypeSchema = z
  .string()
  .min(1)
  .optional()
  .describe(
    '`Content-Type` of the answer. Defaults to `application/problem+json` for a mapping body with a status of 400 or more, `application/json` for other mappings and lists, `text/plain` for text.',
  );

export const httpMethodNames = [
  'GET',
  'PUT',
  'POST',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'PATCH',
  'TRACE',
] as const;

/** The request a stub answers: method and path at least, then anything else that must match. */
export const stubRequestSchema = z.strictObject({
  method: z.enum(httpMethodNames).describe('HTTP method, in capitals.'),
  path: z
    .string()
    .regex(/^\//, 'must start with /')
    .describe(
      "Path after the version's base URL: exact (`/entreprises/000000000`) or the operation's template (`/entreprises/{siren}`) with `params`.",
    ),
  params: z
    .record(z.string(), textValueSchema)
    .default({})
    .describe(
      'Values the template placeholders must have, e.g. `siren: "000000000"`; a placeholder left out matches any value.',
    ),
  query: z
    .record(z.string(), textValueSchema)
    .default({})
    .describe('Query parameters that must be present with these values; others are ignored.'),
  headers: z
    .record(z.string(), textValueSchema)
    .default({})
    .describe('Request headers that must be present with these values (names in any case).'),
  body: z
    .json()
    .optional()
    .describe(
      'JSON body fields that must match, e.g. `montant: 0`; nested mappings match field by field, lists and values exactly.',
    ),
});

/** What a stub answers: a status with a body, or an example the document or this file names. */
export const stubResponseSchema = z
  .strictObject({
    status: statusSchema,
    contentType: contentTypeSchema,
    headers: headersSchema,
    body: z.json().optional().describe('Body to answer, as YAML (sent as JSON) or text.'),
    example: nameSchema
      .optional()
      .describe(
        "Answer with this named example instead of `body`: one of the document's `examples` for this status, or one of this file's `examples`.",
      ),
  })
  .refine((response) => response.body === undefined || response.example === undefined, {
    message: 'has both `body` and `example`',
    path: ['example'],
    params: { hint: 'keep one: `body` to write the answer here, `example` to reuse a named one' },
  });

/** A request-matched answer; the first stub that matches a request wins. */
export const sandboxStubSchema = z.strictObject({
  name: nameSchema.describe('Short unique name, shown on the portal and in `X-Guichet-Stub`.'),
  description: descriptionSchema,
  versions: versionsSchema,
  request: stubRequestSchema.describe('What a request must look like for this stub to answer.'),
  response: stubResponseSchema.describe('What the sandbox answers then.'),
});

/** A named extra example, served when a request asks `Prefer: example=<name>`. */
export const sandboxExampleSchema = z.strictObject({
  name: nameSchema.describe(
    'Name partners give in `Prefer: example=<name>`; unique for its operation.',
  ),
  description: descriptionSchema,
  operation: z
    .string()
    .min(1)
    .describe(
      'The operation it belongs to: its `operationId`, or method and path template (`GET /entreprises/{siren}`).',
    ),
  versions: versionsSchema,
  status: statusSchema,
  contentType: contentTypeSchema,
  headers: headersSchema,
  body: z.json().describe('Body of the example, as YAML (sent as JSON) or text.'),
});

/** A path of the document, as it writes it. */
const documentPathSchema = z.string().refine((path) => path.startsWith('/'), {
  message: 'must start with /',
  params: { hint: 'write the path as the document does, e.g. /declarations' },
});

/** Seeds are payload a consumer receives; a few per resource are enough to start testing. */
export const seedsPerResource = 100;

/** A resource the sandbox remembers, mapped or corrected by the owners. */
export const statefulResourceSchema = z.strictObject({
  collection: documentPathSchema.describe(
    'Path where objects are created (`POST`) and listed (`GET`), as the document writes it: `/declarations`, `/dossiers/{dossierId}/pieces`. Naming a resource the sandbox found already corrects it.',
  ),
  item: documentPathSchema
    .optional()
    .describe(
      "Path of one object, ending in its identifier's placeholder (`/declarations/{declarationId}`). Defaults to the one the sandbox found, or the one path below `collection` that ends in a placeholder.",
    ),
  idField: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Field of an object holding its identifier. Defaults to the placeholder's own name, `id`, or `<name>Id`, whichever the object's schema has.",
    ),
  versions: versionsSchema,
  seeds: z
    .array(z.record(z.string(), z.json()))
    .max(seedsPerResource)
    .default([])
    .describe(
      "Objects every consumer finds before creating any, instead of those taken from the document's examples; each with its identifier field.",
    ),
  seedParams: z
    .record(z.string(), textValueSchema)
    .default({})
    .describe(
      'For a nested resource, the parent the seeds belong to: a value for each placeholder of `collection` (`dossierId: D-2026-1`).',
    ),
});

/** What the sandbox remembers for this API, per consumer. */
export const sandboxStatefulSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(true)
    .describe(
      "Whether the sandbox remembers the objects consumers create, for every resource it finds. `false`: every operation answers from the document's examples, except those turned on below.",
    ),
  operations: z
    .record(z.string().min(1), z.boolean())
    .default({})
    .describe(
      'Operations of resources turned on (`true`) or off (`false`) one by one, by `operationId` or `METHOD /path` (`supprimerDeclaration: false`). An operation turned off answers from examples.',
    ),
  resources: z
    .array(statefulResourceSchema)
    .default([])
    .describe(
      'Resources mapped by hand where the sandbox finds none or the wrong one, or given seed objects.',
    ),
});

/**
 * The whole stubs file. Names are checked against each other and the document by the catalog
 * (`resolve-stubs.ts`), after the structure, so every such mistake is reported in one run.
 */
export const sandboxStubsSchema = z.strictObject({
  examples: z
    .array(sandboxExampleSchema)
    .default([])
    .describe('Named extra examples for operations, chosen with `Prefer: example=<name>`.'),
  stubs: z
    .array(sandboxStubSchema)
    .default([])
    .describe('Answers to specific requests, tried in order before the document.'),
  stateful: sandboxStatefulSchema
    .optional()
    .describe(
      'What the sandbox remembers per consumer: objects created with `POST` are read, replaced, changed, listed and deleted. On by default for every resource found in the document.',
    ),
});

/** `stubs.yaml` as an owner writes it. */
export type SandboxStubsInput = z.input<typeof sandboxStubsSchema>;
/** `stubs.yaml` once validated, defaults applied. */
export type SandboxStubsFile = z.output<typeof sandboxStubsSchema>;
/** One stub as written, validated. */
export type SandboxStubEntry = z.output<typeof sandboxStubSchema>;
/** The `stateful` section once validated. */
export type SandboxStatefulEntry = z.output<typeof sandboxStatefulSchema>;
/** One resource of the `stateful` section, validated. */
export type StatefulResourceEntry = z.output<typeof statefulResourceSchema>;
/** One extra example as written, validated. */
export type SandboxExampleEntry = z.output<typeof sandboxExampleSchema>;
