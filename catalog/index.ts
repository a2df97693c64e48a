/**
 * guichet's catalog: the one reader of `apis/`. The site, the scripts and the sandbox import
 * from here and nowhere else.
 */
export {
  loadCatalog,
  type CatalogResult,
  type LeftOutFolder,
  type LoadCatalogOptions,
} from './load-catalog.ts';
export type { TriedDocument } from './load-api.ts';
export { locateInside, type Whereabouts } from './confine-path.ts';
export { documentFileHint, isDocumentFileName } from './document-file-names.ts';
export { fromDisplayPath, repositoryRoot, toDisplayPath } from './display-path.ts';
export { formatProblem, hasErrors, type CatalogProblem } from './problems.ts';
export type {
  Catalog,
  CatalogApi,
  ChangelogEntry,
  CatalogGuide,
  CatalogOAuthFlow,
  CatalogOperation,
  CatalogSandbox,
  CatalogScope,
  CatalogSecurity,
  CatalogSecurityScheme,
  DeclaredScope,
  OAuthFlowName,
  SandboxCredential,
  SecurityNeed,
  CatalogVersion,
  DocumentFormat,
  SandboxExample,
  SandboxStub,
} from './model.ts';
export {
  apiMetadataSchema,
  type ApiMetadata,
  type ApiMetadataInput,
} from './schema/api-metadata.ts';
export {
  isVisibleTo,
  lifecycles,
  visibilities,
  type Lifecycle,
  type Visibility,
} from './schema/lifecycle.ts';
export { defaultPlanQuotas, planNames, type PlanName, type ResolvedPlan } from './schema/plans.ts';
export {
  sandboxStubsSchema,
  type SandboxStubsFile,
  type SandboxStubsInput,
} from './schema/sandbox-stubs.ts';
export {
  isTemplatedPath,
  matchPathTemplate,
  parsePathTemplate,
  type PathTemplate,
} from './openapi/path-template.ts';
export { defaultSnapshotPath, readSnapshot, writeSnapshot } from './snapshot.ts';
export { describeVersion, type DescribedVersion } from './reference/describe-version.ts';
export { toSlug } from './reference/to-anchor.ts';
export type * from './reference/reference-model.ts';
export {
  resourceRoles,
  type CatalogResource,
  type IdentifierSchema,
  type ResourceFilter,
  type ResourceList,
  type ResourceOperation,
  type ResourcePaging,
  type ResourceRole,
  type ResourceSeed,
  type StatefulMark,
} from './resources/resource-model.ts';
