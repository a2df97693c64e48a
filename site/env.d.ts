/// <reference types="astro/client" />

/** Settings of the current build, provided by config/settings-module.ts. */
declare module 'virtual:guichet/settings' {
  /** Base URL of the sandbox gateway, without a trailing slash. */
  export const sandboxUrl: string;
  /** Base URL of the sandbox's admin API (the owners' usage page), without a trailing slash. */
  export const adminUrl: string;
  /** Catalog snapshot written by the build script. */
  export const snapshotPath: string;
  /** The portal's identity and language, from portal.yaml (config/load-portal-file.ts). */
  export const identity: import('../config/load-portal-file.ts').PortalIdentity;
}

/** The stylesheet of the build's theme (`theme-neutral.css` or `theme-dsfr.css`). */
declare module 'virtual:guichet/theme.css';
