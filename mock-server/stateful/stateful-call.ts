import type { IHttpRequest } from '@stoplight/prism-http';
import type { Localized } from '../../catalog/sandbox-languages.ts';
import type { Answer } from '../http/write-answer.ts';
import { toInvalidInputRefusal, type Refusal } from '../answer/to-refusal.ts';
import type { PrismFinding } from '../prism/prism-checks.ts';
import type { MockPreferences, PrismMocker } from '../prism/prism-engine.ts';
import type { CollectionKey, ResourceStore, Scope, WriteOutcome } from '../store/resource-store.ts';
import { isJsonObject, type JsonObject } from './json-values.ts';
import type { StatefulRoute } from './stateful-routes.ts';

/** One call the stateful layer answers: the route, the consumer's scope and the request. */
export interface StatefulCall {
  route: StatefulRoute;
  store: ResourceStore;
  scope: Scope;
  /** The collection the path reaches. */
  key: CollectionKey;
  /** The path's placeholders, decoded. */
  params: Record<string, string>;
  input: IHttpRequest;
  mocker: PrismMocker;
  preferences: MockPreferences;
  now: Date;
}

/** What the layer answers: an answer to write, or a refusal (a problem). */
export type StatefulOutcome = { answer: Answer } | { refusal: Refusal };

/** A JSON answer; `body` undefined for an answer without one (204). */
export function answerJson(
  status: number,
  mediaType: string | undefined,
  body: unknown,
  headers: Record<string, unknown> = {},
): StatefulOutcome {
  return {
    answer: {
      status,
      headers,
      body,
      ...(mediaType === undefined || body === undefined ? {} : { contentType: mediaType }),
    },
  };
}

/** The request's mistakes as the 422 problem the sandbox answers for them. */
export function refuseFindings(findings: readonly PrismFinding[]): StatefulOutcome {
  return { refusal: toInvalidInputRefusal(findings) };
}

/**
 * How the object would break its schema once changed, as a 422: the request is well formed,
 * but its result is not an object the API could hold.
 */
export function refuseResult(findings: readonly PrismFinding[]): StatefulOutcome {
  const violations = findings.map((finding) => ({
    location: ['object', ...(finding.path ?? []).filter((part) => part !== 'body')].join('.'),
    message: finding.message.replace(/^Response body (?:property )?/, ''),
  }));
  return {
    refusal: {
      name: 'requestViolations',
      detail:
        violations.length === 1
          ? {
              en: `The object, once changed, would break its schema at ${violations[0]?.location ?? 'object'}.`,
              fr: `L’objet, une fois changé, enfreindrait son schéma en ${violations[0]?.location ?? 'object'}.`,
            }
          : {
              en: `The object, once changed, would break its schema in ${String(violations.length)} places.`,
              fr: `L’objet, une fois changé, enfreindrait son schéma en ${String(violations.length)} endroits.`,
            },
      extensions: { violations },
    },
  };
}

/**
 * The answer for an object the consumer does not have: the document's 404 when it declares
 * one (its example, as Prism gives it), else the sandbox's `object-not-found` problem.
 */
export async function answerNotFound(
  call: StatefulCall,
  what: Localized,
): Promise<StatefulOutcome> {
  const { operation } = call.route;
  if (operation.responses.some((response) => response.code === '404')) {
    const mocked = await call.mocker.mock(
      operation,
      call.input,
      { dynamic: false, code: 404 },
      false,
    );
    if (!('error' in mocked)) {
      const output = mocked.answer.response;
      return {
        answer: { status: output.statusCode, headers: output.headers ?? {}, body: output.body },
      };
    }
  }
  return {
    refusal: {
      name: 'objectNotFound',
      detail: { en: `You have no ${what.en}.`, fr: `Vous n’avez pas ${what.fr}.` },
    },
  };
}

/** A write the store did not make, as the problem that says why. */
export function refuseWrite(
  outcome: Exclude<WriteOutcome, { ok: true }>,
  call: StatefulCall,
  id: string,
): StatefulOutcome {
  const { resource } = call.route;
  switch (outcome.reason) {
    case 'exists':
      return {
        refusal: {
          name: 'objectExists',
          detail: {
            en: `You already have ${describeObject(resource.name, id).en}.`,
            fr: `Vous avez déjà un objet « ${id.length > 80 ? `${id.slice(0, 80)}…` : id} » dans ${resource.name}.`,
          },
        },
      };
    case 'missing':
      return {
        refusal: {
          name: 'objectNotFound',
          detail: {
            en: `You have no ${describeObject(resource.name, id).en}.`,
            fr: `Vous n’avez pas ${describeObject(resource.name, id).fr}.`,
          },
        },
      };
    case 'objects-limit':
    case 'bytes-limit':
      return {
        refusal: {
          name: 'sandboxDataLimit',
          detail:
            outcome.reason === 'objects-limit'
              ? {
                  en: 'Your consumer keeps as many objects as the sandbox allows.',
                  fr: 'Votre consommateur garde autant d’objets que le bac à sable en permet.',
                }
              : {
                  en: 'Your consumer keeps as many bytes of objects as the sandbox allows.',
                  fr: 'Votre consommateur garde autant d’octets d’objets que le bac à sable en permet.',
                },
        },
      };
  }
}

/** `declarations DF-2026-004217`, quoted so an odd id reads as one. */
export function describeObject(name: string, id: string): Localized {
  const shown = id.length > 80 ? `${id.slice(0, 80)}…` : id;
  return { en: `object "${shown}" in ${name}`, fr: `d’objet « ${shown} » dans ${name}` };
}

/** A stored object, parsed; `{}` for text that is not an object (never written so). */
export function parseStored(text: string): JsonObject {
  const value: unknown = JSON.parse(text);
  return isJsonObject(value) ? value : {};
}
