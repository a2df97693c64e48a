/** A guide's page. */
export const guideMessages = {
  guide: {
    breadcrumbGuides: 'Guides',
    introBefore: 'Un guide de ',
    introMiddle: '. Essayez les appels dans la ',
    console: 'console interactive',
    others: 'Autres guides',
  },
};
