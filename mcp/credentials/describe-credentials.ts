import {
  sandboxKeyHeader,
  sandboxTokenPath,
  type CredentialNeed,
  type OperationCredentials,
  type SchemeCredential,
} from '../../catalog/sandbox-credentials.ts';
import type { SecurityScheme } from '../../catalog/reference/reference-model.ts';
import type { SandboxLanguage } from '../../catalog/sandbox-languages.ts';
import { toCode } from '../../catalog/markdown-twin/markdown-text.ts';
import { describeScheme } from '../../catalog/markdown-twin/render-operation.ts';
import { credentialWords } from './credential-words.ts';

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
  /** The language to word it in (`credential-words.ts`). */
  language: SandboxLanguage;
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
export function toKeyPlace(
  need: Extract<CredentialNeed, { kind: 'key' }>,
  language: SandboxLanguage,
): string {
  return credentialWords[language].keyPlace(toCode(need.name), need.in);
}

/** One scheme of an alternative: which arguments to pass, and where call_sandbox puts them. */
export function describeCredential(credential: SchemeCredential, context: DescribeContext): string {
  const words = credentialWords[context.language];
  const reference = context.schemes.find((scheme) => scheme.name === credential.scheme);
  // The scheme's own label is the twins' one renderer's, in English.
  const label =
    credential.scheme === undefined
      ? words.noSecurity
      : words.scheme(toCode(credential.scheme), reference ? describeScheme(reference) : undefined);
  const need = credential.need;
  const sent = toSentNeed(need);
  const ownKey = toCode(sandboxKeyHeader);
  if (sent.kind === 'key') {
    const note =
      sent !== need && need.kind === 'key'
        ? words.unsendableHeader(toCode(need.name), ownKey)
        : credential.scheme !== undefined && credential.declared?.credential !== 'key'
          ? words.uncheckedScheme(ownKey)
          : '';
    return words.passKey(label, toKeyPlace(sent, context.language), note);
  }
  if (sent.kind === 'client') return words.passClient(label);
  const scopes = sent.scopes.map(toCode).join(' ');
  const declared = credential.declared;
  const otherFlows =
    declared?.type === 'oauth2' && declared.clientCredentialsAdded
      ? declared.flows.map((flow) => flowNames[flow.name] ?? flow.name).join(', ')
      : '';
  const issued = `${words.issuedScope(scopes)}${words.otherFlows(otherFlows)}`;
  const tokenUrl = toCode(`POST ${context.sandboxUrl.replace(/\/+$/, '')}${sandboxTokenPath}`);
  return words.passToken(`${label}${words.withScope(scopes)}`, tokenUrl, issued, scopes !== '');
}

/** Every alternative, `any one of` them, each scheme of one `and` the next. */
export function describeAlternatives(
  credentials: OperationCredentials,
  context: DescribeContext,
): string[] {
  return credentials.alternatives.map((alternative) =>
    alternative
      .map((credential) => describeCredential(credential, context))
      .join(credentialWords[context.language].and),
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
  const words = credentialWords[context.language];
  const lines = [`${context.heading} ${words.section}`, ''];
  const ways = describeAlternatives(credentials, context);
  if (ways.length === 0) {
    lines.push(words.open);
  } else {
    lines.push(words.with(ways.length), '');
    lines.push(...ways.map((way) => `- ${way.charAt(0).toUpperCase()}${way.slice(1)}.`));
    if (credentials.anonymous) lines.push('', words.orNone);
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
    words.trialApplication(toCode(`POST ${base}/_guichet/trial-keys`), toCode(request)),
  );
  return lines;
}
