import type {
  CatalogApi,
  CatalogVersion,
  ComponentSchema,
  SecurityScheme,
} from '../../../catalog/index.ts';
import { getVersionPages, type VersionPages } from './get-reference.ts';
import { createReferenceLinks, type ReferenceLinks } from './reference-links.ts';
import type { SchemaLabels, SchemaRendering } from './render-schema.ts';
import { toSandboxUrl } from '../urls.ts';

/** What every component of a reference page reads: the version's reference, links, language. */
export interface ReferenceContext extends VersionPages {
  api: CatalogApi;
  version: CatalogVersion;
  links: ReferenceLinks;
  components: ReadonlyMap<string, ComponentSchema>;
  schemes: ReadonlyMap<string, SecurityScheme>;
  /** Language of the owners' texts, for `lang` attributes. */
  lang: string | undefined;
  /** Where the sandbox answers for this version (a path alone on a branch preview). */
  sandboxBaseUrl: string;
  /** The schema trees' words in the page's language. */
  schemaLabels: SchemaLabels;
}

/** The context of one page of a version's reference. */
export function createReferenceContext(options: {
  base: string;
  api: CatalogApi;
  version: CatalogVersion;
  lang: string | undefined;
  onVersionPage: boolean;
  /** The portal's sandbox URL setting. */
  sandboxUrl: string;
  /** The schema trees' words in the page's language (`messages.schemaTree`). */
  schemaLabels: SchemaLabels;
}): ReferenceContext {
  const { api, version } = options;
  const pages = getVersionPages(version);
  return {
    ...pages,
    api,
    version,
    links: createReferenceLinks(options.base, api, version, pages.plan, options.onVersionPage),
    components: new Map(pages.reference.schemas.map((schema) => [schema.name, schema])),
    schemes: new Map(pages.reference.securitySchemes.map((scheme) => [scheme.name, scheme])),
    lang: options.lang,
    sandboxBaseUrl: toSandboxUrl(options.sandboxUrl, api.id, version.id),
    schemaLabels: options.schemaLabels,
  };
}

const renderings = new WeakMap<
  ReferenceContext,
  Partial<Record<SchemaRendering['direction'], SchemaRendering>>
>();

/**
 * Schema rendering settings for a body or response on this page, one per direction: a page
 * writes each component's tree once per direction however many bodies and responses expand it
 * (`render-schema.ts` keeps what a rendering wrote for as long as the page's context lives).
 */
export function toSchemaRendering(
  context: ReferenceContext,
  direction: SchemaRendering['direction'],
): SchemaRendering {
  let known = renderings.get(context);
  if (!known) {
    known = {};
    renderings.set(context, known);
  }
  let rendering = known[direction];
  if (!rendering) {
    rendering = {
      components: context.components,
      schemaHref: context.links.schema,
      direction,
      labels: context.schemaLabels,
      lang: context.lang,
    };
    known[direction] = rendering;
  }
  return rendering;
}
