/**
 * The portals the end-to-end tests browse, built from the fixture APIs by the Playwright web
 * server (serve-e2e.ts): a public one at the root, and the others under base paths (internal,
 * French, DSFR), which also proves every link, asset and search result honours the base.
 */
export const e2ePort = Number(process.env.GUICHET_E2E_PORT ?? 4480);
export const e2eOrigin = `http://127.0.0.1:${String(e2ePort)}`;
export const fixtureApisDir = 'test/e2e/fixtures/apis';

/** One portal build of the end-to-end run. */
export interface E2ePortal {
  audience: 'public' | 'internal';
  base: string;
  outDir: string;
  snapshot: string;
  /** Its portal.yaml: the language and identity it is built with. */
  portalFile: string;
}

export const publicPortal: E2ePortal = {
  audience: 'public',
  base: '/',
  outDir: '.guichet/e2e/public',
  snapshot: '.guichet/e2e/public-catalog.json',
  portalFile: 'test/e2e/fixtures/portal/en.yaml',
};

export const internalPortal: E2ePortal = {
  audience: 'internal',
  base: '/internal/',
  outDir: '.guichet/e2e/internal',
  snapshot: '.guichet/e2e/internal-catalog.json',
  portalFile: 'test/e2e/fixtures/portal/en.yaml',
};

/**
 * The portal in French, guichet's default language, with a fictional ministry's identity
 * (name, logo, colour, footer links, accessibility statement): the public APIs under `/fr/`.
 */
export const frenchPortal: E2ePortal = {
  audience: 'public',
  base: '/fr/',
  outDir: '.guichet/e2e/fr',
  snapshot: '.guichet/e2e/fr-catalog.json',
  portalFile: 'test/e2e/fixtures/portal/fr.yaml',
};

/**
 * The portal in the State design system (`theme: dsfr`), built from the sample ministry's
 * portal.yaml that the README shows: the public APIs under `/dsfr/`.
 */
export const dsfrPortal: E2ePortal = {
  audience: 'public',
  base: '/dsfr/',
  outDir: '.guichet/e2e/dsfr',
  snapshot: '.guichet/e2e/dsfr-catalog.json',
  portalFile: 'examples/dsfr/portal.yaml',
};

/** What identifies the restricted fixture API; none of it may appear in a public build. */
export const restrictedMarkers = [
  'staff-directory',
  'Annuaire restreint des agents',
  'Cellule annuaire confidentielle',
  'annuaire-restreint@exemple.gouv.fr',
  'agents-habilites',
  'identite-restreinte',
];

/**
 * The real sandbox of the end-to-end run (mock server with Prism, gateway), started by
 * Playwright's web server with `npm run sandbox`'s script on ports of its own, for the fixture
 * APIs, answering CORS for the e2e portals' origin. Its data folder is wiped at each start.
 */
export const e2eSandbox = {
  url: 'http://127.0.0.1:4490',
  adminUrl: 'http://127.0.0.1:4491',
  gatewayPort: 4490,
  adminPort: 4491,
  mockPort: 4492,
  dataDir: '.guichet/e2e/sandbox',
  adminToken: 'e2e-admin-token-not-a-secret',
} as const;
