/** The search page. */
export const searchMessages = {
  search: {
    title: 'Recherche',
    description: 'Rechercher des API, des opérations et des guides.',
    query: 'Des mots, le résumé d’une opération ou un chemin',
    submit: 'Rechercher',
    lifecycle: 'Cycle de vie',
    anyLifecycle: 'Tout cycle de vie',
    tag: 'Étiquette',
    anyTag: 'Toute étiquette',
    owner: 'Propriétaire',
    anyOwner: 'Tout propriétaire',
    noscriptBefore: 'La recherche demande JavaScript. Parcourez plutôt le ',
    noscriptAfter: '.',
    more: 'Afficher plus de résultats',
  },
};
