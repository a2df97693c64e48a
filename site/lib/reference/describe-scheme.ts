import type { SecurityScheme } from '../../../catalog/index.ts';
import type { Messages } from '../../i18n/fr.ts';

/** The words a scheme is described with, in the page's language (`messages.reference.schemes`). */
export type SchemeWords = Messages['reference']['schemes'];

/** `API key in the X-Api-Key header`, `HTTP bearer (JWT)`, `OAuth 2: client credentials`. */
export function describeScheme(scheme: SecurityScheme, words: SchemeWords): string {
  switch (scheme.type) {
    case 'apiKey':
      return words.apiKey(scheme.parameterName ?? words.unnamed, scheme.in ?? 'header');
    case 'http':
      return words.http(scheme.scheme ?? words.httpAny, scheme.bearerFormat);
    case 'oauth2':
      return words.oauth2(scheme.flows.map((flow) => words.flows[flow.kind]).join(', '));
    case 'openIdConnect':
      return words.openIdConnect;
    case 'mutualTLS':
      return words.mutualTLS;
  }
}
