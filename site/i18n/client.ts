/**
 * What the browser scripts say, in both languages; a script reads the page's `<html lang>`,
 * which the build set from portal.yaml. Small on purpose: the pages' own strings come from the
 * build's catalogue (`messages.ts`), these are only the ones a script writes at run time.
 */
/** The placeholders the request samples carry until the partner's credentials replace them. */
interface SamplePlaceholders {
  key: string;
  token: string;
  clientId: string;
  clientSecret: string;
}

const fr = {
  count: (count: number, one: string, many: string): string =>
    `${new Intl.NumberFormat('fr-FR').format(count)} ${count === 1 ? one : many}`,
  apis: ['API', 'API'] as [string, string],
  pages: ['page trouvée', 'pages trouvées'] as [string, string],
  searchPrompt: 'Tapez un mot, le résumé d’une opération ou un chemin (par ex. /entreprises).',
  searching: 'Recherche…',
  noResult: (query: string): string => `Aucun résultat pour « ${query} ».`,
  guide: 'Guide',
  version: (id: string, state?: 'deprecated' | 'older'): string =>
    `Version ${id}${state === 'deprecated' ? ' — obsolète' : state === 'older' ? ' — ancienne version' : ''}`,
  copied: (label: string): string => `Copié dans le presse-papiers : ${label}.`,
  copyBlocked: (label: string): string =>
    `Ce navigateur empêche la copie depuis la page : le texte est sélectionné (${label}), appuyez sur Ctrl+C pour le copier.`,
  matching: (shown: number, total: number): string =>
    `${String(shown)} API sur ${String(total)} correspondent`,
  resetNoKey:
    "Ce navigateur ne détient aucune clé pour cette API : obtenez d'abord une clé d'essai.",
  resetting: 'Réinitialisation…',
  resetDone:
    'Vos données du bac à sable pour cette version sont réinitialisées : vous repartez des exemples.',
  refused: (title: string): string => `Le bac à sable a refusé : ${title}.`,
  unreachable: "Le bac à sable est injoignable. Vérifiez qu'il tourne, puis réessayez.",
  theText: 'le texte',
  samplesNoKey: (p: SamplePlaceholders): string =>
    `Remplacez ${p.key} (ou ${p.token}, ${p.clientId} et ${p.clientSecret}) par les identifiants de votre application d’essai (obtenez-les dans la section du bac à sable).`,
  samplesKey: (hint: string | undefined, clientId: string | undefined): string =>
    `Copier met votre clé (${hint ?? 'aucune'}) et votre client${clientId === undefined ? '' : ` (${clientId})`} à la place des marques, avec un jeton d’accès neuf là où un exemple en envoie un.`,
  selectToCopy: (label: string): string =>
    `Ce navigateur empêche la copie depuis la page : sélectionnez ${label} et appuyez sur Ctrl+C.`,
  tryOpen: 'Cette opération est ouverte : elle est envoyée sans identifiants.',
  tryMissing:
    "Obtenez d'abord une clé dans la section du bac à sable : sans les identifiants de votre application d’essai, le bac à sable répond 401.",
  tryKeyIn: (hint: string, name: string): string =>
    `votre clé du bac à sable (${hint}) dans ${name}`,
  tryToken: (clientId: string): string =>
    `un jeton d’accès que le bac à sable délivre à votre client (${clientId})`,
  tryClient: (clientId: string): string => `votre identifiant et secret client (${clientId})`,
  trySent: (parts: string[]): string => `Envoyée avec ${parts.join(' et ')}.`,
  answered: (status: string): string => `Le bac à sable a répondu ${status}.`,
  notSent: (reason: string): string => `Non envoyée : ${reason}`,
  usage: {
    locale: 'fr-FR',
    reading: 'Lecture de l’usage…',
    shownOwner: 'Usage affiché.',
    shownConsumer: (application: string, consumerId: string): string =>
      `Usage de ${application} (${consumerId}) affiché.`,
    csvDone: 'CSV téléchargé.',
    refused: (status: number, title: string): string =>
      `Le bac à sable a répondu ${String(status)} : ${title}.`,
    unreachable: (url: string): string =>
      `Rien n’a répondu à ${url}. Vérifiez que le bac à sable tourne et que ce portail peut l’appeler (GUICHET_CORS_ORIGINS), puis réessayez.`,
    noKey: 'Saisissez votre clé, ou choisissez celle que ce navigateur détient.',
    totals: 'Totaux de la période',
    requests: 'Requêtes',
    clientErrors: '4xx',
    serverErrors: '5xx',
    errorRate: 'Taux d’erreur',
    quotaRefusals: 'Refus de quota',
    p50: 'p50 (ms)',
    p95: 'p95 (ms)',
    p99: 'p99 (ms)',
    series: (bucket: 'minute' | 'hour' | 'day'): string =>
      `Requêtes par ${{ minute: 'minute', hour: 'heure', day: 'jour' }[bucket]}`,
    time: 'Début (UTC)',
    errors: 'Erreurs (4xx + 5xx)',
    operations: 'Opérations, par requêtes',
    api: 'API',
    version: 'Version',
    operation: 'Opération',
    unmatched: '(refusé avant l’opération)',
    consumers: 'Consommateurs, par requêtes',
    consumer: 'Consommateur',
    anonymous: '(sans identifiants)',
    deprecatedCallers: 'Consommateurs appelant encore une version obsolète',
    sunset: 'Fin de service',
    noSunset: 'aucune',
    lastCall: 'Dernier appel (UTC)',
    perApi: 'Vos appels par API',
    plan: 'Formule',
    quota: 'Quota par minute',
    busiest: 'Minute la plus chargée',
    none: 'Aucun appel sur cette période.',
  },
};

type ClientMessages = typeof fr;

const en: ClientMessages = {
  count: (count, one, many) =>
    `${new Intl.NumberFormat('en-GB').format(count)} ${count === 1 ? one : many}`,
  apis: ['API', 'APIs'],
  pages: ['page found', 'pages found'],
  searchPrompt: 'Type a word, an operation summary or a path (e.g. /entreprises).',
  searching: 'Searching…',
  noResult: (query) => `No result for “${query}”.`,
  guide: 'Guide',
  version: (id, state) =>
    `Version ${id}${state === 'deprecated' ? ' — deprecated' : state === 'older' ? ' — older version' : ''}`,
  copied: (label) => `Copied ${label} to the clipboard.`,
  copyBlocked: (label) =>
    `This browser blocks copying from the page: ${label} is selected, press Ctrl+C to copy it.`,
  matching: (shown, total) => `${String(shown)} of ${String(total)} APIs match`,
  resetNoKey: 'This browser holds no key for this API: get a trial key first.',
  resetting: 'Resetting…',
  resetDone: 'Your sandbox data of this version are reset: you start again from the examples.',
  refused: (title) => `The sandbox refused: ${title}.`,
  unreachable: 'The sandbox could not be reached. Check that it is running, then try again.',
  theText: 'the text',
  samplesNoKey: (p) =>
    `Replace ${p.key} (or ${p.token}, ${p.clientId} and ${p.clientSecret}) with your trial application’s credentials (get them in the sandbox section).`,
  samplesKey: (hint, clientId) =>
    `Copy puts your key (${hint ?? 'none'}) and your client${clientId === undefined ? '' : ` (${clientId})`} in place of the placeholders, with a fresh access token where a sample sends one.`,
  selectToCopy: (label) =>
    `This browser blocks copying from the page: select ${label} and press Ctrl+C.`,
  tryOpen: 'This operation is open: it is sent without credentials.',
  tryMissing:
    'Get a key in the sandbox section first: without your trial application’s credentials the sandbox answers 401.',
  tryKeyIn: (hint, name) => `your sandbox key (${hint}) in ${name}`,
  tryToken: (clientId) => `an access token the sandbox issues your client (${clientId})`,
  tryClient: (clientId) => `your client id and secret (${clientId})`,
  trySent: (parts) => `Sent with ${parts.join(' and ')}.`,
  answered: (status) => `The sandbox answered ${status}.`,
  notSent: (reason) => `Not sent: ${reason}`,
  usage: {
    locale: 'en-GB',
    reading: 'Reading the usage…',
    shownOwner: 'Usage shown.',
    shownConsumer: (application, consumerId) => `Usage of ${application} (${consumerId}) shown.`,
    csvDone: 'CSV downloaded.',
    refused: (status, title) => `The sandbox answered ${String(status)}: ${title}.`,
    unreachable: (url) =>
      `Nothing answered at ${url}. Check that the sandbox is running and that this portal may call it (GUICHET_CORS_ORIGINS), then try again.`,
    noKey: 'Type your key, or choose the one this browser holds.',
    totals: 'Totals of the period',
    requests: 'Requests',
    clientErrors: '4xx',
    serverErrors: '5xx',
    errorRate: 'Error rate',
    quotaRefusals: 'Quota refusals',
    p50: 'p50 (ms)',
    p95: 'p95 (ms)',
    p99: 'p99 (ms)',
    series: (bucket) => `Requests per ${bucket}`,
    time: 'Start (UTC)',
    errors: 'Errors (4xx + 5xx)',
    operations: 'Operations, by requests',
    api: 'API',
    version: 'Version',
    operation: 'Operation',
    unmatched: '(refused before the operation)',
    consumers: 'Consumers, by requests',
    consumer: 'Consumer',
    anonymous: '(no credentials)',
    deprecatedCallers: 'Consumers still calling a deprecated version',
    sunset: 'Sunset',
    noSunset: 'none set',
    lastCall: 'Last call (UTC)',
    perApi: 'Your calls per API',
    plan: 'Plan',
    quota: 'Quota per minute',
    busiest: 'Busiest minute',
    none: 'No calls in this period.',
  },
};

/** The scripts' strings in the page's language (French unless the page says `en`). */
export function readClientMessages(): ClientMessages {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? en : fr;
}
