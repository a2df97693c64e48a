/**
 * Every refusal the sandbox can answer (gateway, mock server, previews proxy) in one place, as
 * RFC 9457 `application/problem+json` whose `type` is `/problems/<slug>`: the portal's problems
 * pages list them, and the gateway redirects such a `type` to its page. It lives here because
 * the site and both servers read it and may import nothing else in common. Each type carries
 * its title and description in every language of the sandbox (`Localized`): leaving one out
 * fails `npm run check`, and the `type` and `status` never change with the language.
 */
import type { Localized, SandboxLanguage } from './sandbox-languages.ts';

export { sandboxLanguages, type Localized, type SandboxLanguage } from './sandbox-languages.ts';

/** One kind of refusal: what it means, its status, and what the partner can do about it. */
export interface ProblemType {
  /** URL segment under `/problems/`. */
  slug: string;
  /** HTTP status answered. */
  status: number;
  /** Short, constant summary (RFC 9457 `title`), in each language. */
  title: Localized;
  /** When it happens and how to get past it, for the portal's page of problem types. */
  description: Localized;
}

function define(
  slug: string,
  status: number,
  title: Localized,
  description: Localized,
): ProblemType {
  return { slug, status, title, description };
}

/** The sandbox's problem types by name, in status order. */
export const problemTypes = {
  badRequest: define(
    'bad-request',
    400,
    { en: 'Malformed HTTP request', fr: 'Requête HTTP mal formée' },
    {
      en: 'The request could not be parsed as HTTP/1.1. Check the client library or proxy that sent it.',
      fr: 'La requête ne se lit pas comme du HTTP/1.1. Vérifiez la bibliothèque cliente ou le proxy qui l’a envoyée.',
    },
  ),
  invalidPrefer: define(
    'invalid-prefer-header',
    400,
    { en: 'Invalid Prefer header', fr: 'En-tête Prefer invalide' },
    {
      en: 'The sandbox reads `Prefer: code=<status>, example=<name>, dynamic=true|false`; a value did not have that form (a status is three digits).',
      fr: 'Le bac à sable lit `Prefer: code=<statut>, example=<nom>, dynamic=true|false` ; une valeur n’avait pas cette forme (un statut a trois chiffres).',
    },
  ),
  invalidRequest: define(
    'invalid-request',
    400,
    { en: 'Invalid request', fr: 'Requête invalide' },
    {
      en: 'The request body does not match what the endpoint expects; `errors` lists each invalid field with a `pointer` and a `detail`.',
      fr: 'Le corps de la requête ne correspond pas à ce qu’attend le point d’accès ; `errors` liste chaque champ invalide avec un `pointer` et un `detail`.',
    },
  ),
  invalidGrant: define(
    'invalid-grant',
    400,
    { en: 'Grant refused', fr: 'Autorisation refusée' },
    {
      en: 'The token endpoint answers RFC 6749 `invalid_grant`: the client is known but holds no active subscription to issue a token for (pending, rejected, revoked or expired). Ask for a subscription on the API page, or wait for its approval.',
      fr: 'Le point d’accès des jetons répond `invalid_grant` (RFC 6749) : le client est connu mais n’a aucun abonnement actif pour lequel émettre un jeton (en attente, refusé, révoqué ou expiré). Demandez un abonnement sur la page de l’API, ou attendez qu’il soit approuvé.',
    },
  ),
  invalidScope: define(
    'invalid-scope',
    400,
    { en: 'Scope not granted', fr: 'Portée non accordée' },
    {
      en: 'The token endpoint answers RFC 6749 `invalid_scope`: the `scope` asked for names a scope the subscription does not grant (a restricted scope needs an administrator’s approval) or that is malformed. Ask for the scopes listed on the API page, or leave `scope` out to get every scope granted.',
      fr: 'Le point d’accès des jetons répond `invalid_scope` (RFC 6749) : le `scope` demandé nomme une portée que l’abonnement n’accorde pas (une portée restreinte demande l’approbation d’un administrateur) ou il est mal formé. Demandez les portées que liste la page de l’API, ou omettez `scope` pour obtenir toutes celles accordées.',
    },
  ),
  invalidTokenRequest: define(
    'invalid-token-request',
    400,
    { en: 'Invalid token request', fr: 'Demande de jeton invalide' },
    {
      en: 'The token endpoint answers RFC 6749 `invalid_request`: send `grant_type=client_credentials` as `application/x-www-form-urlencoded`, each parameter once, and authenticate the client one way only (`Authorization: Basic` or `client_id` and `client_secret` in the body).',
      fr: 'Le point d’accès des jetons répond `invalid_request` (RFC 6749) : envoyez `grant_type=client_credentials` en `application/x-www-form-urlencoded`, chaque paramètre une fois, et authentifiez le client d’une seule façon (`Authorization: Basic`, ou `client_id` et `client_secret` dans le corps).',
    },
  ),
  unsupportedGrantType: define(
    'unsupported-grant-type',
    400,
    { en: 'Grant type not supported', fr: 'Type d’autorisation non pris en charge' },
    {
      en: 'The token endpoint answers RFC 6749 `unsupported_grant_type`: the sandbox issues tokens by `grant_type=client_credentials` only — also for documents that declare an authorization code or implicit flow, whose scopes it grants the same way.',
      fr: 'Le point d’accès des jetons répond `unsupported_grant_type` (RFC 6749) : le bac à sable n’émet de jetons que par `grant_type=client_credentials`, y compris pour les documents qui déclarent un flux authorization code ou implicit, dont il accorde les portées de la même façon.',
    },
  ),
  malformedJson: define(
    'malformed-json',
    400,
    { en: 'Body is not valid JSON', fr: 'Corps qui n’est pas du JSON valide' },
    {
      en: 'The request says its body is JSON (`Content-Type: application/json`) but the body does not parse. Check quotes and commas.',
      fr: 'La requête annonce un corps JSON (`Content-Type: application/json`) mais il ne se lit pas. Vérifiez les guillemets et les virgules.',
    },
  ),
  bodyTooDeep: define(
    'json-too-deep',
    400,
    { en: 'Body nested too deeply', fr: 'Corps trop imbriqué' },
    {
      en: 'The JSON body nests objects and lists more than 64 levels deep. No API of the sandbox needs that many: flatten the body.',
      fr: 'Le corps JSON imbrique objets et listes sur plus de 64 niveaux. Aucune API du bac à sable n’en demande autant : aplatissez le corps.',
    },
  ),
  adminTokenRequired: define(
    'admin-token-required',
    401,
    { en: 'Administrator token required', fr: 'Jeton d’administration requis' },
    {
      en: 'The admin API needs `Authorization: Bearer <token>`; the token is in the sandbox data folder (`admin-token`) unless set by `GUICHET_ADMIN_TOKEN`.',
      fr: 'L’API d’administration demande `Authorization: Bearer <jeton>` ; le jeton est dans le dossier de données du bac à sable (`admin-token`), sauf s’il est fixé par `GUICHET_ADMIN_TOKEN`.',
    },
  ),
  credentialsMismatch: define(
    'credentials-mismatch',
    401,
    { en: 'Credentials of different applications', fr: 'Identifiants d’applications différentes' },
    {
      en: 'The operation needs several credentials together, and those sent belong to different applications. Send the key and the token (or client) of one application.',
      fr: 'L’opération demande plusieurs identifiants ensemble, et ceux envoyés appartiennent à des applications différentes. Envoyez la clé et le jeton (ou le client) d’une même application.',
    },
  ),
  invalidClient: define(
    'invalid-client',
    401,
    { en: 'Client authentication failed', fr: 'Échec de l’authentification du client' },
    {
      en: 'The client id and secret (`Authorization: Basic`, or `client_id` and `client_secret`) are unknown, wrong, rotated out of their grace period, or revoked (RFC 6749 `invalid_client`). Copy them whole from the trial application, or get new ones.',
      fr: 'L’identifiant et le secret du client (`Authorization: Basic`, ou `client_id` et `client_secret`) sont inconnus, faux, remplacés depuis plus que leur délai de grâce, ou révoqués (`invalid_client`, RFC 6749). Copiez-les en entier depuis l’application d’essai, ou obtenez-en de nouveaux.',
    },
  ),
  invalidToken: define(
    'invalid-token',
    401,
    { en: 'Invalid access token', fr: 'Jeton d’accès invalide' },
    {
      en: 'The bearer token is not one the sandbox issued for this API, or it expired or was revoked (RFC 6750 `invalid_token`). Get a new one from the sandbox’s token endpoint (`POST /oauth/token`).',
      fr: 'Le jeton porteur n’a pas été émis par le bac à sable pour cette API, ou il a expiré ou été révoqué (`invalid_token`, RFC 6750). Obtenez-en un nouveau au point d’accès des jetons du bac à sable (`POST /oauth/token`).',
    },
  ),
  missingCredentials: define(
    'missing-credentials',
    401,
    { en: 'Credentials required', fr: 'Identifiants requis' },
    {
      en: 'The operation needs credentials its OpenAPI document declares — an access token, a client id and secret, or a key in a given place — and none were sent. `WWW-Authenticate` lists what it takes; the API page shows how to send each.',
      fr: 'L’opération demande des identifiants que son document OpenAPI déclare (un jeton d’accès, un identifiant et un secret de client, ou une clé à un endroit donné) et aucun n’a été envoyé. `WWW-Authenticate` liste ce qu’elle accepte ; la page de l’API montre comment envoyer chacun.',
    },
  ),
  missingKey: define(
    'missing-key',
    401,
    { en: 'Subscription key required', fr: 'Clé d’abonnement requise' },
    {
      en: 'Send your key in the `X-Api-Key` header. Get a trial key on the API page of the portal.',
      fr: 'Envoyez votre clé dans l’en-tête `X-Api-Key`. Obtenez une clé d’essai sur la page de l’API dans le portail.',
    },
  ),
  unknownKey: define(
    'unknown-key',
    401,
    { en: 'Unknown subscription key', fr: 'Clé d’abonnement inconnue' },
    {
      en: 'The `X-Api-Key` header holds a key the sandbox does not know. Copy the whole key (it starts with `gk_`), or get a new one.',
      fr: 'L’en-tête `X-Api-Key` porte une clé que le bac à sable ne connaît pas. Copiez la clé en entier (elle commence par `gk_`), ou obtenez-en une nouvelle.',
    },
  ),
  insufficientScope: define(
    'insufficient-scope',
    403,
    { en: 'Scope missing', fr: 'Portée manquante' },
    {
      en: 'The operation needs an OAuth 2.0 scope the token or the subscription does not hold (RFC 6750 `insufficient_scope`); `WWW-Authenticate` and `scope` name it. Ask for a token with that scope, or for the scope to be granted if it is restricted.',
      fr: 'L’opération demande une portée OAuth 2.0 que le jeton ou l’abonnement n’a pas (`insufficient_scope`, RFC 6750) ; `WWW-Authenticate` et `scope` la nomment. Demandez un jeton avec cette portée, ou que la portée vous soit accordée si elle est restreinte.',
    },
  ),
  notSubscribed: define(
    'not-subscribed',
    403,
    { en: 'Key not subscribed to this API', fr: 'Clé non abonnée à cette API' },
    {
      en: 'The key is valid but has no subscription to the API called. Ask for a key for this API on its portal page.',
      fr: 'La clé est valide mais n’a pas d’abonnement à l’API appelée. Demandez une clé pour cette API sur sa page du portail.',
    },
  ),
  originNotAllowed: define(
    'origin-not-allowed',
    403,
    { en: 'Origin not allowed', fr: 'Origine non autorisée' },
    {
      en: 'Browsers may call the sandbox only from the portal. Use the portal’s console, or call from a server or the command line.',
      fr: 'Les navigateurs ne peuvent appeler le bac à sable que depuis le portail. Utilisez la console du portail, ou appelez depuis un serveur ou la ligne de commande.',
    },
  ),
  subscriptionExpired: define(
    'subscription-expired',
    403,
    { en: 'Subscription expired', fr: 'Abonnement expiré' },
    {
      en: 'The subscription had an end date and it has passed. Ask for a new key.',
      fr: 'L’abonnement avait une date de fin et elle est passée. Demandez une nouvelle clé.',
    },
  ),
  subscriptionPending: define(
    'subscription-pending',
    403,
    { en: 'Subscription awaiting approval', fr: 'Abonnement en attente d’approbation' },
    {
      en: 'Restricted APIs need an administrator to approve each key. The key works as soon as it is approved.',
      fr: 'Les API restreintes demandent qu’un administrateur approuve chaque clé. La clé fonctionne dès qu’elle est approuvée.',
    },
  ),
  subscriptionRejected: define(
    'subscription-rejected',
    403,
    { en: 'Subscription rejected', fr: 'Abonnement refusé' },
    {
      en: 'An administrator declined this subscription. Contact the API’s support to learn why.',
      fr: 'Un administrateur a refusé cet abonnement. Contactez le support de l’API pour savoir pourquoi.',
    },
  ),
  subscriptionRevoked: define(
    'subscription-revoked',
    403,
    { en: 'Subscription revoked', fr: 'Abonnement révoqué' },
    {
      en: 'An administrator revoked this key for this API. Ask for a new key.',
      fr: 'Un administrateur a révoqué cette clé pour cette API. Demandez une nouvelle clé.',
    },
  ),
  notFound: define(
    'not-found',
    404,
    { en: 'Not found', fr: 'Introuvable' },
    {
      en: 'Nothing answers at this address. Sandbox URLs look like `/<api-id>/<version-id>/<path>`.',
      fr: 'Rien ne répond à cette adresse. Les adresses du bac à sable ont la forme `/<api-id>/<version-id>/<chemin>`.',
    },
  ),
  objectNotFound: define(
    'object-not-found',
    404,
    { en: 'Object not found', fr: 'Objet introuvable' },
    {
      en: 'None of your objects has this identifier in this resource: it was never created with your key, was deleted, or your sandbox data were reset or expired. Each consumer sees only its own objects; create one with `POST` first.',
      fr: 'Aucun de vos objets n’a cet identifiant dans cette ressource : il n’a jamais été créé avec votre clé, il a été supprimé, ou vos données du bac à sable ont été remises à zéro ou ont expiré. Chaque consommateur ne voit que ses propres objets ; créez-en un d’abord avec `POST`.',
    },
  ),
  preferenceUnavailable: define(
    'preference-unavailable',
    404,
    { en: 'No such example or status', fr: 'Exemple ou statut inexistant' },
    {
      en: 'The `Prefer` header asks for a status or a named example this operation does not document. The API reference lists the responses and examples of each operation.',
      fr: 'L’en-tête `Prefer` demande un statut ou un exemple nommé que cette opération ne documente pas. La référence de l’API liste les réponses et les exemples de chaque opération.',
    },
  ),
  unknownApi: define(
    'unknown-api',
    404,
    { en: 'Unknown API', fr: 'API inconnue' },
    {
      en: 'The first segment of the path names no API of the catalog. Copy the sandbox URL from the API page.',
      fr: 'Le premier segment du chemin ne nomme aucune API du catalogue. Copiez l’adresse du bac à sable depuis la page de l’API.',
    },
  ),
  unknownOperation: define(
    'unknown-operation',
    404,
    { en: 'No such operation', fr: 'Aucune opération à cette adresse' },
    {
      en: "No path of this version's OpenAPI document matches the request. Paths are relative to the version's sandbox URL (`/<api-id>/<version-id>`).",
      fr: 'Aucun chemin du document OpenAPI de cette version ne correspond à la requête. Les chemins partent de l’adresse du bac à sable de la version (`/<api-id>/<version-id>`).',
    },
  ),
  unknownSubscription: define(
    'unknown-subscription',
    404,
    { en: 'Unknown key or subscription', fr: 'Clé ou abonnement inconnu' },
    {
      en: 'No key has this prefix or id, or it has no subscription to the API named (admin API).',
      fr: 'Aucune clé n’a ce préfixe ou cet identifiant, ou elle n’a pas d’abonnement à l’API nommée (API d’administration).',
    },
  ),
  unknownVersion: define(
    'unknown-version',
    404,
    { en: 'Unknown API version', fr: 'Version d’API inconnue' },
    {
      en: 'The second segment of the path names no version of this API. The API page lists its versions.',
      fr: 'Le deuxième segment du chemin ne nomme aucune version de cette API. La page de l’API liste ses versions.',
    },
  ),
  methodNotAllowed: define(
    'method-not-allowed',
    405,
    { en: 'Method not allowed', fr: 'Méthode non autorisée' },
    {
      en: 'This endpoint of the gateway does not accept this method; the `Allow` header lists those it does.',
      fr: 'Ce point d’accès de la passerelle n’accepte pas cette méthode ; l’en-tête `Allow` liste celles qu’il accepte.',
    },
  ),
  undocumentedMethod: define(
    'undocumented-method',
    405,
    { en: 'Method not documented for this path', fr: 'Méthode non documentée pour ce chemin' },
    {
      en: 'The path exists in the document, but not with this method; the `Allow` header lists the methods it has.',
      fr: 'Le chemin existe dans le document, mais pas avec cette méthode ; l’en-tête `Allow` liste les méthodes qu’il a.',
    },
  ),
  notAcceptable: define(
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
  requestTimeout: define(
    'request-timeout',
    408,
    { en: 'Request too slow', fr: 'Requête trop lente' },
    {
      en: 'The client took too long to send the request headers or body.',
      fr: 'Le client a mis trop longtemps à envoyer les en-têtes ou le corps de la requête.',
    },
  ),
  conflictingState: define(
    'conflicting-state',
    409,
    { en: 'Not possible in the current state', fr: 'Impossible dans l’état actuel' },
    {
      en: 'The subscription is not in a state that allows this change, e.g. approving a revoked key (admin API).',
      fr: 'L’abonnement n’est pas dans un état qui permet ce changement, par exemple approuver une clé révoquée (API d’administration).',
    },
  ),
  objectExists: define(
    'object-exists',
    409,
    { en: 'Object already exists', fr: 'L’objet existe déjà' },
    {
      en: 'The body gives an identifier one of your objects already has. Give another, or change that object with `PUT` or `PATCH`.',
      fr: 'Le corps donne un identifiant qu’a déjà l’un de vos objets. Donnez-en un autre, ou modifiez cet objet avec `PUT` ou `PATCH`.',
    },
  ),
  patchNotApplicable: define(
    'patch-not-applicable',
    409,
    { en: 'Patch cannot be applied', fr: 'Correctif inapplicable' },
    {
      en: 'A JSON Patch operation does not apply to the object as stored: a `test` did not match, or a path does not exist. Read the object again and build the patch from what it holds.',
      fr: 'Une opération JSON Patch ne s’applique pas à l’objet tel qu’il est enregistré : un `test` n’a pas correspondu, ou un chemin n’existe pas. Relisez l’objet et construisez le correctif à partir de ce qu’il contient.',
    },
  ),
  versionRetired: define(
    'version-retired',
    410,
    { en: 'API version retired', fr: 'Version d’API retirée' },
    {
      en: 'This version has passed its sunset and no longer answers. Move to the current version shown on the API page.',
      fr: 'Cette version a passé sa date de fin et ne répond plus. Passez à la version actuelle qu’indique la page de l’API.',
    },
  ),
  bodyTooLarge: define(
    'body-too-large',
    413,
    { en: 'Request body too large', fr: 'Corps de requête trop gros' },
    {
      en: 'The sandbox reads request bodies up to a fixed size: 1 MiB at the gateway unless configured otherwise.',
      fr: 'Le bac à sable lit les corps de requête jusqu’à une taille fixe : 1 Mio à la passerelle, sauf configuration contraire.',
    },
  ),
  unsupportedMediaType: define(
    'unsupported-media-type',
    415,
    { en: 'Unsupported media type', fr: 'Type de média non pris en charge' },
    {
      en: 'The request body is in a media type the endpoint does not read. An API operation reads the media types its document lists for the request body; the sandbox’s own endpoints read `application/json`.',
      fr: 'Le corps de la requête est dans un type de média que le point d’accès ne lit pas. Une opération d’API lit les types de média que son document liste pour le corps de requête ; les points d’accès propres au bac à sable lisent `application/json`.',
    },
  ),
  requestViolations: define(
    'request-violations',
    422,
    { en: 'Request does not match the document', fr: 'Requête non conforme au document' },
    {
      en: "The request breaks the operation's OpenAPI description; `violations` lists each one with its `location` (`body.montant`, `query.page`) and a `message`.",
      fr: 'La requête enfreint la description OpenAPI de l’opération ; `violations` liste chaque écart avec son `location` (`body.montant`, `query.page`) et un `message`.',
    },
  ),
  quotaExceeded: define(
    'quota-exceeded',
    429,
    { en: 'Quota exceeded', fr: 'Quota dépassé' },
    {
      en: 'The key used every request its plan allows in the last minute. Wait for the seconds given in `Retry-After`; the `RateLimit` header tells how many requests remain.',
      fr: 'La clé a utilisé toutes les requêtes que son offre permet sur la dernière minute. Attendez le nombre de secondes indiqué par `Retry-After` ; l’en-tête `RateLimit` dit combien de requêtes il reste.',
    },
  ),
  tooManyFailedAuthentications: define(
    'too-many-failed-authentications',
    429,
    { en: 'Too many failed authentications', fr: 'Trop d’authentifications échouées' },
    {
      en: 'One address sent too many wrong client ids or secrets in a short time. Wait for the seconds given in `Retry-After`, then send the right credentials.',
      fr: 'Une même adresse a envoyé trop d’identifiants ou de secrets de client faux en peu de temps. Attendez le nombre de secondes indiqué par `Retry-After`, puis envoyez les bons identifiants.',
    },
  ),
  tooManyTrialKeys: define(
    'too-many-trial-keys',
    429,
    { en: 'Too many trial keys', fr: 'Trop de clés d’essai' },
    {
      en: 'One address may ask for a few trial keys an hour. Wait for the seconds given in `Retry-After`.',
      fr: 'Une même adresse peut demander quelques clés d’essai par heure. Attendez le nombre de secondes indiqué par `Retry-After`.',
    },
  ),
  tooManyConnections: define(
    'too-many-connections',
    429,
    { en: 'Too many connections', fr: 'Trop de connexions' },
    {
      en: 'One client address may hold only so many connections to the sandbox at once (256 unless configured otherwise). Reuse connections (keep-alive) or close idle ones, then retry.',
      fr: 'Une même adresse cliente ne peut tenir qu’un nombre limité de connexions au bac à sable à la fois (256, sauf configuration contraire). Réutilisez les connexions (keep-alive) ou fermez celles qui sont inactives, puis réessayez.',
    },
  ),
  headersTooLarge: define(
    'headers-too-large',
    431,
    { en: 'Request headers too large', fr: 'En-têtes de requête trop gros' },
    {
      en: 'The request line and headers together exceed the size the sandbox accepts (16 KiB unless configured otherwise).',
      fr: 'La ligne de requête et les en-têtes dépassent ensemble la taille que le bac à sable accepte (16 Kio, sauf configuration contraire).',
    },
  ),
  internalError: define(
    'internal-error',
    500,
    { en: 'Internal error', fr: 'Erreur interne' },
    {
      en: 'Something unexpected went wrong in the sandbox. Retry; if it persists, send the `instance` value to the support.',
      fr: 'Une erreur inattendue s’est produite dans le bac à sable. Réessayez ; si elle persiste, envoyez la valeur d’`instance` au support.',
    },
  ),
  mockFailed: define(
    'mock-failed',
    500,
    {
      en: 'The document gives no answer to send',
      fr: 'Le document ne donne aucune réponse à envoyer',
    },
    {
      en: 'The operation documents no example and no schema to build an answer from, for the status chosen. The API owners can add one.',
      fr: 'L’opération ne documente ni exemple ni schéma à partir duquel construire une réponse, pour le statut choisi. Les propriétaires de l’API peuvent en ajouter un.',
    },
  ),
  answerTooLarge: define(
    'answer-too-large',
    500,
    { en: 'Answer too large to generate', fr: 'Réponse trop grosse à générer' },
    {
      en: 'The response schema describes an answer larger than the sandbox generates (arrays, strings and nesting are bounded so one call cannot hold the sandbox). Ask for a documented example with `Prefer: example=<name>`; the API owners can bound the schema.',
      fr: 'Le schéma de réponse décrit une réponse plus grosse que ce que génère le bac à sable (tableaux, chaînes et imbrication sont bornés pour qu’un appel ne puisse pas l’accaparer). Demandez un exemple documenté avec `Prefer: example=<nom>` ; les propriétaires de l’API peuvent borner le schéma.',
    },
  ),
  upstreamFailed: define(
    'upstream-failed',
    502,
    { en: 'Sandbox mock failed', fr: 'Échec du simulateur du bac à sable' },
    {
      en: 'The mock server behind the gateway broke the connection or sent an invalid answer.',
      fr: 'Le simulateur derrière la passerelle a rompu la connexion ou envoyé une réponse invalide.',
    },
  ),
  apiStarting: define(
    'api-starting',
    503,
    {
      en: 'Sandbox still preparing this API version',
      fr: 'Bac à sable encore en préparation pour cette version',
    },
    {
      en: 'The sandbox has just started and is still reading this version’s document. Retry after the seconds given in `Retry-After`.',
      fr: 'Le bac à sable vient de démarrer et lit encore le document de cette version. Réessayez après le nombre de secondes indiqué par `Retry-After`.',
    },
  ),
  apiUnavailable: define(
    'api-unavailable',
    503,
    {
      en: 'Sandbox unavailable for this API version',
      fr: 'Bac à sable indisponible pour cette version',
    },
    {
      en: "The sandbox could not prepare this version's OpenAPI document (too large or not supported by the mock engine). Other APIs answer; the API owners can see why in the sandbox health report.",
      fr: 'Le bac à sable n’a pas pu préparer le document OpenAPI de cette version (trop gros, ou non pris en charge par le moteur de simulation). Les autres API répondent ; les propriétaires de l’API peuvent en voir la raison dans le rapport de santé du bac à sable.',
    },
  ),
  upstreamUnavailable: define(
    'upstream-unavailable',
    503,
    { en: 'Sandbox mock unavailable', fr: 'Simulateur du bac à sable indisponible' },
    {
      en: 'The mock server behind the gateway is not running or refuses connections. Retry in a moment.',
      fr: 'Le simulateur derrière la passerelle ne tourne pas ou refuse les connexions. Réessayez dans un instant.',
    },
  ),
  storeUnavailable: define(
    'store-unavailable',
    503,
    { en: 'Sandbox store unavailable', fr: 'Base du bac à sable indisponible' },
    {
      en: 'The database of the sandbox (PostgreSQL), which holds its keys, subscriptions and credentials and the objects you create, did not answer; nothing was changed, and what was stored before is kept. A key or client already used keeps working, as do calls that remember nothing; a first use, a new key and any change wait for it. Retry in a moment.',
      fr: 'La base de données du bac à sable (PostgreSQL), qui garde ses clés, ses abonnements, ses identifiants et les objets que vous créez, n’a pas répondu ; rien n’a été changé, et ce qui était enregistré est conservé. Une clé ou un client déjà utilisé continue de fonctionner, comme les appels qui ne retiennent rien ; une première utilisation, une nouvelle clé et tout changement attendent son retour. Réessayez dans un instant.',
    },
  ),
  quotaUnavailable: define(
    'quota-unavailable',
    503,
    { en: 'Quota cannot be counted', fr: 'Quota impossible à compter' },
    {
      en: 'The sandbox counts quotas in a shared service (Redis) that did not answer in time, and its operator chose to refuse calls rather than let them through uncounted (fail-closed). Nothing was sent to the mock server. Retry after the seconds given in `Retry-After`.',
      fr: 'Le bac à sable compte les quotas dans un service partagé (Redis) qui n’a pas répondu à temps, et son exploitant a choisi de refuser les appels plutôt que de les laisser passer sans les compter (fail-closed). Rien n’a été envoyé au simulateur. Réessayez après le nombre de secondes donné dans `Retry-After`.',
    },
  ),
  upstreamTimeout: define(
    'upstream-timeout',
    504,
    { en: 'Sandbox mock too slow', fr: 'Simulateur du bac à sable trop lent' },
    {
      en: 'The mock server did not answer within the gateway’s time limit (10 s unless configured otherwise).',
      fr: 'Le simulateur n’a pas répondu dans le délai de la passerelle (10 s, sauf configuration contraire).',
    },
  ),
  insufficientStorage: define(
    'insufficient-storage',
    507,
    { en: 'Sandbox storage full', fr: 'Stockage du bac à sable plein' },
    {
      en: 'The sandbox could not record the change asked for (a key, a decision, an object you create) because the disk holding its store is full; nothing was changed. Calls that change nothing keep working. Retry once its operator has freed space.',
      fr: 'Le bac à sable n’a pas pu enregistrer le changement demandé (une clé, une décision, un objet que vous créez) parce que le disque qui porte sa base est plein ; rien n’a été changé. Les appels qui ne changent rien continuent de fonctionner. Réessayez quand son exploitant aura libéré de la place.',
    },
  ),
  sandboxDataLimit: define(
    'sandbox-data-limit',
    507,
    { en: 'Sandbox data limit reached', fr: 'Limite de données du bac à sable atteinte' },
    {
      en: 'Your consumer keeps as many objects, or as many bytes, as the sandbox allows one consumer over all its APIs (`GET /<api-id>/<version-id>/_guichet/data` says both); nothing was changed. Delete objects you no longer need, or reset your data of an API version with `DELETE /<api-id>/<version-id>/_guichet/data` (or the button on the API page).',
      fr: 'Votre consommateur garde autant d’objets, ou d’octets, que le bac à sable en permet à un consommateur sur toutes ses API (`GET /<api-id>/<version-id>/_guichet/data` donne les deux) ; rien n’a été changé. Supprimez les objets dont vous n’avez plus besoin, ou remettez à zéro vos données d’une version d’API avec `DELETE /<api-id>/<version-id>/_guichet/data` (ou le bouton de la page de l’API).',
    },
  ),
} as const satisfies Record<string, ProblemType>;

/** The name of a problem type in `problemTypes`. */
export type ProblemName = keyof typeof problemTypes;

/** The media type of every refusal the sandbox sends. */
export const problemMediaType = 'application/problem+json';

/** The `type` member of a problem: a URI relative to the portal. */
export function toProblemTypeUri(problem: ProblemType): string {
  return `/problems/${problem.slug}`;
}

/** Every problem type with its `type` URI, in status order: what the portal's page lists. */
export const problemTypeList: readonly (ProblemType & { type: string })[] = Object.values(
  problemTypes,
).map((problem) => ({ ...problem, type: toProblemTypeUri(problem) }));

/** An RFC 9457 problem as the sandbox serialises it. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request id, so a partner can quote it to the support and one id follows a call. */
  instance: string;
  [extension: string]: unknown;
}

/**
 * Builds the body of a problem of a catalogued type in `language`: the title is the catalog's,
 * the detail the occurrence's; extensions follow RFC 9457 §3.2 and never change with the
 * language.
 */
export function toProblemBody(
  name: ProblemName,
  detail: Localized,
  requestId: string,
  language: SandboxLanguage,
  extensions: Record<string, unknown> = {},
): ProblemBody {
  const problem: ProblemType = problemTypes[name];
  return {
    type: toProblemTypeUri(problem),
    title: problem.title[language],
    status: problem.status,
    detail: detail[language],
    instance: requestId,
    ...extensions,
  };
}
