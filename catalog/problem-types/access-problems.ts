import { defineProblem, type ProblemType } from './problem-type.ts';

/**
 * The 401s and 403s: who the caller is (keys, tokens, clients, the admin token) and what its
 * subscription lets it call.
 * In status order, as `problemTypes` lists them.
 */
export const accessProblems = {
  adminTokenRequired: defineProblem(
    'admin-token-required',
    401,
    { en: 'Administrator token required', fr: 'Jeton d’administration requis' },
    {
      en: 'The admin API needs `Authorization: Bearer <token>`; the token is in the sandbox data folder (`admin-token`) unless set by `GUICHET_ADMIN_TOKEN`.',
      fr: 'L’API d’administration demande `Authorization: Bearer <jeton>` ; le jeton est dans le dossier de données du bac à sable (`admin-token`), sauf s’il est fixé par `GUICHET_ADMIN_TOKEN`.',
    },
  ),
  credentialsMismatch: defineProblem(
    'credentials-mismatch',
    401,
    { en: 'Credentials of different applications', fr: 'Identifiants d’applications différentes' },
    {
      en: 'The operation needs several credentials together, and those sent belong to different applications. Send the key and the token (or client) of one application.',
      fr: 'L’opération demande plusieurs identifiants ensemble, et ceux envoyés appartiennent à des applications différentes. Envoyez la clé et le jeton (ou le client) d’une même application.',
    },
  ),
  invalidClient: defineProblem(
    'invalid-client',
    401,
    { en: 'Client authentication failed', fr: 'Échec de l’authentification du client' },
    {
      en: 'The client id and secret (`Authorization: Basic`, or `client_id` and `client_secret`) are unknown, wrong, rotated out of their grace period, or revoked (RFC 6749 `invalid_client`). Copy them whole from the trial application, or get new ones.',
      fr: 'L’identifiant et le secret du client (`Authorization: Basic`, ou `client_id` et `client_secret`) sont inconnus, faux, remplacés depuis plus que leur délai de grâce, ou révoqués (`invalid_client`, RFC 6749). Copiez-les en entier depuis l’application d’essai, ou obtenez-en de nouveaux.',
    },
  ),
  invalidToken: defineProblem(
    'invalid-token',
    401,
    { en: 'Invalid access token', fr: 'Jeton d’accès invalide' },
    {
      en: 'The bearer token is not one the sandbox issued for this API, or it expired or was revoked (RFC 6750 `invalid_token`). Get a new one from the sandbox’s token endpoint (`POST /oauth/token`).',
      fr: 'Le jeton porteur n’a pas été émis par le bac à sable pour cette API, ou il a expiré ou été révoqué (`invalid_token`, RFC 6750). Obtenez-en un nouveau au point d’accès des jetons du bac à sable (`POST /oauth/token`).',
    },
  ),
  missingCredentials: defineProblem(
    'missing-credentials',
    401,
    { en: 'Credentials required', fr: 'Identifiants requis' },
    {
      en: 'The operation needs credentials its OpenAPI document declares — an access token, a client id and secret, or a key in a given place — and none were sent. `WWW-Authenticate` lists what it takes; the API page shows how to send each.',
      fr: 'L’opération demande des identifiants que son document OpenAPI déclare (un jeton d’accès, un identifiant et un secret de client, ou une clé à un endroit donné) et aucun n’a été envoyé. `WWW-Authenticate` liste ce qu’elle accepte ; la page de l’API montre comment envoyer chacun.',
    },
  ),
  missingKey: defineProblem(
    'missing-key',
    401,
    { en: 'Subscription key required', fr: 'Clé d’abonnement requise' },
    {
      en: 'Send your key in the `X-Api-Key` header. Get a trial key on the API page of the portal.',
      fr: 'Envoyez votre clé dans l’en-tête `X-Api-Key`. Obtenez une clé d’essai sur la page de l’API dans le portail.',
    },
  ),
  unknownKey: defineProblem(
    'unknown-key',
    401,
    { en: 'Unknown subscription key', fr: 'Clé d’abonnement inconnue' },
    {
      en: 'The `X-Api-Key` header holds a key the sandbox does not know. Copy the whole key (it starts with `gk_`), or get a new one.',
      fr: 'L’en-tête `X-Api-Key` porte une clé que le bac à sable ne connaît pas. Copiez la clé en entier (elle commence par `gk_`), ou obtenez-en une nouvelle.',
    },
  ),
  insufficientScope: defineProblem(
    'insufficient-scope',
    403,
    { en: 'Scope missing', fr: 'Portée manquante' },
    {
      en: 'The operation needs an OAuth 2.0 scope the token or the subscription does not hold (RFC 6750 `insufficient_scope`); `WWW-Authenticate` and `scope` name it. Ask for a token with that scope, or for the scope to be granted if it is restricted.',
      fr: 'L’opération demande une portée OAuth 2.0 que le jeton ou l’abonnement n’a pas (`insufficient_scope`, RFC 6750) ; `WWW-Authenticate` et `scope` la nomment. Demandez un jeton avec cette portée, ou que la portée vous soit accordée si elle est restreinte.',
    },
  ),
  notSubscribed: defineProblem(
    'not-subscribed',
    403,
    { en: 'Key not subscribed to this API', fr: 'Clé non abonnée à cette API' },
    {
      en: 'The key is valid but has no subscription to the API called. Ask for a key for this API on its portal page.',
      fr: 'La clé est valide mais n’a pas d’abonnement à l’API appelée. Demandez une clé pour cette API sur sa page du portail.',
    },
  ),
  originNotAllowed: defineProblem(
    'origin-not-allowed',
    403,
    { en: 'Origin not allowed', fr: 'Origine non autorisée' },
    {
      en: 'Browsers may call the sandbox only from the portal. Use the portal’s console, or call from a server or the command line.',
      fr: 'Les navigateurs ne peuvent appeler le bac à sable que depuis le portail. Utilisez la console du portail, ou appelez depuis un serveur ou la ligne de commande.',
    },
  ),
  subscriptionExpired: defineProblem(
    'subscription-expired',
    403,
    { en: 'Subscription expired', fr: 'Abonnement expiré' },
    {
      en: 'The subscription had an end date and it has passed. Ask for a new key.',
      fr: 'L’abonnement avait une date de fin et elle est passée. Demandez une nouvelle clé.',
    },
  ),
  subscriptionPending: defineProblem(
    'subscription-pending',
    403,
    { en: 'Subscription awaiting approval', fr: 'Abonnement en attente d’approbation' },
    {
      en: 'Restricted APIs need an administrator to approve each key. The key works as soon as it is approved.',
      fr: 'Les API restreintes demandent qu’un administrateur approuve chaque clé. La clé fonctionne dès qu’elle est approuvée.',
    },
  ),
  subscriptionRejected: defineProblem(
    'subscription-rejected',
    403,
    { en: 'Subscription rejected', fr: 'Abonnement refusé' },
    {
      en: 'An administrator declined this subscription. Contact the API’s support to learn why.',
      fr: 'Un administrateur a refusé cet abonnement. Contactez le support de l’API pour savoir pourquoi.',
    },
  ),
  subscriptionRevoked: defineProblem(
    'subscription-revoked',
    403,
    { en: 'Subscription revoked', fr: 'Abonnement révoqué' },
    {
      en: 'An administrator revoked this key for this API. Ask for a new key.',
      fr: 'Un administrateur a révoqué cette clé pour cette API. Demandez une nouvelle clé.',
    },
  ),
} as const satisfies Record<string, ProblemType>;
