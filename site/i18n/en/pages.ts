import type { Messages } from '../fr.ts';

/** The portal's pages of their own: home, 404, the sandbox terms, a moved page. */
export const pageMessages: Pick<Messages, 'home' | 'notFound' | 'terms' | 'redirect'> = {
  home: {
    title: 'API portal',
    description:
      "Browse the administration's APIs, read their documentation and try them in the sandbox.",
    heading: 'APIs of the administration, ready to try',
    lead: (name: string): string =>
      `${name} lists the APIs our teams open to partners. Read how each one works, download its OpenAPI document, and call a realistic sandbox with a trial key before you go live.`,
    searchLabel: 'Search APIs and operations',
    searchName: 'Catalog search',
    today: 'The catalog today',
    figures: 'Catalog figures',
    apis: 'APIs',
    versions: 'versions',
    operations: 'operations',
    owners: 'owner teams',
    browse: 'Browse all APIs',
    featured: 'APIs to start with',
    empty: 'No API is published yet.',
    how: 'How it works',
    stepFindBefore: 'Find an API in the ',
    stepFindLink: 'catalog',
    stepFindAfter: ' or with the search.',
    stepRead: "Read its operations and guides; every example is the sandbox's real answer.",
    stepTry: "Get a trial key on the API's page and call the sandbox from the interactive console.",
  },
  notFound: {
    title: 'Page not found',
    heading: 'This page does not exist',
    lead: 'The API or page you followed may have moved, or a version may have been retired.',
    searchLabel: 'Search the portal',
    searchName: 'Search instead',
    orStart: 'Or start from the ',
    all: 'All APIs',
  },
  terms: {
    description: 'What the sandbox is for, what it records and for how long.',
  },
  redirect: {
    moved: 'This page moved to ',
  },
};
