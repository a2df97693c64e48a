import type { Localized, ProblemName } from '../../catalog/sandbox-problems.ts';
import { generationDraws } from '../prism/generation-budget.ts';
import type { PrismError } from '../prism/prism-engine.ts';

/** A refusal of ours, as a problem to send: Prism's meaning in the sandbox's one shape. */
export interface Refusal {
  name: ProblemName;
  detail: Localized;
  extensions?: Record<string, unknown>;
}

/** One way a request breaks its operation's description. */
export interface Violation {
  /** Where: `body.montant`, `query.page`, `header.x-trace`, `path.siren`. */
  location: string;
  message: string;
}

/**
 * Turns an error of Prism's mocker into a refusal. Prism names its errors by URI fragment
 * (`…#UNPROCESSABLE_ENTITY`); anything it did not name is a document the mocker could not answer
 * from, reported without Prism's internals.
 */
export function toRefusal(error: PrismError): Refusal {
  const kind = error.name.split('#')[1] ?? '';
  switch (kind) {
    case 'UNPROCESSABLE_ENTITY':
      return toViolationsRefusal(error.additional?.validation);
    case 'INVALID_CONTENT_TYPE':
      return {
        name: 'unsupportedMediaType',
        detail: toEngineDetail(error.detail ?? error.message),
      };
    case 'NOT_ACCEPTABLE':
      return {
        name: 'notAcceptable',
        detail:
          error.detail === undefined
            ? {
                en: 'No documented response matches the Accept header.',
                fr: 'Aucune réponse documentée ne correspond à l’en-tête Accept.',
              }
            : toEngineDetail(`${error.detail}.`),
      };
    case 'ANSWER_TOO_LARGE':
      return {
        name: 'answerTooLarge',
        detail: {
          en: `The response schema describes an answer too large to generate (more than ${String(generationDraws)} generated values). Ask for a documented example with \`Prefer: example=<name>\` or another status with \`Prefer: code=<status>\`; the API owners can bound the schema (maxItems, maxLength, fewer required properties).`,
          fr: `Le schéma de réponse décrit une réponse trop grosse à générer (plus de ${String(generationDraws)} valeurs générées). Demandez un exemple documenté avec \`Prefer: example=<nom>\` ou un autre statut avec \`Prefer: code=<statut>\` ; les propriétaires de l’API peuvent borner le schéma (maxItems, maxLength, moins de propriétés requises).`,
        },
      };
    case 'NOT_FOUND':
      return {
        name: 'preferenceUnavailable',
        detail: toEngineDetail(error.detail ?? error.message),
      };
    default:
      return {
        name: 'mockFailed',
        detail: {
          en: 'The document gives no example and no usable schema for this response. Ask for another status with `Prefer: code=<status>`, or for a generated answer with `Prefer: dynamic=true`.',
          fr: 'Le document ne donne ni exemple ni schéma utilisable pour cette réponse. Demandez un autre statut avec `Prefer: code=<statut>`, ou une réponse générée avec `Prefer: dynamic=true`.',
        },
      };
  }
}

/** The violations Prism found, in the sandbox's shape. */
export function toViolations(list: unknown): Violation[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    if (item === null || typeof item !== 'object') return [];
    const { location, path, message } = item as {
      location?: unknown;
      path?: unknown;
      message?: unknown;
    };
    const where = Array.isArray(location) ? location : Array.isArray(path) ? path : [];
    return [
      {
        location: where.map(String).join('.') || 'request',
        message: typeof message === 'string' ? message : 'is not valid',
      },
    ];
  });
}

/**
 * The refusal for a request that breaks its operation's description: 415 when its content type
 * is not one the operation reads (Prism's code 415), else 422 with every violation listed.
 */
export function toInvalidInputRefusal(
  list: readonly { code?: string | number; message: string }[],
): Refusal {
  const contentType = list.find((item) => String(item.code) === '415');
  if (contentType)
    return { name: 'unsupportedMediaType', detail: toEngineDetail(contentType.message) };
  return toViolationsRefusal(list);
}

function toViolationsRefusal(list: unknown): Refusal {
  const violations = toViolations(list);
  const count = violations.length;
  return {
    name: 'requestViolations',
    detail:
      count === 1
        ? {
            en: `The request breaks the operation's description at ${violations[0]?.location ?? 'one place'}.`,
            fr: `La requête enfreint la description de l’opération en ${violations[0]?.location ?? 'un endroit'}.`,
          }
        : {
            en: `The request breaks the operation's description in ${String(count)} places.`,
            fr: `La requête enfreint la description de l’opération en ${String(count)} endroits.`,
          },
    extensions: { violations },
  };
}

/**
 * A sentence of the mock engine (Prism), which speaks English only: the French detail says so
 * and quotes it, rather than guess a translation of text it does not control.
 */
function toEngineDetail(text: string): Localized {
  return { en: text, fr: `Le moteur de simulation répond (en anglais) : ${text}` };
}
