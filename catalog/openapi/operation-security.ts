import type { CatalogSecurityScheme } from './security-schemes.ts';
import { isScopeName } from './security-schemes.ts';

/** One scheme an alternative needs, with the scopes it needs of it (OAuth 2.0). */
export interface SecurityNeed {
  scheme: string;
  scopes: string[];
}

/**
 * What it takes to call an operation, as OpenAPI's `security` says: any one of `alternatives`
 * (OR), each needing all of its schemes (AND).
 */
export interface CatalogSecurity {
  /**
   * `operation` when the operation has its own `security`, `document` when the document's
   * root one applies, `none` when neither says anything: the sandbox then asks for its own key
   * (`X-Api-Key`), as it always did, rather than leave an API open by omission.
   */
  source: 'operation' | 'document' | 'none';
  /** The alternatives that take credentials, in document order. */
  alternatives: SecurityNeed[][];
  /** True when the operation may be called without credentials (`security: []`, or `{}` among them). */
  anonymous: boolean;
}

/** The requirement of the document's root `security`, or `none`. */
export function readDocumentSecurity(document: Record<string, unknown>): CatalogSecurity {
  return toSecurity(document.security, 'document') ?? noSecurity;
}

/** The requirement that applies to one operation: its own, else the document's. */
export function readOperationSecurity(
  operation: Record<string, unknown>,
  documentSecurity: CatalogSecurity,
): CatalogSecurity {
  return toSecurity(operation.security, 'operation') ?? documentSecurity;
}

const noSecurity: CatalogSecurity = { source: 'none', alternatives: [], anonymous: false };

function toSecurity(value: unknown, source: 'operation' | 'document'): CatalogSecurity | undefined {
  if (!Array.isArray(value)) return undefined;
  const alternatives: SecurityNeed[][] = [];
  let anonymous = value.length === 0;
  for (const entry of value) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
    const needs = Object.entries(entry as Record<string, unknown>).map(([scheme, scopes]) => ({
      scheme,
      scopes: Array.isArray(scopes)
        ? [...new Set(scopes.filter((scope): scope is string => typeof scope === 'string'))]
        : [],
    }));
    if (needs.length === 0) anonymous = true;
    else alternatives.push(needs);
  }
  return { source, alternatives, anonymous };
}

/** A scope of a version, with where it is declared and which operations need it. */
export interface CatalogScope {
  name: string;
  description: string;
  /** The OAuth 2.0 schemes that declare it. */
  schemes: string[];
  /** Anchors of the operations some alternative of which needs it. */
  operations: string[];
}

/**
 * Every scope of a version: those its OAuth 2.0 schemes declare, in document order, then any
 * an operation needs without a declaration (still a scope a token can carry).
 */
export function listScopes(
  schemes: readonly CatalogSecurityScheme[],
  operations: readonly { anchor: string; security: CatalogSecurity }[],
): CatalogScope[] {
  const scopes = new Map<string, CatalogScope>();
  const take = (name: string, description: string): CatalogScope => {
    let scope = scopes.get(name);
    if (!scope) {
      scope = { name, description, schemes: [], operations: [] };
      scopes.set(name, scope);
    }
    return scope;
  };
  for (const scheme of schemes) {
    if (scheme.type !== 'oauth2' && scheme.type !== 'openIdConnect') continue;
    for (const declared of scheme.scopes)
      take(declared.name, declared.description).schemes.push(scheme.name);
  }
  const tokenSchemes = new Set(
    schemes.filter((scheme) => scheme.credential === 'token').map((scheme) => scheme.name),
  );
  for (const operation of operations) {
    for (const alternative of operation.security.alternatives) {
      for (const need of alternative) {
        if (!tokenSchemes.has(need.scheme)) continue;
        for (const name of need.scopes) {
          if (!isScopeName(name)) continue;
          const scope = take(name, '');
          if (!scope.operations.includes(operation.anchor)) scope.operations.push(operation.anchor);
        }
      }
    }
  }
  return [...scopes.values()];
}
