import type { Messages } from '../fr.ts';

/** A guide's page. */
export const guideMessages: Pick<Messages, 'guide'> = {
  guide: {
    breadcrumbGuides: 'Guides',
    introBefore: 'A guide to ',
    introMiddle: '. Try the calls in the ',
    console: 'interactive console',
    others: 'Other guides',
  },
};
