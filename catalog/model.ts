import type { Lifecycle, Visibility } from './schema/lifecycle.ts';
import type { ResolvedPlan } from './schema/plans.ts';
import type { SandboxExampleEntry, SandboxStubEntry } from './schema/sandbox-stubs.ts';
import type { DocumentFormat } from './openapi/check-document.ts';
import type { CatalogOperation } from './openapi/list-operations.ts';
import type { CatalogResource } from './resources/resource-model.ts';

export type { CatalogOperation } from './openapi/list-operations.ts';
export type { DocumentFormat } from './openapi/check-document.ts';

/**
 * The catalog as every consumer sees it: the site renders it, scripts report on it, the sandbox
 * mocks it. Built only by `loadCatalog`, from `apis/`.
 */
export interface Catalog {
  /** Who the catalog was filtered for; restricted APIs are absent from a public catalog. */
  audience: Visibility;
  /** APIs sorted by title. */
  apis: CatalogApi[];
}

/** One API: a folder of `apis/`, with all its versions. */
export interface CatalogApi {
  /** The folder name; the API's URL segment. */
  id: string;
  title: string;
  /** One sentence for cards and search results. */
  summary: string;
  /** Sanitised HTML of the current version's `info.description`. */
  descriptionHtml: string;
  owner: { team: string; email?: string; reviewers: string[] };
  support: { email?: string; url?: string };
  /** Lifecycle of the current version. */
  lifecycle: Lifecycle;
  visibility: Visibility;
  tags: string[];
  /** Quotas the sandbox enforces and the portal shows. */
  plans: ResolvedPlan[];
  breakingChanges: 'require-new-major' | 'warn';
  /** Versions, newest first. */
  versions: CatalogVersion[];
  /** The version partners should use. */
  currentVersionId: string;
  guides: CatalogGuide[];
  /** The API's folder, relative to the repository root (`apis/tax-filing`; absolute outside it): `fromDisplayPath` finds it on disk. */
  dir: string;
  /** The metadata file, relative to the repository root, when there is one. */
  metadataFile?: string;
  /**
   * Changes to the API in the repository's history, newest first. The catalog itself does not
   * read git: the build adds this (scripts/lib/changelog/) before the site renders it.
   */
  changelog?: ChangelogEntry[];
  /** Sandbox-only examples and stubs from `mocks/<api-id>/stubs.yaml`, when the owners wrote one. */
  sandbox?: CatalogSandbox;
}

/** What `mocks/<api-id>/stubs.yaml` adds to the sandbox, checked against the API's documents. */
export interface CatalogSandbox {
  /** The stubs file, relative to the repository root. */
  file: string;
  /** Named extra examples, served on `Prefer: example=<name>`. */
  examples: SandboxExample[];
  /** Request-matched answers, in file order: the first that matches wins. */
  stubs: SandboxStub[];
}

/** An extra example, resolved: the versions it applies to and its operation's method and path. */
export type SandboxExample = Omit<SandboxExampleEntry, 'versions' | 'contentType'> & {
  /** Version ids, never empty. */
  versions: string[];
  method: string;
  /** The operation's path template. */
  path: string;
  contentType: string;
};

/** A stub, resolved: the versions it applies to and the content type of its body. */
export type SandboxStub = Omit<SandboxStubEntry, 'versions' | 'response'> & {
  /** Version ids, never empty. */
  versions: string[];
  response: Omit<SandboxStubEntry['response'], 'contentType'> & {
    /** Set when the stub gives a `body`; a named example brings its own. */
    contentType?: string;
  };
};

/** One commit that changed an API, as its changelog shows it. */
export interface ChangelogEntry {
  /** Abbreviated commit hash. */
  commit: string;
  /** Commit date, YYYY-MM-DD. */
  date: string;
  /** The commit's subject line. */
  subject: string;
  /** What changed for consumers, one line each (versions published or deprecated, operations). */
  changes: string[];
  /** How many of those changes break existing consumers. */
  breaking: number;
}

/** One version of an API, described by one (possibly multi-file) OpenAPI document. */
export interface CatalogVersion {
  /** URL segment (`v2`). */
  id: string;
  /** `info.version` as written. */
  label: string;
  lifecycle: Lifecycle;
  deprecatedSince?: string;
  sunset?: string;
  format: DocumentFormat;
  specVersion: string;
  /** `info.title` of this version's document. */
  title: string;
  descriptionHtml: string;
  /** Entry document, relative to the API folder. */
  entryFile: string;
  /** Every file of the document (entry first), relative to the API folder. */
  files: string[];
  /** The document with every file joined in. */
  document: Record<string, unknown>;
  operations: CatalogOperation[];
  /**
   * The resources the sandbox remembers per consumer: found in the document, then turned off,
   * corrected or added by the owners' `stubs.yaml`.
   */
  resources: CatalogResource[];
  /** Server URLs the document declares. */
  servers: string[];
}

/** A Markdown guide from `apis/<id>/guides/`. */
export interface CatalogGuide {
  /** URL segment, from the file name without its order prefix (`01-getting-started.md`). */
  slug: string;
  title: string;
  /** Sanitised HTML. */
  html: string;
  /** Plain text, for summaries. */
  text: string;
  /** Source file, relative to the API folder. */
  file: string;
}
