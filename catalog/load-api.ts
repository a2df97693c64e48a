import { basename, join } from 'node:path';
import { compareVersionIds, discoverVersions, toVersionId } from './discover-versions.ts';
import { loadGuides } from './load-guides.ts';
import { loadMetadata } from './load-metadata.ts';
import { loadVersion, type LoadedVersion, type VersionPlan } from './load-version.ts';
import { renderMarkdown, toFirstSentence } from './markdown/render-markdown.ts';
import type { CatalogApi, CatalogVersion } from './model.ts';
import { hasErrors, type CatalogProblem } from './problems.ts';
import type { ApiMetadata } from './schema/api-metadata.ts';
import { resolvePlans } from './schema/plans.ts';
import { toDisplayPath } from './display-path.ts';
import type { SourceFile } from './source-file.ts';

/**
 * Ids the sandbox keeps for itself: its OAuth 2.0 endpoints (`/oauth/token`…), and problem `type`
 * URIs (`/problems/<slug>`), which resolve against
 * the gateway, which sends them on to the portal.
 */
const reservedIds = new Set(['problems', 'oauth']);

/** Segments the portal uses beside version ids under `/apis/<id>/`: a version there would be hidden. */
const reservedVersionIds = new Set(['guides']);

/** An entry document the catalog tried, and whether it read every file of it without a problem. */
export interface TriedDocument {
  /** Absolute path of the entry document. */
  path: string;
  /** True when it and every file its `$ref`s reach were read and checked (inside the folder). */
  checked: boolean;
}

/**
 * Loads one folder of `apis/`; every problem found is appended, and `undefined` returned. Each
 * entry document tried is appended to `tried`, even when the API is not loaded.
 */
export async function loadApi(
  apiDir: string,
  problems: CatalogProblem[],
  tried: TriedDocument[] = [],
): Promise<CatalogApi | undefined> {
  const before = problems.length;
  const id = basename(apiDir);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
    problems.push({
      file: toDisplayPath(apiDir),
      line: 1,
      field: '(folder name)',
      message: `"${id}" is not a valid API id`,
      hint: 'name the folder in lowercase letters, digits and dashes, e.g. tax-filing',
      severity: 'error',
    });
  }
  if (reservedIds.has(id)) {
    problems.push({
      file: toDisplayPath(apiDir),
      line: 1,
      field: '(folder name)',
      message: `"${id}" is reserved: the sandbox answers /${id}/… itself`,
      hint: 'give the API another id, e.g. add its domain: tax-problems',
      severity: 'error',
    });
  }
  const result = await loadMetadata(apiDir, problems);
  const metadata = result.status === 'valid' ? result.metadata : undefined;
  const plans = await planVersions(
    apiDir,
    result.status === 'valid' ? result.file : undefined,
    metadata,
    problems,
  );
  const loaded: LoadedVersion[] = [];
  for (const plan of plans) {
    const version = await loadVersion(apiDir, plan, toVersionId, problems);
    tried.push({ path: join(apiDir, plan.document), checked: version !== undefined });
    if (version) loaded.push(version);
  }
  // Listed versions keep the order api.yaml gives; found ones come newest first once their ids,
  // some derived from `info.version`, are known.
  if (!metadata?.versions) {
    loaded.sort((a, b) => compareVersionIds(b.version.id, a.version.id));
  }
  const guides = await loadGuides(apiDir, problems);
  checkVersionIds(loaded, apiDir, problems);
  const versions = loaded.map((item) => item.version);
  const restrictedScopes = checkRestrictedScopes(metadata, result, versions, problems);
  // Warnings (a header the sandbox leaves out) keep the API; errors leave it out.
  if (hasErrors(problems.slice(before)) || result.status === 'invalid') return undefined;

  const current =
    loaded.find((item) => item.version.lifecycle === 'stable') ??
    loaded.find((item) => item.version.lifecycle !== 'retired') ??
    loaded[0];
  if (!current) return undefined;
  const { head } = current;
  const description = renderMarkdown(head.description);
  const ownerEmail = metadata?.owner?.email ?? head.contact.email;
  return {
    id,
    title: metadata?.title ?? head.title,
    summary: metadata?.summary ?? (toFirstSentence(description.text) || `${head.title}.`),
    descriptionHtml: description.html,
    owner: {
      team: metadata?.owner?.team ?? head.contact.name ?? 'Owner not stated',
      ...(ownerEmail === undefined ? {} : { email: ownerEmail }),
      reviewers: metadata?.owner?.reviewers ?? [],
    },
    support: toSupport(metadata, head.contact, ownerEmail),
    lifecycle: current.version.lifecycle,
    visibility: metadata?.visibility ?? 'public',
    tags: metadata?.tags ?? [],
    plans: resolvePlans(metadata?.plans),
    restrictedScopes,
    breakingChanges: metadata?.breakingChanges ?? 'require-new-major',
    versions,
    currentVersionId: current.version.id,
    guides,
    dir: toDisplayPath(apiDir),
    ...(result.status === 'valid' ? { metadataFile: result.file.displayPath } : {}),
  };
}

async function planVersions(
  apiDir: string,
  metadataFile: SourceFile | undefined,
  metadata: ApiMetadata | undefined,
  problems: CatalogProblem[],
): Promise<VersionPlan[]> {
  const lifecycle = metadata?.lifecycle ?? 'stable';
  const line = metadataFile?.lineOf(['versions']) ?? 1;
  if (metadata?.versions) {
    return metadata.versions.map((version, index) => ({
      id: version.id,
      document: version.document,
      lifecycle: version.lifecycle ?? lifecycle,
      deprecatedSince: version.deprecatedSince ?? metadata.deprecatedSince,
      sunset: version.sunset ?? metadata.sunset,
      ...(metadataFile && {
        declaredAt: {
          file: metadataFile.displayPath,
          line: metadataFile.lineOf(['versions', index, 'document']),
          field: `versions.${String(index)}.document`,
        },
      }),
    }));
  }
  const before = problems.length;
  const discovered = await discoverVersions(apiDir, problems);
  // A version folder refused as a link outside is reason enough; "no document" would add noise.
  if (discovered.length === 0 && problems.length === before) {
    problems.push({
      file: toDisplayPath(apiDir),
      line,
      field: '(documents)',
      message: 'holds no OpenAPI document',
      hint: 'add openapi.yaml (or one folder per version, each with its openapi.yaml), or list them under `versions:` in api.yaml',
      severity: 'error',
    });
  }
  return discovered.map((version) => ({
    ...version,
    lifecycle,
    deprecatedSince: metadata?.deprecatedSince,
    sunset: metadata?.sunset,
  }));
}

function checkVersionIds(
  loaded: LoadedVersion[],
  apiDir: string,
  problems: CatalogProblem[],
): void {
  const seen = new Map<string, string>();
  for (const { version } of loaded) {
    if (reservedVersionIds.has(version.id)) {
      problems.push({
        file: toDisplayPath(join(apiDir, version.entryFile)),
        line: 1,
        field: '(version id)',
        message: `"${version.id}" is a name the portal keeps for its own pages`,
        hint: 'give the version another id, e.g. v1',
        severity: 'error',
      });
    }
    const other = seen.get(version.id);
    if (other !== undefined) {
      problems.push({
        file: toDisplayPath(apiDir),
        line: 1,
        field: '(versions)',
        message: `${other} and ${version.entryFile} both give version id "${version.id}"`,
        hint: 'put each version in its own folder (v1/, v2/) or list them under `versions:` in api.yaml',
        severity: 'error',
      });
    }
    seen.set(version.id, version.entryFile);
  }
}

function toSupport(
  metadata: ApiMetadata | undefined,
  contact: { email?: string; url?: string },
  ownerEmail: string | undefined,
): CatalogApi['support'] {
  if (metadata?.support) {
    return {
      ...(metadata.support.email ? { email: metadata.support.email } : {}),
      ...(metadata.support.url ? { url: metadata.support.url } : {}),
    };
  }
  const email = contact.email ?? ownerEmail;
  return { ...(email ? { email } : {}), ...(contact.url ? { url: contact.url } : {}) };
}

/** Restricted scopes must be scopes the API's documents declare or need: a typo restricts nothing. */
function checkRestrictedScopes(
  metadata: ApiMetadata | undefined,
  result: Awaited<ReturnType<typeof loadMetadata>>,
  versions: readonly CatalogVersion[],
  problems: CatalogProblem[],
): string[] {
  const restricted = metadata?.restrictedScopes ?? [];
  if (restricted.length === 0 || result.status !== 'valid') return restricted;
  const known = new Set(versions.flatMap((version) => version.scopes.map((scope) => scope.name)));
  restricted.forEach((scope, index) => {
    if (known.has(scope)) return;
    problems.push({
      file: result.file.displayPath,
      line: result.file.lineOf(['restrictedScopes', String(index)]),
      field: `restrictedScopes.${String(index)}`,
      message: `names "${scope}", which no security scheme or operation of the API's documents declares`,
      hint:
        known.size === 0
          ? 'the documents declare no OAuth 2.0 scope: remove restrictedScopes'
          : `use one of: ${[...known].join(', ')}`,
      severity: 'error',
    });
  });
  return restricted;
}
