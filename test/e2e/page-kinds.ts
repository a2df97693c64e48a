/**
 * One page of each kind, as paths under a portal's base: what the language checks and the page
 * matrix (page-matrix.spec.ts: axe and widths) walk through in both languages and both themes. The API pages carry French content.
 */
export const pageKinds = [
  { name: 'home', path: '' },
  { name: 'catalog', path: 'apis/' },
  { name: 'API page', path: 'apis/tax-declarations/' },
  { name: 'older version page', path: 'apis/tax-declarations/v1/' },
  { name: 'guide', path: 'apis/tax-declarations/guides/demarrage-rapide/' },
  { name: 'console page', path: 'apis/tax-declarations/v2/reference/' },
  { name: 'search', path: 'search/?q=declarations' },
  { name: 'problem types', path: 'problems/' },
  { name: 'problem type', path: 'problems/quota-exceeded/' },
  { name: 'sandbox terms', path: 'terms/' },
  { name: 'accessibility statement', path: 'accessibility/' },
  { name: 'my usage page', path: 'usage/' },
  { name: 'owners’ usage page', path: 'usage/owners/' },
  { name: '404 page', path: 'no-such-page/' },
] as const;
