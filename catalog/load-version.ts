import { access } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { renderMarkdown } from './markdown/render-markdown.ts';
import type { CatalogVersion } from './model.ts';
import { bundleDocument } from './openapi/bundle-document.ts';
import { checkDocument, isMapping, type DocumentHead } from './openapi/check-document.ts';
import { listOperations } from './openapi/list-operations.ts';
import { readDocumentFiles } from './openapi/read-document.ts';
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
  const head = checkDocument(files.entry, problems);
  if (!head || problems.length > before) return undefined;
  const document = await bundleDocument(files);
  const resources = inferResources(document);
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
      descriptionHtml: renderMarkdown(head.description).html,
      entryFile: plan.document,
      files: [...files.files.keys()].map((path) => relative(apiDir, path).split('\\').join('/')),
      document,
      operations: markStatefulOperations(listOperations(document), resources),
      resources,
      servers: listServers(document),
    },
  };
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
