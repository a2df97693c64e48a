import { defineProblem, type ProblemType } from './problem-type.ts';

/**
 * The 413s to 431s: a request larger, faster or otherwise shaped than the sandbox and the
 * operation's document allow.
 * In status order, as `problemTypes` lists them.
 */
export const limitProblems = {
  bodyTooLarge: defineProblem(
    'body-too-large',
    413,
    { en: 'Request body too large', fr: 'Corps de requête trop gros' },
    {
      en: 'The sandbox reads request bodies up to a fixed size: 1 MiB at the gateway unless configured otherwise.',
      fr: 'Le bac à sable lit les corps de requête jusqu’à une taille fixe : 1 Mio à la passerelle, sauf configuration contraire.',
    },
  ),
  unsupportedMediaType: defineProblem(
    'unsupported-media-type',
    415,
    { en: 'Unsupported media type', fr: 'Type de média non pris en charge' },
    {
      en: 'The request body is in a media type the endpoint does not read. An API operation reads the media types its document lists for the request body; the sandbox’s own endpoints read `application/json`.',
      fr: 'Le corps de la requête est dans un type de média que le point d’accès ne lit pas. Une opération d’API lit les types de média que son document liste pour le corps de requête ; les points d’accès propres au bac à sable lisent `application/json`.',
    },
  ),
  requestViolations: defineProblem(
    'request-violations',
    422,
    { en: 'Request does not match the document', fr: 'Requête non conforme au document' },
    {
      en: "The request breaks the operation's OpenAPI description; `violations` lists each one with its `location` (`body.montant`, `query.page`) and a `message`.",
      fr: 'La requête enfreint la description OpenAPI de l’opération ; `violations` liste chaque écart avec son `location` (`body.montant`, `query.page`) et un `message`.',
    },
  ),
  quotaExceeded: defineProblem(
    'quota-exceeded',
    429,
    { en: 'Quota exceeded', fr: 'Quota dépassé' },
    {
      en: 'The key used every request its plan allows in the last minute. Wait for the seconds given in `Retry-After`; the `RateLimit` header tells how many requests remain.',
      fr: 'La clé a utilisé toutes les requêtes que son offre permet sur la dernière minute. Attendez le nombre de secondes indiqué par `Retry-After` ; l’en-tête `RateLimit` dit combien de requêtes il reste.',
    },
  ),
  tooManyFailedAuthentications: defineProblem(
    'too-many-failed-authentications',
    429,
    { en: 'Too many failed authentications', fr: 'Trop d’authentifications échouées' },
    {
      en: 'One address sent too many wrong client ids or secrets in a short time. Wait for the seconds given in `Retry-After`, then send the right credentials.',
      fr: 'Une même adresse a envoyé trop d’identifiants ou de secrets de client faux en peu de temps. Attendez le nombre de secondes indiqué par `Retry-After`, puis envoyez les bons identifiants.',
    },
  ),
  tooManyTrialKeys: defineProblem(
    'too-many-trial-keys',
    429,
    { en: 'Too many trial keys', fr: 'Trop de clés d’essai' },
    {
      en: 'One address may ask for a few trial keys an hour. Wait for the seconds given in `Retry-After`.',
      fr: 'Une même adresse peut demander quelques clés d’essai par heure. Attendez le nombre de secondes indiqué par `Retry-After`.',
    },
  ),
  tooManyConnections: defineProblem(
    'too-many-connections',
    429,
    { en: 'Too many connections', fr: 'Trop de connexions' },
    {
      en: 'One client address may hold only so many connections to the sandbox at once (256 unless configured otherwise). Reuse connections (keep-alive) or close idle ones, then retry.',
      fr: 'Une même adresse cliente ne peut tenir qu’un nombre limité de connexions au bac à sable à la fois (256, sauf configuration contraire). Réutilisez les connexions (keep-alive) ou fermez celles qui sont inactives, puis réessayez.',
    },
  ),
  headersTooLarge: defineProblem(
    'headers-too-large',
    431,
    { en: 'Request headers too large', fr: 'En-têtes de requête trop gros' },
    {
      en: 'The request line and headers together exceed the size the sandbox accepts (16 KiB unless configured otherwise).',
      fr: 'La ligne de requête et les en-têtes dépassent ensemble la taille que le bac à sable accepte (16 Kio, sauf configuration contraire).',
    },
  ),
} as const satisfies Record<string, ProblemType>;
