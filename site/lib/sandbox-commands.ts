import type { CatalogOperation, CatalogVersion } from '../../catalog/index.ts';
import type { Messages } from '../i18n/fr.ts';
import { toSampleRequest, pickSampleRequest, type SampleRequest } from './sample-request.ts';
import { placeholders } from '../scripts/sandbox-credentials.ts';
import { toCredentialNeeds } from '../../catalog/sandbox-credentials.ts';

/**
 * The commands that call the sandbox as an operation's document says: get a token first when it
 * takes one, then call with each credential where it goes. Placeholders (`YOUR_KEY`,
 * `YOUR_CLIENT_ID`, `YOUR_CLIENT_SECRET`) are the ones the page's script replaces with the
 * partner's own credentials once the trial application is issued.
 */

/** What a command sends, in the page's language (`messages.sandbox.sends`). */
export type SendsWords = Messages['sandbox']['sends'];

/** Placeholders the page's script fills in. */
export { placeholders };

/** The commands of one sample request. */
export interface SandboxCommands {
  /** Gets a token into `$TOKEN`, when the operation takes one. */
  token?: string;
  /** Calls the operation. */
  call: string;
  /** What the call sends, in a few words. */
  sends: string;
}

const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** The commands for `request` against the version's sandbox at `baseUrl` (`sandboxUrl` for the token). */
export function toSandboxCommands(
  version: CatalogVersion,
  request: SampleRequest,
  baseUrl: string,
  sandboxUrl: string,
  words: SendsWords,
): SandboxCommands {
  const operation: CatalogOperation = request.operation;
  const headers: string[] = [];
  const query: string[] = [];
  const options: string[] = [];
  const sends: string[] = [];
  let token: string | undefined;
  for (const need of toCredentialNeeds(version, operation)) {
    if (need.kind === 'key') {
      if (need.in === 'header') headers.push(`${need.name}: ${placeholders.key}`);
      if (need.in === 'query') query.push(`${encodeURIComponent(need.name)}=${placeholders.key}`);
      if (need.in === 'cookie')
        options.push(`--cookie ${quote(`${need.name}=${placeholders.key}`)}`);
      sends.push(words.key(need.name));
    } else if (need.kind === 'token') {
      const scope =
        need.scopes.length === 0 ? '' : ` \\\n  -d ${quote(`scope=${need.scopes.join(' ')}`)}`;
      token = `TOKEN=$(curl -s -u ${quote(`${placeholders.clientId}:${placeholders.clientSecret}`)} \\\n  -d grant_type=client_credentials${scope} \\\n  ${quote(`${sandboxUrl}/oauth/token`)} \\\n  | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`;
      headers.push('Authorization: Bearer $TOKEN');
      sends.push(need.scopes.length === 0 ? words.token : words.tokenWith(need.scopes.join(' ')));
    } else {
      options.push(`-u ${quote(`${placeholders.clientId}:${placeholders.clientSecret}`)}`);
      sends.push(words.client);
    }
  }
  const separator = request.target.includes('?') ? '&' : '?';
  const target =
    query.length === 0 ? request.target : `${request.target}${separator}${query.join('&')}`;
  const flags = [
    request.method === 'GET' ? '' : ` -X ${request.method}`,
    request.complete ? '' : ' --globoff',
  ].join('');
  const lines = [
    `curl -i${flags} ${quote(`${baseUrl}${target}`)}`,
    ...options.map((option) => `  ${option}`),
    // The token header is double-quoted so the shell puts the token in.
    ...headers.map((header) =>
      header.includes('$TOKEN') ? `  -H "${header}"` : `  -H ${quote(header)}`,
    ),
  ];
  return {
    ...(token === undefined ? {} : { token }),
    call: lines.join(' \\\n'),
    sends: sends.length === 0 ? words.open : sends.join(words.and),
  };
}

/**
 * The request the page shows: one that needs credentials when the version has one (a GET with
 * every parameter filled first), since that is what a partner must learn to send; else the
 * sample the portal picks anyway.
 */
export function pickSecuredSample(version: CatalogVersion): SampleRequest | undefined {
  const secured = version.operations
    .filter((operation) => operation.kind === 'operation' && !operation.security.anonymous)
    .map((operation) => toSampleRequest(version, operation));
  return (
    secured.find((request) => request.method === 'GET' && request.complete) ??
    secured.find((request) => request.method === 'GET') ??
    pickSampleRequest(version)
  );
}
