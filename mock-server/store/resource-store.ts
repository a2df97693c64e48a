/**
 * Where the sandbox keeps the objects consumers create, behind one small interface: SQLite in
 * the sandbox's data folder today (`sqlite-resource-store.ts`), PostgreSQL when a deployment
 * needs several mock servers on one store. Every method is asynchronous for that reason, though
 * SQLite answers at once.
 */

/** One consumer's data for one API version: what a reset empties and idleness expires. */
export interface Scope {
  /** The gateway's consumer id (`con_…`). */
  consumer: string;
  api: string;
  version: string;
}

/** One collection of a scope: a resource, under one parent for a nested resource. */
export interface CollectionKey {
  /** The resource's collection path (`/dossiers/{dossierId}/pieces`). */
  resource: string;
  /** The parents' ids, as JSON (`["D-1"]`); empty for a resource that is not nested. */
  parent: string;
}

/** An object of a seed, ready to store. */
export interface StoredSeed extends CollectionKey {
  id: string;
  /** The object as JSON. */
  text: string;
}

/** One stored object: its identifier and its JSON. */
export interface StoredObject {
  id: string;
  text: string;
}

/** Why a write was not made: the id is taken or absent, or the consumer is at a limit. */
export type WriteOutcome =
  { ok: true } | { ok: false; reason: 'exists' | 'missing' | 'objects-limit' | 'bytes-limit' };

/** What a consumer keeps, for `GET …/_guichet/data`. */
export interface ScopeSummary {
  /** Objects and bytes in this API version. */
  objects: number;
  bytes: number;
  resources: { resource: string; objects: number }[];
  /** Objects and bytes over all the consumer's APIs: what the limits count. */
  consumer: { objects: number; bytes: number };
  /** When the consumer last used this API version's data (ms since the epoch), if ever. */
  touchedAt: number | undefined;
}

/** The store of objects. */
export interface ResourceStore {
  /**
   * Opens a scope for a call: data idle for longer than the store's idle time are dropped, and
   * a scope used for the first time (or again after a reset or an expiry) gets `seeds()`.
   */
  enter(scope: Scope, seeds: () => StoredSeed[]): Promise<void>;
  read(scope: Scope, key: CollectionKey, id: string): Promise<string | undefined>;
  /** The collection's objects, oldest first. */
  list(scope: Scope, key: CollectionKey): Promise<StoredObject[]>;
  insert(scope: Scope, key: CollectionKey, id: string, text: string): Promise<WriteOutcome>;
  replace(scope: Scope, key: CollectionKey, id: string, text: string): Promise<WriteOutcome>;
  remove(scope: Scope, key: CollectionKey, id: string): Promise<boolean>;
  /** The largest whole-number id of a collection (0 when none), to number new objects. */
  maxNumericId(scope: Scope, key: CollectionKey): Promise<number>;
  /** Empties a scope; returns how many objects were dropped. */
  reset(scope: Scope): Promise<number>;
  summarize(scope: Scope): Promise<ScopeSummary>;
  /** Drops every scope idle for longer than the idle time; returns how many. */
  expireIdle(): Promise<number>;
  /** Calls made to the store so far: a stateless call makes none. */
  calls(): number;
  close(): Promise<void>;
}
