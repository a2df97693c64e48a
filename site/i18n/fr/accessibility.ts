/** The accessibility statement (RGAA's model). */
export const accessibilityMessages = {
  accessibility: {
    title: "Déclaration d'accessibilité",
    description:
      'État de conformité du portail au RGAA 4, contenus non accessibles, contact et voies de recours.',
    states: {
      full: 'totalement conforme',
      partial: 'partiellement conforme',
      none: 'non conforme',
    },
    commitment: (organisation: string): string =>
      `${organisation} s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.`,
    scope: (name: string): string =>
      `Cette déclaration d'accessibilité s'applique au portail ${name}.`,
    stateHeading: 'État de conformité',
    state: (name: string, state: string): string =>
      `Le portail ${name} est ${state} avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.`,
    declared:
      "Cet état est celui que déclare l'organisation d'après son audit ; guichet ne le calcule pas.",
    resultsHeading: 'Résultats des tests',
    results: (rate: string, auditor: string | undefined, date: string | undefined): string =>
      `L'audit de conformité${auditor ? ` réalisé par ${auditor}` : ''}${date ? ` le ${date}` : ''} révèle que ${rate} % des critères du RGAA version 4 sont respectés.`,
    noAudit: "Aucun audit de conformité n'a encore été réalisé.",
    inaccessibleHeading: 'Contenus non accessibles',
    nonConformities: 'Non-conformités',
    noNonConformity: "Aucune non-conformité n'est déclarée.",
    derogations: 'Dérogations pour charge disproportionnée ou contenus exemptés',
    noDerogation: "Aucune dérogation n'est déclarée.",
    establishedHeading: 'Établissement de cette déclaration',
    established: (date: string): string => `Cette déclaration a été établie le ${date}.`,
    technologies: 'Technologies utilisées : HTML5, CSS, JavaScript (facultatif pour la lecture).',
    contactHeading: 'Retour d’information et contact',
    contactLead:
      "Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le responsable du portail pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.",
    contactEmail: 'Adresse électronique : ',
    contactUrl: 'Formulaire de contact',
    noContact: "Aucun contact n'est encore déclaré : écrivez à l'équipe qui publie ce portail.",
    remediesHeading: 'Voies de recours',
    remediesLead:
      "Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou à une fonctionnalité du portail, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au Défenseur des droits :",
    remedyForm: 'Écrire un message au Défenseur des droits',
    remedyDelegate: 'Contacter le délégué du Défenseur des droits dans votre région',
    remedyMail:
      'Envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07',
  },
};
