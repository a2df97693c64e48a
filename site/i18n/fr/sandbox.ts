/** The API page's sandbox section: addresses, credentials, commands. */
export const sandboxMessages = {
  sandbox: {
    /** Ce que la commande du bac à sable envoie (site/lib/sandbox-commands.ts). */
    sends: {
      key: (name: string): string => `votre clé dans ${name}`,
      token: 'un jeton d’accès',
      tokenWith: (scopes: string): string => `un jeton d’accès avec ${scopes}`,
      client: 'votre identifiant et secret client',
      and: ' et ',
      open: 'rien : l’opération est ouverte',
    },
    heading: 'Bac à sable',
    leadBefore:
      'Le bac à sable répond à chaque opération de cette version avec les exemples de son document OpenAPI, et authentifie chaque appel comme le document le déclare (voir ',
    leadLink: 'Authentification',
    leadAfter: ').',
    baseUrl: 'URL de base : ',
    retired: 'Cette version est retirée : le bac à sable ne lui répond plus.',
    plansCaption: 'Formules et quotas du bac à sable',
    plan: 'Formule',
    perMinute: 'Requêtes par minute',
    for: 'Pour',
    planQuota: (plan: string, count: string): string =>
      `Formule ${plan} : ${count} requêtes par minute`,
    refusals: 'Quand le bac à sable refuse',
    refusalsBefore: 'Les refus sont des réponses ',
    refusalsMiddle: ' (RFC 9457). Leur type, par exemple ',
    refusalsLinkBefore: ', nomme une page des ',
    refusalsLink: 'types de problèmes du bac à sable',
    refusalsAfter: ' qui dit ce qui est arrivé et que faire.',
    onceKeyBefore: 'Une fois votre clé obtenue, essayez des requêtes dans la ',
    terminal: 'Essayer depuis un terminal',
    replaceBefore: 'Remplacez ',
    replaceAfter:
      ' par ceux de votre application d’essai ; une fois que vous en avez une, cette page les met pour vous.',
    callsBefore: 'Cette commande appelle ',
    callsMiddle: ', en envoyant ',
    callsAfter: ' :',
    copyTokenCommand: 'Copier la commande du jeton',
    copyCommand: 'Copier la commande',
    theCommand: 'la commande',
    choose: 'Choisir la réponse',
    preferLead: "Ajoutez un en-tête Prefer à n'importe quelle requête :",
    preferCode:
      'Répond avec la réponse que le document déclare pour ce statut, au lieu de la première.',
    preferExample:
      "Répond avec un exemple nommé : l'un de ceux du document, ou l'un de ceux que les propriétaires listent plus bas.",
    preferDynamic:
      "Génère une réponse à partir du schéma de réponse plutôt que de renvoyer l'exemple.",
    invalidBefore: "Les requêtes que le document n'autorise pas sont refusées avec ",
    invalidAfter:
      ' et la liste de ce qui ne va pas ; ajoutez Prefer: code=… pour obtenir quand même la réponse documentée.',
    noCallbacks:
      'Le bac à sable ne fait que répondre : il n’appelle jamais les callbacks (webhooks) qu’un document déclare, ni aucune autre adresse, quelle que soit l’URL donnée par une requête.',
    memory: 'Ce que le bac à sable retient',
    memoryLead:
      "Ces opérations travaillent sur vos propres objets : ce que vous créez est relu, modifié, listé et supprimé, gardé pour votre seule clé, même après un redémarrage, jusqu'à ce que vous le réinitialisiez ou le laissiez inutilisé une semaine.",
    and: ' et ',
    preferStore:
      "Ajoutez Prefer: example=… ou Prefer: code=… à une requête pour obtenir plutôt la réponse du document ; rien n'est alors gardé.",
    reset: 'Réinitialiser mes données du bac à sable pour cette version',
    stubs: 'Réponses propres au bac à sable',
    stubsLead:
      "Les propriétaires ont ajouté ces réponses pour les essais ; le document publié ne les contient pas. Les réponses d'un bouchon portent un en-tête X-Guichet-Stub avec son nom.",
    namedExamples: 'Exemples nommés',
    on: ' sur ',
    versionsLabel: 'Versions : ',
    particular: 'Réponses à des requêtes particulières',
    with: ' avec ',
    withBody: ' avec un corps contenant ',
    example: 'exemple ',
    anyValue: ' (toute valeur là où restent des accolades)',
  },
};
