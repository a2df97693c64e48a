import { z } from 'zod';
import {
  describeVersion,
  type Catalog,
  type CatalogApi,
  type CatalogOperation,
  type CatalogVersion,
  type VersionReference,
} from '../catalog/index.ts';
import type { SandboxLanguage } from '../catalog/sandbox-languages.ts';
import { toProblemResult } from './tool-result.ts';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** An API id as folders are named; anything else (`../x`, `%2e`) names no API. */
export const apiIdSchema = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an API id such as tax-filing')
  .describe('The API id, as listed by search_catalog (e.g. "rendez-vous").');
/** A version id as the catalog makes them (`v2`, `2024-01`). */
export const versionIdSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'must be a version id such as v2')
  .optional()
  .describe('The version id (e.g. "v2"); the API\'s current version when left out.');
/** An operation id, an anchor, or `GET /path`. */
export const operationSchema = z
  .string()
  .min(1)
  .max(300)
  .describe('The operation: its operationId, its anchor, or its method and path ("GET /motifs").');

/** What a lookup found, or the problem to answer. */
export type Found<T> = { ok: true; value: T } | { ok: false; problem: CallToolResult };

/** The API of this id, if the catalog (the audience's) has it. */
export function findApi(
  catalog: Catalog,
  apiId: string,
  language: SandboxLanguage,
): Found<CatalogApi> {
  const api = catalog.apis.find((candidate) => candidate.id === apiId);
  if (api) return { ok: true, value: api };
  const id = JSON.stringify(apiId);
  return {
    ok: false,
    problem: toProblemResult(
      'unknownApi',
      {
        en: `No API has the id ${id}. Call search_catalog to find one.`,
        fr: `Aucune API n’a l’identifiant ${id}. Appelez search_catalog pour en trouver une.`,
      },
      language,
    ),
  };
}

/** The version of this id, or the current one. */
export function findVersion(
  api: CatalogApi,
  versionId: string | undefined,
  language: SandboxLanguage,
): Found<CatalogVersion> {
  const id = versionId ?? api.currentVersionId;
  const version = api.versions.find((candidate) => candidate.id === id);
  if (version) return { ok: true, value: version };
  const asked = JSON.stringify(id);
  const known = api.versions.map((item) => item.id).join(', ');
  return {
    ok: false,
    problem: toProblemResult(
      'unknownVersion',
      {
        en: `${api.id} has no version ${asked}; it has ${known}.`,
        fr: `${api.id} n’a pas de version ${asked} ; elle a ${known}.`,
      },
      language,
    ),
  };
}

/** The operation named by its id, anchor, or method and path. */
export function findOperation(
  version: CatalogVersion,
  name: string,
  language: SandboxLanguage,
): Found<number> {
  const wanted = name.trim();
  const [method, ...rest] = wanted.split(/\s+/);
  const path = rest.join(' ');
  const index = version.operations.findIndex(
    (operation) =>
      operation.operationId === wanted ||
      operation.anchor === wanted ||
      (operation.method === method?.toUpperCase() && operation.path === path),
  );
  if (index !== -1) return { ok: true, value: index };
  return {
    ok: false,
    problem: toProblemResult(
      'unknownOperation',
      {
        en: `No operation of this version is named ${JSON.stringify(wanted.slice(0, 100))}. Call search_catalog or describe the API's versions to list them.`,
        fr: `Aucune opération de cette version ne s’appelle ${JSON.stringify(wanted.slice(0, 100))}. Appelez search_catalog, ou décrivez les versions de l’API, pour les lister.`,
      },
      language,
    ),
  };
}

const references = new WeakMap<CatalogVersion, VersionReference>();

/** The version's reference, described once per process (the catalog outlives every call). */
export function getReference(version: CatalogVersion): VersionReference {
  let reference = references.get(version);
  if (!reference) {
    reference = describeVersion(version);
    references.set(version, reference);
  }
  return reference;
}

/** An operation of the catalog with its place. */
export interface LocatedOperation {
  api: CatalogApi;
  version: CatalogVersion;
  operation: CatalogOperation;
  index: number;
}
