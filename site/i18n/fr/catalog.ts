/** The catalog of APIs and the labels it shows on each: counts, lifecycle, visibility, plans. */
export const catalogMessages = {
  catalog: {
    title: 'Catalogue des API',
    description: 'Toutes les API publiées sur le portail, avec des filtres.',
    noscript:
      'Le filtrage demande JavaScript, désactivé ici : toutes les API sont listées ci-dessous.',
    empty: 'Aucune API ne correspond à ces filtres.',
    tags: 'Étiquettes',
    lifecycle: 'Cycle de vie',
    owner: 'Propriétaire',
    allOwners: 'Tous les propriétaires',
    visibility: 'Visibilité',
    anyVisibility: 'Toute visibilité',
    apply: 'Appliquer les filtres',
    clear: 'Effacer',
    version: 'version',
    versions: 'versions',
  },
  counts: {
    api: ['API', 'API'],
    operation: ['opération', 'opérations'],
    webhook: ['webhook', 'webhooks'],
    schema: ['schéma', 'schémas'],
    and: 'et',
  },
  lifecycle: {
    draft: { label: 'Brouillon', meaning: 'en conception : changements sans préavis' },
    beta: { label: 'Bêta', meaning: 'utilisable, mais peut encore changer' },
    stable: { label: 'Stable', meaning: 'les changements restent compatibles' },
    deprecated: { label: 'Obsolète', meaning: "répond encore jusqu'à sa date de fin" },
    retired: { label: 'Retirée', meaning: 'ne répond plus' },
    until: (date: string): string => ` jusqu'au ${date}`,
  },
  visibility: {
    public: 'Publique',
    partners: 'Réservée aux partenaires',
    internal: 'Interne uniquement',
  },
  plans: {
    free: { label: 'Gratuit', meaning: "les clés d'essai en libre-service commencent ici" },
    premium: { label: 'Premium', meaning: 'accordé par un administrateur sur demande' },
    internal: { label: 'Interne', meaning: "pour les applications de l'administration elle-même" },
  },
};
