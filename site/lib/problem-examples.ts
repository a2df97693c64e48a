import type { Localized, SandboxLanguage } from '../../catalog/sandbox-problems.ts';
import type { ListedProblem, RemedyMessages } from './problem-pages.ts';
import { toProblemAdvice } from './problem-pages.ts';

/** An answer of one problem type, as a partner would receive it. */
export interface ProblemExample {
  /** Headers worth showing beside the body (the media type first). */
  headers: [name: string, value: string][];
  body: Record<string, unknown>;
}

/** A request id of the form the gateway writes in `instance`. */
const sampleInstance = '7f3c2a9e-5b1d-4c8e-9a60-2d4f81b0c3e5';

/**
 * What the sandbox adds to some types: a sentence it really writes for the occurrence, the
 * extension members RFC 9457 lets a type define, the headers that come with it.
 */
const specifics: Readonly<
  Record<
    string,
    { detail?: Localized; extensions?: Record<string, unknown>; headers?: [string, string][] }
  >
> = {
  'invalid-request': {
    detail: { en: 'Invalid field(s): email.', fr: 'Champ(s) invalide(s) : email.' },
    extensions: {
      errors: [{ pointer: '#/email', detail: 'must be an email address such as dev@example.org' }],
    },
  },
  'request-violations': {
    detail: {
      en: "The request breaks the operation's description at body.",
      fr: 'La requête enfreint la description de l’opération en body.',
    },
    extensions: {
      violations: [{ location: 'body', message: "must have required property 'montantTotal'" }],
    },
  },
  'missing-key': {
    detail: {
      en: 'Send your subscription key in the X-Api-Key header.',
      fr: 'Envoyez votre clé d’abonnement dans l’en-tête X-Api-Key.',
    },
    headers: [['WWW-Authenticate', 'X-Api-Key realm="guichet-sandbox"']],
  },
  'unknown-key': {
    detail: {
      en: 'The key in X-Api-Key is not known to the sandbox. Check it was copied whole, or get a new one.',
      fr: 'Le bac à sable ne connaît pas la clé de X-Api-Key. Vérifiez qu’elle a été copiée en entier, ou obtenez-en une nouvelle.',
    },
    headers: [['WWW-Authenticate', 'X-Api-Key realm="guichet-sandbox"']],
  },
  'subscription-pending': {
    detail: {
      en: 'The subscription of key gk_Ab3dEf9h… to "tax-filing" is pending.',
      fr: 'L’abonnement de la clé gk_Ab3dEf9h… à « tax-filing » est en attente d’approbation.',
    },
  },
  'quota-exceeded': {
    detail: {
      en: 'Key gk_Ab3dEf9h… used the 100 requests a minute of the free plan on "tax-filing". Retry in 17 s.',
      fr: 'La clé gk_Ab3dEf9h… a utilisé les 100 requêtes par minute de l’offre free sur « tax-filing ». Réessayez dans 17 s.',
    },
    headers: [
      ['Retry-After', '17'],
      ['RateLimit-Policy', '"free";q=100;w=60'],
      ['RateLimit', '"free";r=0;t=17'],
    ],
  },
  'too-many-trial-keys': {
    detail: {
      en: 'This address asked for 5 trial keys in the last hour. Retry in 1520 s.',
      fr: 'Cette adresse a demandé 5 clés d’essai dans la dernière heure. Réessayez dans 1520 s.',
    },
    headers: [['Retry-After', '1520']],
  },
  'api-starting': { headers: [['Retry-After', '2']] },
  'method-not-allowed': { headers: [['Allow', 'POST']] },
  'undocumented-method': { headers: [['Allow', 'GET, POST']] },
};

/**
 * An example answer of a problem type, as a caller asking for `language` gets it. `detail` and
 * `instance` change with every request; where the sandbox has no fixed sentence, the example
 * reuses the type's cause as its `detail`.
 */
export function toProblemExample(
  problem: ListedProblem,
  language: SandboxLanguage,
  messages: RemedyMessages,
): ProblemExample {
  const specific = specifics[problem.slug] ?? {};
  return {
    headers: [
      ['Content-Type', 'application/problem+json'],
      ['Content-Language', language],
      ...(specific.headers ?? []),
    ],
    body: {
      type: problem.type,
      title: problem.title[language],
      status: problem.status,
      detail:
        specific.detail?.[language] ??
        toProblemAdvice(problem, language, messages).cause.replace(/`/g, ''),
      instance: sampleInstance,
      ...specific.extensions,
    },
  };
}

/** The example as the text of an HTTP answer: status line, headers, blank line, JSON body. */
export function toProblemExampleText(
  problem: ListedProblem,
  statusLabel: string,
  language: SandboxLanguage,
  messages: RemedyMessages,
): string {
  const example = toProblemExample(problem, language, messages);
  const headers = example.headers.map(([name, value]) => `${name}: ${value}`);
  return [`HTTP/1.1 ${statusLabel}`, ...headers, '', JSON.stringify(example.body, null, 2)].join(
    '\n',
  );
}
