import type { ServerResponse } from 'node:http';
import type { IHttpRequest } from '@stoplight/prism-http';
import type { Localized } from '../../catalog/sandbox-languages.ts';
import type { SandboxExample, SandboxStub } from '../../catalog/index.ts';
import { matchPathTemplate, parsePathTemplate } from '../../catalog/index.ts';
import { writeAnswer, type Answer } from '../http/write-answer.ts';
import type { MockVersion } from '../mock-versions.ts';
import type { SendProblem } from '../problems/send-problem.ts';
import {
  readPreferences,
  routeRequest,
  type MockOperation,
  type MockPreferences,
  type PrismError,
  type PrismMocker,
} from '../prism/prism-engine.ts';
import { answerStateful } from '../stateful/answer-stateful.ts';
import type { ResourceStore } from '../store/resource-store.ts';
import { findStub, type StubbedRequest } from './match-stub.ts';
import { resolveMediaRanges } from './resolve-media-ranges.ts';
import { toInvalidInputRefusal, toRefusal, toViolations, type Refusal } from './to-refusal.ts';

/** What the mock server knows of a request once its API and version are found. */
export interface VersionRequest extends StubbedRequest {
  requestId: string;
  /** The consumer the gateway named (`X-Guichet-Consumer`): its objects answer, if any. */
  consumer: string | undefined;
}

/** Prism's diagnostics use 0 for errors (`DiagnosticSeverity.Error`). */
const errorSeverity = 0;

/** Header values stay well under the limits of proxies and of Node's parser. */
const violationsHeaderLimit = 4000;

/**
 * Answers a request for a ready version: Prism's router finds the operation, then the first
 * matching stub answers, else an extra example asked for with `Prefer`, else — for an
 * operation of a resource, called for a consumer without `Prefer: code=` or `example=` — the
 * consumer's objects, else Prism's mocker with request validation. Every answer names the
 * operation in `X-Guichet-Operation`. A stateless operation never reaches the store.
 */
export async function answerRequest(
  version: MockVersion & { mocker: PrismMocker },
  request: VersionRequest,
  response: ServerResponse,
  store: ResourceStore | undefined,
  sendProblem: SendProblem,
): Promise<void> {
  const { requestId } = request;
  const input: IHttpRequest = {
    method: request.method.toLowerCase() as IHttpRequest['method'],
    url: { path: request.path, query: request.query },
    headers: request.headers,
    body: request.body,
  };
  const asked = readPreferences(input);
  if ('error' in asked) {
    sendProblem(response, 'invalidPrefer', toPreferDetail(asked.error), requestId);
    return;
  }
  const routed = routeRequest(version.operations, input);
  if ('error' in routed) {
    refuseRoute(version, request, routed.error.name, response, sendProblem);
    return;
  }
  const operation = resolveMediaRanges(routed.operation, request.headers.accept);
  const named = { 'X-Guichet-Operation': toOperationName(operation) };
  const refuse = (refusal: Refusal): void => {
    sendProblem(response, refusal.name, refusal.detail, requestId, {
      headers: named,
      ...(refusal.extensions ? { extensions: refusal.extensions } : {}),
    });
  };
  const send = (answer: Answer, extra: Record<string, string> = {}): void => {
    try {
      writeAnswer(response, request.method, answer, { ...named, ...extra });
    } catch {
      refuse(toRefusal({ name: 'SERIALIZATION', message: 'unserialisable body' }));
    }
  };

  const stub = findStub(version.stubs, request);
  if (stub) {
    const answer = await answerStub(version, operation, stub, input, asked.preferences);
    if ('refusal' in answer) refuse(answer.refusal);
    else send(answer.answer, { 'X-Guichet-Stub': stub.name });
    return;
  }

  const wanted = asked.preferences.exampleKey;
  const { consumer } = request;
  const route =
    consumer !== undefined && store && wanted === undefined && asked.preferences.code === undefined
      ? version.stateful?.routes.get(routed.operation)
      : undefined;
  if (route && version.stateful && store && consumer !== undefined) {
    const outcome = await answerStateful({
      version: version.stateful,
      route,
      store,
      scope: { consumer, api: version.apiId, version: version.versionId },
      input,
      mocker: version.mocker,
      preferences: asked.preferences,
    });
    if ('refusal' in outcome) refuse(outcome.refusal);
    else send(outcome.answer);
    return;
  }
  const extra = wanted === undefined ? undefined : findExtraExample(version, operation, wanted);
  const preferences = extra
    ? { ...asked.preferences, exampleKey: undefined, code: undefined }
    : asked.preferences;
  const mocked = await version.mocker.mock(operation, input, preferences, true);
  if ('error' in mocked) {
    const refusal = toRefusal(mocked.error);
    // A valid request asking for an extra example gets it even if the document has no answer.
    if (extra && refusal.name === 'mockFailed') send(toExampleAnswer(extra));
    else refuse(refusal);
    return;
  }
  const violations = mocked.answer.violations.filter((item) => item.severity === errorSeverity);
  if (extra && violations.length === 0) {
    send(toExampleAnswer(extra));
    return;
  }
  // Prism would answer an invalid request with any 400 or 422 example of the document, which
  // rarely describes the actual mistake: the sandbox lists the mistakes instead, unless the
  // request asked for a documented status with `Prefer: code=…`.
  if (violations.length > 0 && asked.preferences.code === undefined) {
    refuse(toInvalidInputRefusal(violations));
    return;
  }
  const header =
    violations.length === 0 ? {} : { 'X-Guichet-Violations': toViolationsHeader(violations) };
  send(
    {
      status: mocked.answer.response.statusCode,
      headers: mocked.answer.response.headers ?? {},
      body: mocked.answer.response.body,
    },
    header,
  );
}

/** `operationId`, else `METHOD /path/template`: what the gateway counts usage by. */
export function toOperationName(operation: MockOperation): string {
  return operation.iid ?? `${operation.method.toUpperCase()} ${operation.path}`;
}

async function answerStub(
  version: MockVersion & { mocker: PrismMocker },
  operation: MockOperation,
  stub: SandboxStub,
  input: IHttpRequest,
  preferences: MockPreferences,
): Promise<{ answer: Answer } | { refusal: Refusal }> {
  const { response } = stub;
  const name = response.example;
  if (name === undefined) {
    return {
      answer: {
        status: response.status,
        headers: response.headers,
        body: response.body,
        contentType: response.contentType,
      },
    };
  }
  const extra = findExtraExample(version, operation, name);
  if (extra) return { answer: { ...toExampleAnswer(extra), status: response.status } };
  // A named example of the document: Prism finds it, without judging the request (the stub did).
  const mocked = await version.mocker.mock(
    operation,
    input,
    { dynamic: preferences.dynamic, code: response.status, exampleKey: name },
    false,
  );
  if ('error' in mocked) return { refusal: toRefusal(mocked.error) };
  const output = mocked.answer.response;
  return {
    answer: {
      status: output.statusCode,
      headers: { ...output.headers, ...response.headers },
      body: output.body,
    },
  };
}

function findExtraExample(
  version: MockVersion,
  operation: MockOperation,
  name: string,
): SandboxExample | undefined {
  const method = operation.method.toUpperCase();
  return version.examples.find(
    (example) =>
      example.name === name && example.method === method && example.path === operation.path,
  );
}

function toExampleAnswer(example: SandboxExample): Answer {
  return {
    status: example.status,
    headers: example.headers,
    body: example.body,
    contentType: example.contentType,
  };
}

/** A path the document has with other methods gets 405 and `Allow`; any other path, 404. */
function refuseRoute(
  version: MockVersion,
  request: VersionRequest,
  errorName: string,
  response: ServerResponse,
  sendProblem: SendProblem,
): void {
  const where = `${request.method} ${request.path}`;
  if (errorName.endsWith('#NO_METHOD_MATCHED_ERROR')) {
    const allowed = [
      ...new Set(
        version.operations
          .filter((operation) => matchPathTemplate(parsePathTemplate(operation.path), request.path))
          .map((operation) => operation.method.toUpperCase()),
      ),
    ].sort();
    sendProblem(
      response,
      'undocumentedMethod',
      {
        en: `${where}: this path has ${allowed.join(', ')} only.`,
        fr: `${where} : ce chemin n’a que ${allowed.join(', ')}.`,
      },
      request.requestId,
      {
        headers: { Allow: allowed.join(', ') },
      },
    );
    return;
  }
  sendProblem(
    response,
    'unknownOperation',
    {
      en: `${where} matches no operation of ${version.apiId} ${version.versionId}.`,
      fr: `${where} ne correspond à aucune opération de ${version.apiId} ${version.versionId}.`,
    },
    request.requestId,
  );
}

function toViolationsHeader(violations: readonly { path?: string[]; message: string }[]): string {
  const text = JSON.stringify(toViolations(violations));
  return text.length <= violationsHeaderLimit ? text : `${text.slice(0, violationsHeaderLimit)}...`;
}

/** The preferences Prism reads, in the order the detail names them. */
const preferenceNames = ['code', 'example', 'dynamic', 'seed'] as const;

/**
 * Says which preference was not understood and the forms accepted. Prism's decoder explains in
 * its own tree of text (`optional property "code" └─ cannot decode…`), which names only the
 * preference worth keeping.
 */
function toPreferDetail(error: PrismError): Localized {
  const text = `${error.detail ?? ''} ${error.message}`;
  const wrong = preferenceNames.filter((name) => text.includes(`property "${name}"`));
  const names = (and: string): string => wrong.map((name) => `\`${name}\``).join(and);
  return {
    en: `The Prefer header is not understood: ${wrong.length === 0 ? 'a value' : names(' and ')} does not have its form. The sandbox reads \`Prefer: code=<status>\` (three digits), \`example=<name>\`, \`dynamic=true\` or \`dynamic=false\`, and \`seed=<text>\`, separated by commas.`,
    fr: `L’en-tête Prefer n’est pas compris : ${wrong.length === 0 ? 'une valeur' : names(' et ')} n’a pas la forme attendue. Le bac à sable lit \`Prefer: code=<statut>\` (trois chiffres), \`example=<nom>\`, \`dynamic=true\` ou \`dynamic=false\`, et \`seed=<texte>\`, séparés par des virgules.`,
  };
}
