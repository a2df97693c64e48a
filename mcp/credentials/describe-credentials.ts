import {
  sandboxKeyHeader,
  sandboxTokenPath,
  type CredentialNeed,
  type OperationCredentials,
  type SchemeCredential,
} from '../../catalog/sandbox-credentials.ts';
import type { SecurityScheme } from '../../catalog/reference/reference-model.ts';
import { toCode } from '../../catalog/markdown-twin/markdown-text.ts';
import { describeScheme } from '../../catalog/markdown-twin/render-operation.ts';

/**
 * What an assistant passes to call_sandbox for an operation, and how the tool sends it, from
 * the catalog's security model: describe_operation prints it, and a call without the right
 * credentials is refused with it. Scheme labels come from the twins' one renderer.
 */

/** What describing needs besides the operation's credentials. */
export interface DescribeContext {
  /** The version's schemes in the reference model, for their labels. */
  schemes: readonly SecurityScheme[];
  /** The sandbox's own URL, where tokens and trial keys are issued. */
  sandboxUrl: string;
}

/**
 * Headers no HTTP client sends as given (fetch drops or refuses them) or that call_sandbox sets
 * itself: a key a document puts there goes in `X-Api-Key`, which the sandbox takes everywhere.
 */
const unsendableHeaders = new Set([
  'accept',
  'connection',
  'content-length',
  'content-type',
  'cookie',
  'expect',
  'host',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const ownKey: CredentialNeed = { kind: 'key', in: 'header', name: sandboxKeyHeader };

/** The need as call_sandbox sends it: a key in a header it cannot set goes in `X-Api-Key`. */
export function toSentNeed(need: CredentialNeed): CredentialNeed {
  if (need.kind === 'key' && need.in === 'header' && unsendableHeaders.has(need.name.toLowerCase()))
    return ownKey;
  return need;
}

const flowNames: Record<string, string> = {
  authorizationCode: 'authorization code',
  implicit: 'implicit',
  password: 'password',
};

/** `the `KeyId` header`, `the `apikey` query parameter`, `the `session` cookie`. */
export function toKeyPlace(need: Extract<CredentialNeed, { kind: 'key' }>): string {
  const where =
    need.in === 'header' ? 'header' : need.in === 'query' ? 'query parameter' : 'cookie';
  return `the ${toCode(need.name)} ${where}`;
}

/** One scheme of an alternative: which arguments to pass, and where call_sandbox puts them. */
export function describeCredential(credential: SchemeCredential, context: DescribeContext): string {
  const reference = context.schemes.find((scheme) => scheme.name === credential.scheme);
  const label =
    credential.scheme === undefined
      ? 'no security declared'
      : `scheme ${toCode(credential.scheme)} (${reference ? describeScheme(reference) : 'not declared'})`;
  const need = credential.need;
  const sent = toSentNeed(need);
  if (sent.kind === 'key') {
    const note =
      sent !== need && need.kind === 'key'
        ? ` (the document names the ${toCode(need.name)} header, which no HTTP client can set; the sandbox takes the key in ${toCode(sandboxKeyHeader)} on every operation)`
        : credential.scheme !== undefined && credential.declared?.credential !== 'key'
          ? ` (the sandbox cannot check this scheme; it takes the key in ${toCode(sandboxKeyHeader)})`
          : '';
    return `${label}: pass your trial key (\`gk_…\`) as \`apiKey\`; call_sandbox sends it in ${toKeyPlace(sent)}${note}`;
  }
  if (sent.kind === 'client') {
    return `${label}: pass \`clientId\` and \`clientSecret\` of your trial application (or \`username\` and \`password\`); call_sandbox sends them as \`Authorization: Basic\``;
  }
  const scopes = sent.scopes.map(toCode).join(' ');
  const withScopes = scopes === '' ? '' : ` with scope ${scopes}`;
  const declared = credential.declared;
  const otherFlows =
    declared?.type === 'oauth2' && declared.clientCredentialsAdded
      ? declared.flows.map((flow) => flowNames[flow.name] ?? flow.name).join(', ')
      : '';
  const issued = `client credentials${scopes === '' ? '' : `, scope ${scopes}`}${otherFlows === '' ? '' : `; the sandbox issues the ${otherFlows} flow's scopes this way`}`;
  const tokenUrl = toCode(`POST ${context.sandboxUrl.replace(/\/+$/, '')}${sandboxTokenPath}`);
  return `${label}${withScopes}: pass \`clientId\` and \`clientSecret\` of your trial application; call_sandbox gets an access token from the sandbox's ${tokenUrl} (${issued}) and sends it as \`Authorization: Bearer\`. Or pass \`bearerToken\`: a token from that endpoint${scopes === '' ? '' : ' carrying that scope'}`;
}

/** Every alternative, `any one of` them, each scheme of one `and` the next. */
export function describeAlternatives(
  credentials: OperationCredentials,
  context: DescribeContext,
): string[] {
  return credentials.alternatives.map((alternative) =>
    alternative.map((credential) => describeCredential(credential, context)).join('; and '),
  );
}

/** The alternatives as data, for a tool's structured answer. */
export function toNeedsData(credentials: OperationCredentials): Record<string, unknown> {
  return {
    anonymous: credentials.anonymous,
    alternatives: credentials.alternatives.map((alternative) =>
      alternative.map(({ scheme, need }) => {
        const sent = toSentNeed(need);
        return {
          scheme: scheme ?? null,
          ...sent,
          arguments:
            sent.kind === 'key'
              ? ['apiKey']
              : sent.kind === 'client'
                ? ['clientId', 'clientSecret']
                : ['clientId', 'clientSecret', 'bearerToken'],
        };
      }),
    ),
  };
}

/** describe_operation's "In the sandbox" section: how to call the operation with call_sandbox. */
export function renderSandboxSection(
  credentials: OperationCredentials,
  context: DescribeContext & { apiId: string; heading: string },
): string[] {
  const lines = [`${context.heading} In the sandbox`, ''];
  const ways = describeAlternatives(credentials, context);
  if (ways.length === 0) {
    lines.push(
      'Open: no credentials needed; call_sandbox sends none (the call counts against an anonymous quota per address).',
    );
  } else {
    lines.push(ways.length === 1 ? 'With call_sandbox:' : 'With call_sandbox, any one of:', '');
    lines.push(...ways.map((way) => `- ${way.charAt(0).toUpperCase()}${way.slice(1)}.`));
    if (credentials.anonymous) {
      lines.push('', 'Or pass no credentials: the operation may be called without them.');
    }
  }
  const base = context.sandboxUrl.replace(/\/+$/, '');
  const request = JSON.stringify({
    application: '…',
    email: '…',
    api: context.apiId,
    acceptTerms: true,
  });
  lines.push(
    '',
    `A trial application — a key (\`gk_…\`), a client id (\`gc_…\`) and a client secret (\`gs_…\`), shown once — comes from the API page's form, or ${toCode(`POST ${base}/_guichet/trial-keys`)} with ${toCode(request)}. call_sandbox uses credentials for one call: it never stores, logs or repeats them.`,
  );
  return lines;
}
