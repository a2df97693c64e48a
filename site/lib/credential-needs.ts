import type { CatalogOperation, CatalogVersion } from '../../catalog/index.ts';
import type { CredentialNeed } from '../scripts/sandbox-credentials.ts';
import { keyHeaderName } from '../scripts/sandbox-keys.ts';
import { firstAlternative } from './security-view.ts';

/**
 * What a call to one operation must carry in the sandbox, from the catalog's security model:
 * the schemes of the operation's first alternative, each as the sandbox takes it (the key in
 * the header, query parameter or cookie the document names, a token with the operation's
 * scopes, the client id and secret by HTTP basic); a scheme the sandbox cannot check, and an
 * operation whose document says nothing, take the key in `X-Api-Key`; an open one, nothing.
 * The page's commands, code samples and "try it" all start from this.
 */
export function toCredentialNeeds(
  version: Pick<CatalogVersion, 'securitySchemes'>,
  operation: CatalogOperation,
): CredentialNeed[] {
  if (operation.security.source === 'none') return [xApiKey];
  const schemes = new Map(version.securitySchemes.map((scheme) => [scheme.name, scheme]));
  return firstAlternative(operation).map((need): CredentialNeed => {
    const scheme = schemes.get(need.scheme);
    if (scheme?.credential === 'key' && scheme.parameterName !== undefined && scheme.in) {
      return { kind: 'key', in: scheme.in, name: scheme.parameterName };
    }
    if (scheme?.credential === 'token') return { kind: 'token', scopes: [...need.scopes] };
    if (scheme?.credential === 'client') return { kind: 'client' };
    return xApiKey;
  });
}

const xApiKey: CredentialNeed = { kind: 'key', in: 'header', name: keyHeaderName };
