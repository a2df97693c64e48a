/**
 * One page of each kind, as paths under a portal's base: what the language, layout and
 * accessibility checks walk through in both languages. The API pages carry French content.
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

/** The two interface languages of the e2e run: the English portal at `/`, the French one at `/fr/`. */
export const languagePortals = [
  { lang: 'fr', base: '/fr/' },
  { lang: 'en', base: '/' },
] as const;
