import { randomBytes, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { isStoreUnavailable } from '../../catalog/postgres/postgres-errors.ts';
import type { Localized } from '../../catalog/sandbox-languages.ts';
import { createBoundedCache } from '../cache/bounded-cache.ts';
import type { Awaitable } from '../store/awaitable.ts';
import type { RevokedTokens } from './revoked-tokens.ts';
import { signingAlgorithm, type SigningKeys } from './signing-keys.ts';

/** The media type of access tokens in the JWT header (RFC 9068 §2.1). */
export const accessTokenType = 'at+jwt';

/** An access token the sandbox issued, once its signature and claims were checked. */
export interface VerifiedToken {
  jti: string;
  clientId: string;
  /** The scopes it carries (its `scope` claim). */
  scopes: ReadonlySet<string>;
  /** The resources it is for (`aud`): `<issuer>/<api-id>`. */
  audiences: readonly string[];
  /** Epoch ms of `exp`. */
  expiresAtMs: number;
}

/** Why a token is refused: worded for the partner, never a library's message. */
export interface TokenRefusal {
  refused: true;
  reason: Localized;
}

/** What the token endpoint asks for. */
export interface TokenRequest {
  clientId: string;
  scopes: readonly string[];
  audiences: readonly string[];
}

/** Issues and verifies the sandbox's access tokens (RFC 9068 JWTs). */
export interface AccessTokens {
  issue(request: TokenRequest): Promise<{ token: string; expiresIn: number; jti: string }>;
  /**
   * Checks a presented token: from memory once verified (until it expires), so a busy token
   * costs a map lookup, a clock read and a set lookup; by signature the first time, which is
   * asynchronous. A revoked token is refused on the very next use.
   */
  verify(token: string): VerifiedToken | TokenRefusal | Promise<VerifiedToken | TokenRefusal>;
  /** Reads the claims of a token without trusting them (for revocation of one's own token). */
  verifyForRevocation(token: string): Promise<VerifiedToken | TokenRefusal>;
  /** The audience of one API. */
  audienceOf(api: string): string;
}

/** How tokens are made. */
export interface AccessTokensOptions {
  /** `iss`: the sandbox's public address, as the metadata gives it. */
  issuer: string;
  lifetimeSeconds: number;
  signingKeys: SigningKeys;
  revoked: RevokedTokens;
  /** Verified tokens kept in memory. */
  maxCached: number;
}

/** Longest token accepted; a header holding more is not a token of ours. */
const maxTokenLength = 4_096;

const refusals = {
  malformed: refusal({
    en: 'The token is not a JWT the sandbox issued.',
    fr: 'Le jeton n’est pas un JWT émis par le bac à sable.',
  }),
  signature: refusal({
    en: 'The signature of the token does not verify against the sandbox keys.',
    fr: 'La signature du jeton ne se vérifie pas avec les clés du bac à sable.',
  }),
  expired: refusal({
    en: 'The token has expired: get a new one from the token endpoint.',
    fr: 'Le jeton a expiré : obtenez-en un nouveau au point d’accès des jetons.',
  }),
  revoked: refusal({ en: 'The token was revoked.', fr: 'Le jeton a été révoqué.' }),
  claims: refusal({
    en: 'The claims of the token are not those of a sandbox access token.',
    fr: 'Les revendications du jeton ne sont pas celles d’un jeton d’accès du bac à sable.',
  }),
};

/** Creates the token service. */
export function createAccessTokens(options: AccessTokensOptions): AccessTokens {
  const { issuer, signingKeys, revoked } = options;
  const verified = createBoundedCache<string, VerifiedToken>(options.maxCached);
  const pending = new Map<string, Promise<VerifiedToken | TokenRefusal>>();
  const toKnownKey = (key: KeyObject | undefined): KeyObject => {
    if (!key) throw new errors.JWKSNoMatchingKey();
    return key;
  };
  const getKey = (header: { kid?: string | undefined }): Awaitable<KeyObject> => {
    if (header.kid === undefined) throw new errors.JWKSNoMatchingKey();
    const key = signingKeys.publicKey(header.kid);
    return key instanceof Promise ? key.then(toKnownKey) : toKnownKey(key);
  };

  const checkSignature = async (token: string): Promise<VerifiedToken | TokenRefusal> => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        issuer,
        typ: accessTokenType,
        algorithms: [signingAlgorithm],
        requiredClaims: ['exp', 'iat', 'jti', 'sub', 'aud', 'client_id'],
      }));
    } catch (error) {
      // The store did not answer (the keys could not be read): no verdict on the token.
      if (isStoreUnavailable(error)) throw error;
      return toRefusal(error);
    }
    const clientId = payload.client_id;
    const scope = payload.scope ?? '';
    if (typeof clientId !== 'string' || typeof scope !== 'string' || payload.sub !== clientId) {
      return refusals.claims;
    }
    return {
      jti: payload.jti ?? '',
      clientId,
      scopes: new Set(scope.split(' ').filter((item) => item !== '')),
      audiences: Array.isArray(payload.aud) ? payload.aud : [payload.aud ?? ''],
      expiresAtMs: (payload.exp ?? 0) * 1000,
    };
  };

  const stillValid = (token: VerifiedToken): Awaitable<VerifiedToken | TokenRefusal> => {
    if (Date.now() >= token.expiresAtMs) return refusals.expired;
    const isRevoked = revoked.has(token.jti);
    if (isRevoked instanceof Promise) {
      return isRevoked.then((yes) => (yes ? refusals.revoked : token));
    }
    return isRevoked ? refusals.revoked : token;
  };

  return {
    async issue(request) {
      const { kid, privateKey } = await signingKeys.current();
      const jti = randomBytes(16).toString('base64url');
      const claims: JWTPayload = { client_id: request.clientId };
      if (request.scopes.length > 0) claims.scope = request.scopes.join(' ');
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: signingAlgorithm, kid, typ: accessTokenType })
        .setIssuer(issuer)
        .setSubject(request.clientId)
        .setAudience([...request.audiences])
        .setIssuedAt()
        .setExpirationTime(`${String(options.lifetimeSeconds)}s`)
        .setJti(jti)
        .sign(privateKey);
      return { token, expiresIn: options.lifetimeSeconds, jti };
    },
    verify(token) {
      const known = verified.get(token);
      if (known !== undefined) return stillValid(known);
      if (token.length > maxTokenLength || token.split('.').length !== 3) return refusals.malformed;
      let waiting = pending.get(token);
      if (waiting === undefined) {
        waiting = checkSignature(token).then(
          (result) => {
            pending.delete(token);
            if ('refused' in result) return result;
            verified.set(token, result);
            return stillValid(result);
          },
          (error: unknown) => {
            // Tried again on the next request (the store may be back), not kept failed.
            pending.delete(token);
            throw error;
          },
        );
        pending.set(token, waiting);
      }
      return waiting;
    },
    async verifyForRevocation(token) {
      const known = verified.get(token);
      if (known !== undefined) return known;
      if (token.length > maxTokenLength) return refusals.malformed;
      return checkSignature(token);
    },
    audienceOf(api) {
      return `${issuer}/${api}`;
    },
  };
}

function refusal(reason: Localized): TokenRefusal {
  return { refused: true, reason };
}

function toRefusal(error: unknown): TokenRefusal {
  if (error instanceof errors.JWTExpired) return refusals.expired;
  if (error instanceof errors.JWTClaimValidationFailed) return refusals.claims;
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JOSEAlgNotAllowed
  ) {
    return refusals.signature;
  }
  return refusals.malformed;
}
