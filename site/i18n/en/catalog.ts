import type { Messages } from '../fr.ts';

/** The catalog of APIs and the labels it shows on each: counts, lifecycle, visibility, plans. */
export const catalogMessages: Pick<
  Messages,
  'catalog' | 'counts' | 'lifecycle' | 'visibility' | 'plans'
> = {
  catalog: {
    title: 'API catalog',
    description: 'Every API published on the portal, with filters.',
    noscript: 'Filtering needs JavaScript, which is off: every API is listed below.',
    empty: 'No API matches these filters.',
    tags: 'Tags',
    lifecycle: 'Lifecycle',
    owner: 'Owner',
    allOwners: 'All owners',
    visibility: 'Visibility',
    anyVisibility: 'Any visibility',
    apply: 'Apply filters',
    clear: 'Clear',
    version: 'version',
    versions: 'versions',
  },
  counts: {
    api: ['API', 'APIs'],
    operation: ['operation', 'operations'],
    webhook: ['webhook', 'webhooks'],
    schema: ['schema', 'schemas'],
    and: 'and',
  },
  lifecycle: {
    draft: { label: 'Draft', meaning: 'being designed: expect changes without notice' },
    beta: { label: 'Beta', meaning: 'usable, but may still change' },
    stable: { label: 'Stable', meaning: 'changes keep compatibility' },
    deprecated: { label: 'Deprecated', meaning: 'still answers until its sunset date' },
    retired: { label: 'Retired', meaning: 'no longer answers' },
    until: (date: string): string => ` until ${date}`,
  },
  visibility: {
    public: 'Public',
    partners: 'Partners only',
    internal: 'Internal only',
  },
  plans: {
    free: { label: 'Free', meaning: 'self-service trial keys start here' },
    premium: { label: 'Premium', meaning: 'granted by an administrator on request' },
    internal: { label: 'Internal', meaning: "for the administration's own applications" },
  },
};
