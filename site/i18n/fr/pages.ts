/** The portal's pages of their own: home, 404, the sandbox terms, a moved page. */
export const pageMessages = {
  home: {
    title: 'Portail des API',
    description:
      "Parcourez les API de l'administration, lisez leur documentation et essayez-les dans le bac à sable.",
    heading: "Les API de l'administration, prêtes à l'essai",
    lead: (name: string): string =>
      `${name} recense les API que nos équipes ouvrent aux partenaires. Lisez le fonctionnement de chacune, téléchargez son document OpenAPI et appelez un bac à sable réaliste avec une clé d'essai avant la mise en production.`,
    searchLabel: 'Rechercher des API et des opérations',
    searchName: 'Recherche dans le catalogue',
    today: "Le catalogue aujourd'hui",
    figures: 'Chiffres du catalogue',
    apis: 'API',
    versions: 'versions',
    operations: 'opérations',
    owners: 'équipes propriétaires',
    browse: 'Parcourir toutes les API',
    featured: 'API pour commencer',
    empty: "Aucune API n'est encore publiée.",
    how: 'Comment ça marche',
    stepFindBefore: 'Trouvez une API dans le ',
    stepFindLink: 'catalogue',
    stepFindAfter: ' ou avec la recherche.',
    stepRead:
      'Lisez ses opérations et ses guides : chaque exemple est la vraie réponse du bac à sable.',
    stepTry:
      "Obtenez une clé d'essai sur la page de l'API et appelez le bac à sable depuis la console interactive.",
  },
  notFound: {
    title: 'Page introuvable',
    heading: "Cette page n'existe pas",
    lead: "L'API ou la page que vous avez suivie a peut-être changé d'adresse, ou une version a été retirée.",
    searchLabel: 'Rechercher sur le portail',
    searchName: 'Rechercher plutôt',
    orStart: 'Ou partez du ',
    all: 'Toutes les API',
  },
  terms: {
    description: 'À quoi sert le bac à sable, ce qu’il enregistre et combien de temps.',
  },
  redirect: {
    moved: 'Cette page a déménagé vers ',
  },
};
