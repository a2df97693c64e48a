/** The frame of every page: the header, the search form, the footer and the DSFR theme's parts. */
export const shellMessages = {
  layout: {
    skipLink: 'Aller au contenu',
    mainNav: 'Menu principal',
    catalog: 'Catalogue des API',
    search: 'Recherche',
    theme: 'Thème sombre',
    /** The language switcher's name, and its button's title in the DSFR. */
    language: 'Langue',
    chooseLanguage: 'Choisir la langue de l’interface',
  },
  searchForm: {
    label: 'Rechercher des API et des opérations',
    name: 'Recherche sur le site',
    submit: 'Rechercher',
  },
  footer: {
    tagline: 'API documentées depuis leur dépôt, avec un bac à sable pour les essayer.',
    about: 'À propos du portail',
    catalogJson: 'Catalogue en JSON',
    problems: 'Types de problèmes du bac à sable',
    terms: "Conditions d'utilisation du bac à sable",
    accessibility: (state: string): string => `Accessibilité : ${state}`,
    myUsage: 'Ma consommation du bac à sable',
    ownerUsage: 'Usage des API (propriétaires)',
  },
  /** The DSFR theme's header, footer and display settings (`theme: dsfr`). */
  dsfr: {
    quickAccess: 'Accès rapide',
    menu: 'Menu',
    close: 'Fermer',
    home: (name: string, brand: string): string => `Accueil - ${name} - ${brand}`,
    backHome: (name: string, brand: string): string =>
      `Retour à l’accueil du site - ${name} - ${brand}`,
    display: 'Paramètres d’affichage',
    displayLegend: 'Choisissez un thème pour personnaliser l’apparence du site.',
    light: 'Thème clair',
    dark: 'Thème sombre',
    system: 'Système',
    systemHint: 'Utilise les paramètres système',
    table: (name: string): string => `Tableau : ${name}`,
  },
};
