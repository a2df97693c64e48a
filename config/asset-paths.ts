/** Folder, under the portal's base, that serves Scalar's browser bundle. */
export const scalarFolder = '_scalar';

/** Folder, under the portal's base, that holds Pagefind's index and its search script. */
export const searchFolder = 'pagefind';
