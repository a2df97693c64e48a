import type { ResourceRole } from '../../catalog/index.ts';

/** What each role does to the consumer's objects, completing "The sandbox … your own objects". */
export const statefulRoleLabels: Readonly<Record<ResourceRole, string>> = {
  create: 'stores what this creates among',
  list: 'lists',
  read: 'reads back',
  replace: 'replaces one of',
  update: 'changes one of',
  delete: 'deletes one of',
};

/** The role of each operation of a resource, in the order the API page lists them. */
export const statefulRoleNames: Readonly<Record<ResourceRole, string>> = {
  create: 'create',
  list: 'list',
  read: 'read',
  replace: 'replace',
  update: 'change',
  delete: 'delete',
};
