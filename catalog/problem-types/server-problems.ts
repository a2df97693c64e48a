import { defineProblem, type ProblemType } from './problem-type.ts';

/**
 * The 500s: the sandbox itself could not answer (its mock server, its store, its quota counter,
 * its disk), saying what is kept and when to retry.
 * In status order, as `problemTypes` lists them.
 */
export const serverProblems = {
  internalError: defineProblem(
    'internal-error',
    500,
    { en: 'Internal error', fr: 'Erreur interne' },
    {
      en: 'Something unexpected went wrong in the sandbox. Retry; if it persists, send the `instance` value to the support.',
      fr: 'Une erreur inattendue s’est produite dans le bac à sable. Réessayez ; si elle persiste, envoyez la valeur d’`instance` au support.',
    },
  ),
  mockFailed: defineProblem(
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
  answerTooLarge: defineProblem(
    'answer-too-large',
    500,
    { en: 'Answer too large to generate', fr: 'Réponse trop grosse à générer' },
    {
      en: 'The response schema describes an answer larger than the sandbox generates (arrays, strings and nesting are bounded so one call cannot hold the sandbox). Ask for a documented example with `Prefer: example=<name>`; the API owners can bound the schema.',
      fr: 'Le schéma de réponse décrit une réponse plus grosse que ce que génère le bac à sable (tableaux, chaînes et imbrication sont bornés pour qu’un appel ne puisse pas l’accaparer). Demandez un exemple documenté avec `Prefer: example=<nom>` ; les propriétaires de l’API peuvent borner le schéma.',
    },
  ),
  upstreamFailed: defineProblem(
    'upstream-failed',
    502,
    { en: 'Sandbox mock failed', fr: 'Échec du simulateur du bac à sable' },
    {
      en: 'The mock server behind the gateway broke the connection or sent an invalid answer.',
      fr: 'Le simulateur derrière la passerelle a rompu la connexion ou envoyé une réponse invalide.',
    },
  ),
  apiStarting: defineProblem(
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
  apiUnavailable: defineProblem(
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
  upstreamUnavailable: defineProblem(
    'upstream-unavailable',
    503,
    { en: 'Sandbox mock unavailable', fr: 'Simulateur du bac à sable indisponible' },
    {
      en: 'The mock server behind the gateway is not running or refuses connections. Retry in a moment.',
      fr: 'Le simulateur derrière la passerelle ne tourne pas ou refuse les connexions. Réessayez dans un instant.',
    },
  ),
  storeUnavailable: defineProblem(
    'store-unavailable',
    503,
    { en: 'Sandbox store unavailable', fr: 'Base du bac à sable indisponible' },
    {
      en: 'The database of the sandbox (PostgreSQL), which holds its keys, subscriptions and credentials and the objects you create, did not answer; nothing was changed, and what was stored before is kept. A key or client already used keeps working, as do calls that remember nothing; a first use, a new key and any change wait for it. Retry in a moment.',
      fr: 'La base de données du bac à sable (PostgreSQL), qui garde ses clés, ses abonnements, ses identifiants et les objets que vous créez, n’a pas répondu ; rien n’a été changé, et ce qui était enregistré est conservé. Une clé ou un client déjà utilisé continue de fonctionner, comme les appels qui ne retiennent rien ; une première utilisation, une nouvelle clé et tout changement attendent son retour. Réessayez dans un instant.',
    },
  ),
  quotaUnavailable: defineProblem(
    'quota-unavailable',
    503,
    { en: 'Quota cannot be counted', fr: 'Quota impossible à compter' },
    {
      en: 'The sandbox counts quotas in a shared service (Redis) that did not answer in time, and its operator chose to refuse calls rather than let them through uncounted (fail-closed). Nothing was sent to the mock server. Retry after the seconds given in `Retry-After`.',
      fr: 'Le bac à sable compte les quotas dans un service partagé (Redis) qui n’a pas répondu à temps, et son exploitant a choisi de refuser les appels plutôt que de les laisser passer sans les compter (fail-closed). Rien n’a été envoyé au simulateur. Réessayez après le nombre de secondes donné dans `Retry-After`.',
    },
  ),
  upstreamTimeout: defineProblem(
    'upstream-timeout',
    504,
    { en: 'Sandbox mock too slow', fr: 'Simulateur du bac à sable trop lent' },
    {
      en: 'The mock server did not answer within the gateway’s time limit (10 s unless configured otherwise).',
      fr: 'Le simulateur n’a pas répondu dans le délai de la passerelle (10 s, sauf configuration contraire).',
    },
  ),
  insufficientStorage: defineProblem(
    'insufficient-storage',
    507,
    { en: 'Sandbox storage full', fr: 'Stockage du bac à sable plein' },
    {
      en: 'The sandbox could not record the change asked for (a key, a decision, an object you create) because the disk holding its store is full; nothing was changed. Calls that change nothing keep working. Retry once its operator has freed space.',
      fr: 'Le bac à sable n’a pas pu enregistrer le changement demandé (une clé, une décision, un objet que vous créez) parce que le disque qui porte sa base est plein ; rien n’a été changé. Les appels qui ne changent rien continuent de fonctionner. Réessayez quand son exploitant aura libéré de la place.',
    },
  ),
  sandboxDataLimit: defineProblem(
    'sandbox-data-limit',
    507,
    { en: 'Sandbox data limit reached', fr: 'Limite de données du bac à sable atteinte' },
    {
      en: 'Your consumer keeps as many objects, or as many bytes, as the sandbox allows one consumer over all its APIs (`GET /<api-id>/<version-id>/_guichet/data` says both); nothing was changed. Delete objects you no longer need, or reset your data of an API version with `DELETE /<api-id>/<version-id>/_guichet/data` (or the button on the API page).',
      fr: 'Votre consommateur garde autant d’objets, ou d’octets, que le bac à sable en permet à un consommateur sur toutes ses API (`GET /<api-id>/<version-id>/_guichet/data` donne les deux) ; rien n’a été changé. Supprimez les objets dont vous n’avez plus besoin, ou remettez à zéro vos données d’une version d’API avec `DELETE /<api-id>/<version-id>/_guichet/data` (ou le bouton de la page de l’API).',
    },
  ),
} as const satisfies Record<string, ProblemType>;
