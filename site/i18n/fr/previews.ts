/** The previews server's own pages (`npm run previews`): its index and its 404. */
export const previewMessages = {
  previews: {
    title: 'Prévisualisations des branches',
    none: 'Aucune prévisualisation pour l’instant. Construisez-en une avec ',
    caption: (count: number): string =>
      `${String(count)} prévisualisation(s), la plus récente d’abord`,
    branch: 'Branche',
    commit: 'Commit',
    built: 'Construite',
    audience: 'Public',
    sandbox: 'Bac à sable',
    noCommit: 'aucun',
    sandboxStopped: 'démarre au premier appel',
    sandboxStarting: 'démarrage',
    sandboxRunning: 'en marche',
    sandboxFailed: 'n’a pas pu démarrer (nouvel essai au prochain appel)',
    notFoundTitle: 'Aucune prévisualisation ici',
    notFoundBefore: 'Rien n’est servi à ',
    notFoundAfter: ' : sa branche n’a pas de prévisualisation, ou elle a été retirée.',
    every: 'Toutes les prévisualisations',
  },
};
