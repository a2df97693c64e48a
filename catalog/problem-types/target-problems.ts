import { defineProblem, type ProblemType } from './problem-type.ts';

/**
 * The 404s to 410s: what the request names does not exist, does not answer that way, or cannot
 * change in its current state.
 * In status order, as `problemTypes` lists them.
 */
export const targetProblems = {
  notFound: defineProblem(
    'not-found',
    404,
    { en: 'Not found', fr: 'Introuvable' },
    {
      en: 'Nothing answers at this address. Sandbox URLs look like `/<api-id>/<version-id>/<path>`.',
      fr: 'Rien ne répond à cette adresse. Les adresses du bac à sable ont la forme `/<api-id>/<version-id>/<chemin>`.',
    },
  ),
  objectNotFound: defineProblem(
    'object-not-found',
    404,
    { en: 'Object not found', fr: 'Objet introuvable' },
    {
      en: 'None of your objects has this identifier in this resource: it was never created with your key, was deleted, or your sandbox data were reset or expired. Each consumer sees only its own objects; create one with `POST` first.',
      fr: 'Aucun de vos objets n’a cet identifiant dans cette ressource : il n’a jamais été créé avec votre clé, il a été supprimé, ou vos données du bac à sable ont été remises à zéro ou ont expiré. Chaque consommateur ne voit que ses propres objets ; créez-en un d’abord avec `POST`.',
    },
  ),
  preferenceUnavailable: defineProblem(
    'preference-unavailable',
    404,
    { en: 'No such example or status', fr: 'Exemple ou statut inexistant' },
    {
      en: 'The `Prefer` header asks for a status or a named example this operation does not document. The API reference lists the responses and examples of each operation.',
      fr: 'L’en-tête `Prefer` demande un statut ou un exemple nommé que cette opération ne documente pas. La référence de l’API liste les réponses et les exemples de chaque opération.',
    },
  ),
  unknownApi: defineProblem(
    'unknown-api',
    404,
    { en: 'Unknown API', fr: 'API inconnue' },
    {
      en: 'The first segment of the path names no API of the catalog. Copy the sandbox URL from the API page.',
      fr: 'Le premier segment du chemin ne nomme aucune API du catalogue. Copiez l’adresse du bac à sable depuis la page de l’API.',
    },
  ),
  unknownOperation: defineProblem(
    'unknown-operation',
    404,
    { en: 'No such operation', fr: 'Aucune opération à cette adresse' },
    {
      en: "No path of this version's OpenAPI document matches the request. Paths are relative to the version's sandbox URL (`/<api-id>/<version-id>`).",
      fr: 'Aucun chemin du document OpenAPI de cette version ne correspond à la requête. Les chemins partent de l’adresse du bac à sable de la version (`/<api-id>/<version-id>`).',
    },
  ),
  unknownSubscription: defineProblem(
    'unknown-subscription',
    404,
    { en: 'Unknown key or subscription', fr: 'Clé ou abonnement inconnu' },
    {
      en: 'No key has this prefix or id, or it has no subscription to the API named (admin API).',
      fr: 'Aucune clé n’a ce préfixe ou cet identifiant, ou elle n’a pas d’abonnement à l’API nommée (API d’administration).',
    },
  ),
  unknownVersion: defineProblem(
    'unknown-version',
    404,
    { en: 'Unknown API version', fr: 'Version d’API inconnue' },
    {
      en: 'The second segment of the path names no version of this API. The API page lists its versions.',
      fr: 'Le deuxième segment du chemin ne nomme aucune version de cette API. La page de l’API liste ses versions.',
    },
  ),
  methodNotAllowed: defineProblem(
    'method-not-allowed',
    405,
    { en: 'Method not allowed', fr: 'Méthode non autorisée' },
    {
      en: 'This endpoint of the gateway does not accept this method; the `Allow` header lists those it does.',
      fr: 'Ce point d’accès de la passerelle n’accepte pas cette méthode ; l’en-tête `Allow` liste celles qu’il accepte.',
    },
  ),
  undocumentedMethod: defineProblem(
    'undocumented-method',
    405,
    { en: 'Method not documented for this path', fr: 'Méthode non documentée pour ce chemin' },
    {
      en: 'The path exists in the document, but not with this method; the `Allow` header lists the methods it has.',
      fr: 'Le chemin existe dans le document, mais pas avec cette méthode ; l’en-tête `Allow` liste les méthodes qu’il a.',
    },
  ),
  notAcceptable: defineProblem(
    'not-acceptable',
    406,
    {
      en: 'No response in an accepted media type',
      fr: 'Aucune réponse dans un type de média accepté',
    },
    {
      en: 'The operation documents no response in a media type the `Accept` header allows. Accept one of those the API reference lists, or `*/*`.',
      fr: 'L’opération ne documente aucune réponse dans un type de média que l’en-tête `Accept` permet. Acceptez l’un de ceux que liste la référence de l’API, ou `*/*`.',
    },
  ),
  requestTimeout: defineProblem(
    'request-timeout',
    408,
    { en: 'Request too slow', fr: 'Requête trop lente' },
    {
      en: 'The client took too long to send the request headers or body.',
      fr: 'Le client a mis trop longtemps à envoyer les en-têtes ou le corps de la requête.',
    },
  ),
  conflictingState: defineProblem(
    'conflicting-state',
    409,
    { en: 'Not possible in the current state', fr: 'Impossible dans l’état actuel' },
    {
      en: 'The subscription is not in a state that allows this change, e.g. approving a revoked key (admin API).',
      fr: 'L’abonnement n’est pas dans un état qui permet ce changement, par exemple approuver une clé révoquée (API d’administration).',
    },
  ),
  objectExists: defineProblem(
    'object-exists',
    409,
    { en: 'Object already exists', fr: 'L’objet existe déjà' },
    {
      en: 'The body gives an identifier one of your objects already has. Give another, or change that object with `PUT` or `PATCH`.',
      fr: 'Le corps donne un identifiant qu’a déjà l’un de vos objets. Donnez-en un autre, ou modifiez cet objet avec `PUT` ou `PATCH`.',
    },
  ),
  patchNotApplicable: defineProblem(
    'patch-not-applicable',
    409,
    { en: 'Patch cannot be applied', fr: 'Correctif inapplicable' },
    {
      en: 'A JSON Patch operation does not apply to the object as stored: a `test` did not match, or a path does not exist. Read the object again and build the patch from what it holds.',
      fr: 'Une opération JSON Patch ne s’applique pas à l’objet tel qu’il est enregistré : un `test` n’a pas correspondu, ou un chemin n’existe pas. Relisez l’objet et construisez le correctif à partir de ce qu’il contient.',
    },
  ),
  versionRetired: defineProblem(
    'version-retired',
    410,
    { en: 'API version retired', fr: 'Version d’API retirée' },
    {
      en: 'This version has passed its sunset and no longer answers. Move to the current version shown on the API page.',
      fr: 'Cette version a passé sa date de fin et ne répond plus. Passez à la version actuelle qu’indique la page de l’API.',
    },
  ),
} as const satisfies Record<string, ProblemType>;
