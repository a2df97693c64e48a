/** The interactive console (Scalar) and its page. */
export const consoleMessages = {
  console: {
    title: (api: string, version: string): string => `${api} ${version} — console interactive`,
    description: (api: string): string => `Essayez ${api} dans le bac à sable.`,
    crumb: 'Console',
    heading: 'console interactive',
    sandboxAt: 'Les requêtes vont au bac à sable à ',
    preferBefore: '. Vous préférez lire ? Voyez la ',
    operationsLink: 'liste des opérations',
    preferMiddle: ' ou téléchargez le ',
    documentLink: 'document OpenAPI',
    keyMissing:
      'Ce navigateur ne détient encore aucune clé du bac à sable pour cette API : les requêtes seront refusées.',
    getKey: "Obtenez une clé d'essai",
    comeBack: ', puis revenez.',
    keyPresentBefore: 'Votre clé du bac à sable ',
    keyPresentClient: ' et votre client ',
    keyPresentToken: ' (un jeton d’accès est demandé pour lui)',
    keyPresentAfter:
      ' sont mis dans la console là où le document les déclare ; une requête qui n’en porte aucun reçoit la clé dans l’en-tête ',
    about:
      "La console (Scalar) construit et envoie n'importe quelle requête du document. Elle charge environ 780 Ko de JavaScript : elle s'ouvre quand vous le demandez. Chaque appel est aussi documenté, avec un « essayer » léger, dans la ",
    open: 'Ouvrir la console interactive',
    loading: 'Chargement de la console interactive…',
    noscriptBefore: 'La console demande JavaScript. La ',
    noscriptMiddle: ' et le ',
    noscriptAfter: ' fonctionnent sans.',
  },
};
