import type { Messages } from '../fr.ts';

/** The search page. */
export const searchMessages: Pick<Messages, 'search'> = {
  search: {
    title: 'Search',
    description: 'Search APIs, operations and guides.',
    query: 'Words, an operation summary or a path',
    submit: 'Search',
    lifecycle: 'Lifecycle',
    anyLifecycle: 'Any lifecycle',
    tag: 'Tag',
    anyTag: 'Any tag',
    owner: 'Owner',
    anyOwner: 'Any owner',
    noscriptBefore: 'Search needs JavaScript. Browse the ',
    noscriptAfter: ' instead.',
    more: 'Show more results',
  },
};
