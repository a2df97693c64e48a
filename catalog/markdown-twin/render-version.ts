import type { CatalogApi, CatalogVersion } from '../model.ts';
import type { ComponentSchema, VersionReference } from '../reference/reference-model.ts';
import { toCode, toFence, toInlineText } from './markdown-text.ts';
import { createProseCache, type ProseCache } from './prose-cache.ts';
import { describeScheme, renderOperationMarkdown } from './render-operation.ts';
import { renderSchemaRoot, type SchemaRendering } from './render-schema.ts';

/** Addresses a twin prints; the site builds them from its base path and settings. */
export interface TwinLinks {
  /** The HTML page this twin stands for. */
  page: string;
  /** The version's sandbox base URL (`http://127.0.0.1:8000/tax/v2`). */
  sandboxBaseUrl: string;
  /** The sandbox's origin and path prefix, where `/_guichet/trial-keys` lives. */
  sandboxUrl: string;
  /** The bundled OpenAPI document to download. */
  openapi: string;
  /** The twins of the API's other versions, by id. */
  versionTwin: (versionId: string) => string;
  /** The twins of the API's guides, by slug. */
  guideTwin: (slug: string) => string;
}

/**
 * The Markdown twin of an API page or version page, from the catalog and the version's
 * reference (never from the document again): the API's facts, lifecycle and versions, how to
 * get a trial key, the security schemes, every operation and the component schemas.
 */
export function renderVersionMarkdown(
  api: CatalogApi,
  version: CatalogVersion,
  reference: VersionReference,
  links: TwinLinks,
): string {
  const isCurrent = version.id === api.currentVersionId;
  // A version repeats its descriptions across operations and schemas: converted once each.
  const prose = createProseCache();
  const title = isCurrent ? api.title : `${api.title} — version ${version.label}`;
  const lines = [`# ${toInlineText(title)}`, '', `> ${toInlineText(api.summary)}`, ''];
  lines.push(...renderFacts(api, version, links), '');
  const description = prose.toMarkdown(isCurrent ? api.descriptionHtml : version.descriptionHtml);
  if (description !== '') lines.push(description, '');
  lines.push(...renderVersions(api, links), ...renderGuides(api, links));
  lines.push(...renderTrialKey(api, links));
  if (reference.securitySchemes.length > 0) {
    lines.push('## Security schemes', '');
    for (const scheme of reference.securitySchemes) {
      let line = `- ${toCode(scheme.name)}: ${describeScheme(scheme)}`;
      const about = prose.toMarkdown(scheme.descriptionHtml).replace(/\n+/g, ' ');
      if (about !== '') line += ` — ${about}`;
      lines.push(line);
      for (const flow of scheme.flows) {
        for (const scope of flow.scopes) {
          lines.push(
            `  - scope ${toCode(scope.name)} (${flow.kind}): ${toInlineText(scope.description)}`,
          );
        }
      }
    }
    lines.push('');
  }
  const components = toComponentMap(reference.schemas);
  lines.push(`## Operations (${String(version.operations.length)})`, '');
  version.operations.forEach((operation, index) => {
    const details = reference.operations[index];
    if (!details) return;
    lines.push(
      renderOperationMarkdown(operation, details, {
        components,
        securitySchemes: reference.securitySchemes,
        sandboxBaseUrl: links.sandboxBaseUrl,
        level: 3,
        prose,
      }),
    );
  });
  if (reference.schemas.length > 0) {
    lines.push('## Schemas', '');
    for (const schema of reference.schemas) {
      lines.push(...renderComponentMarkdown(schema, { components, prose }, 3), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A component schema's section: its name as a heading, then its tree. */
export function renderComponentMarkdown(
  schema: ComponentSchema,
  rendering: { components: ReadonlyMap<string, ComponentSchema>; prose: ProseCache },
  level: number,
): string[] {
  const tree: SchemaRendering = { ...rendering, direction: 'any' };
  return [
    `${'#'.repeat(level)} Schema ${toCode(schema.name)}`,
    '',
    ...renderSchemaRoot(schema.schema, tree),
  ];
}

/** Component schemas by name, as the renderers look them up. */
export function toComponentMap(schemas: readonly ComponentSchema[]): Map<string, ComponentSchema> {
  return new Map(schemas.map((schema) => [schema.name, schema]));
}

function renderFacts(api: CatalogApi, version: CatalogVersion, links: TwinLinks): string[] {
  const lifecycle =
    version.lifecycle === 'deprecated'
      ? `deprecated${version.deprecatedSince ? ` since ${version.deprecatedSince}` : ''}${version.sunset ? `, stops answering on ${version.sunset}` : ''}`
      : version.lifecycle;
  const facts = [
    `- API id: ${toCode(api.id)}; version ${toCode(version.id)} (${toInlineText(version.label)}), ${lifecycle}`,
    `- Owner: ${toInlineText(api.owner.team)}${api.support.email ? `; support ${toCode(api.support.email)}` : ''}`,
    `- Visibility: ${api.visibility}`,
    `- HTML page: ${links.page}`,
    `- OpenAPI document: ${links.openapi}`,
    `- Sandbox base URL: ${toCode(links.sandboxBaseUrl)}`,
    `- Plans: ${api.plans.map((plan) => `${plan.name} ${String(plan.requestsPerMinute)} requests a minute`).join(', ')}`,
  ];
  if (api.tags.length > 0) facts.push(`- Tags: ${api.tags.map(toInlineText).join(', ')}`);
  return facts;
}

function renderVersions(api: CatalogApi, links: TwinLinks): string[] {
  const lines = ['## Versions', ''];
  for (const version of api.versions) {
    const current = version.id === api.currentVersionId ? ', current' : '';
    const sunset = version.sunset ? `, sunset ${version.sunset}` : '';
    lines.push(
      `- [${toInlineText(version.id)}](${links.versionTwin(version.id)}) — ${toInlineText(version.label)}, ${version.lifecycle}${sunset}${current}`,
    );
  }
  return [...lines, ''];
}

function renderGuides(api: CatalogApi, links: TwinLinks): string[] {
  if (api.guides.length === 0) return [];
  const lines = ['## Guides', ''];
  for (const guide of api.guides) {
    lines.push(`- [${toInlineText(guide.title)}](${links.guideTwin(guide.slug)})`);
  }
  return [...lines, ''];
}

function renderTrialKey(api: CatalogApi, links: TwinLinks): string[] {
  const endpoint = `${links.sandboxUrl.replace(/\/+$/, '')}/_guichet/trial-keys`;
  const body = JSON.stringify(
    { application: 'My application', email: 'dev@example.org', api: api.id, acceptTerms: true },
    null,
    2,
  );
  const lines = ['## Get a trial key', ''];
  lines.push(
    api.visibility === 'public'
      ? 'A trial key is active at once on the free plan. Ask for one on the HTML page, or:'
      : 'This API is restricted: a trial key stays pending until an administrator approves it. Ask for one on the HTML page, or:',
    '',
    toFence(
      `curl -X POST ${endpoint} -H 'Content-Type: application/json' -d '${body.replace(/\n\s*/g, ' ')}'`,
      'sh',
    ),
    '',
    `Then send the key in the ${toCode('X-Api-Key')} header of each call to the sandbox. An administrator can also issue one: ${toCode(`npm run keys -- create --app "My application" --api ${api.id}`)}.`,
    '',
  );
  return lines;
}
