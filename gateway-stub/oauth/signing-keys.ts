import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { whenReady, type Awaitable } from '../store/awaitable.ts';
import type { SigningKeyRecord, SigningKeyStore } from '../store/signing-key-store.ts';

/**
 * The longest lifetime a sandbox token may be given, in seconds: a retired key stays published
 * this long (and a minute), whichever process rotated it.
 */
export const maxTokenLifetimeSeconds = 3_600;

/** The algorithm of every token the sandbox signs (ECDSA P-256 with SHA-256). */
export const signingAlgorithm = 'ES256';

/** A public key as the JWKS publishes it. */
export interface PublishedKey extends JsonWebKey {
  kid: string;
  use: 'sig';
  alg: typeof signingAlgorithm;
}

/**
 * The keys that sign access tokens and identity tokens, and those that verify them: read once
 * into memory, and again after a change (`invalidate`), so they answer at once but after a
 * change on PostgreSQL.
 */
export interface SigningKeys {
  /** The key that signs now; the first one is created on a new store. */
  current(): Awaitable<{ kid: string; privateKey: KeyObject }>;
  /** A published key by id, for verifying; undefined for an id no longer (or never) published. */
  publicKey(kid: string): Awaitable<KeyObject | undefined>;
  /** The JWKS (RFC 7517): every key a valid token may have been signed with. */
  jwks(): Awaitable<{ keys: PublishedKey[] }>;
  /**
   * Starts signing with a new key, once stored. The previous one stays published, and
   * verifies, until every token it signed has expired: a rotation fails no request, and a
   * verifier that caches the JWKS finds the new `kid` the first time it meets it (jose's remote
   * key set refetches then).
   */
  rotate(): Promise<string>;
  /** Reloads the keys on next use (another process rotated them). */
  invalidate(): void;
}

/** Where the keys live. */
export interface SigningKeysOptions {
  store: SigningKeyStore;
  now?: () => number;
}

interface LoadedKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  published: PublishedKey;
  retiredAt: number | null;
}

/** A minute's leeway on top of the token lifetime, for clocks and tokens in flight. */
const leewayMs = 60_000;

/** Opens the signing keys of a store. */
export function createSigningKeys(options: SigningKeysOptions): SigningKeys {
  const { store } = options;
  const now = options.now ?? Date.now;
  const keepMs = maxTokenLifetimeSeconds * 1000 + leewayMs;
  let loaded: LoadedKey[] | undefined;
  let loading: Promise<LoadedKey[]> | undefined;
  // A read that started before a change must not keep what it read.
  let generation = 0;

  const load = (): Awaitable<LoadedKey[]> => {
    if (loaded) return loaded;
    if (loading) return loading;
    const started = generation;
    const keep = (records: SigningKeyRecord[]): LoadedKey[] => {
      const keys = toLoadedKeys(records, now(), keepMs);
      if (started === generation) loaded = keys;
      return keys;
    };
    const read = whenReady(store.listKeys(), (records) =>
      records.some((record) => record.retiredAt === null)
        ? keep(records)
        : // A new store: its first key, unless another process stored one meanwhile.
          whenReady(store.insertFirstKey(toNewKeyRecord(now())), () =>
            whenReady(store.listKeys(), keep),
          ),
    );
    if (!(read instanceof Promise)) return read;
    loading = read.finally(() => {
      if (started === generation) loading = undefined;
    });
    return loading;
  };

  return {
    current() {
      // On every call that forwards an identity statement: no closure when the keys are here.
      const keys = load();
      return keys instanceof Promise ? keys.then(toSigningKey) : toSigningKey(keys);
    },
    publicKey(kid) {
      return whenReady(load(), (keys) => {
        const key = keys.find((item) => item.kid === kid);
        if (!key) return undefined;
        // A key retired longer ago than any token lives verifies nothing, even before a reload.
        return key.retiredAt === null || key.retiredAt + keepMs > now() ? key.publicKey : undefined;
      });
    },
    jwks() {
      return whenReady(load(), (keys) => {
        const at = now();
        return {
          keys: keys
            .filter((key) => key.retiredAt === null || key.retiredAt + keepMs > at)
            .map((key) => key.published),
        };
      });
    },
    async rotate() {
      const at = now();
      const key = toNewKeyRecord(at);
      await store.rotate(key, at - keepMs);
      loaded = undefined;
      loading = undefined;
      generation += 1;
      return key.kid;
    },
    invalidate() {
      loaded = undefined;
      loading = undefined;
      generation += 1;
    },
  };
}

/** The newest key not retired, which signs; there is always one (`load` creates it). */
function toSigningKey(keys: readonly LoadedKey[]): LoadedKey {
  const signing = keys.findLast((key) => key.retiredAt === null) ?? keys.at(-1);
  if (!signing) throw new Error('no signing key in the store');
  return signing;
}

/** The stored keys a token may still be verified with, ready to sign and verify. */
function toLoadedKeys(
  records: readonly SigningKeyRecord[],
  at: number,
  keepMs: number,
): LoadedKey[] {
  return records
    .filter((record) => record.retiredAt === null || record.retiredAt + keepMs > at)
    .map((record) => {
      const privateJwk = JSON.parse(record.privateJwk) as JsonWebKey;
      const publicJwk = JSON.parse(record.publicJwk) as JsonWebKey;
      return {
        kid: record.kid,
        privateKey: createPrivateKey({ key: privateJwk, format: 'jwk' }),
        publicKey: createPublicKey({ key: publicJwk, format: 'jwk' }),
        published: { ...publicJwk, kid: record.kid, use: 'sig', alg: signingAlgorithm },
        retiredAt: record.retiredAt,
      };
    });
}

/** A new key pair, as the store keeps it. */
function toNewKeyRecord(at: number): SigningKeyRecord {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    kid: `sig_${randomBytes(9).toString('base64url')}`,
    privateJwk: JSON.stringify(privateKey.export({ format: 'jwk' })),
    publicJwk: JSON.stringify(publicKey.export({ format: 'jwk' })),
    createdAt: at,
    retiredAt: null,
  };
}
