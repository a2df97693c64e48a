import { access } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { documentFileHint, isDocumentFileName } from './document-file-names.ts';
import { DescriptionRenderError, toRenderProblem } from './markdown/render-checked.ts';
import { renderMarkdown } from './markdown/render-markdown.ts';
import type { CatalogVersion } from './model.ts';
import { bundleDocument } from './openapi/bundle-document.ts';
import { checkAnswerHeaders } from './openapi/check-answer-headers.ts';
import { checkDescriptions } from './openapi/check-descriptions.ts';
import { checkDocument, isMapping, type DocumentHead } from './openapi/check-document.ts';
import { listOperations, type CatalogOperation } from './openapi/list-operations.ts';
import { listScopes, readDocumentSecurity } from './openapi/operation-security.ts';
import { readDocumentFiles, type DocumentFiles } from './openapi/read-document.ts';
import { listSecuritySchemes } from './openapi/security-schemes.ts';
import { inferResources, markStatefulOperations } from './resources/infer-resources.ts';
import type { CatalogProblem } from './problems.ts';
import type { Lifecycle } from './schema/lifecycle.ts';

/** What the folder or `api.yaml` says about a version before its document is read. */
export interface VersionPlan {
  id: string | undefined;
  document: string;
  lifecycle: Lifecycle;
  deprecatedSince?: string | undefined;
  sunset?: string | undefined;
  /** Where `api.yaml` names the document, so a missing file is reported there. */
  declaredAt?: { file: string; line: number; field: string } | undefined;
}

/** A version loaded from disk, with the head of its document for deriving API metadata. */
export interface LoadedVersion {
  version: CatalogVersion;
  head: DocumentHead;
}

/** Reads, checks and bundles one version's document; `undefined` when it has problems. */
export async function loadVersion(
  apiDir: string,
  plan: VersionPlan,
  idFromLabel: (label: string) => string,
  problems: CatalogProblem[],
): Promise<LoadedVersion | undefined> {
  const before = problems.length;
  const entryPath = join(apiDir, plan.document);
  if (plan.declaredAt && !isDocumentFileName(plan.document)) {
    problems.push({
      ...plan.declaredAt,
      message: `names a file that is not .yaml, .yml or .json (${plan.document})`,
      hint: documentFileHint,
      severity: 'error',
    });
    return undefined;
  }
  if (plan.declaredAt && !(await isReadable(entryPath))) {
    problems.push({
      ...plan.declaredAt,
      message: `names a file that does not exist (${plan.document})`,
      hint: "give the entry document's path relative to the API folder, e.g. v2/openapi.yaml",
      severity: 'error',
    });
    return undefined;
  }
  const files = await readDocumentFiles(entryPath, apiDir, problems);
  if (!files) return undefined;
  checkDescriptions(files, problems);
  const head = checkDocument(files.entry, problems);
  if (!head || problems.length > before) return undefined;
  checkAnswerHeaders(files.files.values(), problems);
  const document = await bundleDocument(files);
  const rendered = renderDescriptions(head, document, files, problems);
  if (!rendered) return undefined;
  const resources = inferResources(document);
  const operations = markStatefulOperations(rendered.operations, resources);
  const securitySchemes = listSecuritySchemes(document);
  return {
    head,
    version: {
      id: plan.id ?? idFromLabel(head.version),
      label: head.version,
      lifecycle: plan.lifecycle,
      ...(plan.deprecatedSince === undefined ? {} : { deprecatedSince: plan.deprecatedSince }),
      ...(plan.sunset === undefined ? {} : { sunset: plan.sunset }),
      format: head.format,
      specVersion: head.specVersion,
      title: head.title,
      descriptionHtml: rendered.descriptionHtml,
      entryFile: plan.document,
      files: [...files.files.keys()].map((path) => relative(apiDir, path).split('\\').join('/')),
      document,
      operations,
      resources,
      servers: listServers(document),
      securitySchemes,
      security: readDocumentSecurity(document),
      scopes: listScopes(securitySchemes, operations),
    },
  };
}

/**
 * Renders the descriptions the version's pages show. Each is within bounds already
 * (`checkDescriptions`); should the renderer fail all the same, the version becomes a problem
 * instead of stopping the build.
 */
function renderDescriptions(
  head: DocumentHead,
  document: Record<string, unknown>,
  files: DocumentFiles,
  problems: CatalogProblem[],
): { descriptionHtml: string; operations: CatalogOperation[] } | undefined {
  let path: readonly string[] = ['info', 'description'];
  try {
    const descriptionHtml = renderMarkdown(head.description).html;
    path = ['paths'];
    return { descriptionHtml, operations: listOperations(document) };
  } catch (error) {
    if (error instanceof DescriptionRenderError) path = error.path;
    const place = {
      file: files.entry.displayPath,
      line: files.entry.lineOf(path),
      field: path.join('.'),
    };
    problems.push(toRenderProblem(place, error));
    return undefined;
  }
}

function listServers(document: Record<string, unknown>): string[] {
  if (Array.isArray(document.servers)) {
    return document.servers.flatMap((server) =>
      isMapping(server) && typeof server.url === 'string' ? [server.url] : [],
    );
  }
  // Swagger 2.0 spreads the server over three fields.
  if (typeof document.host === 'string') {
    const scheme =
      Array.isArray(document.schemes) && typeof document.schemes[0] === 'string'
        ? document.schemes[0]
        : 'https';
    const basePath = typeof document.basePath === 'string' ? document.basePath : '';
    return [`${scheme}://${document.host}${basePath}`];
  }
  return [];
}

async function isReadable(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
