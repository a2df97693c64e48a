/** The usage pages: a partner's own, and the owners' report. */
export const usageMessages = {
  usage: {
    consumerTitle: 'Ma consommation du bac à sable',
    consumerDescription:
      'Vos appels, vos refus et votre consommation de quota par API, lus avec votre clé.',
    consumerLead:
      'Vos propres appels, vos refus et votre consommation de quota, par API. Seule votre clé les ouvre : personne d’autre ne les voit, et vous ne voyez ceux de personne.',
    ownerTitle: 'Usage des API',
    ownerDescription:
      'Qui appelle quelles API du bac à sable, et comment cela se passe, pour leurs propriétaires.',
    ownerLead:
      'Qui appelle quoi, et comment cela se passe : requêtes dans le temps, erreurs, latences, refus de quota, principaux consommateurs et opérations, et qui appelle encore une version obsolète.',
    storedKeys: 'Clé de ce navigateur',
    typeKey: 'Saisir une autre clé',
    key: 'Votre clé',
    keyHint:
      'Votre clé d’abonnement (gk_…), celle que ce navigateur détient ou une autre. Elle n’est envoyée qu’au bac à sable, avec chaque lecture de cette page.',
    adminToken: 'Jeton d’administration',
    adminTokenHint:
      'Le jeton de l’API d’administration du bac à sable. Il n’est envoyé qu’à elle, avec chaque lecture de cette page, et n’est gardé nulle part.',
    api: 'API (facultatif)',
    version: 'Version (facultatif)',
    consumer: 'Identifiant du consommateur (facultatif)',
    operation: 'Opération (facultatif)',
    period: 'Période',
    periods: {
      hour: 'Dernière heure',
      day: 'Dernières 24 heures',
      week: '7 derniers jours',
      month: '30 derniers jours',
      quarter: '90 derniers jours',
    },
    resolution: 'Résolution',
    resolutions: { minute: 'Minute', hour: 'Heure', day: 'Jour' },
    show: 'Afficher l’usage',
    csv: 'Télécharger en CSV',
    totals: 'Totaux',
    perApi: 'Par API',
    overTime: 'Requêtes dans le temps',
    chart:
      'Graphique des requêtes, des erreurs et des refus de quota dans le temps ; le tableau qui suit donne les mêmes chiffres.',
    seriesTable: 'Requêtes dans le temps, en tableau',
    topConsumers: 'Principaux consommateurs',
    topOperations: 'Principales opérations',
    deprecated: 'Versions obsolètes encore appelées',
    noscript:
      'Cette page lit les chiffres du bac à sable avec JavaScript, désactivé ici. Le bac à sable les donne aussi en JSON ou en CSV : ',
  },
};
