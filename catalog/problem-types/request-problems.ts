import { defineProblem, type ProblemType } from './problem-type.ts';

/**
 * The 400s: a request the sandbox cannot read as sent, and the token endpoint's RFC 6749 refusals
 * of a malformed or unanswerable grant.
 * In status order, as `problemTypes` lists them.
 */
export const requestProblems = {
  badRequest: defineProblem(
    'bad-request',
    400,
    { en: 'Malformed HTTP request', fr: 'Requête HTTP mal formée' },
    {
      en: 'The request could not be parsed as HTTP/1.1. Check the client library or proxy that sent it.',
      fr: 'La requête ne se lit pas comme du HTTP/1.1. Vérifiez la bibliothèque cliente ou le proxy qui l’a envoyée.',
    },
  ),
  invalidPrefer: defineProblem(
    'invalid-prefer-header',
    400,
    { en: 'Invalid Prefer header', fr: 'En-tête Prefer invalide' },
    {
      en: 'The sandbox reads `Prefer: code=<status>, example=<name>, dynamic=true|false`; a value did not have that form (a status is three digits).',
      fr: 'Le bac à sable lit `Prefer: code=<statut>, example=<nom>, dynamic=true|false` ; une valeur n’avait pas cette forme (un statut a trois chiffres).',
    },
  ),
  invalidRequest: defineProblem(
    'invalid-request',
    400,
    { en: 'Invalid request', fr: 'Requête invalide' },
    {
      en: 'The request body does not match what the endpoint expects; `errors` lists each invalid field with a `pointer` and a `detail`.',
      fr: 'Le corps de la requête ne correspond pas à ce qu’attend le point d’accès ; `errors` liste chaque champ invalide avec un `pointer` et un `detail`.',
    },
  ),
  invalidGrant: defineProblem(
    'invalid-grant',
    400,
    { en: 'Grant refused', fr: 'Autorisation refusée' },
    {
      en: 'The token endpoint answers RFC 6749 `invalid_grant`: the client is known but holds no active subscription to issue a token for (pending, rejected, revoked or expired). Ask for a subscription on the API page, or wait for its approval.',
      fr: 'Le point d’accès des jetons répond `invalid_grant` (RFC 6749) : le client est connu mais n’a aucun abonnement actif pour lequel émettre un jeton (en attente, refusé, révoqué ou expiré). Demandez un abonnement sur la page de l’API, ou attendez qu’il soit approuvé.',
    },
  ),
  invalidScope: defineProblem(
    'invalid-scope',
    400,
    { en: 'Scope not granted', fr: 'Portée non accordée' },
    {
      en: 'The token endpoint answers RFC 6749 `invalid_scope`: the `scope` asked for names a scope the subscription does not grant (a restricted scope needs an administrator’s approval) or that is malformed. Ask for the scopes listed on the API page, or leave `scope` out to get every scope granted.',
      fr: 'Le point d’accès des jetons répond `invalid_scope` (RFC 6749) : le `scope` demandé nomme une portée que l’abonnement n’accorde pas (une portée restreinte demande l’approbation d’un administrateur) ou il est mal formé. Demandez les portées que liste la page de l’API, ou omettez `scope` pour obtenir toutes celles accordées.',
    },
  ),
  invalidTokenRequest: defineProblem(
    'invalid-token-request',
    400,
    { en: 'Invalid token request', fr: 'Demande de jeton invalide' },
    {
      en: 'The token endpoint answers RFC 6749 `invalid_request`: send `grant_type=client_credentials` as `application/x-www-form-urlencoded`, each parameter once, and authenticate the client one way only (`Authorization: Basic` or `client_id` and `client_secret` in the body).',
      fr: 'Le point d’accès des jetons répond `invalid_request` (RFC 6749) : envoyez `grant_type=client_credentials` en `application/x-www-form-urlencoded`, chaque paramètre une fois, et authentifiez le client d’une seule façon (`Authorization: Basic`, ou `client_id` et `client_secret` dans le corps).',
    },
  ),
  unsupportedGrantType: defineProblem(
    'unsupported-grant-type',
    400,
    { en: 'Grant type not supported', fr: 'Type d’autorisation non pris en charge' },
    {
      en: 'The token endpoint answers RFC 6749 `unsupported_grant_type`: the sandbox issues tokens by `grant_type=client_credentials` only — also for documents that declare an authorization code or implicit flow, whose scopes it grants the same way.',
      fr: 'Le point d’accès des jetons répond `unsupported_grant_type` (RFC 6749) : le bac à sable n’émet de jetons que par `grant_type=client_credentials`, y compris pour les documents qui déclarent un flux authorization code ou implicit, dont il accorde les portées de la même façon.',
    },
  ),
  malformedJson: defineProblem(
    'malformed-json',
    400,
    { en: 'Body is not valid JSON', fr: 'Corps qui n’est pas du JSON valide' },
    {
      en: 'The request says its body is JSON (`Content-Type: application/json`) but the body does not parse. Check quotes and commas.',
      fr: 'La requête annonce un corps JSON (`Content-Type: application/json`) mais il ne se lit pas. Vérifiez les guillemets et les virgules.',
    },
  ),
  bodyTooDeep: defineProblem(
    'json-too-deep',
    400,
    { en: 'Body nested too deeply', fr: 'Corps trop imbriqué' },
    {
      en: 'The JSON body nests objects and lists more than 64 levels deep. No API of the sandbox needs that many: flatten the body.',
      fr: 'Le corps JSON imbrique objets et listes sur plus de 64 niveaux. Aucune API du bac à sable n’en demande autant : aplatissez le corps.',
    },
  ),
} as const satisfies Record<string, ProblemType>;
