import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { SigningKeyStore } from '../store/signing-key-store.ts';

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

/** The keys that sign access tokens and identity tokens, and those that verify them. */
export interface SigningKeys {
  /** The key that signs now; the first one is created on a new store. */
  current(): { kid: string; privateKey: KeyObject };
  /** A published key by id, for verifying; undefined for an id no longer (or never) published. */
  publicKey(kid: string): KeyObject | undefined;
  /** The JWKS (RFC 7517): every key a valid token may have been signed with. */
  jwks(): { keys: PublishedKey[] };
  /**
   * Starts signing with a new key. The previous one stays published, and verifies, until every
   * token it signed has expired: a rotation fails no request, and a verifier that caches the
   * JWKS finds the new `kid` the first time it meets it (jose's remote key set refetches then).
   */
  rotate(): string;
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

  const load = (): LoadedKey[] => {
    if (loaded) return loaded;
    let records = store.listKeys();
    if (!records.some((record) => record.retiredAt === null)) {
      insertKey(store, now());
      records = store.listKeys();
    }
    const at = now();
    loaded = records
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
    return loaded;
  };

  return {
    current() {
      const keys = load();
      // The newest key not retired signs; there is always one (`load` creates it).
      const signing = keys.findLast((key) => key.retiredAt === null) ?? keys.at(-1);
      if (!signing) throw new Error('no signing key in the store');
      return { kid: signing.kid, privateKey: signing.privateKey };
    },
    publicKey(kid) {
      const key = load().find((item) => item.kid === kid);
      if (!key) return undefined;
      // A key retired longer ago than any token lives verifies nothing, even before a reload.
      return key.retiredAt === null || key.retiredAt + keepMs > now() ? key.publicKey : undefined;
    },
    jwks() {
      const at = now();
      return {
        keys: load()
          .filter((key) => key.retiredAt === null || key.retiredAt + keepMs > at)
          .map((key) => key.published),
      };
    },
    rotate() {
      const at = now();
      for (const record of store.listKeys()) {
        if (record.retiredAt === null) store.retireKey(record.kid, at);
      }
      const kid = insertKey(store, at);
      store.pruneKeys(at - keepMs);
      loaded = undefined;
      return kid;
    },
    invalidate() {
      loaded = undefined;
    },
  };
}

function insertKey(store: SigningKeyStore, at: number): string {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `sig_${randomBytes(9).toString('base64url')}`;
  store.insertKey({
    kid,
    privateJwk: JSON.stringify(privateKey.export({ format: 'jwk' })),
    publicJwk: JSON.stringify(publicKey.export({ format: 'jwk' })),
    createdAt: at,
    retiredAt: null,
  });
  return kid;
}
