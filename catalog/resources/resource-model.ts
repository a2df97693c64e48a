/**
 * A resource the sandbox remembers: a collection path where objects are created, an item path
 * where each one is read, replaced, changed and deleted. The catalog finds them in the document
 * (`infer-resources.ts`) or takes them from the owners' `stubs.yaml`; the mock server stores
 * the objects, per consumer.
 */

/** What an operation does to a resource. */
export const resourceRoles = ['create', 'list', 'read', 'replace', 'update', 'delete'] as const;
/** One of `resourceRoles`. */
export type ResourceRole = (typeof resourceRoles)[number];

/** The method and path an operation answers at. */
export interface ResourceOperation {
  /** Upper-case HTTP method. */
  method: string;
  /** Path template, as the document writes it. */
  path: string;
}

/** Type, format and bounds of an identifier, enough to draw new ones of the same kind. */
export interface IdentifierSchema {
  type: 'string' | 'integer' | 'number';
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

/** How a list pages its answer, from the query parameters it declares. */
export interface ResourcePaging {
  /** `page`: a page number and a size; `offset`: how many to skip and how many to give. */
  kind: 'page' | 'offset';
  /** The query parameter of the page number (`page`) or of the offset (`offset`), if any. */
  positionParameter?: string;
  /** The query parameter of the page size or limit, when there is one. */
  sizeParameter?: string;
  /** The first page's number (0 or 1), from the parameter's minimum or default. */
  firstPage: number;
  /** Objects per page when the request does not say. */
  defaultSize: number;
  /** The largest size the document allows. */
  maxSize?: number;
}

/** A query parameter of the list that keeps only the objects whose field has its value. */
export interface ResourceFilter {
  parameter: string;
  /** The field compared, as a path from the object (`statut`, `applicant.siret`). */
  field: string[];
}

/** How the list operation answers: the array of objects, its paging and its filters. */
export interface ResourceList {
  /** The property of the answer holding the array; absent when the answer is the array. */
  itemsField?: string;
  paging?: ResourcePaging;
  /** Where the answer says how many objects there are in all (`pagination.total`). */
  totalField?: string[];
  /** Where it repeats the page number and the page size. */
  pageField?: string[];
  sizeField?: string[];
  filters: ResourceFilter[];
}

/** An object every consumer finds in the resource before making its own. */
export interface ResourceSeed {
  /** Values of the collection path's placeholders (the parent's ids) for a nested resource. */
  params: Record<string, string>;
  /** The object's identifier, as text. */
  id: string;
  value: Record<string, unknown>;
}

/** One resource of a version. */
export interface CatalogResource {
  /** A short name for pages and messages: the collection's last segment (`declarations`). */
  name: string;
  /** Where objects are created and listed (`/dossiers/{dossierId}/pieces`). */
  collectionPath: string;
  /** Where one object is read (`/dossiers/{dossierId}/pieces/{pieceId}`). */
  itemPath: string;
  /** The item path's placeholder holding the identifier (`pieceId`). */
  idParameter: string;
  /** The collection path's placeholders: the ids of the parents (`dossierId`). */
  parentParameters: string[];
  /** The field of an object holding its identifier, when the schema has one. */
  idField?: string;
  idSchema: IdentifierSchema;
  /** The operations that act on the resource, by role; the others answer from examples. */
  operations: Partial<Record<ResourceRole, ResourceOperation>>;
  /** Present when the resource has a list operation. */
  list?: ResourceList;
  /** What `PATCH` reads: a JSON merge patch (RFC 7396), a JSON Patch (RFC 6902), or both. */
  patch?: { mergePatch: boolean; jsonPatch: boolean };
  seeds: ResourceSeed[];
  /** Found in the document, or given (or corrected) by the owners' stubs file. */
  source: 'document' | 'stubs';
}

/** How an operation of the version takes part in a resource, for the portal's badge. */
export interface StatefulMark {
  /** The resource's collection path. */
  resource: string;
  role: ResourceRole;
}
