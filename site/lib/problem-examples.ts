import type { ListedProblem } from './problem-pages.ts';
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
    { detail?: string; extensions?: Record<string, unknown>; headers?: [string, string][] }
  >
> = {
  'invalid-request': {
    detail: 'Invalid field(s): email.',
    extensions: {
      errors: [{ pointer: '#/email', detail: 'must be an email address such as dev@example.org' }],
    },
  },
  'request-violations': {
    detail: "The request breaks the operation's description at body.",
    extensions: {
      violations: [{ location: 'body', message: "must have required property 'montantTotal'" }],
    },
  },
  'missing-key': {
    detail: 'Send your subscription key in the X-Api-Key header.',
    headers: [['WWW-Authenticate', 'X-Api-Key realm="guichet-sandbox"']],
  },
  'unknown-key': {
    detail:
      'The key in X-Api-Key is not known to the sandbox. Check it was copied whole, or get a new one.',
    headers: [['WWW-Authenticate', 'X-Api-Key realm="guichet-sandbox"']],
  },
  'subscription-pending': {
    detail: 'The subscription of key gk_Ab3dEf9h… to "tax-filing" is pending.',
  },
  'quota-exceeded': {
    detail:
      'Key gk_Ab3dEf9h… used the 100 requests a minute of the free plan on "tax-filing". Retry in 17 s.',
    headers: [
      ['Retry-After', '17'],
      ['RateLimit-Policy', '"free";q=100;w=60'],
      ['RateLimit', '"free";r=0;t=17'],
    ],
  },
  'too-many-trial-keys': {
    detail: 'This address asked for 5 trial keys in the last hour. Retry in 1520 s.',
    headers: [['Retry-After', '1520']],
  },
  'api-starting': { headers: [['Retry-After', '2']] },
  'method-not-allowed': { headers: [['Allow', 'POST']] },
  'undocumented-method': { headers: [['Allow', 'GET, POST']] },
};

/**
 * An example answer of a problem type. `detail` and `instance` change with every request; where
 * the sandbox has no fixed sentence, the example reuses the type's cause as its `detail`.
 */
export function toProblemExample(problem: ListedProblem): ProblemExample {
  const specific = specifics[problem.slug] ?? {};
  return {
    headers: [['Content-Type', 'application/problem+json'], ...(specific.headers ?? [])],
    body: {
      type: problem.type,
      title: problem.title,
      status: problem.status,
      detail: specific.detail ?? toProblemAdvice(problem).cause.replace(/`/g, ''),
      instance: sampleInstance,
      ...specific.extensions,
    },
  };
}

/** The example as the text of an HTTP answer: status line, headers, blank line, JSON body. */
export function toProblemExampleText(problem: ListedProblem, statusLabel: string): string {
  const example = toProblemExample(problem);
  const headers = example.headers.map(([name, value]) => `${name}: ${value}`);
  return [`HTTP/1.1 ${statusLabel}`, ...headers, '', JSON.stringify(example.body, null, 2)].join(
    '\n',
  );
}
