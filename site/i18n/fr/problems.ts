/** The pages of the sandbox's problem types. */
export const problemMessages = {
  problems: {
    title: 'Types de problèmes du bac à sable',
    description: 'Chaque refus du bac à sable, ce qu’il signifie et que faire.',
    leadBefore: 'Quand le bac à sable refuse une requête, il répond ',
    leadAfter:
      " (RFC 9457). Le membre type du corps nomme l'une des pages ci-dessous ; detail dit ce qui est arrivé à votre requête et instance l'identifie dans les journaux du bac à sable.",
    statuses: 'Statuts',
    footerBefore: "Pour obtenir une clé d'essai, lisez la page d'une API dans le ",
    footerMiddle: ' ; les ',
    termsLink: "conditions d'utilisation du bac à sable",
    footerAfter: ' disent à quoi il sert.',
    pageTitle: (title: string): string => `${title} — problème du bac à sable`,
    breadcrumb: 'Fil d’Ariane',
    status: 'Statut',
    type: 'Type',
    when: 'Quand cela arrive',
    what: 'Que faire',
    example: 'Exemple de réponse',
    exampleNote: 'Les membres detail et instance changent à chaque requête.',
    others: (status: number): string => `Autres problèmes ${String(status)}`,
    every: 'Tous les types de problèmes',
    /** What to do, by status, for types whose description states only the cause. */
    remedies: {
      401: 'Envoyez les identifiants que nomme la description, puis réessayez.',
      404: 'Comparez l’identifiant de `detail` à ce qui existe, puis réessayez.',
      405: 'Renvoyez la requête avec l’une des méthodes que liste l’en-tête `Allow`.',
      408: 'Envoyez la requête entière sans pause ; vérifiez tout proxy entre votre client et le bac à sable.',
      409: 'Lisez dans `detail` l’état actuel, puis demandez un changement que cet état permet.',
      413: 'Envoyez un corps plus petit.',
      431: 'Envoyez moins d’en-têtes, ou des en-têtes plus courts ; de gros cookies en sont la cause habituelle.',
    } as Readonly<Record<number, string>>,
    remedyInvalid:
      'Corrigez la requête comme le dit `detail`, puis renvoyez-la : la même requête sera refusée de la même façon.',
    remedyServer:
      'Réessayez dans un instant. Si cela continue, envoyez au support la valeur d’`instance` de la réponse : elle désigne votre requête dans les journaux du bac à sable.',
    remedyOther:
      'Lisez `detail` : il dit ce que le bac à sable a vu dans cette requête. La renvoyer telle quelle donne la même réponse.',
  },
};
