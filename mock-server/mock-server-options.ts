import { z } from 'zod';
import type { Catalog } from '../catalog/index.ts';
import { defaultSandboxLanguage, sandboxLanguages } from '../catalog/sandbox-languages.ts';

/** Settings of the mock server; every one has a default fit for `npm run sandbox`. */
export const mockServerSettingsSchema = z.strictObject({
  dynamic: z
    .boolean()
    .default(false)
    .describe(
      'Generate answers from schemas instead of serving examples (a request may still ask with `Prefer: dynamic=true`).',
    ),
  loadWaitMs: z
    .int()
    .min(0)
    .max(600_000)
    .default(5_000)
    .describe(
      "How long a request for a version still being prepared waits before a 503 with `Retry-After`; shorter than the gateway's upstream timeout (10 s), so the partner gets the 503.",
    ),
  retryAfterSeconds: z
    .int()
    .min(1)
    .max(3600)
    .default(5)
    .describe('`Retry-After` sent with that 503.'),
  prepareCpuMs: z
    .int()
    .min(1000)
    .default(30_000)
    .describe(
      "CPU time allowed to each preparation of a document (CPU, not wall time, so a busy machine gives up the same documents as an idle one): past it, Prism's own gives way to the fallback that keeps `$ref`s, and the fallback to a 503 for the version.",
    ),
  referenceFallback: z
    .boolean()
    .default(true)
    .describe(
      "When Prism's own preparation fails (too slow, too large, refused), prepare the document again keeping its `$ref`s.",
    ),
  prepareWorkers: z
    .int()
    .min(1)
    .max(16)
    .default(2)
    .describe('Worker threads preparing documents side by side.'),
  prepareHeapMb: z
    .int()
    .min(64)
    .default(1024)
    .describe('Heap limit of each preparing worker, in MiB: a document needing more is given up.'),
  defaultLanguage: z
    .enum(sandboxLanguages)
    .default(defaultSandboxLanguage)
    .describe(
      "Language of refusals whose request's `Accept-Language` names none of the sandbox's: the portal's.",
    ),
  maxBodyBytes: z
    .int()
    .min(1)
    .default(10 * 1024 * 1024)
    .describe('Largest request body read, in bytes; larger ones get 413.'),
  stateful: z
    .boolean()
    .default(true)
    .describe(
      'Remember, per consumer, the objects of the resources each document describes (POST then GET, PUT, PATCH, DELETE, lists); `false` answers every call from examples.',
    ),
  dataDir: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The sandbox's data folder, where the consumers' objects are kept (`resources.sqlite`); without it they live in memory and go with the process.",
    ),
  databaseUrl: z
    .string()
    .regex(/^postgres(?:ql)?:\/\/./, { error: 'must be a postgres:// URL' })
    .optional()
    .describe(
      "A PostgreSQL database for the consumers' objects (`postgres://user:password@host:5432/database`), so several mock servers share them; without it, `resources.sqlite` in `dataDir`.",
    ),
  idleHours: z
    .int()
    .min(1)
    .max(24 * 366)
    .default(24 * 7)
    .describe("A consumer's objects of an API version unused for this long are dropped."),
  maxObjectsPerConsumer: z
    .int()
    .min(1)
    .max(1_000_000)
    .default(1_000)
    .describe(
      'Objects one consumer may keep over all its APIs; one more gets 507 `sandbox-data-limit`.',
    ),
  maxBytesPerConsumer: z
    .int()
    .min(1024)
    .max(1024 ** 3)
    .default(5 * 1024 * 1024)
    .describe('Bytes of objects one consumer may keep over all its APIs (JSON, plus 64 a row).'),
});

/** Settings as a caller writes them. */
export type MockServerSettingsInput = z.input<typeof mockServerSettingsSchema>;
/** Settings with defaults applied. */
export type MockServerSettings = z.output<typeof mockServerSettingsSchema>;

/** What `createMockServer` takes: the catalog to mock, and settings. */
export interface MockServerOptions extends MockServerSettingsInput {
  /** The catalog, read for the `internal` audience so every API is mocked. */
  catalog: Catalog;
}

/** Validates settings at construction, so a wrong value fails at start, not on a request. */
export function parseMockServerSettings(options: MockServerSettingsInput): MockServerSettings {
  const result = mockServerSettingsSchema.safeParse(options);
  if (result.success) return result.data;
  const details = result.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(options)'}: ${issue.message}`,
  );
  throw new TypeError(`Invalid mock server settings — ${details.join('; ')}`);
}
