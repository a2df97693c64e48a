import type { Messages } from '../fr.ts';

/** The frame of every page: the header, the search form, the footer and the DSFR theme's parts. */
export const shellMessages: Pick<Messages, 'layout' | 'searchForm' | 'footer' | 'dsfr'> = {
  layout: {
    skipLink: 'Skip to content',
    mainNav: 'Main',
    catalog: 'API catalog',
    search: 'Search',
    theme: 'Dark theme',
    /** The language switcher's name, and its button's title in the DSFR. */
    language: 'Language',
    chooseLanguage: 'Choose the interface language',
  },
  searchForm: {
    label: 'Search APIs and operations',
    name: 'Site search',
    submit: 'Search',
  },
  footer: {
    tagline: 'APIs documented from their repository, with a sandbox to try them.',
    about: 'About the portal',
    catalogJson: 'Catalog as JSON',
    problems: 'Sandbox problem types',
    terms: 'Sandbox terms',
    accessibility: (state: string): string => `Accessibility: ${state}`,
    myUsage: 'My sandbox usage',
    ownerUsage: 'Usage of the APIs (owners)',
  },
  dsfr: {
    quickAccess: 'Quick access',
    menu: 'Menu',
    close: 'Close',
    home: (name: string, brand: string): string => `Home - ${name} - ${brand}`,
    backHome: (name: string, brand: string): string => `Back to the home page - ${name} - ${brand}`,
    display: 'Display settings',
    displayLegend: 'Choose a theme to customise how the site looks.',
    light: 'Light theme',
    dark: 'Dark theme',
    system: 'System',
    systemHint: "Uses the system's settings",
    table: (name: string): string => `Table: ${name}`,
  },
};
