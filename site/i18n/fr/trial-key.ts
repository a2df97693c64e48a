/** The trial-key form and what it shows once a key is issued. */
export const trialKeyMessages = {
  trialKey: {
    heading: "Obtenir une clé d'essai",
    fallback:
      'Demander une clé sur cette page demande JavaScript. Si vous faites tourner le bac à sable vous-même, créez-en une en ligne de commande :',
    myApplication: 'Mon application',
    writeTo: 'Ou écrivez aux propriétaires à ',
    storedBefore: 'Ce navigateur détient déjà une clé pour cette API : ',
    storedClient: ', et le client ',
    storedAfter: '. La console et les commandes ci-dessous les utilisent.',
    rotateSecret: 'Renouveler le secret client',
    revokeCredentials: 'Révoquer ces identifiants',
    newSecret: 'Nouveau secret client : ',
    theSecret: 'le secret client',
    copySecret: 'Copier le secret',
    yourCredentials:
      'Les identifiants de votre application d’essai : une clé, et un identifiant et un secret client.',
    clientId: 'Identifiant client (OAuth 2.0 client credentials, HTTP basic) : ',
    theClientId: 'l’identifiant client',
    copyClientId: 'Copier l’identifiant client',
    clientSecret: 'Secret client : ',
    forget: 'Oublier cette clé',
    myUsage: 'Voir ma consommation de cette API',
    restricted:
      'Cette API est restreinte : un administrateur approuve chaque clé avant qu’elle fonctionne.',
    application: "Nom de l'application",
    email: 'Adresse électronique de contact',
    emailHint: 'Utilisée uniquement pour vous écrire au sujet de cette clé.',
    acceptBefore: "J'accepte les ",
    acceptLink: "conditions d'utilisation du bac à sable",
    submit: "Obtenir une clé d'essai",
    yourKey: "Votre clé d'essai",
    theKey: 'la clé',
    copyKey: 'Copier la clé',
    storeNow: 'Conservez-la maintenant.',
    shownOnce:
      ' La clé et le secret client ne sont affichés qu’une fois : le bac à sable en garde une empreinte, pas les valeurs.',
    waiting: "En attente d'approbation.",
    waitingBefore:
      ' Un administrateur doit approuver cette clé avant que le bac à sable ne l’accepte ; en attendant, les appels sont refusés avec ',
    waitingLink: '403 Abonnement en attente d’approbation',
    waitingAfter: '. La clé fonctionne dès son approbation : inutile de la redemander.',
    nextBefore: 'Ensuite : essayez une requête dans la ',
  },
};
