import type { CatalogSecurity, CatalogSecurityScheme } from '../../catalog/index.ts';
import type { Localized, ProblemName, SandboxLanguage } from '../../catalog/sandbox-problems.ts';
import { isScopeName } from '../../catalog/openapi/security-schemes.ts';
import {
  basicSource,
  bearerSource,
  toKeySource,
  type CredentialSource,
} from './credential-sources.ts';
import { createOperationMatcher } from './operation-matcher.ts';

/** The realm of every challenge the sandbox sends. */
export const sandboxRealm = 'guichet-sandbox';
/** The challenge of guichet's own header, which every operation takes. */
export const ownKeyChallenge = `X-Api-Key realm="${sandboxRealm}"`;

/** One credential an alternative needs, and the scopes it must hold (tokens only). */
export interface CompiledNeed {
  /** Index into the requirement's `sources`. */
  source: number;
  scopes: readonly string[];
}

/** What it takes to call one operation, ready for the request path. */
export interface CompiledRequirement {
  /** Each place a credential is read from, once, whatever the number of alternatives using it. */
  sources: readonly CredentialSource[];
  /** Any one of these (OR), each needing all its credentials (AND). */
  alternatives: readonly (readonly CompiledNeed[])[];
  /** Callable without credentials (anonymous quota). */
  anonymous: boolean;
  /** The scopes a key in `X-Api-Key` (or HTTP basic) is held to: the first alternative's. */
  keyScopes: readonly string[];
  /** `WWW-Authenticate` values when no credential was sent. */
  challenges: readonly string[];
  /** The refusal when no credential was sent, and its detail. */
  missing: ProblemName;
  missingDetail: Localized;
}

/** A version's security, compiled once at start-up. */
export interface VersionSecurity {
  /** The requirement of the operation a request reaches; the document's for any other path. */
  requirementOf(method: string, path: string): CompiledRequirement;
  /** Every source some requirement of the version reads (to find a caller of a concealed API). */
  sources: readonly CredentialSource[];
  /** Where declared keys can be, so the key never reaches the mock server, wherever it was. */
  keyHeaders: ReadonlySet<string>;
  keyQueryParameters: ReadonlySet<string>;
  keyCookies: ReadonlySet<string>;
}

/** What a version declares, as the catalog read it. */
export interface VersionSecurityInput {
  securitySchemes: readonly CatalogSecurityScheme[];
  security: CatalogSecurity;
  operations: readonly { kind: string; method: string; path: string; security: CatalogSecurity }[];
}

/** Compiles a version's schemes and requirements. */
export function compileVersionSecurity(version: VersionSecurityInput): VersionSecurity {
  const schemes = new Map(version.securitySchemes.map((scheme) => [scheme.name, scheme]));
  const cache = new Map<string, CompiledRequirement>();
  const compile = (security: CatalogSecurity): CompiledRequirement => {
    const key = JSON.stringify(security);
    let compiled = cache.get(key);
    if (!compiled) {
      compiled = compileRequirement(security, schemes);
      cache.set(key, compiled);
    }
    return compiled;
  };
  const fallback = compile(version.security);
  const operations = version.operations
    .filter((operation) => operation.kind === 'operation')
    .map((operation) => ({ ...operation, value: compile(operation.security) }));
  // Most documents hold every operation to one requirement: then no path needs matching.
  const uniform = operations.every((operation) => operation.value === fallback);
  const matcher = uniform ? undefined : createOperationMatcher(operations);
  const sources = new Map<string, CredentialSource>();
  for (const requirement of cache.values()) {
    for (const source of requirement.sources) sources.set(source.id, source);
  }
  const keys = version.securitySchemes.filter(
    (scheme) => scheme.type === 'apiKey' && scheme.parameterName !== undefined,
  );
  const namesIn = (where: string, lower: boolean): Set<string> =>
    new Set(
      keys
        .filter((scheme) => scheme.in === where)
        .map((scheme) =>
          lower ? (scheme.parameterName ?? '').toLowerCase() : (scheme.parameterName ?? ''),
        ),
    );
  return {
    requirementOf(method, path) {
      return matcher?.find(method, path) ?? fallback;
    },
    sources: [...sources.values()],
    keyHeaders: namesIn('header', true),
    keyQueryParameters: namesIn('query', false),
    keyCookies: namesIn('cookie', false),
  };
}

function sourceOf(scheme: CatalogSecurityScheme | undefined, name: string): CredentialSource {
  if (
    scheme?.credential === 'key' &&
    scheme.in !== undefined &&
    scheme.parameterName !== undefined
  ) {
    return toKeySource(scheme.in, scheme.parameterName);
  }
  if (scheme?.credential === 'token') return bearerSource;
  if (scheme?.credential === 'client') return basicSource;
  return { kind: 'unsupported', id: `unsupported:${name}` };
}

function compileRequirement(
  security: CatalogSecurity,
  schemes: ReadonlyMap<string, CatalogSecurityScheme>,
): CompiledRequirement {
  const sources: CredentialSource[] = [];
  const indexOf = (source: CredentialSource): number => {
    const found = sources.findIndex((item) => item.id === source.id);
    if (found !== -1) return found;
    sources.push(source);
    return sources.length - 1;
  };
  const alternatives = security.alternatives.map((alternative) =>
    alternative.map((need) => {
      const scheme = schemes.get(need.scheme);
      const source = sourceOf(scheme, need.scheme);
      return { source: indexOf(source), scopes: source.kind === 'bearer' ? need.scopes : [] };
    }),
  );
  const keyScopes = [...new Set((alternatives[0] ?? []).flatMap((need) => need.scopes))];
  const challenges = toChallenges(security, schemes);
  const onlyKeys = sources.every(
    (source) => source.kind === 'key' || source.kind === 'unsupported',
  );
  return {
    sources,
    alternatives,
    anonymous: security.anonymous,
    keyScopes,
    challenges,
    missing: onlyKeys ? 'missingKey' : 'missingCredentials',
    missingDetail: toMissingDetail(security, schemes),
  };
}

function toChallenges(
  security: CatalogSecurity,
  schemes: ReadonlyMap<string, CatalogSecurityScheme>,
): string[] {
  const challenges: string[] = [];
  const add = (challenge: string): void => {
    if (!challenges.includes(challenge)) challenges.push(challenge);
  };
  for (const alternative of security.alternatives) {
    for (const need of alternative) {
      const scheme = schemes.get(need.scheme);
      const source = sourceOf(scheme, need.scheme);
      if (source.kind === 'key' && scheme?.parameterName !== undefined) {
        if (source.in === 'header' && source.name === 'x-api-key') continue;
        add(`ApiKey realm="${sandboxRealm}", in="${source.in}", name="${scheme.parameterName}"`);
      } else if (source.kind === 'bearer') {
        const scopes = toScopeAttribute(need.scopes);
        add(
          scopes === ''
            ? `Bearer realm="${sandboxRealm}"`
            : `Bearer realm="${sandboxRealm}", scope="${scopes}"`,
        );
      } else if (source.kind === 'basic') {
        add(`Basic realm="${sandboxRealm}", charset="UTF-8"`);
      }
    }
  }
  add(ownKeyChallenge);
  return challenges;
}

/** What to send, one alternative per clause: the partner reads it in the problem's detail. */
function toMissingDetail(
  security: CatalogSecurity,
  schemes: ReadonlyMap<string, CatalogSecurityScheme>,
): Localized {
  if (security.source === 'none') {
    return {
      en: 'Send your subscription key in the X-Api-Key header.',
      fr: 'Envoyez votre clé d’abonnement dans l’en-tête X-Api-Key.',
    };
  }
  const describe = (name: string, scopes: readonly string[]): Localized => {
    const scheme = schemes.get(name);
    const source = sourceOf(scheme, name);
    if (source.kind === 'key') {
      const parameter = scheme?.parameterName ?? '';
      if (source.in === 'header') {
        return {
          en: `your key in the ${parameter} header`,
          fr: `votre clé dans l’en-tête ${parameter}`,
        };
      }
      if (source.in === 'query') {
        return {
          en: `your key in the ${parameter} query parameter`,
          fr: `votre clé dans le paramètre de requête ${parameter}`,
        };
      }
      return {
        en: `your key in the ${parameter} cookie`,
        fr: `votre clé dans le cookie ${parameter}`,
      };
    }
    if (source.kind === 'bearer') {
      const scope = scopes.length === 0 ? '' : ` (scope ${scopes.join(' ')})`;
      const portee = scopes.length === 0 ? '' : ` (portée ${scopes.join(' ')})`;
      return {
        en: `an access token from POST /oauth/token in Authorization: Bearer${scope}`,
        fr: `un jeton d’accès de POST /oauth/token dans Authorization: Bearer${portee}`,
      };
    }
    if (source.kind === 'basic') {
      return {
        en: 'your client id and secret in Authorization: Basic',
        fr: 'l’identifiant et le secret de votre client dans Authorization: Basic',
      };
    }
    return {
      en: `credentials of the "${name}" scheme, which the sandbox cannot check`,
      fr: `des identifiants du schéma « ${name} », que le bac à sable ne sait pas vérifier`,
    };
  };
  const clauses = security.alternatives.map((alternative) =>
    alternative.map((need) => describe(need.scheme, need.scopes)),
  );
  const join = (language: SandboxLanguage, and: string, or: string, last: string): string =>
    [...clauses.map((clause) => clause.map((part) => part[language]).join(and)), last].join(or);
  return {
    en: `Send ${join('en', ' and ', '; or ', 'your subscription key in the X-Api-Key header')}.`,
    fr: `Envoyez ${join('fr', ' et ', ' ; ou ', 'votre clé d’abonnement dans l’en-tête X-Api-Key')}.`,
  };
}

/**
 * Scopes as a challenge's `scope` attribute holds them (RFC 6750 §3): space-separated, each one
 * a valid scope. A document's scope that is not one (a quote, a space, a line break) is left
 * out of the header it would break; it stays required, and no token can carry it.
 */
export function toScopeAttribute(scopes: readonly string[]): string {
  return scopes.filter(isScopeName).join(' ');
}
