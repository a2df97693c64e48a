import { z } from 'zod';
import { lifecycles, visibilities } from './lifecycle.ts';
import { plansSchema } from './plans.ts';

/** A slug usable in URLs, file names and search filters. */
const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'must be lowercase letters, digits, dots and dashes');

/** The team that owns an API and answers for it. */
export const ownerSchema = z.strictObject({
  team: z
    .string()
    .min(1)
    .max(120)
    .describe('Team name as partners will read it, e.g. "Direction des services numériques".'),
  email: z.email().describe('Address that reaches the team (not a person who may leave).'),
  reviewers: z
    .array(z.string().regex(/^@[\w.-]+(?:\/[\w.-]+)?$/, 'must look like @user or @org/team'))
    .default([])
    .describe(
      "Code-host handles that must review changes to this API (`@org/team` or `@user`); they become the API's lines in the generated CODEOWNERS.",
    ),
});

/** Where partners get help with an API. At least one of `email` or `url`. */
export const supportSchema = z
  .strictObject({
    email: z.email().optional().describe('Support mailbox.'),
    url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('Support page or ticket form.'),
  })
  .refine((support) => support.email !== undefined || support.url !== undefined, {
    message: 'needs an email or a url',
  });

/** One published version of an API, described by its own OpenAPI document. */
export const versionSchema = z.strictObject({
  id: slugSchema.describe('URL segment of this version, e.g. `v2`.'),
  document: z
    .string()
    .min(1)
    .describe("Path of the entry OpenAPI document, relative to the API's folder."),
  lifecycle: z
    .enum(lifecycles)
    .optional()
    .describe("Stage of this version; defaults to the API's `lifecycle`."),
  deprecatedSince: z.iso
    .date()
    .optional()
    .describe(
      "Date the version was deprecated (YYYY-MM-DD); sent in the sandbox's `Deprecation` header.",
    ),
  sunset: z.iso
    .date()
    .optional()
    .describe('Date the version stops answering (YYYY-MM-DD); required once deprecated.'),
});

/** The metadata file `apis/<api-id>/api.yaml`: everything the catalog knows beyond the document. */
export const apiMetadataSchema = z
  .strictObject({
    title: z
      .string()
      .min(1)
      .max(80)
      .optional()
      .describe("Name shown in the catalog. Defaults to the document's `info.title`."),
    summary: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('One sentence shown on catalog cards and in search results.'),
    owner: ownerSchema
      .optional()
      .describe("Team that owns the API. Defaults to the document's `info.contact`."),
    support: supportSchema
      .optional()
      .describe("Where partners get help. Defaults to the owner's email."),
    lifecycle: z
      .enum(lifecycles)
      .default('stable')
      .describe('Stage of the API, applied to every version that does not set its own.'),
    deprecatedSince: z.iso
      .date()
      .optional()
      .describe('Date the API was deprecated (YYYY-MM-DD), when `lifecycle` is `deprecated`.'),
    sunset: z.iso
      .date()
      .optional()
      .describe(
        'Date the API stops answering (YYYY-MM-DD); required when `lifecycle` is `deprecated`.',
      ),
    visibility: z
      .enum(visibilities)
      .default('public')
      .describe(
        'Who may see the API: `public`, or restricted to `partners` or `internal` portals.',
      ),
    tags: z.array(slugSchema).default([]).describe('Catalog filters, e.g. `taxes`, `identity`.'),
    plans: plansSchema.optional().describe('Sandbox quotas that differ from the defaults.'),
    restrictedScopes: z
      .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/, 'must be an OAuth 2.0 scope'))
      .default([])
      .describe(
        "OAuth 2.0 scopes of the API's documents that a subscription gets only once an administrator approves them (e.g. a write scope); every other scope is granted with the subscription.",
      ),
    breakingChanges: z
      .enum(['require-new-major', 'warn'])
      .default('require-new-major')
      .describe(
        'What a breaking change to a stable version means: `require-new-major` fails the pull request unless the change comes as a new major version; `warn` only reports it.',
      ),
    versions: z
      .array(versionSchema)
      .min(1)
      .optional()
      .describe(
        'The versions, newest first. Defaults to the document(s) found in the folder: `openapi.yaml` (or `swagger.json`…) at its top, else one in each sub-folder. A sub-folder named like a version (`v1/`, `v2/`, `v2.1/`) gives the version its id; any other (`depot/`, `src/`) and a document at the top take theirs from `info.version`, as `v` and its major number (`1.4.2` → `v1`; a label that is not a number, such as `2026-01`, as it is written).',
      ),
  })
  .superRefine((metadata, context) => {
    if (metadata.lifecycle === 'deprecated' && metadata.sunset === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['sunset'],
        message: 'is required when lifecycle is deprecated',
        params: {
          hint: 'add `sunset: YYYY-MM-DD`, the date the API stops answering',
          linePath: ['lifecycle'],
        },
      });
    }
    const seen = new Set<string>();
    metadata.versions?.forEach((version, index) => {
      if (seen.has(version.id)) {
        context.addIssue({
          code: 'custom',
          path: ['versions', index, 'id'],
          message: `repeats the version id "${version.id}"`,
          params: { hint: 'give each version its own id, e.g. v1 and v2' },
        });
      }
      seen.add(version.id);
      const lifecycle = version.lifecycle ?? metadata.lifecycle;
      if (lifecycle === 'deprecated' && (version.sunset ?? metadata.sunset) === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['versions', index, 'sunset'],
          message: 'is required when the version is deprecated',
          params: {
            hint: 'add `sunset: YYYY-MM-DD`, the date this version stops answering',
            linePath: ['versions', index],
          },
        });
      }
    });
  });

/** `api.yaml` as an owner writes it. */
export type ApiMetadataInput = z.input<typeof apiMetadataSchema>;
/** `api.yaml` once validated, defaults applied. */
export type ApiMetadata = z.output<typeof apiMetadataSchema>;
/** One version entry of `api.yaml`, validated. */
export type VersionMetadata = z.output<typeof versionSchema>;
