/** `npm run screenshots`: the README's pictures of the portal, taken again. */
export const screenshotsCommand = {
  name: 'screenshots',
  usage: `Usage: npm run screenshots -- [options]

Builds the sample catalog (apis/) twice, in the neutral theme (French and English, guichet's
defaults) and in the DSFR theme (examples/dsfr/portal.yaml), serves each on loopback and takes
the home, catalog and API page in both languages, at 1280 px (desktop) and 390 px (mobile), in
Debian's Chromium: 24 PNG files of the screen's first view, light colours, into docs/screenshots/.

  --out <folder>    where the PNG files go (default: docs/screenshots)
  -h, --help        show this help`,
  options: { out: { type: 'string' } },
} as const;
