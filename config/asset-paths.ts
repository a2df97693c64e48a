/** Folder, under the portal's base, that serves Scalar's browser bundle. */
export const scalarFolder = '_scalar';

/** Folder, under the portal's base, that holds Pagefind's index and its search script. */
export const searchFolder = 'pagefind';

/** Folder, under the portal's base, that serves the DSFR theme's files (`theme: dsfr`). */
export const dsfrFolder = '_dsfr';

/** The DSFR theme's stylesheet (composed from the package) and module, inside `_dsfr/`. */
export const dsfrStylesheet = 'dsfr.css';
export const dsfrScript = 'dsfr.module.min.js';
