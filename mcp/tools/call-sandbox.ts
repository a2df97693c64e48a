import { z } from 'zod';
import { toOperationCredentials } from '../../catalog/sandbox-credentials.ts';
import { authenticateCall } from '../credentials/authenticate-call.ts';
import { chooseCredentials } from '../credentials/choose-credentials.ts';
import { credentialArguments } from '../credentials/credential-arguments.ts';
import { credentialWords } from '../credentials/credential-words.ts';
import { createRedactor } from '../credentials/redact-credentials.ts';
import {
  apiIdSchema,
  findApi,
  findOperation,
  findVersion,
  getReference,
  operationSchema,
  versionIdSchema,
} from '../find-in-catalog.ts';
import { toProblemResult } from '../tool-result.ts';
import { buildRequest, readLimited, toSandboxAnswer } from './sandbox-request.ts';
import { defineTool } from './tool.ts';

/** Longest wait for the sandbox, in ms: far above the gateway's own upstream timeout. */
const callTimeoutMs = 30_000;

const parameterValue = z.union([z.string().max(2_048), z.number(), z.boolean()]);

/**
 * call_sandbox: one call to an operation in the sandbox, on the server's own gateway only. The
 * request is built from the operation's path template and declared parameters, so no argument
 * can name another host, port or API; the credentials go where the operation's security puts
 * them (a token, when needed, from the sandbox's own token endpoint). They are used for this
 * call and dropped: never stored, logged, or repeated in the answer.
 */
export const callSandboxTool = defineTool({
  name: 'call_sandbox',
  title: 'Call an operation in the sandbox',
  description:
    "Calls one operation in guichet's sandbox and returns the status, headers and body. Pass the credentials the operation's security takes (describe_operation says which): apiKey for an API key (sent in the header, query parameter or cookie the document names), clientId and clientSecret for OAuth 2.0 (call_sandbox gets a token with the operation's scopes from the sandbox's own POST /oauth/token) or HTTP basic, bearerToken for a token you already hold, username and password for HTTP basic. They are used for this call only: never stored, logged or repeated. Open operations need none. Without what the operation needs, the tool answers a 401 problem saying what it takes, and calls nothing.",
  input: z.strictObject({
    api: apiIdSchema,
    version: versionIdSchema,
    operation: operationSchema,
    parameters: z
      .record(z.string().max(200), parameterValue)
      .optional()
      .describe('Path, query and header parameters the operation declares, by name.'),
    body: z
      .unknown()
      .optional()
      .describe('The request body: JSON, or a string for other media types.'),
    contentType: z
      .string()
      .max(200)
      .regex(/^[\w.+-]+\/[\w.+-]+(;[^\r\n]*)?$/)
      .optional(),
    ...credentialArguments,
  }),
  async run(input, { catalog, sandboxUrl, language }) {
    const api = findApi(catalog, input.api, language);
    if (!api.ok) return api.problem;
    const version = findVersion(api.value, input.version, language);
    if (!version.ok) return version.problem;
    const found = findOperation(version.value, input.operation, language);
    if (!found.ok) return found.problem;
    const operation = version.value.operations[found.value];
    const reference = getReference(version.value);
    const details = reference.operations[found.value];
    if (!operation || !details || operation.kind !== 'operation') {
      return toProblemResult(
        'unknownOperation',
        {
          en: 'A webhook is called by the API, not by you.',
          fr: 'Un webhook est appelé par l’API, pas par vous.',
        },
        language,
      );
    }
    const base = `${sandboxUrl.replace(/\/+$/, '')}/${encodeURIComponent(api.value.id)}/${encodeURIComponent(version.value.id)}`;
    const request = buildRequest(operation, details, input.parameters ?? {});
    if (!request.ok) {
      return toProblemResult(
        'invalidRequest',
        {
          en: 'Some parameters cannot be sent.',
          fr: 'Certains paramètres ne peuvent pas être envoyés.',
        },
        language,
        { errors: request.errors },
      );
    }
    const url = new URL(`${base}${request.path}${request.query}`);
    const expected = new URL(base);
    // The one check that matters: whatever was passed, the call stays on the sandbox's gateway
    // and inside this version's path.
    if (url.origin !== expected.origin || !`${url.pathname}/`.startsWith(`${expected.pathname}/`)) {
      return toProblemResult(
        'invalidRequest',
        {
          en: 'The parameters would lead the call out of this API version.',
          fr: 'Les paramètres feraient sortir l’appel de cette version d’API.',
        },
        language,
      );
    }
    // Credentials are looked at once the request is known to be sendable.
    const chosen = chooseCredentials(toOperationCredentials(version.value, operation), input, {
      schemes: reference.securitySchemes,
      sandboxUrl,
      operation: `${operation.method} ${operation.path}`,
      language,
    });
    if (!chosen.ok) return chosen.problem;
    const headers: Record<string, string> = {
      ...request.headers,
      accept: 'application/json, */*;q=0.5',
    };
    let body: string | undefined;
    if (input.body !== undefined) {
      const type = input.contentType ?? 'application/json';
      body =
        typeof input.body === 'string' && !/json/i.test(type)
          ? input.body
          : JSON.stringify(input.body);
      headers['content-type'] = type;
    }
    if (/[\r\n]/.test(Object.values(headers).join(''))) {
      return toProblemResult(
        'invalidRequest',
        {
          en: 'A header value holds a line break.',
          fr: 'Une valeur d’en-tête contient un saut de ligne.',
        },
        language,
      );
    }
    const redactor = createRedactor(input);
    const authentication = await authenticateCall(
      chosen.needs,
      input,
      { sandboxUrl, language },
      redactor,
    );
    if (!authentication.ok) return authentication.result;
    const { fields } = authentication;
    for (const [name, value] of fields.headers) headers[name.toLowerCase()] = value;
    for (const [name, value] of fields.query) url.searchParams.set(name, value);
    if (fields.cookies.length > 0) {
      headers.cookie = fields.cookies.map(([name, value]) => `${name}=${value}`).join('; ');
    }
    let answer: Response;
    try {
      answer = await fetch(url, {
        method: operation.method,
        headers,
        ...(body === undefined ? {} : { body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(callTimeoutMs),
      });
    } catch {
      return toProblemResult(
        'upstreamUnavailable',
        {
          en: 'The sandbox could not be reached: is `npm run sandbox` running?',
          fr: 'Le bac à sable est injoignable : `npm run sandbox` tourne-t-il ?',
        },
        language,
      );
    }
    const text = await readLimited(answer);
    const words = credentialWords[language];
    const unused = words.notSent(chosen.unused.map((name) => `\`${name}\``).join(', '));
    return toSandboxAnswer(
      { status: answer.status, headers: Object.fromEntries(answer.headers), body: text },
      `${words.sent(`${operation.method} ${url.href}`, authentication.sent)}${unused}`,
      { method: operation.method, url: redactor.hide(url.href), credentials: authentication.sent },
      (value) => redactor.hide(value),
    );
  },
});
